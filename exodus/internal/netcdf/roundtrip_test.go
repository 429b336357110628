package netcdf

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
)

// numericCases give, per numeric file type, integral test values that fit
// the type, int32 and float32 exactly (below 2^31, at most 24 significant
// bits), so every memory type can carry them.
var numericCases = []struct {
	t   Type
	val func(i int) float64
}{
	{Byte, func(i int) float64 { return float64(i*7 - 60) }},
	{Short, func(i int) float64 { return float64(i*1500 - 14000) }},
	{Int, func(i int) float64 { return float64(i*100003 - 1000000) }},
	{Float, func(i int) float64 { return float64(i*3 - 25) }},
	{Double, func(i int) float64 { return float64(i*-77 + 1000) }},
	{UByte, func(i int) float64 { return float64(i*13 + 1) }},
	{UShort, func(i int) float64 { return float64(i*3000 + 7) }},
	{UInt, func(i int) float64 { return float64(i*(1<<26) + 3*(1<<26)) }},
	{Int64, func(i int) float64 { return float64(i*(1<<24) - (1 << 28)) }},
	{UInt64, func(i int) float64 { return float64(i*(1<<25) + 1<<20) }},
}

const rows, cols = 4, 5

// putRow writes row r of a [rows, cols] variable from vals, using a
// different memory type for each row so that every Put method is exercised.
func putRow(v Var, r int, vals []float64) error {
	start, count := []int{r, 0}, []int{1, cols}
	switch r % 4 {
	case 0:
		return v.PutFloat64s(start, count, vals)
	case 1:
		f32 := make([]float32, len(vals))
		for i, x := range vals {
			f32[i] = float32(x)
		}
		return v.PutFloat32s(start, count, f32)
	case 2:
		i32 := make([]int32, len(vals))
		for i, x := range vals {
			i32[i] = int32(x)
		}
		return v.PutInt32s(start, count, i32)
	default:
		i64 := make([]int64, len(vals))
		for i, x := range vals {
			i64[i] = int64(x)
		}
		return v.PutInt64s(start, count, i64)
	}
}

// readAll reads a hyperslab through every Get method and checks each result
// against want.
func readAll(t *testing.T, label string, v Var, start, count []int, want []float64) {
	t.Helper()
	n := len(want)
	f64 := make([]float64, n)
	if err := v.GetFloat64s(start, count, f64); err != nil {
		t.Errorf("%s: GetFloat64s: %v", label, err)
	} else if !slices.Equal(f64, want) {
		t.Errorf("%s: GetFloat64s = %v, want %v", label, f64, want)
	}
	f32 := make([]float32, n)
	if err := v.GetFloat32s(start, count, f32); err != nil {
		t.Errorf("%s: GetFloat32s: %v", label, err)
	}
	i32 := make([]int32, n)
	if err := v.GetInt32s(start, count, i32); err != nil {
		t.Errorf("%s: GetInt32s: %v", label, err)
	}
	i64 := make([]int64, n)
	if err := v.GetInt64s(start, count, i64); err != nil {
		t.Errorf("%s: GetInt64s: %v", label, err)
	}
	for i, w := range want {
		if float64(f32[i]) != w || float64(i32[i]) != w || float64(i64[i]) != w {
			t.Errorf("%s: value %d: float32 %v, int32 %v, int64 %v, want %v", label, i, f32[i], i32[i], i64[i], w)
			break
		}
	}
}

// slab extracts the hyperslab start/count of a [rows, cols] grid.
func slab(grid []float64, start, count []int) []float64 {
	var out []float64
	for r := start[0]; r < start[0]+count[0]; r++ {
		out = append(out, grid[r*cols+start[1]:r*cols+start[1]+count[1]]...)
	}
	return out
}

