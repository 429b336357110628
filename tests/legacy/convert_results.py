#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""
convert_results.py -- summarize an Exodus results file.

Typical use:
    convert_results.py results.e --fields NodeBlock_1 --every 2
"""
# case all: $SHARED/cube.g
# case some: $SHARED/cube.g --fields NodeBlock_3 NodeBlock_1 --every 2
# case missing: $SHARED/cube.g --fields nope
# case version: --version
# case help: -h
from __future__ import print_function, division

import argparse
import math
import os
import sys

try:
    import exomerge3 as exomerge
except ImportError:  # pragma: no cover
    import exomerge

exomerge.SHOW_BANNER = False
exomerge.SUPPRESS_EXODUS_OUTPUT = True

__version__ = "1.3"

class Summary(object):
    """Running statistics of one field."""

    def __init__(self, name):
        self.name = name
        self.count = 0
        self.total = 0.0
        self.lo = float("inf")
        self.hi = -float("inf")

    def add(self, values):
        for v in values:
            self.count += 1
            self.total += v
            self.lo = min(self.lo, v)
            self.hi = max(self.hi, v)

    @property
    def mean(self):
        return self.total / self.count if self.count else float("nan")

    def row(self):
        return "{s.name:<14s}{s.count:>6d}{s.lo:>12.4f}{s.hi:>12.4f}{s.mean:>12.4f}".format(s=self)


def parse(argv):
    p = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("results")
    p.add_argument("--fields", nargs="+", default=None)
    p.add_argument("--every", type=int, default=1)
    p.add_argument("--version", action="version", version="%(prog)s " + __version__)
    return p.parse_args(argv)


def main(argv=None):
    args = parse(argv if argv is not None else sys.argv[1:])
    model = exomerge.import_model(args.results)
    names = args.fields or model.get_node_field_names()
    missing = [n for n in names if not model.node_field_exists(n)]
    if missing:
        print("error: no such field(s): %s" % ", ".join(missing), file=sys.stderr)
        return 2
    steps = model.get_timesteps()[::args.every]
    print("# %s: %d nodes, %d steps used of %d" % (os.path.basename(args.results),
          len(model.nodes), len(steps), len(model.get_timesteps())))
    summaries = dict((n, Summary(n)) for n in names)
    for t in steps:
        for n in names:
            summaries[n].add(model.get_node_field_values(n, t))
    print("{:<14s}{:>6s}{:>12s}{:>12s}{:>12s}".format("field", "n", "min", "max", "mean"))
    for n in sorted(summaries):
        print(summaries[n].row())
    spread = {n: s.hi - s.lo for n, s in summaries.items()}
    widest = max(spread, key=spread.get)
    print("widest range: %s (%.3g)" % (widest, spread[widest]))
    norm = math.sqrt(sum(s.mean ** 2 for s in summaries.values()))
    print("norm of means = %.6f" % norm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
