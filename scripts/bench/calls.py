# 10,000 get_element_count calls from Python (compare calls.star).
import exomerge

model = exomerge.ExodusModel()
model.build_hex8_cube(1, extents=1.0, divisions=2)
n = 0
for i in range(10000):
    n += model.get_element_count()
print(n)
