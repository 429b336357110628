"""Choose the exomerge module by Python version, as many scripts do."""
# case run:
import sys

if sys.version_info[0] >= 3:
    import exomerge3 as exomerge
else:
    import exomerge2 as exomerge

try:
    import exomerge3
except:
    import exomerge as exomerge3

from exomerge import ExodusModel
import exomerge as em

print("python 3:", sys.version_info >= (3, 0), sys.version_info[0])
print("VERSION:", exomerge.VERSION, exomerge.VERSION == em.VERSION)
print("has CONTACT:", isinstance(exomerge.CONTACT, str))
print("defaults:", exomerge.SHOW_BANNER, exomerge.EXIT_ON_WARNING, exomerge.SUPPRESS_EXODUS_OUTPUT)
print("deprecated:", exomerge.DEPRECATED_FUNCTIONS)
exomerge.SHOW_BANNER = False
print("shared setting:", em.SHOW_BANNER, exomerge3.SHOW_BANNER)
exomerge.SUPPRESS_EXODUS_OUTPUT = True
model = ExodusModel()
print("empty model:", len(model.nodes), model.get_element_block_ids(), model.get_timesteps())
print(__name__)
