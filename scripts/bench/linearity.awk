# Reads the "step" lines of scripts/bench/chain.star (step, divisions, index,
# seconds, CPU seconds; several runs of a size may be present) and prints,
# for each step, the median seconds at every size and the ratio of seconds
# per element to that at divisions=80 (512k elements), with "over" past
# 1.3x. The step names are those of chain.star, in its order.
BEGIN {
	split("build_hex8_cube|timesteps + create_node_field|calculate_node_field|element field + volumes|centroids|element -> node field|node -> element field|translate + rotate + scale|calculate_element_field|get_closest_node_distance|count_disconnected_blocks|duplicate_element_block|merge_nodes|combine + delete_duplicate|export_model|import_model", name, "|")
}
$1 == "step" {
	d = $2; i = $3
	if (!(d in seen)) { seen[d] = 1; sizes[++ns] = d }
	k = d SUBSEP i
	n[k]++
	v[k, n[k]] = $4
	if (i + 1 > nsteps) nsteps = i + 1
}
# label names the cube of d divisions by its element count: 4.1M, 27M.
function label(d,    e) {
	e = d * d * d
	if (e >= 1e7) return sprintf("%.0fM", e / 1e6)
	if (e >= 1e6) return sprintf("%.1fM", e / 1e6)
	return sprintf("%.0fk", e / 1e3)
}
function median(k,    m, j, a, t, x, y) {
	m = n[k]
	for (j = 1; j <= m; j++) a[j] = v[k, j]
	for (x = 2; x <= m; x++) {
		t = a[x]
		for (y = x - 1; y >= 1 && a[y] > t; y--) a[y + 1] = a[y]
		a[y + 1] = t
	}
	if (m % 2) return a[(m + 1) / 2]
	return (a[m / 2] + a[m / 2 + 1]) / 2
}
END {
	if (!("80" in seen)) { print "(no divisions=80 run to compare with)"; exit }
	head = "| step | 512k s"
	rule = "|---|---:"
	for (s = 1; s <= ns; s++) if (sizes[s] != 80) {
		head = head sprintf(" | %s s | per element vs 512k", label(sizes[s]))
		rule = rule "|---:|---:"
	}
	print head " |"
	print rule "|"
	for (i = 0; i < nsteps; i++) {
		base = median("80" SUBSEP i)
		line = sprintf("| %s | %.4f", name[i + 1], base)
		for (s = 1; s <= ns; s++) {
			d = sizes[s]
			if (d == 80) continue
			k = d SUBSEP i
			if (!(k in n)) { line = line " | | "; continue }
			t = median(k)
			if (base < 0.005) {
				line = line sprintf(" | %.3f | (512k under 5 ms)", t)
				continue
			}
			r = (t / (d * d * d)) / (base / 512000)
			line = line sprintf(" | %.3f | %.2fx%s", t, r, r > 1.3 ? " over" : "")
		}
		print line " |"
	}
}
