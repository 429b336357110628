#!/usr/bin/env python3
"""Every argparse feature exomerge scripts lean on."""
# case full: in1.e in2.e -o out.e --steps 1 2 3 --tol 1e-6 -vvv --no-merge --block 1 --block 7 --mode fast --pair a b --opt
# case optval: in1.e --opt given --name=explicit -q --mode safe
# case defaults: only.e --mode=fast
# case help: -h
# case version: --version
# case missing: --mode fast
# case badtype: in.e --tol abc
# case badint: in.e --steps 1 x
# case fewpair: in.e --pair a
# case required: in.e --mode slow
# case ambiguous: in.e --mode fast --ver
# case prefix: in.e --mode fast --out x.e --verbo -- -dash.e
import argparse
import sys

parser = argparse.ArgumentParser(
    prog="combine",
    description="Combine several Exodus results files into one, merging nodes that "
    "coincide within a tolerance, and write the combined model. This description is "
    "long so that argparse wraps it over several lines.",
    epilog="Report problems to the mesh team.")
parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files to combine")
parser.add_argument("-o", "--output", default="combined.e", help="where to write (default: %(default)s)")
parser.add_argument("--steps", nargs="*", type=int, default=[], help="timestep indices to keep")
parser.add_argument("--tol", type=float, default=1e-8, help="merge tolerance")
parser.add_argument("-v", "--verbose", action="count", default=0, help="more output")
parser.add_argument("-q", "--quiet", action="store_true")
parser.add_argument("--no-merge", dest="merge", action="store_false", help="do not merge nodes")
parser.add_argument("--block", action="append", type=int, dest="blocks", help="block id (repeatable)")
parser.add_argument("--mode", choices=["fast", "safe"], required=True, help="how to combine")
parser.add_argument("--pair", nargs=2, metavar=("OLD", "NEW") if False else "NAME", help="rename a field")
parser.add_argument("--opt", nargs="?", const="constant", default="absent", help="optional value")
parser.add_argument("--name", default=None, help=argparse.SUPPRESS)
parser.add_argument("--verbatim", action="store_const", const=42, help="store a constant")
parser.add_argument("--version", action="version", version="%(prog)s 2.1")
args = parser.parse_args()
print(args)
for key in sorted(vars(args)):
    print("%-9s %r" % (key, getattr(args, key)))
