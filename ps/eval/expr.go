package eval

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/token"
	"github.com/keyhost/keyhost/ps/value"
)

// eval evaluates an expression to a value.
func (f *frame) eval(e ast.Expr) (any, error) {
	switch x := e.(type) {
	case *ast.Number:
		if x.Kind == ast.DecimalNumber {
			return decimalLiteral(x), nil
		}
		return x.Value, nil
	case *ast.StringConstant:
		return x.Value, nil
	case *ast.ExpandableString:
		return f.expandString(x)
	case *ast.Variable:
		return f.checkedVariable(x, false)
	case *ast.MemberExpr:
		return f.evalMember(x)
	case *ast.InvokeMemberExpr:
		return f.evalInvokeMember(x)
	case *ast.IndexExpr:
		return f.evalIndex(x)
	case *ast.ArrayLiteral:
		out := make([]any, len(x.Elements))
		for i, el := range x.Elements {
			v, err := f.eval(el)
			if err != nil {
				return nil, err
			}
			out[i] = nullIfAutomation(v)
		}
		return out, nil
	case *ast.ArrayExpr:
		items, err := f.collectList(func(emit emitter) error {
			return f.execStatements(x.Body.Statements, x.Body.Traps, emit)
		})
		if err != nil {
			return nil, err
		}
		if items == nil {
			items = []any{}
		}
		return items, nil
	case *ast.SubExpr:
		return f.collect(func(emit emitter) error {
			return f.execStatements(x.Body.Statements, x.Body.Traps, emit)
		})
	case *ast.ParenExpr:
		return f.evalParen(x)
	case *ast.HashtableExpr:
		return f.evalHashtable(x)
	case *ast.ScriptBlockExpr:
		return &ScriptBlock{Body: x.Body, Text: x.Text, src: f.src, created: f.scope}, nil
	case *ast.BinaryExpr:
		return f.evalBinary(x)
	case *ast.UnaryExpr:
		return f.evalUnary(x)
	case *ast.ConvertExpr:
		return f.evalConvert(x)
	case *ast.TypeExpr:
		return newTypeValue(x.Type.Name), nil
	case *ast.TernaryExpr:
		c, err := f.eval(x.Cond)
		if err != nil {
			return nil, err
		}
		if value.ToBool(c) {
			return f.eval(x.Then)
		}
		return f.eval(x.Else)
	case *ast.AttributedExpr:
		return f.eval(x.Operand)
	}
	return nil, f.runtimeErrorAt(e, "NotSupported", "This expression is not supported by keyhost yet.")
}

// evalParen evaluates ( statement ): an assignment yields the assigned
// value, a pipeline its collected output.
func (f *frame) evalParen(x *ast.ParenExpr) (any, error) {
	if a, ok := x.Stmt.(*ast.Assignment); ok {
		return f.assign(a)
	}
	return f.evalStmtValue(x.Stmt)
}

// evalStmtValue runs a statement and returns its output as one value: a
// lone expression keeps its value as is (an array stays an array); other
// statements collect their output (none: AutomationNull, one: that object,
// several: an array).
func (f *frame) evalStmtValue(s ast.Stmt) (any, error) {
	if p, ok := s.(*ast.Pipeline); ok && len(p.Elements) == 1 {
		if ce, ok := p.Elements[0].(*ast.CommandExpr); ok && len(ce.Redirections) == 0 {
			v, err := f.eval(ce.Expr)
			if err != nil {
				f.r.setSuccess(false)
				return nil, err
			}
			f.r.setSuccess(true)
			return v, nil
		}
	}
	if a, ok := s.(*ast.Assignment); ok {
		return f.assign(a)
	}
	return f.collect(func(emit emitter) error { return f.execStmt(s, emit) })
}

// collect runs fn and gathers what it writes: AutomationNull for nothing,
// the object itself for one, an array for more.
func (f *frame) collect(fn func(emitter) error) (any, error) {
	items, err := f.collectList(fn)
	if err != nil {
		return nil, err
	}
	switch len(items) {
	case 0:
		return value.AutomationNull, nil
	case 1:
		return items[0], nil
	}
	return items, nil
}

// collectList runs fn and returns everything it wrote.
func (f *frame) collectList(fn func(emitter) error) ([]any, error) {
	var items []any
	err := fn(func(v any) error {
		items = append(items, v)
		return nil
	})
	return items, err
}

