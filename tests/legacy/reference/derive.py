"""Write the corpus's expected files from CPython with the reference exomerge.

usage: /usr/bin/python3 tests/legacy/reference/derive.py [NAME...]

Each tests/legacy/NAME.py lists its command lines in comments of the form

    # case CASE: ARGS...

with $SHARED (the shared testdata directory) and $TMP (a fresh directory)
in ARGS. For each case this runs the script under /usr/bin/python3 with
reference/run.py and writes NAME.CASE.expected: the exit status and the
standard output. Scripts whose Python 2 syntax CPython 3 cannot run carry
hand-written expected files and a "# derive: by hand" line; they are
skipped.
"""
import os
import shlex
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
legacy = os.path.dirname(here)
shared = os.environ.get("EXOSH_SHARED") or os.path.join(legacy, "..", "..", "..", "shared")
data = os.path.abspath(os.path.join(shared, "testdata"))


def cases(path):
    out = []
    with open(path) as f:
        for line in f:
            if line.startswith("# derive: by hand"):
                return None
            if line.startswith("# case "):
                name, _, args = line[len("# case "):].partition(":")
                out.append((name.strip(), args.strip()))
    return out


def main():
    names = sys.argv[1:] or sorted(f[:-3] for f in os.listdir(legacy) if f.endswith(".py"))
    for name in names:
        script = os.path.join(legacy, name + ".py")
        cs = cases(script)
        if cs is None:
            print("%s: by hand, skipped" % name)
            continue
        for case, args in cs:
            tmp = tempfile.mkdtemp()
            argv = [a.replace("$SHARED", data).replace("$TMP", tmp) for a in shlex.split(args)]
            env = dict(os.environ, COLUMNS="80")
            p = subprocess.run(
                ["/usr/bin/python3", os.path.join(here, "run.py"), "legacy/%s.py" % name] + argv,
                cwd=os.path.dirname(legacy), env=env, capture_output=True, text=True,
            )
            out = p.stdout.replace(tmp, "$TMP").replace(data, "$SHARED")
            with open(os.path.join(legacy, "%s.%s.expected" % (name, case)), "w") as f:
                f.write("exit: %d\n--- stdout\n%s" % (p.returncode, out))
            print("%s.%s: exit %d" % (name, case, p.returncode))
            if p.returncode not in (0,) and p.stderr:
                sys.stdout.write("  stderr: " + p.stderr.strip().splitlines()[-1] + "\n")


main()
