"""Run a corpus script as Python 3 with the reference exomerge.

usage: run.py SCRIPT [ARGS...]

Modules exosh does not offer (numpy, scipy, matplotlib) are hidden, so that
their import fails as it does on a machine without them.
"""
import os
import runpy
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)

# the reference exomerge reads files with netCDF4, which needs numpy: load
# them first, then hide numpy from the script
import netCDF4  # noqa: E402,F401

for mod in list(sys.modules):
    if mod.split(".")[0] in ("numpy", "scipy", "matplotlib", "pandas"):
        del sys.modules[mod]


class Hide(object):
    """Makes the import of modules exosh does not offer fail as when absent."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("numpy", "scipy", "matplotlib", "pandas"):
            raise ModuleNotFoundError("No module named %r" % name, name=name)
        return None


sys.meta_path.insert(0, Hide())
script = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path[0:0] = [os.path.dirname(os.path.abspath(script))]
runpy.run_path(script, run_name="__main__")
