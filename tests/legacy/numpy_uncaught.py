"""A script that needs numpy: its import fails and the script stops."""
# case fails: $SHARED/cube.g
import sys
import exomerge

print("starting")
import numpy as np

print("not reached", np.pi)
