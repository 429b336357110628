import exomerge

model = exomerge.ExodusModel()
model.build_hex8_cube(1, extents=1.0, divisions=1)
for t in [0.0, 0.5, 1.0]:
    model.create_timestep(t)
model.create_node_field("u", 0.0)
steps = model.get_timesteps()
for i, t in enumerate(steps):
    vals = model.get_node_field_values("u", t)
    for j in range(len(vals)):
        vals[j] = t * 10 + j
    print("t=%4.2f first=%6.2f last=%6.2f" % (t, vals[0], vals[-1]))
model.export_model("/dev/null") if False else None
counts = {}
for name in ["a", "b", "a", "c", "a"]:
    counts[name] = counts.get(name, 0) + 1
for k, v in counts.items():
    print("%s=%d" % (k, v))
assert len(steps) == 3, "three steps"
