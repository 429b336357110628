"""glob, shutil, collections (defaultdict, OrderedDict, namedtuple) and textwrap as scripts use them."""
# case run: $TMP
import collections, glob, shutil, os, sys
from collections import defaultdict, OrderedDict
d = defaultdict(list)
d["a"].append(1); d["a"].append(2); d["b"].append(3)
c = defaultdict(int)
for w in "the cat the hat the".split():
    c[w] += 1
print(dict(d), sorted(c.items()), "zz" in c, len(c), c["the"])
del c["cat"]
print(sorted(c), list(d.keys()), isinstance(d, dict))
od = OrderedDict()
od["z"] = 1; od["a"] = 2
print(list(od.items()))
work = sys.argv[1]
for n in ["b.e", "a.e", "c.txt"]:
    open(os.path.join(work, n), "w").close()
print([os.path.basename(p) for p in glob.glob(os.path.join(work, "*.e"))])
shutil.copy(os.path.join(work, "a.e"), os.path.join(work, "copy.e"))
os.makedirs(os.path.join(work, "sub"))
shutil.move(os.path.join(work, "b.e"), os.path.join(work, "sub"))
print(sorted(os.listdir(work)), os.listdir(os.path.join(work, "sub")))
shutil.rmtree(os.path.join(work, "sub"))
print(sorted(os.listdir(work)))
from collections import namedtuple
Point = namedtuple("Point", "x y z")
Stat = namedtuple("Stat", ["name", "value"])
p = Point(1.0, 2.0, z=3.0)
x, y, z = p
print(p, p.x + p[1], z, len(p), list(p), p == Point(1.0, 2.0, 3.0), p._asdict(), Point._fields)
stats = [Stat("a", 3), Stat("b", 1)]
print(sorted(stats, key=lambda s: s.value), "%s=%d" % (stats[0].name, stats[0].value))
import textwrap
doc = """
    Usage: tool [options]

      -v   verbose
    Ends here.
    """
print(repr(textwrap.dedent(doc)))
text = "Combine several Exodus results files into one, merging nodes that coincide within a tolerance."
print(textwrap.fill(text, width=40))
print(textwrap.wrap(text, 30))
print(textwrap.indent("a\n\nb\n", "> "), end="")
print("x", flush=True)
