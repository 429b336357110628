import exomerge

model = exomerge.ExodusModel()
model.build_hex8_cube(1, extents=1.0, divisions=1)
model.create_timestep(0.0)
for name in ["stress", "temp"]:
    model.create_node_field(name, 1.0)
names = model.get_node_field_names()
print("node fields:", names)
print("as text: " + str(names))
for i, name in enumerate(names):
    print(i, name, end="; ")
print()
print("ids", model.get_element_block_ids(), "and", {"k": "v"})
print("values %s" % [1.5, "x"])
