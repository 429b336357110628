"""Use numpy when there is one, else plain Python."""
# case fallback: $SHARED/cube.g
import sys
import exomerge

try:
    import numpy as np
    HAVE_NUMPY = True
except ImportError as e:
    HAVE_NUMPY = False
    print("falling back: %s" % e)

try:
    import matplotlib.pyplot as plt
except ImportError:
    plt = None

exomerge.SHOW_BANNER = False
exomerge.SUPPRESS_EXODUS_OUTPUT = True

model = exomerge.import_model(sys.argv[1])
values = model.get_node_field_values("NodeBlock_2")
if HAVE_NUMPY:
    mean = float(np.mean(values))
else:
    mean = sum(values) / float(len(values))
print("mean of NodeBlock_2: %.6f" % mean)
print("plotting:", "yes" if plt else "no")
