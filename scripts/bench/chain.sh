#!/bin/sh
# Runs scripts/bench/chain.star in one fresh exosh process per size and removes the
# exported files. Usage: scripts/bench/chain.sh EXOSH [DIVISIONS...]
#
# A size runs only when /proc/meminfo shows enough memory available for it:
# 200 divisions needs 12 GiB (it peaks near 6), 300 needs 22 GiB (54M
# elements: about 16 GB of data, 21 GB peak at 1.3x); 80 and 160 always
# run. A size that cannot run is reported as skipped, with the memory it
# needs. Set EXOSH_BENCH_FORCE=1 to run every size regardless.
#
# Sizes below 200 divisions run EXOSH_BENCH_REPEAT times (default 3), each
# in its own process, one right after another: the first run's table is
# printed, the others' whole chain lines. A last table sets, for each step,
# issue 10's target at 512k beside the median of the 512k runs, and each
# other size's seconds per element against 512k's (medians of each size's
# runs; issue 10 asks for at most 1.3x); a step under 5 ms at 512k is
# marked as timer-bound rather than judged.
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
	runs=1
	if [ "$d" -lt 200 ]; then runs=${EXOSH_BENCH_REPEAT:-3}; fi
	r=1
	while [ "$r" -le "$runs" ]; do
		"$exosh" scripts/bench/chain.star "$d" "$dir" >"$dir/out" || status=1
		grep '^step	' "$dir/out" >>"$dir/steps"
		if [ "$r" -eq 1 ]; then
			grep -v '^step	' "$dir/out"
		else
			echo "run $r of $runs: $(grep 'whole chain' "$dir/out" | cut -d'|' -f3 | tr -d ' *') s whole chain"
		fi
		rm -f "$dir"/*.e "$dir/out"
		r=$((r + 1))
	done
	echo
done
steps="$dir/steps"
if [ -s "$steps" ]; then
	echo "## Linearity: seconds per element against 512k (median of each size's runs)"
	echo
	# The sizes compare against 512k, or against the first size when 80
	# divisions did not run.
	base=80
	case " $sizes " in *" 80 "*) ;; *) base=${sizes%% *} ;; esac
	awk -F'\t' -v base="$base" -f scripts/bench/linearity.awk "$steps"
fi
exit $status
