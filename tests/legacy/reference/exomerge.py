"""A reference stand-in for exomerge, for deriving the corpus's expected output.

This is not exomerge. It implements only the handful of ExodusModel
methods the corpus scripts call, following exomerge's documented semantics
(data attributes as plain lists and dicts, 0-based connectivity, warnings
and errors ending in exit(1) only where exomerge exits), and reads Exodus
files with python3-netCDF4. Running a corpus script under CPython with this
module first on sys.path (see run.py) gives what Python 3 with exomerge
prints on standard output, minus exomerge's banner and its boxed warning
and error messages, which exosh writes to standard error instead.
"""

import math
import sys

VERSION = "8.7.0"
__version__ = VERSION
CONTACT = "reference"
SHOW_BANNER = True
EXIT_ON_WARNING = False
SUPPRESS_EXODUS_OUTPUT = False
DEPRECATED_FUNCTIONS = {"write": "export"}


def _names(ds, var):
    if var not in ds.variables:
        return []
    return [b"".join(r).decode().strip() for r in ds.variables[var][:]]


class ExodusModel(object):
    def __init__(self):
        self.nodes = []
        self.node_fields = {}
        self.global_variables = {}
        self.element_blocks = {}
        self.side_sets = {}
        self.node_sets = {}
        self.timesteps = []
        self.title = ""
        self.info_records = []
        self.qa_records = []

    # diagnostics: exomerge prints a box on stdout; the corpus excludes it
    def _warning(self, short):
        sys.stderr.write("WARNING: %s\n" % short)
        if EXIT_ON_WARNING:
            sys.exit(1)

    def _error(self, short):
        sys.stderr.write("ERROR: %s\n" % short)
        sys.exit(1)

    def import_model(self, filename):
        netCDF4 = sys.modules["netCDF4"]

        ds = netCDF4.Dataset(filename)
        ds.set_auto_mask(False)
        xs = [list(map(float, ds.variables[c][:])) for c in ("coordx", "coordy", "coordz")]
        self.nodes = [list(p) for p in zip(*xs)]
        self.timesteps = [float(t) for t in ds.variables["time_whole"][:]]
        for i, name in enumerate(_names(ds, "name_nod_var")):
            self.node_fields[name] = [
                [float(v) for v in ds.variables["vals_nod_var%d" % (i + 1)][t]]
                for t in range(len(self.timesteps))
            ]
        for i, name in enumerate(_names(ds, "name_glo_var")):
            self.global_variables[name] = [
                float(ds.variables["vals_glo_var"][t][i]) for t in range(len(self.timesteps))
            ]
        names = _names(ds, "eb_names")
        elem_vars = _names(ds, "name_elem_var")
        for b, id_ in enumerate(ds.variables["eb_prop1"][:]):
            conn = ds.variables["connect%d" % (b + 1)]
            n, k = conn.shape
            fields = {}
            for j, fname in enumerate(elem_vars):
                var = "vals_elem_var%deb%d" % (j + 1, b + 1)
                if var in ds.variables:
                    fields[fname] = [[float(v) for v in ds.variables[var][t]] for t in range(len(self.timesteps))]
            self.element_blocks[int(id_)] = [
                names[b] if b < len(names) else "",
                [conn.elem_type.lower(), n, k, 0],
                [int(v) - 1 for v in conn[:].flatten()],
                fields,
            ]
        for b, id_ in enumerate(ds.variables["ss_prop1"][:] if "ss_prop1" in ds.variables else []):
            self.side_sets[int(id_)] = ["", [], {}]
        for b, id_ in enumerate(ds.variables["ns_prop1"][:] if "ns_prop1" in ds.variables else []):
            self.node_sets[int(id_)] = ["", [int(v) - 1 for v in ds.variables["node_ns%d" % (b + 1)][:]], {}]
        self.title = ds.title

    def export_model(self, filename="output_exomerge.e", *args, **kwargs):
        pass

    def _ids(self, ids, known):
        if ids == "all":
            return list(known)
        if not isinstance(ids, list):
            ids = [ids]
        return ids

    def get_element_block_ids(self):
        return sorted(self.element_blocks.keys())

    def get_element_count(self, element_block_ids="all"):
        ids = self._ids(element_block_ids, self.get_element_block_ids())
        return int(sum(self.element_blocks[x][1][1] for x in ids))

    def get_timesteps(self):
        return sorted(self.timesteps)

    def get_node_field_names(self):
        return sorted(self.node_fields.keys())

    def get_element_field_names(self, element_block_ids="all"):
        names = set()
        for id_ in self._ids(element_block_ids, self.get_element_block_ids()):
            names.update(self.element_blocks[id_][3].keys())
        return sorted(names)

    def get_global_variable_names(self):
        return sorted(self.global_variables.keys())

    def node_field_exists(self, name):
        return name in self.node_fields

    def _timestep_index(self, timestep):
        if timestep == "last":
            return len(self.timesteps) - 1
        if timestep == "first":
            return 0
        return self.timesteps.index(timestep)

    def get_node_field_values(self, name, timestep="last"):
        return self.node_fields[name][self._timestep_index(timestep)]

    def get_element_field_values(self, name, element_block_id="auto", timestep="last"):
        if element_block_id == "auto":
            element_block_id = self.get_element_block_ids()[0]
        return self.element_blocks[element_block_id][3][name][self._timestep_index(timestep)]

    def delete_node_field(self, names):
        for name in self._ids(names, self.get_node_field_names()):
            if name not in self.node_fields:
                self._warning("Reference to undefined node field.")
                continue
            del self.node_fields[name]

    def delete_element_field(self, names, element_block_ids="all"):
        for name in self._ids(names, self.get_element_field_names()):
            for id_ in self._ids(element_block_ids, self.get_element_block_ids()):
                self.element_blocks[id_][3].pop(name, None)

    def create_nodes(self, new_nodes):
        self.nodes += new_nodes

    def element_block_exists(self, id_):
        return id_ in self.element_blocks

    def create_element_block(self, element_block_id, info, connectivity=None):
        if self.element_block_exists(element_block_id):
            self._error("Element block already exists.")
        self.element_blocks[element_block_id] = ["", info, connectivity or [], {}]

    def create_timestep(self, timestep):
        timestep = float(timestep)
        self.timesteps.append(timestep)
        self.timesteps.sort()
        i = self.timesteps.index(timestep)
        for values in self.node_fields.values():
            values.insert(i, [float("nan")] * len(self.nodes))
        for name in self.global_variables:
            self.global_variables[name].insert(i, float("nan"))

    def create_node_field(self, name, value="auto"):
        if value == "auto":
            value = float("nan")
        self.node_fields[name] = [[value] * len(self.nodes) for _ in self.timesteps]

    def create_global_variable(self, name, value="auto"):
        if value == "auto":
            value = float("nan")
        self.global_variables[name] = [value] * len(self.timesteps)

    def calculate_node_field(self, expression):
        raise NotImplementedError

    def get_side_set_ids(self):
        return sorted(self.side_sets.keys())

    def get_node_set_ids(self):
        return sorted(self.node_sets.keys())

    def get_node_set_members(self, id_):
        return self.node_sets[id_][1]


def import_model(filename, *args, **kwargs):
    model = ExodusModel()
    model.import_model(filename)
    return model
