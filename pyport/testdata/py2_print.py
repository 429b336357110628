# An old Python 2 script.
import exomerge

model = exomerge.ExodusModel()
model.build_hex8_cube(5, 1.0, 3)
print "blocks:", model.get_element_block_ids()
print "elements: %d" % model.get_element_count()
print
names = ["alpha", "beta"]
for name in names:
    print "name", name, len(name)
if model.get_element_count() <> 27:
    print "unexpected"
print("done")
