// Package tests holds exosh's end-to-end tests: they build the exosh binary
// and run it on the scripts under testdata/ and scripts/examples/, comparing
// standard output, standard error and the exit status with golden files
// (refreshed with go test ./tests -update); drive the REPL through a
// pseudo-terminal; check that every exomerge method of areas I, B and C is
// registered; check area C against reference formulas on the shared files;
// kill an export with SIGKILL and check the target is intact; feed import
// damaged files; and benchmark start-up.
//
// Tests find the shared data (Exodus files and exomerge-api.md) in
// $EXOSH_SHARED, else in ../shared beside the repository root.
package tests
