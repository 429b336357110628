"""exomerge3 is the same module as exomerge in the reference stand-in."""
import sys
import exomerge

sys.modules[__name__] = exomerge
