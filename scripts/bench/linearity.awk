# Reads the "step" lines of scripts/bench/chain.star (step, divisions,
# index, seconds, CPU seconds, user CPU seconds; several runs of a size may
# be present) and prints one row per step:
#   - issue 10's target at 512k elements, in seconds;
#   - the median of the runs at divisions=80 (512k), marked "over" past it;
#   - for every other size, the median of its runs, the ratio of its
#     seconds per element to that at 512k, with "over" past 1.3x, and the
#     same ratio for user CPU seconds alone: the work of the step's own
#     code, without the kernel's (page faults: the first touch of the
#     memory the step creates).
# The step names are those of chain.star, in its order. Set base (awk -v
# base=D) to compare against divisions=D instead of 80; the targets are
# judged only at 80, the size they are set for.
BEGIN {
	if (base == "") base = 80
	split("build_hex8_cube|timesteps + create_node_field|calculate_node_field|element field + volumes|centroids|element -> node field|node -> element field|translate + rotate + scale|calculate_element_field|get_closest_node_distance|count_disconnected_blocks|duplicate_element_block|merge_nodes|combine + delete_duplicate|export_model|import_model", name, "|")
	# Issue 10's target column; export's is 1.3x nccopy of the same file,
	# which `make bench` measures apart (ImportExport).
	split("0.05|0.01|0.012|0.015|0.02|0.015|0.012|0.003|0.012|0.04|0.012|0.04|0.1|0.06|-|0.04", target, "|")
}
$1 == "step" {
	d = $2; i = $3
	if (!(d in seen)) { seen[d] = 1; sizes[++ns] = d }
	k = d SUBSEP i
	n[k]++
	v[k, n[k]] = $4
	u[k, n[k]] = $6
	if (i + 1 > nsteps) nsteps = i + 1
}
# label names the cube of d divisions by its element count: 4.1M, 27M.
function label(d,    e) {
	e = d * d * d
	if (e >= 1e7) return sprintf("%.0fM", e / 1e6)
	if (e >= 1e6) return sprintf("%.1fM", e / 1e6)
	if (e >= 1e3) return sprintf("%.0fk", e / 1e3)
	return sprintf("%d", e)
}
# median returns the median seconds of the runs of key k (divisions,
# step), or with user set their median user CPU seconds.
function median(k, user,    m, j, a, t, x, y) {
	m = n[k]
	for (j = 1; j <= m; j++) a[j] = user ? u[k, j] : v[k, j]
	for (x = 2; x <= m; x++) {
		t = a[x]
		for (y = x - 1; y >= 1 && a[y] > t; y--) a[y + 1] = a[y]
		a[y + 1] = t
	}
	if (m % 2) return a[(m + 1) / 2]
	return (a[m / 2] + a[m / 2 + 1]) / 2
}
END {
	if (!((base SUBSEP 0) in n)) { printf "(no divisions=%d run to compare with)\n", base; exit }
	b = label(base)
	head = sprintf("| step | 512k target s | %s s", b)
	rule = "|---|---:|---:"
	for (s = 1; s <= ns; s++) if (sizes[s] != base) {
		head = head sprintf(" | %s s | per element vs %s | user CPU per element", label(sizes[s]), b)
		rule = rule "|---:|---:|---:"
	}
	print head " |"
	print rule "|"
	over = 0; uover = 0; missed = 0
	for (i = 0; i < nsteps; i++) {
		t0 = median(base SUBSEP i)
		u0 = median(base SUBSEP i, 1)
		mark = ""
		if (base == 80 && target[i + 1] != "-" && t0 > target[i + 1] + 0) {
			mark = " (over)"
			missed++
		}
		line = sprintf("| %s | %s | %.4f%s", name[i + 1], target[i + 1], t0, mark)
		for (s = 1; s <= ns; s++) {
			d = sizes[s]
			if (d == base) continue
			k = d SUBSEP i
			if (!(k in n)) { line = line " | | "; continue }
			t = median(k)
			if (t0 < 0.005) {
				line = line sprintf(" | %.3f | (%s under 5 ms) | ", t, b)
				continue
			}
			r = (t / (d * d * d)) / (t0 / (base * base * base))
			if (r > 1.3) over++
			line = line sprintf(" | %.3f | %.2fx%s", t, r, r > 1.3 ? " over" : "")
			if (u0 > 0) {
				ru = (median(k, 1) / (d * d * d)) / (u0 / (base * base * base))
				if (ru > 1.3) uover++
				line = line sprintf(" | %.2fx%s", ru, ru > 1.3 ? " over" : "")
			} else {
				line = line " | "
			}
		}
		print line " |"
	}
	print ""
	printf "%d step(s) over 1.3x per element (%d in user CPU)", over, uover
	if (base == 80) printf "; %d step(s) at 512k over their target", missed
	print ""
}