// evalHashtable builds @{...}; duplicate keys are an error, as in
// PowerShell.
func (f *frame) evalHashtable(x *ast.HashtableExpr) (any, error) {
	h := value.NewHashtable()
	for _, kv := range x.Pairs {
		k, err := f.eval(kv.Key)
		if err != nil {
			return nil, err
		}
		v, err := f.evalStmtValue(kv.Value)
		if err != nil {
			return nil, err
		}
		if err := h.Add(k, nullIfAutomation(v)); err != nil {
			return nil, f.errorAt(kv, RuntimeException("Duplicate keys '"+value.ToString(k)+"' are not allowed in hash literals."), "DuplicateKeyInHashLiteral", InvalidOperation, k)
		}
	}
	return h, nil
}

// evalConvert evaluates a cast, including [ordered]@{} and
// [pscustomobject]@{}, which act on the literal itself.
func (f *frame) evalConvert(x *ast.ConvertExpr) (any, error) {
	name := strings.ToLower(x.Type.Name)
	if name == "ordered" {
		lit, ok := x.Operand.(*ast.HashtableExpr)
		if !ok {
			return nil, f.runtimeErrorAt(x, "OrderedAttributeOnlyOnHashLiteralNode", "The ordered attribute can be specified only on a hash literal node.")
		}
		v, err := f.evalHashtable(lit)
		if err != nil {
			return nil, err
		}
		v.(*value.Hashtable).Ordered = true
		return v, nil
	}
	if name == "ref" {
		if r, ok := f.variableRef(x.Operand); ok {
			return r, nil
		}
	}
	v, err := f.eval(x.Operand)
	if err != nil {
		return nil, err
	}
	if name == "void" {
		return value.AutomationNull, nil
	}
	return f.cast(x, x.Type.Name, nullIfAutomation(v))
}

// variableRef is [ref]$x: a reference that reads and assigns the variable
// itself, so a method or function can set it.
func (f *frame) variableRef(e ast.Expr) (*Ref, bool) {
	if p, ok := e.(*ast.ParenExpr); ok {
		if pl, ok := p.Stmt.(*ast.Pipeline); ok && len(pl.Elements) == 1 {
			if ce, ok := pl.Elements[0].(*ast.CommandExpr); ok {
				e = ce.Expr
			}
		}
	}
	v, ok := e.(*ast.Variable)
	if !ok || v.Scope == "env" {
		return nil, false
	}
	// Resolve the variable now, creating it in the current scope if it
	// does not exist, so later assignments through the ref land there.
	target := f.scope.qualified(v.Scope)
	x := target.lookup(v.Name)
	if x == nil {
		x = &Variable{Name: v.Name}
		target.setVar(x)
	}
	return &Ref{
		get: func() any { return x.Value },
		set: func(nv any) error {
			if x.ReadOnly {
				return fmt.Errorf("Cannot overwrite variable %s because it is read-only or constant.", x.Name)
			}
			if x.Convert != nil {
				cv, err := x.Convert(nv)
				if err != nil {
					return err
				}
				nv = cv
			}
			x.Value = nv
			return nil
		},
	}, true
}

// decimalLiteral is the value of a d-suffixed literal, from its text so
// that 1.50d keeps its scale.
func decimalLiteral(x *ast.Number) any {
	text := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(x.Text, "d"), "D"))
	mult := int64(1)
	for i, suf := range []string{"kb", "mb", "gb", "tb", "pb"} {
		if strings.HasSuffix(text, suf) {
			mult = int64(1) << (10 * (i + 1))
			text = strings.TrimSuffix(text, suf)
			text = strings.TrimSuffix(text, "d")
			break
		}
	}
	d, ok := value.ParseDecimal(text)
	if !ok {
		f, _ := value.DecimalFromFloat(asFloat(x.Value))
		return f
	}
	if mult != 1 {
		d, _ = d.Mul(value.DecimalFromInt(mult))
	}
	return d
}

func asFloat(v any) float64 {
	f, _ := value.ToFloat64(v)
	return f
}

// isIncrement reports whether k is ++ or --.
func isIncrement(k token.Kind) bool { return k == token.PlusPlus || k == token.MinusMinus }
