"""argparse formatter classes: raw descriptions, raw text, defaults in help."""
# case run:
import argparse
for fc in [argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter, argparse.RawTextHelpFormatter]:
    p = argparse.ArgumentParser(prog="fmt", formatter_class=fc,
        description="""Examples:
  fmt a.e -o b.e
  fmt --scale 2 a.e""", epilog="end")
    p.add_argument("input", help="input file")
    p.add_argument("-o", "--output", default="out.e", help="output\nfile")
    p.add_argument("--scale", type=float, default=1.0, help="scale factor")
    p.add_argument("--tags", nargs="*", default=[], help="tags")
    p.add_argument("-q", action="store_true", help="quiet")
    p.print_help()
    print("----")
