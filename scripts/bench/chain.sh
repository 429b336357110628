#!/bin/sh
# Runs scripts/bench/chain.star in one fresh exosh process per size and removes the
# exported files. Usage: scripts/bench/chain.sh EXOSH [DIVISIONS...]
#
# A size runs only when /proc/meminfo shows enough memory available for it:
# 200 divisions needs 12 GiB (it peaks near 6), 300 needs 22 GiB (54M
# elements: about 16 GB of data, 21 GB peak at 1.3x); 80 and 160 always
# run. A size that cannot run is reported as skipped, with the memory it
# needs. Set EXOSH_BENCH_FORCE=1 to run every size regardless.
set -u
exosh=${1:?usage: scripts/bench/chain.sh EXOSH [DIVISIONS...]}
shift
sizes=${*:-80 160 200 300}
dir=$(mktemp -d "${TMPDIR:-/tmp}/exosh-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
status=0
for d in $sizes; do
	need=0
	if [ "$d" -ge 300 ]; then need=22; elif [ "$d" -ge 200 ]; then need=12; elif [ "$d" -gt 160 ]; then need=8; fi
	avail=$(awk '/^MemAvailable:/ { printf "%d", $2 / 1048576 }' /proc/meminfo)
	if [ "${EXOSH_BENCH_FORCE:-0}" != 1 ] && [ "$avail" -lt "$need" ]; then
		echo "## divisions=$d: SKIPPED, needs $need GiB available, $avail GiB are"
		echo
		continue
	fi
	"$exosh" scripts/bench/chain.star "$d" "$dir" || status=1
	rm -f "$dir"/*
	echo
done
exit $status
