#!/usr/bin/python3
"""Make a modified copy of an Exodus file for exodiff's corpus tests.

usage: mkpair.py SRC DST OP [ARGS...]

Every operation copies SRC to DST and changes DST in place with netCDF4:
  copy                          nothing changed
  coord AXIS NODE DELTA         coord{AXIS}[NODE] += DELTA (0-based node)
  nodal VAR STEP NODE REL       vals_nod_var{VAR}[STEP, NODE] *= 1 + REL
  elem VAR BLK STEP ELEM REL    vals_elem_var{VAR}eb{BLK}[STEP, ELEM] *= 1 + REL
  global STEP IDX REL           vals_glo_var[STEP, IDX] *= 1 + REL
  nsvar VAR SET STEP POS REL    vals_nset_var{VAR}ns{SET}[STEP, POS] *= 1 + REL
  nan_nodal VAR STEP NODE       vals_nod_var{VAR}[STEP, NODE] = NaN
  blockid SLOT NEWID            eb_prop1[SLOT] = NEWID (0-based slot)
  nsmember SLOT POS NODE        node_ns{SLOT}[POS] = NODE (1-based slot, 1-based node)
  ssside SLOT POS SIDE          side_ss{SLOT}[POS] = SIDE (1-based slot and side)
  records                       new title, QA and info records
  shift_times DELTA             time_whole += DELTA
  midstep                       step 2 becomes the average of steps 1 and 3
                                (every time-dependent variable and time)
VAR, BLK, SET are 1-based as in the variable names; STEP, NODE, ELEM, POS
are 0-based.
"""
import shutil
import sys

import netCDF4
import numpy


def main(argv):
    src, dst, op, args = argv[1], argv[2], argv[3], argv[4:]
    shutil.copyfile(src, dst)
    d = netCDF4.Dataset(dst, "r+")
    d.set_auto_mask(False)

    def scale(name, index, rel):
        v = d.variables[name]
        a = v[:]
        a[index] *= 1.0 + rel
        v[:] = a

    if op == "copy":
        pass
    elif op == "coord":
        v = d.variables["coord" + args[0]]
        a = v[:]
        a[int(args[1])] += float(args[2])
        v[:] = a
    elif op == "nodal":
        scale("vals_nod_var%d" % int(args[0]), (int(args[1]), int(args[2])), float(args[3]))
    elif op == "elem":
        scale("vals_elem_var%deb%d" % (int(args[0]), int(args[1])), (int(args[2]), int(args[3])), float(args[4]))
    elif op == "global":
        scale("vals_glo_var", (int(args[0]), int(args[1])), float(args[2]))
    elif op == "nsvar":
        scale("vals_nset_var%dns%d" % (int(args[0]), int(args[1])), (int(args[2]), int(args[3])), float(args[4]))
    elif op == "nan_nodal":
        v = d.variables["vals_nod_var%d" % int(args[0])]
        a = v[:]
        a[int(args[1]), int(args[2])] = numpy.nan
        v[:] = a
    elif op == "blockid":
        v = d.variables["eb_prop1"]
        a = v[:]
        a[int(args[0])] = int(args[1])
        v[:] = a
    elif op == "nsmember":
        v = d.variables["node_ns%d" % int(args[0])]
        a = v[:]
        a[int(args[1])] = int(args[2])
        v[:] = a
    elif op == "ssside":
        v = d.variables["side_ss%d" % int(args[0])]
        a = v[:]
        a[int(args[1])] = int(args[2])
        v[:] = a
    elif op == "records":
        d.title = "a completely different title"
        if "qa_records" in d.variables:
            v = d.variables["qa_records"]
            a = v[:]
            a[...] = b""
            a[0, 0, :4] = numpy.frombuffer(b"edit", dtype="S1")
            v[:] = a
        if "info_records" in d.variables:
            v = d.variables["info_records"]
            a = v[:]
            a[...] = b""
            a[0, :7] = numpy.frombuffer(b"changed", dtype="S1")
            v[:] = a
    elif op == "shift_times":
        v = d.variables["time_whole"]
        v[:] = v[:] + float(args[0])
    elif op == "midstep":
        for name, v in d.variables.items():
            if v.dimensions and v.dimensions[0] == "time_step":
                a = v[:]
                a[1] = 0.5 * (a[0] + a[2])
                v[:] = a
    else:
        sys.exit("mkpair.py: unknown operation " + op)
    d.close()


if __name__ == "__main__":
    main(sys.argv)
