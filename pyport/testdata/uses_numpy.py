import exomerge
import numpy as np

model = exomerge.ExodusModel()
model.build_hex8_cube(1, 1.0, 2)
print("elements:", model.get_element_count())
coords = np.array(model.nodes)
print("centroid:", coords.mean(axis=0))
