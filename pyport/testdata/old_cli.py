#!/usr/bin/env python
"""Usage: old_cli.py DIVISIONS

Print the element count of a cube with DIVISIONS divisions per edge."""
import sys
import exomerge


def main(argv):
    if len(argv) != 2:
        print(__doc__)
        return 0
    if not argv[1].isdigit():
        print("error: DIVISIONS must be a whole number", file=sys.stderr)
        sys.exit(1)
    n = int(argv[1])
    model = exomerge.ExodusModel()
    model.build_hex8_cube(1, 1.0, n)
    sys.stdout.write("%d elements\n" % model.get_element_count())
    sys.stdout.write("cube " + str(n) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
