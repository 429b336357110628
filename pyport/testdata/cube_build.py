#!/usr/bin/env python
"""Build a small cube from scratch, give it a field and report on it."""
import exomerge
import sys


def main():
    model = exomerge.ExodusModel()
    # a 2 x 2 x 2 cube of unit edge
    model.build_hex8_cube(1, extents=2.0, divisions=2)
    model.create_timestep(0.0)
    model.create_timestep(1.5)
    model.create_node_field("temperature", 300.0)
    values = model.get_node_field_values("temperature", 1.5)
    print("elements:", model.get_element_count())
    print("nodes: %d" % len(model.nodes))
    print("timesteps:", model.get_timesteps())
    print("first value: {}".format(values[0]))
    total = 0.0
    for v in values:
        total += v
    print("mean temperature = %.2f" % (total / len(values)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
