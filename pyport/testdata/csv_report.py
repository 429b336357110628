import exomerge3 as exomerge

# Write a CSV-style report of per-block element counts with %-formats.
model = exomerge.ExodusModel()
model.build_hex8_cube(10, extents=[1.0, 2.0, 3.0], divisions=[1, 2, 3])
model.build_hex8_cube(20, extents=1.0, divisions=1)
rows = []
for block_id in model.get_element_block_ids():
    count = model.get_element_count(block_id)
    rows.append((block_id, count, count * 0.125))
print("%-8s,%6s,%10s" % ("block", "count", "weight"))
for row in rows:
    print("%-8d,%6d,%10.4e" % row)
print("%s blocks, %5.1f%% in block 10" % (len(rows), 100.0 * rows[0][1] / (rows[0][1] + rows[1][1])))