// TestRoundTripTypesFormats writes every numeric type through every format,
// row by row with each Put method, overwrites an interior block, closes,
// reopens and reads whole variables and hyperslabs back with each Get method.
func TestRoundTripTypesFormats(t *testing.T) {
	for _, format := range allFormats {
		t.Run(format.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "rt.nc")
			f, err := Create(path, format)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			dr, err := f.DefDim("rows", rows)
			if err != nil {
				t.Fatal(err)
			}
			dc, err := f.DefDim("cols", cols)
			if err != nil {
				t.Fatal(err)
			}
			vars := map[Type]Var{}
			for _, tc := range numericCases {
				v, err := f.DefVar("v_"+tc.t.String(), tc.t, []Dim{dr, dc})
				if !extended(format) && tc.t >= UByte {
					if err == nil {
						t.Errorf("DefVar %s in %s: no error", tc.t, format)
					}
					wantErrorFields(t, "DefVar "+tc.t.String(), err, "define variable", path, "v_"+tc.t.String())
					continue
				}
				if err != nil {
					t.Fatalf("DefVar %s: %v", tc.t, err)
				}
				vars[tc.t] = v
			}
			text, err := f.DefVar("text", Char, []Dim{dr, dc})
			if err != nil {
				t.Fatal(err)
			}
			if err := f.EndDef(); err != nil {
				t.Fatal(err)
			}

			grids := map[Type][]float64{}
			for _, tc := range numericCases {
				v, ok := vars[tc.t]
				if !ok {
					continue
				}
				grid := make([]float64, rows*cols)
				for i := range grid {
					grid[i] = tc.val(i)
				}
				for r := range rows {
					if err := putRow(v, r, grid[r*cols:(r+1)*cols]); err != nil {
						t.Fatalf("%s: put row %d: %v", tc.t, r, err)
					}
				}
				// Overwrite the interior block [1:4, 2:4] with the values reversed.
				start, count := []int{1, 2}, []int{3, 2}
				block := slab(grid, start, count)
				slices.Reverse(block)
				if err := v.PutFloat64s(start, count, block); err != nil {
					t.Fatalf("%s: put block: %v", tc.t, err)
				}
				for k, r := 0, 1; r < 4; r++ {
					for c := 2; c < 4; c, k = c+1, k+1 {
						grid[r*cols+c] = block[k]
					}
				}
				grids[tc.t] = grid
			}
			textData := []byte("abcdeFGHIJklmno\x00\x01\xfe\xff ")
			if err := text.PutBytes([]int{0, 0}, []int{rows, cols}, textData); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}

			g := mustOpen(t, path)
			if g.Format() != format {
				t.Errorf("Format() = %v, want %v", g.Format(), format)
			}
			for _, tc := range numericCases {
				grid, ok := grids[tc.t]
				if !ok {
					continue
				}
				v := mustVar(t, g, "v_"+tc.t.String())
				info, err := v.Info()
				if err != nil {
					t.Fatal(err)
				}
				if info.Type != tc.t || !slices.Equal(info.Shape, []int{rows, cols}) ||
					info.Dims[0].Name != "rows" || info.Dims[1].Name != "cols" {
					t.Errorf("%s: Info = %+v", tc.t, info)
				}
				readAll(t, tc.t.String()+" whole", v, []int{0, 0}, []int{rows, cols}, grid)
				for _, s := range []struct{ start, count []int }{
					{[]int{1, 1}, []int{2, 3}},
					{[]int{3, 0}, []int{1, 5}},
					{[]int{0, 4}, []int{4, 1}},
					{[]int{2, 2}, []int{1, 1}},
				} {
					readAll(t, fmt.Sprintf("%s slab %v+%v", tc.t, s.start, s.count), v, s.start, s.count, slab(grid, s.start, s.count))
				}
				whole := make([]float64, rows*cols)
				if err := v.ReadFloat64s(whole); err != nil || !slices.Equal(whole, grid) {
					t.Errorf("%s: ReadFloat64s = %v, %v", tc.t, whole, err)
				}
				i32 := make([]int32, rows*cols)
				if err := v.ReadInt32s(i32); err != nil || float64(i32[7]) != grid[7] {
					t.Errorf("%s: ReadInt32s = %v, %v", tc.t, i32, err)
				}
				i64 := make([]int64, rows*cols)
				if err := v.ReadInt64s(i64); err != nil || float64(i64[19]) != grid[19] {
					t.Errorf("%s: ReadInt64s = %v, %v", tc.t, i64, err)
				}
				if tc.t == UByte {
					b := make([]byte, rows*cols)
					if err := v.ReadBytes(b); err != nil {
						t.Errorf("ReadBytes ubyte: %v", err)
					}
					for i := range b {
						if float64(b[i]) != grid[i] {
							t.Errorf("ReadBytes ubyte [%d] = %d, want %v", i, b[i], grid[i])
						}
					}
				}
			}
			tv := mustVar(t, g, "text")
			got := make([]byte, rows*cols)
			if err := tv.ReadBytes(got); err != nil || string(got) != string(textData) {
				t.Errorf("text ReadBytes = %q, %v; want %q", got, err, textData)
			}
			row := make([]byte, 3)
			if err := tv.GetBytes([]int{1, 1}, []int{1, 3}, row); err != nil || string(row) != "GHI" {
				t.Errorf("text GetBytes = %q, %v; want GHI", row, err)
			}
			err = tv.GetFloat64s([]int{0, 0}, []int{1, 1}, make([]float64, 1))
			wantCode(t, "numeric read of char", err, CodeChar)
		})
	}
}

// wantErrorFields checks an error's op, path and variable.
func wantErrorFields(t *testing.T, what string, err error, op, path, varName string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%s: %v (%T) is not *Error", what, err, err)
		return
	}
	if e.Op != op || e.Path != path || e.Var != varName || e.Msg == "" || e.Code == 0 {
		t.Errorf("%s: error %+v, want op %q path %q var %q and a message", what, e, op, path, varName)
	}
}

// TestInt64Exact checks 64-bit integers survive unrounded through PutInt64s
// and GetInt64s in the formats that have them.
func TestInt64Exact(t *testing.T) {
	want := []int64{1<<62 + 1, -1<<63 + 3, 1<<53 + 1, -1}
	for _, format := range []Format{CDF5, NetCDF4} {
		path := filepath.Join(t.TempDir(), "i64.nc")
		f, err := Create(path, format)
		if err != nil {
			t.Fatal(err)
		}
		d, _ := f.DefDim("n", len(want))
		v, err := f.DefVar("x", Int64, []Dim{d})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.EndDef(); err != nil {
			t.Fatal(err)
		}
		if err := v.PutInt64s([]int{0}, []int{len(want)}, want); err != nil {
			t.Fatal(err)
		}
		got := make([]int64, len(want))
		if err := v.ReadInt64s(got); err != nil || !slices.Equal(got, want) {
			t.Errorf("%s: ReadInt64s = %v, %v; want %v", format, got, err, want)
		}
		f.Close()
	}
}
