package exodus

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"exosh/meshobj"
)

// writeConfigs are the output forms every round trip goes through.
var writeConfigs = []struct {
	name       string
	opts       *WriteOptions
	wantFormat Format
	wantWS     int
	mode       floatMode
}{
	{"default", nil, Offset64, 8, exactFloats},
	{"classic", &WriteOptions{Format: Classic}, Classic, 8, exactFloats},
	{"cdf5", &WriteOptions{Format: CDF5}, CDF5, 8, exactFloats},
	{"netcdf4", &WriteOptions{Format: NetCDF4}, NetCDF4, 8, exactFloats},
	{"netcdf4-classic", &WriteOptions{Format: NetCDF4Classic}, NetCDF4Classic, 8, exactFloats},
	{"netcdf4-deflate", &WriteOptions{Format: NetCDF4, Compression: 4}, NetCDF4, 8, exactFloats},
	{"int64", &WriteOptions{Int64: true}, NetCDF4, 8, exactFloats},
	{"cdf5-int64", &WriteOptions{Format: CDF5, Int64: true}, CDF5, 8, exactFloats},
	{"float", &WriteOptions{WordSize: 4}, Offset64, 4, float32Floats},
	{"float-netcdf4-deflate", &WriteOptions{WordSize: 4, Format: NetCDF4Classic, Compression: 1}, NetCDF4Classic, 4, float32Floats},
}

// ncdumpHeader runs ncdump -h on a written file and returns its output.
func ncdumpHeader(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(needTool(t, "ncdump"), "-h", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ncdump -h %s: %v\n%s", path, err, out)
	}
	return string(out)
}

// toNetCDF4 converts a file with nccopy -k nc4 -d 1.
func toNetCDF4(t *testing.T, src, dst string) {
	t.Helper()
	out, err := exec.Command(needTool(t, "nccopy"), "-k", "nc4", "-d", "1", src, dst).CombinedOutput()
	if err != nil {
		t.Fatalf("nccopy %s: %v\n%s", src, err, out)
	}
}

// TestRoundTripTestdata reads every shared test file (and its netCDF-4 copy
// made by nccopy), writes it in every output form, and reads it back: the
// models must be identical, entity by entity (after float32 rounding for
// 4-byte output).
func TestRoundTripTestdata(t *testing.T) {
	dir := t.TempDir()
	for _, path := range testFiles(t) {
		base := filepath.Base(path)
		t.Run(base, func(t *testing.T) {
			want, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := want.Validate(); err != nil {
				t.Fatalf("model read from %s is invalid: %v", base, err)
			}
			nc4 := filepath.Join(dir, base+".nc4")
			toNetCDF4(t, path, nc4)
			got, err := ReadFile(nc4)
			if err != nil {
				t.Fatal(err)
			}
			requireSameModel(t, "netCDF-4 copy made by nccopy", want, got, exactFloats)
			// The netCDF-4 copy reads as the same model, so writing the model
			// covers both sources.
			for _, cfg := range writeConfigs {
				// HDF5 handles files with hundreds of variables slowly (ncdump
				// alone takes a second on exomerge_unit_test.e); for those,
				// one netCDF-4 form (compressed, non-classic) is enough here.
				if len(want.Blocks) > 0 && countArrays(want) > 300 && cfg.wantFormat.isNetCDF4() && cfg.name != "netcdf4-deflate" {
					continue
				}
				what := base + " via " + cfg.name
				out := filepath.Join(dir, cfg.name+"-"+base)
				if err := Write(out, want, cfg.opts); err != nil {
					t.Fatalf("%s: write: %v", what, err)
				}
				ncdumpHeader(t, out)
				r, err := Open(out)
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				c := r.Contents()
				if c.Format != cfg.wantFormat || c.WordSize != cfg.wantWS || !c.LargeModel {
					t.Errorf("%s: format %v, word size %d, large model %v; want %v, %d, true", what, c.Format, c.WordSize, c.LargeModel, cfg.wantFormat, cfg.wantWS)
				}
				back, err := r.Read(nil)
				r.Close()
				if err != nil {
					t.Fatalf("%s: read back: %v", what, err)
				}
				requireSameModel(t, what, want, back, cfg.mode)
			}
		})
	}
}

