package pictures

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"exosh/internal/atomicfile"
	"fmt"
	"html/template"
	"math"
	"slices"

	"exosh/meshobj"
	"exosh/render"
)

//go:embed viewer.js
var viewerJS string

//go:embed viewer.html
var viewerHTML string

var viewerPage = template.Must(template.New("viewer").Parse(viewerHTML))

// HTMLRequest is what export_html draws: the surface of Blocks displaced
// at Displacement, with the node and element fields named (each at every
// timestep Timesteps selects).
type HTMLRequest struct {
	NodeFields, ElementFields []string
	Timesteps                 meshobj.Selector
	Blocks                    meshobj.Selector
	Displacement              meshobj.Selector
	// View, or Azimuth and Elevation if it is empty, is the first view.
	View               string
	Azimuth, Elevation float64
	Colormap           string
	Title              string
}

// htmlField is one field in the page's data.
type htmlField struct {
	Name  string     `json:"name"`
	Kind  string     `json:"kind"`
	Range [2]float64 `json:"range"`
	Steps []string   `json:"steps"`
}

// htmlData is the JSON the viewer reads.
type htmlData struct {
	Points   string      `json:"points"`
	Tris     string      `json:"tris"`
	Edges    string      `json:"edges"`
	Colormap string      `json:"colormap"`
	Times    []float64   `json:"times"`
	View     [2]float64  `json:"view"`
	Fields   []htmlField `json:"fields"`
	// StepPoints holds the displaced points at each timestep, when the
	// shape follows the timestep.
	StepPoints []string `json:"stepPoints,omitempty"`
}

// b64f32 encodes values as little-endian float32, in base64.
func b64f32(v []float64) string {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(float32(x)))
	}
	return base64.StdEncoding.EncodeToString(b)
}

// HTML returns a self-contained HTML page with a WebGL viewer of the
// request's surface and fields.
func HTML(m *meshobj.Model, r *HTMLRequest) ([]byte, error) {
	if _, _, err := render.ColormapEnds(r.Colormap); err != nil {
		return nil, err
	}
	az, el := r.Azimuth, r.Elevation
	if r.View != "" {
		var err error
		if az, el, err = render.View(r.View); err != nil {
			return nil, err
		}
	}
	p, err := m.PictureSurface(r.Blocks)
	if err != nil {
		return nil, err
	}
	if r.View == "iso" && p.Flat {
		az, el, _ = render.View("+z")
	}
	pts, _, err := m.PicturePoints(p, r.Displacement)
	if err != nil {
		return nil, err
	}
	ts := []float64{} // JSON [] rather than null
	if len(r.NodeFields)+len(r.ElementFields) > 0 {
		if ts, err = m.ResolveTimesteps(r.Timesteps); err != nil {
			return nil, err
		}
	}
	d := htmlData{Points: b64f32(pts), Times: ts, View: [2]float64{az, el}, Fields: []htmlField{}}
	tb := make([]byte, 4*len(p.Tris))
	for i, v := range p.Tris {
		binary.LittleEndian.PutUint32(tb[4*i:], uint32(v))
	}
	d.Tris = base64.StdEncoding.EncodeToString(tb)
	d.Edges = base64.StdEncoding.EncodeToString(p.Edges)
	tab, _ := render.ColormapTable(r.Colormap)
	cm := make([]byte, 0, 3*256)
	for _, c := range tab {
		cm = append(cm, c.R, c.G, c.B)
	}
	d.Colormap = base64.StdEncoding.EncodeToString(cm)
	add := func(name, kind string, get func(step int) ([]float64, error)) error {
		f := htmlField{Name: name, Kind: kind, Range: [2]float64{math.Inf(1), math.Inf(-1)}}
		for _, t := range ts {
			v, err := get(slices.Index(m.Timesteps, t))
			if err != nil {
				return err
			}
			for _, x := range v {
				if x < f.Range[0] {
					f.Range[0] = x
				}
				if x > f.Range[1] {
					f.Range[1] = x
				}
			}
			f.Steps = append(f.Steps, b64f32(v))
		}
		if !(f.Range[0] <= f.Range[1]) {
			f.Range = [2]float64{0, 1}
		}
		d.Fields = append(d.Fields, f)
		return nil
	}
	auto := len(r.Displacement) == 1 && r.Displacement[0] == meshobj.Str(meshobj.KeyAuto)
	if auto && m.DisplacementFieldExists() && len(ts) > 0 {
		for _, t := range ts {
			q, _, err := m.PicturePoints(p, meshobj.Sel(t))
			if err != nil {
				return nil, err
			}
			d.StepPoints = append(d.StepPoints, b64f32(q))
		}
	}
	if len(ts) == 0 {
		d.Times = []float64{} // JSON [] rather than null
		return page(r, d)     // no timestep selected: no field values to show
	}
	for _, name := range r.NodeFields {
		if err := add(name, "node", func(s int) ([]float64, error) { return m.PictureNodeValues(p, name, s) }); err != nil {
			return nil, err
		}
	}
	for _, name := range r.ElementFields {
		if err := add(name, "element", func(s int) ([]float64, error) { return m.PictureElementValues(p, name, s) }); err != nil {
			return nil, err
		}
	}
	return page(r, d)
}

// page fills the page template with the data.
func page(r *HTMLRequest, d htmlData) ([]byte, error) {
	js, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("pictures: encoding the viewer's data: %w", err)
	}
	var buf bytes.Buffer
	err = viewerPage.Execute(&buf, map[string]any{
		"Title": r.Title,
		// The JSON holds base64, numbers and names; json.Marshal escapes
		// <, > and &, so it cannot end the script element.
		"Data":   template.JS(js),
		"Script": template.JS(viewerJS),
	})
	if err != nil {
		return nil, fmt.Errorf("pictures: writing the page: %w", err)
	}
	return buf.Bytes(), nil
}

// WriteHTML writes the viewer page to a file, atomically.
func WriteHTML(m *meshobj.Model, r *HTMLRequest, filename string) error {
	data, err := HTML(m, r)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(filename, data); err != nil {
		return fmt.Errorf("pictures: %w", err)
	}
	return nil
}
