package builtins

import (
	"errors"
	"exosh/internal/atomicfile"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"exosh/exodus"
	"exosh/meshobj"

	"go.starlark.net/starlark"
)

// importParams is import_model's parameter list, as exomerge spells it.
const importParams = "filename, element_block_ids='all', timesteps='all', node_field_names='all', element_field_names='all', side_set_ids='all', node_set_ids='all', global_variable_names='all', node_set_field_names='all', side_set_field_names='all'"

// exporter is a method that export calls for a file name extension.
type exporter struct {
	name string
	fn   func(c *call) (starlark.Value, error)
}

// exportExtensions maps the file name extensions export recognises to the
// method that writes them.
var exportExtensions = map[string]exporter{
	"e":   {"export_model", exportModel},
	"g":   {"export_model", exportModel},
	"exo": {"export_model", exportModel},
	"stl": {"export_stl_file", exportSTL},
	"wrl": {"export_wrl_model", exportWRL},
}

// ioArea holds the methods that read and write files.
var ioArea = area{
	title: "Files in and out",
	intro: "Exodus II files are read and written natively. Every export appends a QA record for exosh (code, version, date, time) to the file's QA records; the model itself is unchanged.",
	methods: []method{
		{
			name:    "import_model",
			params:  importParams,
			mutates: true,
			doc: `Read an Exodus II file and add (merge) the selected parts into this model:
nodes, element blocks (which must not exist yet), node and side sets
(added to existing sets of the same id), timesteps, fields and global
variables, info and QA records. The selectors choose what is read; a
reference to something the file lacks is a warning.

    model.import_model('mesh.g')
    model.import_model('results.e', element_block_ids=[1, 2], timesteps='last')
    model.import_model('results.e', node_field_names='disp_*')
    model.import_model('results.e', timesteps='none')     # the mesh only`,
			fn: func(c *call) (starlark.Value, error) { return c.model.importFile(c) },
		},
		{
			name:   "export_model",
			params: "filename='output_exomerge.e', element_block_ids='all', timesteps='all', side_set_ids='all', node_set_ids='all', global_variable_names='auto', node_field_names='auto', element_field_names='auto', side_set_field_names='auto', node_set_field_names='auto'",
			inline: true,
			doc: `Write the model, or the selected part of it, to an Exodus II file (replacing
it). The field selectors' 'auto' exports every field on the exported
entities when some timestep is exported, and no field otherwise. A model
built from scratch is exported with the title "<no title supplied>"
(exomerge cannot export it). Side set members on blocks that are not
exported are left out.

    model.export_model('out.e')
    model.export_model('mesh_only.g', timesteps='none')`,
			fn: exportModel,
		},
		{
			name:   "export",
			params: "filename, *args, **kwargs",
			inline: true,
			doc: `Export the model in the format its file name extension names, passing the
other arguments on: .e, .g and .exo call export_model, .stl
export_stl_file and .wrl export_wrl_model (the extension in any case).
Any other extension is an error listing the recognised ones.

    model.export('result.e')
    model.export('result.stl')
    model.export('result.wrl', 'eqps')`,
			fn: exportByExtension,
		},
		{
			name:   "write",
			params: "filename, *args, **kwargs",
			inline: true,
			doc:    `Deprecated alias of export: warns, then exports.`,
			fn: func(c *call) (starlark.Value, error) {
				c.warn("Deprecated function.", `"write" is deprecated; use "export" instead.`)
				return exportByExtension(c)
			},
		},
	},
}

// importModelFunc is the predeclared import_model: a new model holding the
// file.
func importModelFunc(c *call) (starlark.Value, error) {
	x := NewModel(meshobj.New())
	onModel := *c
	onModel.model = x
	if _, err := guard(&onModel, true, false, func(c *call) (starlark.Value, error) { return x.importFile(c) }); err != nil {
		return nil, err
	}
	return x, nil
}

// importFile reads the file named by c's arguments and imports the
// selected parts into x.
func (x *Model) importFile(c *call) (starlark.Value, error) {
	var filename string
	blocks, times, nodeFields, elemFields := sel("all"), sel("all"), sel("all"), sel("all")
	sideSets, nodeSets, globals, nsFields, ssFields := sel("all"), sel("all"), sel("all"), sel("all"), sel("all")
	if err := c.unpack("filename", &filename,
		"element_block_ids?", &blocks, "timesteps?", &times,
		"node_field_names?", &nodeFields, "element_field_names?", &elemFields,
		"side_set_ids?", &sideSets, "node_set_ids?", &nodeSets,
		"global_variable_names?", &globals,
		"node_set_field_names?", &nsFields, "side_set_field_names?", &ssFields); err != nil {
		return nil, err
	}
	r, err := exodus.Open(filename)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	contents := r.Contents()
	// Resolve the selectors against the file's header, so that only what
	// they select is read.
	resolved, err := contents.Catalog().ResolveImport(meshobj.ImportSelection{
		ElementBlockIDs: blocks.sel, Timesteps: times.sel,
		NodeFieldNames: nodeFields.sel, ElementFieldNames: elemFields.sel,
		SideSetIDs: sideSets.sel, NodeSetIDs: nodeSets.sel,
		GlobalVariableNames: globals.sel,
		NodeSetFieldNames:   nsFields.sel, SideSetFieldNames: ssFields.sel,
	}, func(w meshobj.Warning) { c.warn(w.Short, w.Detail) })
	if err != nil {
		return nil, err
	}
	update, end := c.progress("reading " + filename)
	r.SetProgress(update)
	r.SetStop(x.m.Interrupt) // Ctrl-C: the model is not touched yet
	src, err := r.Read(contents.Selection(resolved))
	end(err)
	if errors.Is(err, exodus.ErrStopped) {
		return nil, meshobj.ErrInterrupted
	}
	if err != nil {
		return nil, err
	}
	if len(contents.Ignored) > 0 && src.Carried.Empty() {
		// A partial import cannot carry what the model does not represent.
		c.warn("Unsupported Exodus features.", fmt.Sprintf("The file %q holds %s, which a partial import does not carry; they are not imported.", filename, strings.Join(contents.Ignored, ", ")))
	}
	all := meshobj.DefaultImportSelection()
	all.Filename = filename
	return starlark.None, x.m.ImportModel(src, all)
}

