"""Write a CSV table of node field statistics per timestep, then show it."""
# case report: $SHARED/cube.g $TMP/report.csv
import sys
import exomerge

exomerge.SHOW_BANNER = False
exomerge.SUPPRESS_EXODUS_OUTPUT = True

if len(sys.argv) != 3:
    print("usage: %s input.e report.csv" % sys.argv[0])
    sys.exit(2)

model = exomerge.import_model(sys.argv[1])
names = model.get_node_field_names()

with open(sys.argv[2], "w") as f:
    f.write("%-12s,%8s,%14s,%14s,%14s\n" % ("field", "time", "min", "max", "mean"))
    for name in names:
        for t in model.get_timesteps():
            values = model.get_node_field_values(name, t)
            lo, hi = min(values), max(values)
            mean = sum(values) / len(values)
            f.write("%-12s,%8.3f,%14.6e,%14.6e,%14.6e\n" % (name, t, lo, hi, mean))

rows = 0
with open(sys.argv[2]) as f:
    header = f.readline().rstrip("\n")
    print(header)
    for line in f:
        rows += 1
        if rows <= 5:
            print(line.rstrip())
print("%d rows, %d columns" % (rows, len(header.split(","))))
print("%5.1f%% of rows shown" % (100.0 * min(rows, 5) / rows))
print("%+.2e|%-8d|%08.3f|%x|%o|%c|%r" % (12345.678, 42, 3.14159, 255, 8, "A", "q"))
