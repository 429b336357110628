#!/usr/bin/env python
"""Shrink a results file: keep only the fields you name."""
# case keep: $SHARED/cube.g -o $TMP/small.e --keep NodeBlock_1 ElementBlock_2 -v
# case all: $SHARED/cube.g --output=$TMP/small.e --last-only
# case help: --help
# case noargs:
# case badnargs: $SHARED/cube.g -o
# case badchoice: $SHARED/cube.g --format csv
# case unknown: $SHARED/cube.g --frobnicate
from __future__ import print_function

import argparse
import os
import sys

try:
    import exomerge3 as exomerge
except ImportError:
    import exomerge

exomerge.SHOW_BANNER = False
exomerge.SUPPRESS_EXODUS_OUTPUT = True


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Delete every node and element field of an Exodus "
        "file except the ones given with --keep, and write the result.")
    parser.add_argument("input", help="the results file to read")
    parser.add_argument("-o", "--output", default="shrunk.e",
                        help="file to write (default: %(default)s)")
    parser.add_argument("--keep", nargs="*", default=[], metavar="FIELD",
                        help="fields to keep")
    parser.add_argument("--last-only", action="store_true",
                        help="keep only the last timestep")
    parser.add_argument("--format", choices=["exodus", "genesis"], default="exodus")
    parser.add_argument("-v", "--verbose", action="count", default=0)
    return parser.parse_args(argv)


def main():
    args = parse_args()
    if not os.path.isfile(args.input):
        print("no such file: %s" % args.input)
        return 1
    model = exomerge.import_model(args.input)
    keep = set(args.keep)
    dropped = []
    for name in model.get_node_field_names():
        if name not in keep:
            model.delete_node_field(name)
            dropped.append(name)
    for name in model.get_element_field_names():
        if name not in keep:
            model.delete_element_field(name)
            dropped.append(name)
    if args.verbose:
        print("dropped {0} field(s): {1}".format(len(dropped), ", ".join(dropped)))
    timesteps = model.get_timesteps()
    if args.last_only:
        timesteps = [timesteps[-1]]
    print("node fields:    %s" % model.get_node_field_names())
    print("element fields: %s" % model.get_element_field_names())
    print("timesteps:      %r" % timesteps)
    model.export_model(args.output, timesteps=timesteps)
    print("wrote %s" % os.path.basename(args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
