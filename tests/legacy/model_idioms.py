"""Model data in Python idioms: zip(*nodes), iterating fields, unpacking nodes."""
# case run: $SHARED/cube.g
import sys
import exomerge

exomerge.SHOW_BANNER = False
exomerge.SUPPRESS_EXODUS_OUTPUT = True
model = exomerge.import_model(sys.argv[1])
xs, ys, zs = zip(*model.nodes)
print(len(xs), max(xs), sum(zs), xs[:3])
for name in model.node_fields:
    print(name, len(model.node_fields[name]))
for i, (x, y, z) in enumerate(model.nodes):
    if i > 1: break
    print(i, x, y, z)
vals = model.get_element_field_values("ElementBlock_1", 1, 3.0)
print(vals[0], len(vals), "%.3f" % max(vals), [round(v, 2) for v in vals[:3]])
print(model.node_fields.keys(), "NodeBlock_1" in model.node_fields)
