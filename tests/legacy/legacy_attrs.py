"""exomerge's data attributes used directly, as lists and dicts."""
# case run: $SHARED/cube.g
import sys
import exomerge

exomerge.SHOW_BANNER = False
exomerge.SUPPRESS_EXODUS_OUTPUT = True

model = exomerge.import_model(sys.argv[1])
print("len(nodes):", len(model.nodes), "first:", list(model.nodes[0]), "last:", list(model.nodes[-1]))
print("timesteps:", list(model.timesteps))
print("node fields:", sorted(model.node_fields.keys()))
steps = model.node_fields["NodeBlock_1"]
print("steps:", len(steps), "values per step:", len(steps[0]))
print("NodeBlock_1[3][0:3]:", list(steps[3][0:3]))
print("NodeBlock_3[0][26]:", model.node_fields["NodeBlock_3"][0][26])
name, info, connectivity, fields = model.element_blocks[1]
print("block 1:", repr(name), list(info))
print("connectivity of element 0:", list(connectivity[0:8]))
print("element fields:", sorted(fields.keys()))
print("ElementBlock_2 at step 2:", ["%.4f" % v for v in fields["ElementBlock_2"][2]])
print("block ids:", sorted(model.element_blocks.keys()), 1 in model.element_blocks)
model.node_fields["NodeBlock_1"][0][0] = 42.0
print("changed:", model.get_node_field_values("NodeBlock_1", 0.0)[0])
total = 0
for id_ in model.element_blocks:
    total += model.element_blocks[id_][1][1]
print("elements by hand:", total)
