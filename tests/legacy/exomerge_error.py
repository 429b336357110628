"""An exomerge error raises SystemExit(1): except SystemExit and bare except catch it."""
# case run:
import exomerge

exomerge.SHOW_BANNER = False
exomerge.SUPPRESS_EXODUS_OUTPUT = True

model = exomerge.ExodusModel()
model.create_nodes([[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
model.create_element_block(5, ["tri3", 1, 3, 0], [0, 1, 2])
print("blocks:", model.get_element_block_ids())
try:
    model.create_element_block(5, ["tri3", 1, 3, 0], [0, 1, 2])
except SystemExit as e:
    print("SystemExit with code", e.code)
try:
    model.create_element_block(5, ["tri3", 1, 3, 0], [0, 1, 2])
except:
    print("bare except caught it")
print("still going; now uncaught")
model.create_element_block(5, ["tri3", 1, 3, 0], [0, 1, 2])
print("not reached")
