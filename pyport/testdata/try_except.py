import exomerge

try:
    import numpy
except ImportError:
    numpy = None

model = exomerge.ExodusModel()
model.build_hex8_cube(1, 1.0, 1)
print("numpy available:", numpy is not None)
try:
    count = model.get_element_count()
finally:
    print("counted")
try:
    value = {"a": 1}["b"]
except KeyError:
    value = -1
print("count", count, "value", value)
