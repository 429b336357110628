"""With EXIT_ON_WARNING a warning ends the script with status 1."""
# case warn: $SHARED/cube.g
import sys
import exomerge

exomerge.SHOW_BANNER = False
exomerge.SUPPRESS_EXODUS_OUTPUT = True
exomerge.EXIT_ON_WARNING = True

model = exomerge.import_model(sys.argv[1])
print("fields:", model.get_node_field_names())
print("deleting a field that does not exist")
model.delete_node_field("no_such_field")
print("not reached")
