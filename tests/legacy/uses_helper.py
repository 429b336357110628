"""A script that imports its own helper module from beside it."""
# case run: $SHARED/cube.g
import sys
import meshutil
from meshutil import Extents, describe

model = meshutil.load(sys.argv[1])
print(describe(model))
print(Extents(model))
meshutil.UNITS = "mm"
print(Extents(model), meshutil.UNITS)