// countArrays estimates the number of netCDF variables a model needs.
func countArrays(m *meshobj.Model) int {
	n := 3 * len(m.Blocks)
	for _, b := range m.Blocks {
		n += len(b.Fields)
	}
	return n + len(m.NodeFields) + 3*len(m.NodeSets) + 4*len(m.SideSets)
}

// TestRoundTripScratchModel writes a model built from scratch, using every
// feature the writer carries, in every output form.
func TestRoundTripScratchModel(t *testing.T) {
	dir := t.TempDir()
	want := smallModel()
	for _, cfg := range writeConfigs {
		out := filepath.Join(dir, cfg.name+".e")
		if err := Write(out, want, cfg.opts); err != nil {
			t.Fatalf("%s: %v", cfg.name, err)
		}
		hdr := ncdumpHeader(t, out)
		for _, s := range []string{"elem_type = \"HEX8\"", "name = \"ID\"", "vals_red_var_assembly100", "eb_prop2:name = \"MATERIAL\"", ":SOLID_MODEL = \"part-7\""} {
			if !strings.Contains(hdr, s) {
				t.Errorf("%s: header lacks %s", cfg.name, s)
			}
		}
		got, err := ReadFile(out)
		if err != nil {
			t.Fatalf("%s: %v", cfg.name, err)
		}
		requireSameModel(t, cfg.name, want, got, cfg.mode)
	}
}

// TestWriteDefaultHeader checks the global attributes and dimensions of a
// default write against what libexodus 9.06 writes.
func TestWriteDefaultHeader(t *testing.T) {
	out := filepath.Join(t.TempDir(), "h.e")
	m := smallModel()
	m.Blocks[0].Name = strings.Repeat("n", 40)
	if err := Write(out, m, nil); err != nil {
		t.Fatal(err)
	}
	hdr := ncdumpHeader(t, out)
	kind, err := exec.Command("ncdump", "-k", out).Output()
	if err != nil || strings.TrimSpace(string(kind)) != "64-bit offset" {
		t.Errorf("ncdump -k: %q %v, want 64-bit offset", kind, err)
	}
	for _, s := range []string{
		":api_version = 9.06f", ":version = 9.06f", ":floating_point_word_size = 8",
		":file_size = 1", ":maximum_name_length = 40", ":int64_status = 0", ":title = \"small model\"",
		"len_name = 256 ;", "len_string = 33 ;", "len_line = 81 ;", "four = 4 ;",
		"time_step = UNLIMITED", "double coordx(num_nodes)", "double coordz(num_nodes)",
		"int eb_status(num_el_blk)", "int connect1(num_el_in_blk1, num_nod_per_el1)",
		"double vals_nod_var1(time_step, num_nodes)", "int elem_var_tab(num_el_blk, num_elem_var)",
		"char qa_records(num_qa_rec, four, len_string)", "char info_records(num_info, len_line)",
		"double vals_glo_var(time_step, num_glo_var)", "int elem_num_map(num_elem)", "int node_num_map(num_nodes)",
		"double dist_fact_ss1(num_df_ss1)", "assembly_entity100:_typename = \"element block\"",
	} {
		if !strings.Contains(hdr, s) {
			t.Errorf("header lacks %q", s)
		}
	}
	// the empty block 30 is a NULL block: no dimensions or connectivity
	if strings.Contains(hdr, "num_el_in_blk3") || strings.Contains(hdr, "connect3") {
		t.Errorf("empty block got arrays:\n%s", hdr)
	}
	// vals_elem_var exist only where a block has the field
	for _, s := range []string{"vals_elem_var1eb1(", "vals_elem_var2eb2(", "vals_elem_var3eb2("} {
		if !strings.Contains(hdr, s) {
			t.Errorf("header lacks %s", s)
		}
	}
	for _, s := range []string{"vals_elem_var1eb2(", "vals_elem_var3eb1(", "eb3("} {
		if strings.Contains(hdr, s) {
			t.Errorf("header has %s, which no block carries", s)
		}
	}
}

