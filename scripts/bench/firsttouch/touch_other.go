//go:build !linux

package main

import "errors"

// touchRate is measured on Linux only.
func touchRate(int) (float64, error) {
	return 0, errors.New("measured on Linux only")
}
