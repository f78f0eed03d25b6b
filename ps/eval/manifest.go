package eval

import (
	"fmt"
	"path"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/parser"
	"github.com/keyhost/keyhost/ps/value"
)

// Module manifests (.psd1) and PowerShell data files (about_Data_Files):
// a file in the restricted language, holding one hashtable of literals.

// dataFileError is the failure to read a data file.
type dataFileError struct{ msg string }

func (e *dataFileError) Error() string { return e.msg }

// readDataFile parses a .psd1 file as a restricted-language data file and
// returns its hashtable.
func (r *Runner) readDataFile(file string) (*value.Hashtable, error) {
	src, err := r.host.FS.ReadFile(file)
	if err != nil {
		return nil, &dataFileError{msg: fmt.Sprintf("Cannot find path '%s' because it does not exist.", file)}
	}
	pf, perr := parser.ParseFile(file, string(src))
	if perr != nil {
		return nil, &dataFileError{msg: fmt.Sprintf("The module manifest '%s' could not be processed because it is not a valid PowerShell restricted language file. %v", file, perr)}
	}
	body := pf.Body
	if body.EndBlock == nil || len(body.EndBlock.Statements) != 1 {
		return nil, &dataFileError{msg: fmt.Sprintf("The file '%s' is not a valid PowerShell data file: it must contain exactly one hashtable.", file)}
	}
	v, err := dataValue(body.EndBlock.Statements[0])
	if err != nil {
		return nil, &dataFileError{msg: fmt.Sprintf("The module manifest '%s' could not be processed because it is not a valid PowerShell restricted language file. Remove the elements that are not permitted by the restricted language: %v", file, err)}
	}
	h, ok := v.(*value.Hashtable)
	if !ok {
		return nil, &dataFileError{msg: fmt.Sprintf("The file '%s' is not a valid PowerShell data file: it must contain exactly one hashtable.", file)}
	}
	return h, nil
}

// dataValue evaluates a statement of the restricted language: literals,
// arrays, hashtables and the variables $true, $false and $null.
func dataValue(n ast.Node) (any, error) {
	switch x := n.(type) {
	case *ast.Pipeline:
		if len(x.Elements) != 1 {
			return nil, fmt.Errorf("pipelines are not allowed")
		}
		return dataValue(x.Elements[0])
	case *ast.CommandExpr:
		return dataValue(x.Expr)
	case *ast.Number:
		if x.Kind == ast.DecimalNumber {
			return decimalLiteral(x), nil
		}
		return x.Value, nil
	case *ast.StringConstant:
		return x.Value, nil
	case *ast.ExpandableString:
		var b strings.Builder
		for _, p := range x.Parts {
			v, err := dataValue(p)
			if err != nil {
				return nil, err
			}
			b.WriteString(value.ToString(v))
		}
		return b.String(), nil
	case *ast.Variable:
		switch strings.ToLower(x.Name) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		case "psculture", "psuiculture":
			return "en-US", nil
		}
		return nil, fmt.Errorf("the variable '$%s' is not allowed", x.Name)
	case *ast.ArrayLiteral:
		out := make([]any, len(x.Elements))
		for i, e := range x.Elements {
			v, err := dataValue(e)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case *ast.ArrayExpr:
		out := []any{}
		for _, st := range x.Body.Statements {
			v, err := dataValue(st)
			if err != nil {
				return nil, err
			}
			out = append(out, value.Enumerate(v)...)
		}
		return out, nil
	case *ast.ParenExpr:
		return dataValue(x.Stmt)
	case *ast.HashtableExpr:
		h := value.NewHashtable()
		for _, kv := range x.Pairs {
			k, err := dataValue(kv.Key)
			if err != nil {
				return nil, err
			}
			v, err := dataValue(kv.Value)
			if err != nil {
				return nil, err
			}
			h.Set(k, v)
		}
		return h, nil
	case *ast.UnaryExpr:
		if x.Op.String() == "-" {
			v, err := dataValue(x.Operand)
			if err != nil {
				return nil, err
			}
			return arith(x.Op, int32(0), v)
		}
	}
	return nil, fmt.Errorf("%T is not allowed", n)
}