// TestWriteEdgeCases writes degenerate and limit models; each must give a
// file that ncdump accepts and that reads back as written (or as the
// documented Exodus form).
func TestWriteEdgeCases(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("abcdefghij", 30) // 300 characters
	cases := []struct {
		name  string
		model func() *meshobj.Model
		opts  *WriteOptions
		check func(t *testing.T, in, out *meshobj.Model, hdr string)
	}{
		{"empty model", meshobj.New, nil, func(t *testing.T, in, out *meshobj.Model, hdr string) {
			if out.NumNodes() != 0 || len(out.Blocks) != 0 || out.Title != "" {
				t.Errorf("got %d nodes, %d blocks, title %q", out.NumNodes(), len(out.Blocks), out.Title)
			}
			if !strings.Contains(hdr, `:title = ""`) {
				t.Errorf("no empty title attribute:\n%s", hdr)
			}
		}},
		{"2-D without timesteps or variables", func() *meshobj.Model {
			m := meshobj.New()
			m.NumDim = 2
			m.Coords = []float64{0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0}
			m.Blocks = []*meshobj.ElementBlock{{ID: 1, Type: "QUAD4", NodesPerElem: 4, NumElems: 1, Conn: []int32{0, 1, 2, 3}}}
			m.SideSets = []*meshobj.SideSet{{ID: 1, BlockIDs: []int64{1}, Elems: []int32{0}, Sides: []int32{3}}}
			return m
		}, nil, func(t *testing.T, in, out *meshobj.Model, hdr string) {
			if strings.Contains(hdr, "coordz") {
				t.Errorf("2-D file has coordz")
			}
		}},
		{"nodes but no elements, timesteps without fields", func() *meshobj.Model {
			m := meshobj.New()
			m.HasTitle = true // every written file has a title, here an empty one
			m.Coords = []float64{1, 2, 3}
			m.Timesteps = []float64{0, 1}
			m.NodeSets = []*meshobj.NodeSet{{ID: 4, Members: []int32{0}}}
			return m
		}, nil, nil},
		{"fields without nodes", func() *meshobj.Model {
			m := meshobj.New()
			m.HasTitle = true
			m.Timesteps = []float64{3}
			m.NodeFields = []*meshobj.Field{{Name: "u", Values: [][]float64{{}}}}
			m.GlobalVars = []*meshobj.GlobalVar{{Name: "g", Values: []float64{2}}}
			return m
		}, nil, nil},
		{"long names and strings are cut", func() *meshobj.Model {
			m := smallModel()
			m.Title = long
			m.Blocks[0].Name = long
			m.NodeFields[0].Name = long
			m.QARecords[0][0] = long
			m.InfoRecords[0] = long
			return m
		}, nil, func(t *testing.T, in, out *meshobj.Model, hdr string) {
			if out.Title != long[:80] || out.Blocks[0].Name != long[:255] || out.NodeFields[0].Name != long[:255] ||
				out.QARecords[0][0] != long[:32] || out.InfoRecords[0] != long[:80] {
				t.Errorf("cut strings: title %d, block %d, field %d, qa %d, info %d characters",
					len(out.Title), len(out.Blocks[0].Name), len(out.NodeFields[0].Name), len(out.QARecords[0][0]), len(out.InfoRecords[0]))
			}
			if !strings.Contains(hdr, ":maximum_name_length = 255") {
				t.Errorf("maximum_name_length is not 255")
			}
		}},
		{"32-character names", func() *meshobj.Model {
			m := smallModel()
			m.Blocks[0].Name = long
			return m
		}, &WriteOptions{NameLength: 32}, func(t *testing.T, in, out *meshobj.Model, hdr string) {
			if out.Blocks[0].Name != long[:32] || !strings.Contains(hdr, "len_name = 33 ;") {
				t.Errorf("block name %q, header len_name 33: %v", out.Blocks[0].Name, strings.Contains(hdr, "len_name = 33 ;"))
			}
		}},
		{"ids beyond 32 bits switch to netCDF-4 int64", func() *meshobj.Model {
			m := smallModel()
			m.Blocks[0].ID = 1 << 40
			m.SideSets[0].BlockIDs = []int64{1 << 40, 1 << 40, 20}
			m.NodeIDs[3] = -(1 << 35)
			return m
		}, nil, func(t *testing.T, in, out *meshobj.Model, hdr string) {
			if !strings.Contains(hdr, "int64 eb_prop1(num_el_blk)") || !strings.Contains(hdr, "int64 node_num_map") ||
				!strings.Contains(hdr, ":int64_status = 3072") {
				t.Errorf("64-bit ids and maps not written as int64:\n%s", hdr)
			}
		}},
		{"int64 option", smallModel, &WriteOptions{Int64: true}, func(t *testing.T, in, out *meshobj.Model, hdr string) {
			if !strings.Contains(hdr, "int64 connect1(") || !strings.Contains(hdr, ":int64_status = 7168") {
				t.Errorf("bulk data not int64:\n%s", hdr)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := c.model()
			out := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".e")
			if err := Write(out, in, c.opts); err != nil {
				t.Fatal(err)
			}
			hdr := ncdumpHeader(t, out)
			got, err := ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if c.check != nil {
				c.check(t, in, got, hdr)
				return
			}
			requireSameModel(t, c.name, in, got, exactFloats)
		})
	}
}

