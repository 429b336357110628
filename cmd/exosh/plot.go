package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"exosh/exodus"
	"exosh/meshobj"
	"exosh/pictures"
)

const plotUsage = `usage: exosh plot FILE.e [-f FIELD] [--step last] [--view iso] [-o OUT.png]

Draw an Exodus file to a PNG (or, when OUT ends in .gif, an animated GIF of
every timestep) without a script, as model.export_png does.

  -f FIELD        colour by this node field (or, if there is none of that
                  name, element field)
  --step STEP     timestep: last (default), first, or a time value
  --view VIEW     iso (default), +x, -x, +y, -y, +z, -z or AZIMUTH,ELEVATION
  -o OUT          output file (default: FILE with .png for .e)
  --colormap MAP  viridis (default), coolwarm, jet or gray
  --size WxH      picture size in pixels (default 1200x900)
  --range LO,HI   colour range (default: the field's)
  --no-edges      do not draw element edges
  --fps N         frames a second of a GIF (default 10)
`

// runPlot implements `exosh plot`; it returns the exit status.
func runPlot(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("exosh plot", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	field := fs.String("f", "", "")
	step := fs.String("step", "last", "")
	view := fs.String("view", "iso", "")
	out := fs.String("o", "", "")
	cmap := fs.String("colormap", "viridis", "")
	size := fs.String("size", "1200x900", "")
	rng := fs.String("range", "", "")
	noEdges := fs.Bool("no-edges", false, "")
	fps := fs.Float64("fps", 10, "")
	var files []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if err == flag.ErrHelp {
				fmt.Fprint(stdout, plotUsage)
				return 0
			}
			fmt.Fprintf(stderr, "exosh plot: %v\n%s", err, plotUsage)
			return 2
		}
		rest = fs.Args()
		if len(rest) == 0 {
			break
		}
		files = append(files, rest[0])
		rest = rest[1:]
	}
	if len(files) != 1 {
		fmt.Fprintf(stderr, "exosh plot: want one Exodus file, got %d\n%s", len(files), plotUsage)
		return 2
	}
	r := pictures.Defaults()
	r.Colormap, r.Edges = *cmap, !*noEdges
	if err := plotArgs(r, *step, *view, *size, *rng); err != nil {
		fmt.Fprintf(stderr, "exosh plot: %v\n%s", err, plotUsage)
		return 2
	}
	m, err := exodus.ReadFile(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "exosh plot: %v\n", err)
		return 1
	}
	if *field != "" {
		if m.NodeFieldExists(*field) {
			r.NodeField = *field
		} else {
			r.ElementField = *field
		}
	}
	target := *out
	if target == "" {
		target = strings.TrimSuffix(files[0], filepath.Ext(files[0])) + ".png"
	}
	if strings.EqualFold(filepath.Ext(target), ".gif") {
		err = pictures.WriteGIF(m, r, meshobj.Sel(meshobj.KeyAll), *fps, target)
	} else {
		err = pictures.WritePNG(m, r, target)
	}
	if err != nil {
		fmt.Fprintf(stderr, "exosh plot: %s: %v\n", files[0], err)
		return 1
	}
	fmt.Fprintln(stdout, target)
	return 0
}

// plotArgs sets the step, view, size and range of r from their flags.
func plotArgs(r *pictures.Request, step, view, size, rng string) error {
	switch step {
	case "last", "first":
		r.Timestep = meshobj.Str(step)
	default:
		t, err := strconv.ParseFloat(step, 64)
		if err != nil {
			return fmt.Errorf("--step %q: want last, first or a time value", step)
		}
		r.Timestep = meshobj.Float(t)
	}
	if a, e, ok := strings.Cut(view, ","); ok {
		az, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
		el, err2 := strconv.ParseFloat(strings.TrimSpace(e), 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("--view %q: want a view name or AZIMUTH,ELEVATION", view)
		}
		r.View, r.Azimuth, r.Elevation = "", az, el
	} else {
		r.View = view
	}
	w, h, ok := strings.Cut(strings.ToLower(size), "x")
	var err1, err2 error
	if ok {
		r.Width, err1 = strconv.Atoi(w)
		r.Height, err2 = strconv.Atoi(h)
	}
	if !ok || err1 != nil || err2 != nil {
		return fmt.Errorf("--size %q: want WIDTHxHEIGHT", size)
	}
	if rng != "" {
		lo, hi, ok := strings.Cut(rng, ",")
		l, err1 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
		h, err2 := strconv.ParseFloat(strings.TrimSpace(hi), 64)
		if !ok || err1 != nil || err2 != nil {
			return fmt.Errorf("--range %q: want LO,HI", rng)
		}
		r.Range = &[2]float64{l, h}
	}
	return nil
}
