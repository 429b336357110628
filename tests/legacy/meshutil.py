"""A script's own helper module (imported by uses_helper.py; no cases)."""
import exomerge

exomerge.SHOW_BANNER = False
exomerge.SUPPRESS_EXODUS_OUTPUT = True

UNITS = "m"


def load(path):
    return exomerge.import_model(path)


def describe(model):
    return "%d nodes, %d elements, %d steps" % (
        len(model.nodes), model.get_element_count(), len(model.get_timesteps()))


class Extents(object):
    def __init__(self, model):
        xs = [n[0] for n in model.nodes]
        self.lo, self.hi = min(xs), max(xs)

    def __str__(self):
        return "x in [%g, %g] %s" % (self.lo, self.hi, UNITS)
