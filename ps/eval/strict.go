package eval

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
)

// Strict mode (Set-StrictMode) is a property of a scope and its children:
// version 1 forbids reading unset variables outside strings, version 2 also
// inside strings, missing properties and f(a,b) calls, version 3 (Latest)
// also out-of-range and unconvertible array indexes.

// strictLatest is the version Set-StrictMode -Version Latest selects.
const strictLatest = 3

// strict returns the strict-mode version in effect (0 when off).
func (f *frame) strict() int {
	for sc := f.scope; sc != nil; sc = sc.parent {
		if sc.strictSet {
			return sc.strictVersion
		}
	}
	return 0
}

// SetStrictMode sets the strict-mode version of the caller's scope and its
// children (Set-StrictMode); 0 turns it off. Versions above 3 are Latest.
func (c *Call) SetStrictMode(version int) {
	if version > strictLatest {
		version = strictLatest
	}
	c.f.scope.strictSet = true
	c.f.scope.strictVersion = version
}

// StrictMode returns the strict-mode version in effect where the command
// runs.
func (c *Call) StrictMode() int { return c.f.strict() }

// alwaysDefined lists automatic variables that read as $null without a
// strict-mode error even when they have no value.
var alwaysDefined = map[string]bool{
	"_": true, "psitem": true, "args": true, "input": true, "this": true, "null": true,
	"psboundparameters": true, "myinvocation": true, "pscmdlet": true, "lastexitcode": false,
}

// undefinedVariable is the strict-mode error for reading an unset variable.
func (f *frame) undefinedVariable(v *ast.Variable) error {
	name := v.Name
	if v.Scope != "" && v.Scope != "local" {
		name = v.Scope + ":" + v.Name
	}
	return f.errorAt(v, RuntimeException(fmt.Sprintf("The variable '$%s' cannot be retrieved because it has not been set.", name)),
		"VariableIsUndefined", InvalidOperation, v.Name)
}

// checkedVariable reads a variable for an expression, failing under strict
// mode when it is unset. inString says the read is an expansion inside a
// string, which version 1 allows.
func (f *frame) checkedVariable(v *ast.Variable, inString bool) (any, error) {
	val, ok := f.lookupVariable(v)
	if ok {
		return val, nil
	}
	if v.Scope == "env" || v.Scope == "function" || alwaysDefined[strings.ToLower(v.Name)] {
		return nil, nil
	}
	level := f.strict()
	if level >= 2 || (level == 1 && !inString) {
		return nil, f.undefinedVariable(v)
	}
	return nil, nil
}

// propertyNotFoundStrict is the strict-mode error for a missing property.
func (f *frame) propertyNotFoundStrict(n ast.Node, name string) error {
	return f.errorAt(n, newExceptionOf("System.Management.Automation.PropertyNotFoundException",
		fmt.Sprintf("The property '%s' cannot be found on this object. Verify that the property exists.", name)),
		"PropertyNotFoundStrict", NotSpecified, nil)
}

// checkMethodCallSyntax is strict mode 2's check for f(a, b): a command
// name followed without a space by a parenthesized list.
func (f *frame) checkMethodCallSyntax(cmd *ast.Command) error {
	if len(cmd.Args) != 1 || f.strict() < 2 {
		return nil
	}
	p, ok := cmd.Args[0].(*ast.ParenExpr)
	if !ok || cmd.Name == nil || p.Pos().Offset != cmd.Name.End().Offset {
		return nil
	}
	pl, ok := p.Stmt.(*ast.Pipeline)
	if !ok || len(pl.Elements) != 1 {
		return nil
	}
	ce, ok := pl.Elements[0].(*ast.CommandExpr)
	if !ok {
		return nil
	}
	if _, isList := ce.Expr.(*ast.ArrayLiteral); !isList {
		return nil
	}
	return f.errorAt(cmd, RuntimeException("The function or command was called as if it were a method. Parameters should be separated by spaces. For information about parameters, see the about_Parameters Help topic."),
		"StrictModeFunctionCallWithParens", InvalidOperation, nil)
}

// indexOutOfRange is strict mode 3's error for an index past the end.
func (f *frame) indexOutOfRange(n ast.Node) error {
	return f.errorAt(n, newExceptionOf("System.IndexOutOfRangeException", "Index was outside the bounds of the array."),
		"System.IndexOutOfRangeException", OperationStopped, nil)
}
