"""An older script with an optparse command line."""
# case run: -n 3 --scale=0.5 -q in.e out.e
# case help: -h
# case bad: -n three
from optparse import OptionParser
import sys


def main():
    parser = OptionParser(usage="%prog [options] input output")
    parser.add_option("-n", "--steps", dest="steps", type="int", default=1,
                      help="number of steps")
    parser.add_option("-s", "--scale", dest="scale", type="float", default=1.0,
                      metavar="FACTOR", help="scale factor")
    parser.add_option("-q", "--quiet", action="store_true", dest="quiet", default=False,
                      help="say less")
    (options, args) = parser.parse_args()
    if len(args) != 2:
        parser.error("need an input and an output")
    print("steps=%d scale=%.2f quiet=%s" % (options.steps, options.scale, options.quiet))
    print("args:", args)
    for i in range(options.steps):
        print("step", i + 1, "of", options.steps)


if __name__ == "__main__":
    main()
