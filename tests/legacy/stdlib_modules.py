"""os, os.path, re, json, copy, string, math and time."""
# case run: $TMP
import copy
import json
import math
import os
import os.path
import re
import string
import sys
import time
from os.path import join, splitext

work = sys.argv[1]
out = join(work, "results", "run1")
os.makedirs(out)
os.makedirs(out, exist_ok=True)
print("exists:", os.path.exists(out), os.path.isdir(out), os.path.isfile(out))
for name in ["b.e", "a.e", "notes.txt"]:
    with open(os.path.join(out, name), "w") as f:
        f.write("data for %s\n" % name)
        f.writelines(["line 2\n", "line 3\n"])
print(sorted(os.listdir(out)))
os.rename(join(out, "notes.txt"), join(out, "readme.txt"))
os.remove(join(out, "b.e"))
print(sorted(os.listdir(out)))
with open(join(out, "readme.txt")) as f:
    print(f.readlines())
with open(join(out, "readme.txt"), "a") as f:
    f.write("appended\n")
with open(join(out, "readme.txt")) as f:
    print(repr(f.read()))
print(splitext("mesh.exo"), os.path.basename("/a/b/c.e"), os.path.dirname("/a/b/c.e"), os.path.split("/x/y"))
print(os.path.join("a", "b", "c.e"), os.path.splitext("/d.x/noext"), os.path.getsize(join(out, "a.e")))
os.environ["EXOSH_TEST_VAR"] = "set"
print(os.environ.get("EXOSH_TEST_VAR"), os.getenv("EXOSH_SURELY_UNSET"), os.getenv("EXOSH_SURELY_UNSET", "dflt"))
try:
    os.remove(join(out, "missing.e"))
except OSError as e:
    print("OSError errno", e.errno)

m = re.match(r"(\w+)_(\d+)$", "stress_12")
print(m.group(0), m.group(1), m.groups(), int(m.group(2)) + 1)
print(re.sub(r"_(\d)", r"-\1", "a_1 b_2"), re.findall(r"\d+", "t=1.5 step 20"), re.split(r"\s*,\s*", "a , b,c"))
pat = re.compile("^node_(?P<name>[a-z]+)$", re.IGNORECASE)
print(pat.match("NODE_temp").group("name"), pat.search("x") is None, bool(re.search("b+", "abbbc")))

record = {"name": "cube", "blocks": [1, 2], "scale": 2.5, "ok": True, "none": None}
text = json.dumps(record)
print(text)
print(json.dumps(record, indent=2, sort_keys=True))
back = json.loads(text)
print(back == record, back["blocks"], type(back["scale"]).__name__)
with open(join(work, "r.json"), "w") as f:
    json.dump({"a": [1, {"b": None}]}, f)
with open(join(work, "r.json")) as f:
    print(json.load(f))

nested = {"a": [1, 2], "b": {"c": 3}}
shallow = copy.copy(nested)
deep = copy.deepcopy(nested)
nested["a"].append(99)
print(shallow["a"], deep["a"], shallow is nested, deep == {"a": [1, 2], "b": {"c": 3}})
print(string.ascii_lowercase[:5], string.digits, len(string.ascii_letters))
print(math.sqrt(16), math.floor(2.7), math.ceil(2.1), math.pi, round(math.sin(math.pi / 2), 6), math.fabs(-3))
start = time.time()
elapsed = time.time() - start
print("timing ok:", elapsed >= 0.0, isinstance(time.strftime("%Y"), str))
