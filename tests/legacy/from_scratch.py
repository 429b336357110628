"""Build a two-element model from scratch and write it."""
# case build: $TMP/two_hex.e
import sys
import exomerge

exomerge.SHOW_BANNER = False
exomerge.SUPPRESS_EXODUS_OUTPUT = True

model = exomerge.ExodusModel()
nodes = []
for k in range(2):
    for j in range(2):
        for i in range(3):
            nodes.append([float(i), float(j), float(k)])
model.create_nodes(nodes)
connectivity = [0, 1, 4, 3, 6, 7, 10, 9,
                1, 2, 5, 4, 7, 8, 11, 10]
model.create_element_block(1, ["hex8", 2, 8, 0], connectivity)
model.create_timestep(0.0)
model.create_timestep(0.5)
model.create_node_field("temperature", 300.0)
model.create_global_variable("energy", 0.0)

print("nodes: {}".format(len(model.nodes)))
print("elements: {}".format(model.get_element_count()))
print("blocks: {}".format(model.get_element_block_ids()))
print("timesteps: {}".format(model.get_timesteps()))
print("fields: {} / globals: {}".format(model.get_node_field_names(), model.get_global_variable_names()))
temps = model.get_node_field_values("temperature", 0.5)
print("temperature at t=0.5: min={0:.1f} max={1:.1f} n={2}".format(min(temps), max(temps), len(temps)))
print("last node: {0[0]:.1f}, {0[1]:.1f}, {0[2]:.1f}".format(model.nodes[-1]))
print("energy by step: {}".format(list(model.global_variables["energy"])))
model.global_variables["energy"][1] = 12.5
print("timesteps attribute: {}".format(list(model.timesteps)))
print("energy at 0.5: {}".format(model.global_variables["energy"][1]))
model.export_model(sys.argv[1])
print("written")
