module exosh

go 1.26.8

require (
	github.com/chzyer/readline v1.5.1
	github.com/go-python/gpython v0.2.0
	go.starlark.net v0.0.0-20260908191801-89a6a09411d5
	golang.org/x/image v0.25.0
	gonum.org/v1/gonum v0.17.0
)

require (
	golang.org/x/sys v0.42.0 // indirect
	golang.org/x/text v0.23.0 // indirect
)
