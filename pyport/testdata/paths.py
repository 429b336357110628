import os
import os.path as osp
from os.path import splitext
cases = ["a/b.c", "/x/y/", "noext", ".hidden", "a.b/c", "dir/..e", "//", "/", "", "a/b.tar.gz", "x.", "..", "a//b", "///a//"]
for c in cases:
    root, ext = splitext(c)
    print("|".join([c, os.path.basename(c), osp.dirname(c), root, ext, os.path.join(c, "z"), os.path.join("a", c, "b"), os.path.join(c, "/abs")]))
print(os.sep)