// ImportDataFile reads a PowerShell data file (Import-PowerShellDataFile)
// relative to the current location.
func (c *Call) ImportDataFile(file string) (*value.Hashtable, error) {
	return c.f.r.readDataFile(c.f.r.absPath(file))
}

// manifestStrings reads a manifest entry that lists names.
func manifestStrings(h *value.Hashtable, key string) ([]string, bool) {
	v, ok := h.Get(key)
	if !ok || v == nil {
		return nil, false
	}
	var out []string
	for _, it := range value.Enumerate(v) {
		out = append(out, value.ToString(it))
	}
	if out == nil {
		out = []string{}
	}
	return out, true
}

// loadManifest loads a module from its manifest: the root module (if
// any), its nested modules, and the export filters.
func (r *Runner) loadManifest(f *frame, file string, args []any, at ast.Node) (*Module, error) {
	h, err := r.readDataFile(file)
	if err != nil {
		return nil, f.runtimeErrorAt(at, "Modules_InvalidManifest", err.Error())
	}
	dir := path.Dir(file)
	name := strings.TrimSuffix(path.Base(file), ".psd1")
	str := func(key string) string {
		v, _ := h.Get(key)
		return value.ToString(v)
	}
	m := &Module{Name: name, Path: file, ModuleType: "Manifest", Version: orDefault(str("ModuleVersion"), "0.0"),
		Description: str("Description"), GUID: str("GUID")}
	if required, ok := manifestStrings(h, "RequiredModules"); ok {
		for _, rm := range required {
			if _, err := r.loadModule(f, rm, false, nil, at); err != nil {
				return nil, f.runtimeErrorAt(at, "Modules_InvalidManifest",
					fmt.Sprintf("The required module '%s' is not loaded. Load the module or remove the module from 'RequiredModules' in the file '%s'.", rm, file))
			}
		}
	}
	root := str("RootModule")
	if root == "" {
		root = str("ModuleToProcess")
	}
	scope := newScope(r.global, true)
	scope.module = m
	m.scope = scope
	nestedNames, _ := manifestStrings(h, "NestedModules")
	for _, n := range nestedNames {
		nf := r.findModuleFile(f, resolveRelative(dir, n))
		if nf == "" {
			return nil, f.runtimeErrorAt(at, "Modules_ModuleFileNotFound", fmt.Sprintf("The module to process '%s', listed in field 'NestedModules' of module manifest '%s' was not processed because no valid module was found in any module directory.", n, file))
		}
		nm, err := r.loadScriptModule(f, nf, nil, at)
		if err != nil {
			return nil, err
		}
		m.nested = append(m.nested, nm)
	}
	if root != "" {
		if bin := r.binaryModuleName(root); bin != "" {
			m.ModuleType = "Binary"
		} else {
			rf := r.findModuleFile(f, resolveRelative(dir, root))
			if rf == "" {
				return nil, f.runtimeErrorAt(at, "Modules_ModuleFileNotFound", fmt.Sprintf("The module to process '%s', listed in field 'ModuleToProcess/RootModule' of module manifest '%s' was not processed because no valid module was found in any module directory.", root, file))
			}
			rm, err := r.loadScriptModule(f, rf, args, at, m.nested...)
			if err != nil {
				return nil, err
			}
			rm.Name, rm.Path, rm.Version = m.Name, m.Path, m.Version
			rm.Description, rm.GUID = m.Description, m.GUID
			rm.ModuleType = "Script"
			m = rm
		}
	} else {
		m.collectExports()
	}
	if v, ok := manifestStrings(h, "FunctionsToExport"); ok {
		m.manifestFunctions = v
	}
	if v, ok := manifestStrings(h, "VariablesToExport"); ok {
		m.manifestVars = v
	}
	if v, ok := manifestStrings(h, "AliasesToExport"); ok {
		m.manifestAliases = v
	}
	m.applyManifestFilters()
	return m, nil
}

// resolveRelative resolves a manifest entry against the manifest's folder
// when it is a relative path (names stay names).
func resolveRelative(dir, p string) string {
	p = strings.ReplaceAll(p, `\`, "/")
	if strings.HasPrefix(p, "/") || (!strings.Contains(p, "/") && !strings.Contains(p, ".ps")) {
		return p
	}
	return path.Join(dir, p)
}
