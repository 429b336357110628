"""Argument groups and mutually exclusive options."""
# case ok: --ascii --file a.e --file b.e -n 3
# case help: --help
# case conflict: --ascii --binary
import argparse

parser = argparse.ArgumentParser(description="Convert meshes.")
io = parser.add_argument_group("input", "Where the meshes come from.")
io.add_argument("--file", action="append", default=[], help="an input file; give it again for more")
io.add_argument("-n", "--count", type=int, default=1, help="how many copies")
fmt = parser.add_mutually_exclusive_group()
fmt.add_argument("--ascii", action="store_true", help="write text")
fmt.add_argument("--binary", action="store_true", help="write binary")
args = parser.parse_args()
print(args)
print("format:", "ascii" if args.ascii else "binary" if args.binary else "default")
