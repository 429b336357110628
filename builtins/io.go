package builtins

// ioArea holds the methods that read and write files.
var ioArea = area{
	title: "Files in and out",
}
