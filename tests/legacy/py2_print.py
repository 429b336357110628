# An old Python 2 exomerge script: print statements and old except syntax.
# case run: $SHARED/cube.g
# derive: by hand (CPython 3 cannot run Python 2 syntax)
import sys
import exomerge

exomerge.SHOW_BANNER = False
exomerge.SUPPRESS_EXODUS_OUTPUT = True

print "reading", sys.argv[1].split("/")[-1]
model = exomerge.import_model(sys.argv[1])
print "elements:", model.get_element_count()
print "fields: %s" % ", ".join(model.get_node_field_names())
print
for t in model.get_timesteps():
    print "%4.1f" % t,
print ""
print >>sys.stderr, "this goes to stderr"
counts = {}
for i in xrange(3):
    counts[i] = i * i
if counts.has_key(2):
    print "has 2:", counts[2]
try:
    int("x")
except ValueError, e:
    print "error:", e
print("parenthesized"), 1
print ("a %d" % 5)
n = model.get_element_count()
if n > 4: print "many elements:", n
else: print "few elements"
for i in range(3): print i,
print
print "done %s" % ("ok",), "\n",
print "after newline"
try:
    raise KeyError, "old style"
except KeyError, e:
    print "raised:", e
