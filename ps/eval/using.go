package eval

import (
	"fmt"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/parser"
)

// The using statements at the start of a script (about_Using):
//
//   - using namespace X lets the script's type literals omit the
//     namespace ([List[string]] for System.Collections.Generic.List).
//     pwsh resolves type names when it compiles the script; keyhost
//     rewrites the names of the script's type literals once, before the
//     script runs, which has the same effect for the whole file.
//   - using module X imports the module before the script runs, as
//     Import-Module would; a module that cannot be found stops the script
//     the way pwsh's parse-time error does.
//   - using assembly is rejected by the parser: keyhost loads no .NET
//     assemblies.

// applyUsing runs a script's using statements. A module that cannot be
// found is returned as a parser.ErrorList, to be reported like the
// script's parse errors.
func (f *frame) applyUsing(file *ast.File) error {
	body := file.Body
	if body == nil || len(body.UsingStatements) == 0 {
		return nil
	}
	var namespaces []string
	var missing parser.ErrorList
	for _, u := range body.UsingStatements {
		switch u.Kind {
		case "namespace":
			namespaces = append(namespaces, u.Name)
		case "module":
			m, err := f.r.loadModule(f, u.Name, false, nil, u)
			if err != nil {
				var nf *moduleNotFoundError
				if asModuleNotFound(err, &nf) {
					missing = append(missing, &parser.Error{File: file.Name, Pos: u.Pos(), End: u.End(), ID: "ModuleNotFoundDuringParse",
						Msg: fmt.Sprintf("Could not find the module '%s'.", u.Name)})
					continue
				}
				return err
			}
			if m != nil {
				target := f.scope.global()
				if ms := f.scope.moduleScope(); ms != nil {
					target = ms
				}
				m.importInto(target, ImportModuleOptions{Name: u.Name})
			}
		}
	}
	if len(missing) > 0 {
		return missing
	}
	if len(namespaces) > 0 {
		qualifyTypeNames(body, namespaces)
	}
	return nil
}

// qualifyTypeNames rewrites the type literals of a script that name no
// known type to the first namespace-qualified name that does.
func qualifyTypeNames(body *ast.ScriptBlock, namespaces []string) {
	ast.Inspect(body, func(n ast.Node) bool {
		t, ok := n.(*ast.TypeName)
		if !ok {
			return true
		}
		if _, known := lookupType(t.Name); known {
			return true
		}
		for _, ns := range namespaces {
			if _, known := lookupType(ns + "." + t.Name); known {
				t.Name, t.Base = ns+"."+t.Name, ns+"."+t.Base
				break
			}
		}
		return true
	})
}