// TestWriteRejects checks that models and options Exodus cannot store are
// refused before any file is created.
func TestWriteRejects(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name   string
		mutate func(m *meshobj.Model)
		opts   *WriteOptions
		want   string
	}{
		{"invalid model", func(m *meshobj.Model) { m.Blocks[0].Conn[0] = 99 }, nil, "refers to node 99"},
		{"side beyond the topology", func(m *meshobj.Model) { m.SideSets[0].Sides[0] = 6 }, nil, "has 6 sides"},
		{"empty assembly", func(m *meshobj.Model) { m.Assemblies[0].Members = nil }, nil, "empty assembly"},
		{"reduction values of the wrong length", func(m *meshobj.Model) { m.Assemblies[0].RedValues[1] = []float64{1} }, nil, "reduction values"},
		{"reserved attribute", func(m *meshobj.Model) { m.Blocks[0].Attrs[0].Name = "elem_type" }, nil, "reserved"},
		{"reserved global attribute", func(m *meshobj.Model) { m.Attrs[0].Name = "file_size" }, nil, "reserved"},
		{"64-bit ids in classic", func(m *meshobj.Model) { m.Assemblies[0].ID = 1 << 33 }, &WriteOptions{Format: Classic}, "64-bit integers"},
		{"int64 in 64-bit offset", func(m *meshobj.Model) {}, &WriteOptions{Int64: true, Format: Offset64}, "64-bit integers"},
		{"compression without netCDF-4", func(m *meshobj.Model) {}, &WriteOptions{Compression: 3}, "netCDF-4"},
		{"bad word size", func(m *meshobj.Model) {}, &WriteOptions{WordSize: 2}, "word size"},
		{"bad name length", func(m *meshobj.Model) {}, &WriteOptions{NameLength: 300}, "name length"},
	}
	for _, c := range cases {
		m := smallModel()
		c.mutate(m)
		out := filepath.Join(dir, "x.e")
		err := Write(out, m, c.opts)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "exodus: "+out) {
			t.Errorf("%s: error %v, want one about %q naming the file", c.name, err, c.want)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s: files left behind: %v", c.name, entries)
		}
	}
}
