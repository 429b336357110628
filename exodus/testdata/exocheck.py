#!/usr/bin/python3
"""Independent reader for exosh's interoperability tests.

Reads Exodus II files with Python's netCDF4 module (not with exosh) and
prints, as JSON, a map from each path to a map of checksums: the SHA-256 of
every coordinate axis, connectivity array, set member list, distribution
factor array and variable (all time steps), in the file's own numbering
(1-based indices, global element numbers for side sets). Reals are hashed as
little-endian float64, integers as little-endian int64, so 4-byte files hash
like the float64 values they convert to. Strings (title, names, element
types) are given as they are.

With --meshio, meshio also reads each file; its point count and per-block
cell counts are added under "meshio" (or the error under "meshio_error").

Usage: exocheck.py [--meshio] FILE...
"""

import hashlib
import json
import sys

import netCDF4
import numpy as np


def digest(values, kind):
    arr = np.asarray(values)
    if kind == "f":
        arr = arr.astype("<f8")
    else:
        arr = arr.astype("<i8")
    return hashlib.sha256(np.ascontiguousarray(arr).tobytes()).hexdigest()


def names(ds, var):
    if var not in ds.variables:
        return []
    raw = ds.variables[var][:]
    out = []
    for row in raw:
        b = bytes(row.tobytes())
        b = b.split(b"\0", 1)[0]
        out.append(b.decode("utf-8", "replace").rstrip(" "))
    return out


def dim(ds, name):
    return len(ds.dimensions[name]) if name in ds.dimensions else 0


def check(path):
    ds = netCDF4.Dataset(path)
    ds.set_auto_mask(False)
    v = ds.variables
    out = {}
    out["title"] = getattr(ds, "title", "").rstrip("\0").rstrip(" ")
    nd, nn, ne = dim(ds, "num_dim"), dim(ds, "num_nodes"), dim(ds, "num_elem")
    out["num_dim"], out["num_nodes"], out["num_elem"] = nd, nn, ne
    nt = dim(ds, "time_step")
    out["times"] = digest(v["time_whole"][:nt] if nt else [], "f")
    for d, axis in enumerate("xyz"[:nd]):
        if nn == 0:
            continue
        if "coord" + axis in v:
            out["coord/" + axis] = digest(v["coord" + axis][:], "f")
        else:
            out["coord/" + axis] = digest(v["coord"][d, :], "f")

    nblk = dim(ds, "num_el_blk")
    blk_ids = v["eb_prop1"][:].tolist() if nblk else []
    elem_names = names(ds, "name_elem_var")
    for k, bid in enumerate(blk_ids, start=1):
        key = "block/%d/" % bid
        if "connect%d" % k not in v:
            continue
        c = v["connect%d" % k]
        out[key + "type"] = c.getncattr("elem_type").rstrip("\0") if "elem_type" in c.ncattrs() else ""
        out[key + "conn"] = digest(c[:].ravel(), "i")
        if "attrib%d" % k in v:
            out[key + "attrib"] = digest(v["attrib%d" % k][:].ravel(), "f")
        for j, name in enumerate(elem_names, start=1):
            var = "vals_elem_var%deb%d" % (j, k)
            if var in v:
                out[key + "field/" + name] = digest(v[var][:nt].ravel(), "f")

    for kind, nset_dim, ids_var, members, df, varname, valfmt in (
        ("nodeset", "num_node_sets", "ns_prop1", "node_ns%d", "dist_fact_ns%d", "name_nset_var", "vals_nset_var%dns%d"),
        ("sideset", "num_side_sets", "ss_prop1", "elem_ss%d", "dist_fact_ss%d", "name_sset_var", "vals_sset_var%dss%d"),
    ):
        n = dim(ds, nset_dim)
        ids = v[ids_var][:].tolist() if n else []
        fnames = names(ds, varname)
        for k, sid in enumerate(ids, start=1):
            key = "%s/%d/" % (kind, sid)
            if members % k not in v:
                continue
            if kind == "nodeset":
                out[key + "members"] = digest(v[members % k][:], "i")
            else:
                out[key + "elems"] = digest(v[members % k][:], "i")
                out[key + "sides"] = digest(v["side_ss%d" % k][:], "i")
            if df % k in v:
                out[key + "df"] = digest(v[df % k][:], "f")
            for j, name in enumerate(fnames, start=1):
                var = valfmt % (j, k)
                if var in v:
                    out[key + "field/" + name] = digest(v[var][:nt].ravel(), "f")

    for j, name in enumerate(names(ds, "name_nod_var"), start=1):
        if nn and "vals_nod_var%d" % j in v:
            out["node/" + name] = digest(v["vals_nod_var%d" % j][:nt].ravel(), "f")
    for j, name in enumerate(names(ds, "name_glo_var")):
        out["global/" + name] = digest(v["vals_glo_var"][:nt, j], "f")
    if "node_num_map" in v:
        out["node_num_map"] = digest(v["node_num_map"][:], "i")
    if "elem_num_map" in v:
        out["elem_num_map"] = digest(v["elem_num_map"][:], "i")
    ds.close()
    return out


def check_meshio(path):
    import meshio  # optional

    m = meshio.read(path, file_format="exodus")
    return {"points": int(len(m.points)), "cells": [int(len(c.data)) for c in m.cells]}


def main(argv):
    use_meshio = "--meshio" in argv
    paths = [a for a in argv if a != "--meshio"]
    result = {}
    for p in paths:
        r = check(p)
        if use_meshio:
            try:
                r["meshio"] = check_meshio(p)
            except Exception as e:  # meshio's Exodus support is partial
                r["meshio_error"] = repr(e)[:300]
        result[p] = r
    json.dump(result, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