func exportModel(c *call) (starlark.Value, error) {
	filename := "output_exomerge.e"
	d := meshobj.DefaultExportSelection()
	blocks, times, sideSets, nodeSets := selArg{sel: d.ElementBlockIDs}, selArg{sel: d.Timesteps}, selArg{sel: d.SideSetIDs}, selArg{sel: d.NodeSetIDs}
	globals, nodeFields, elemFields := selArg{sel: d.GlobalVariableNames}, selArg{sel: d.NodeFieldNames}, selArg{sel: d.ElementFieldNames}
	ssFields, nsFields := selArg{sel: d.SideSetFieldNames}, selArg{sel: d.NodeSetFieldNames}
	if err := c.unpack("filename?", &filename,
		"element_block_ids?", &blocks, "timesteps?", &times,
		"side_set_ids?", &sideSets, "node_set_ids?", &nodeSets,
		"global_variable_names?", &globals, "node_field_names?", &nodeFields,
		"element_field_names?", &elemFields, "side_set_field_names?", &ssFields,
		"node_set_field_names?", &nsFields); err != nil {
		return nil, err
	}
	sub, err := c.model.m.Subset(meshobj.ExportSelection{
		ElementBlockIDs: blocks.sel, Timesteps: times.sel,
		SideSetIDs: sideSets.sel, NodeSetIDs: nodeSets.sel,
		GlobalVariableNames: globals.sel, NodeFieldNames: nodeFields.sel,
		ElementFieldNames: elemFields.sel, SideSetFieldNames: ssFields.sel,
		NodeSetFieldNames: nsFields.sel,
	})
	if err != nil {
		return nil, err
	}
	sub.QARecords = append(sub.QARecords, meshobj.ExosQARecord(Version, time.Now()))
	update, end := c.progress("writing " + filename)
	// Ctrl-C stops the writing; no file is left, and an existing one is
	// untouched.
	err = exodus.Write(filename, sub, &exodus.WriteOptions{Progress: update, Stop: c.model.m.Interrupt})
	end(err)
	if errors.Is(err, exodus.ErrStopped) {
		return nil, meshobj.ErrInterrupted
	}
	return starlark.None, err
}

// exportByExtension implements export: it calls the exporter the file
// name's extension names, with all of c's arguments.
func exportByExtension(c *call) (starlark.Value, error) {
	var filename starlark.Value
	if len(c.args) > 0 {
		filename = c.args[0]
	}
	for _, kv := range c.kwargs {
		if k, _ := starlark.AsString(kv[0]); k == "filename" {
			filename = kv[1]
		}
	}
	name, ok := starlark.AsString(filename)
	if filename == nil {
		return nil, fmt.Errorf("%s: missing argument for filename", c.name)
	} else if !ok {
		return nil, fmt.Errorf("%s: for parameter filename: got %s, want string", c.name, filename.Type())
	}
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))
	exp, ok := exportExtensions[ext]
	if !ok {
		var known []string
		for e := range exportExtensions {
			known = append(known, e)
		}
		sort.Strings(known)
		return nil, fmt.Errorf("%s: unrecognized file extension %q of %q; the recognised extensions are: %s", c.name, ext, name, strings.Join(known, ", "))
	}
	sub := *c
	sub.name = exp.name
	return exp.fn(&sub)
}

// writeOutput writes data, a file an export method made, to filename
// atomically, unless the call was interrupted (Ctrl-C) while data was
// being made: the shell has then given up on the method, which goes on in
// the background only until it can stop, and must leave no file behind.
func (c *call) writeOutput(filename string, data []byte) error {
	var stop <-chan struct{}
	if c.model != nil {
		stop = c.model.m.Interrupt
	}
	err := atomicfile.WriteFileStop(filename, data, stop)
	if errors.Is(err, atomicfile.ErrStopped) {
		return meshobj.ErrInterrupted
	}
	return err
}
