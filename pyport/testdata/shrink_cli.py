"""Scale a cube's coordinates from the command line."""
import sys
import argparse
try:
    import exomerge3 as exomerge
except ImportError:
    import exomerge2 as exomerge


def parse(argv):
    parser = argparse.ArgumentParser(description="Build a cube and scale it.")
    parser.add_argument("name", help="a label for the report")
    parser.add_argument("-s", "--scale", type=float, default=1.0, help="scale factor")
    parser.add_argument("-d", "--divisions", type=int, default=2)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("tags", nargs="*")
    return parser.parse_args(argv)


def main():
    args = parse(sys.argv[1:])
    model = exomerge.ExodusModel()
    model.build_hex8_cube(1, extents=1.0, divisions=args.divisions)
    model.scale_geometry(args.scale)
    x = [n[0] for n in model.nodes]
    print("{0}: {1} nodes, x in [{2:.3f}, {3:.3f}]".format(args.name, len(x), min(x), max(x)))
    if args.verbose:
        print("tags: %s" % ", ".join(args.tags))
    if args.scale < 0:
        return 4
    return 0


if __name__ == '__main__':
    sys.exit(main())
