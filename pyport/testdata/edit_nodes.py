import exomerge

exomerge.SHOW_BANNER = False

model = exomerge.ExodusModel()
model.build_hex8_cube(1, extents=1.0, divisions=2)
print("exomerge", exomerge.VERSION, "nodes", len(model.nodes))
# Shear the cube: x += 0.5 * z, in place.
for i in range(len(model.nodes)):
    model.nodes[i][0] = model.nodes[i][0] + 0.5 * model.nodes[i][2]
xs = [node[0] for node in model.nodes]
zs = [node[2] for node in model.nodes]
print("x range: %.3f to %.3f" % (min(xs), max(xs)))
top = [i for i, z in enumerate(zs) if z == 1.0]
print("top nodes:", len(top), "first x on top: {:.2f}".format(xs[top[0]]))
dist = ((xs[-1] - xs[0]) ** 2 + (zs[-1] - zs[0]) ** 2) ** 0.5
print("diagonal in xz: %.6f" % dist)
