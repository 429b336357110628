"""Scale and shift a mesh by editing model.nodes in place."""
# case edit: $SHARED/cube.g 2.5
import sys
import exomerge

exomerge.SHOW_BANNER = False
exomerge.SUPPRESS_EXODUS_OUTPUT = True

model = exomerge.import_model(sys.argv[1])
scale = float(sys.argv[2])
print("nodes:", len(model.nodes))
before = [list(model.nodes[i]) for i in range(3)]
for i in range(len(model.nodes)):
    x, y, z = model.nodes[i]
    model.nodes[i][0] = x * scale
    model.nodes[i][1] = y * scale + 1.0
    model.nodes[i][2] = -z
for i in range(3):
    print(before[i], "->", list(model.nodes[i]))
xs = [n[0] for n in model.nodes]
print("x range:", min(xs), max(xs))
print("sum z: %.3f" % sum(n[2] for n in model.nodes))
model.nodes[0] = [9.0, 8.0, 7.0]
print("node 0:", list(model.nodes[0]))
t = model.get_timesteps()[-1]
field = model.node_fields["NodeBlock_1"]
print("NodeBlock_1 at step 3, node 4:", field[3][4])
field[3][4] = -1.0
print("after assignment:", model.get_node_field_values("NodeBlock_1", t)[4])
