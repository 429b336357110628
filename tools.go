//go:build tools

// Package tools pins dependencies until the packages that use them land.
package tools

import (
	_ "github.com/chzyer/readline"
	_ "go.starlark.net/lib/json"
	_ "go.starlark.net/lib/math"
	_ "go.starlark.net/lib/time"
	_ "go.starlark.net/repl"
	_ "go.starlark.net/starlark"
	_ "go.starlark.net/syntax"
	_ "gonum.org/v1/gonum/mat"
	_ "gonum.org/v1/gonum/spatial/kdtree"
)
