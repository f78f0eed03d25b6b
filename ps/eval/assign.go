package eval

import (
	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/token"
	"github.com/keyhost/keyhost/ps/value"
)

// compoundOps maps compound assignment operators to their binary operator.
var compoundOps = map[token.Kind]token.Kind{
	token.PlusAssign:      token.Plus,
	token.MinusAssign:     token.Minus,
	token.MultiplyAssign:  token.Multiply,
	token.DivideAssign:    token.Divide,
	token.RemainderAssign: token.Remainder,
}

// assign runs an assignment statement and returns the assigned value.
func (f *frame) assign(a *ast.Assignment) (any, error) {
	rhs, err := f.evalStmtValue(a.Right)
	if err != nil {
		return nil, err
	}
	switch a.Op {
	case token.Assign:
	case token.QuestionQuestionAssign:
		cur, err := f.eval(a.Left)
		if err != nil {
			return nil, err
		}
		if !value.IsNull(cur) {
			return cur, nil
		}
	default:
		op, ok := compoundOps[a.Op]
		if !ok {
			return nil, f.runtimeErrorAt(a, "NotSupported", "Unsupported assignment operator "+a.Op.String()+".")
		}
		if v, isVar := a.Left.(*ast.Variable); isVar && v.Scope == "" {
			// $x += ... on a variable of this scope: read and write the
			// variable once (a variable of a parent scope gets a new
			// local copy, as PowerShell does, through the general path).
			if x := f.scope.local(v.Name); x != nil {
				nv, ok := fastArith(op, x.Value, rhs)
				if !ok {
					var err error
					if nv, err = f.binaryOp(a, op, nullIfAutomation(x.Value), nullIfAutomation(rhs)); err != nil {
						return nil, f.opError(a, op, err)
					}
				}
				if err := x.assign(nv); err != nil {
					return nil, f.variableWriteError(v, err)
				}
				return nv, nil
			}
		}
		cur, err := f.eval(a.Left)
		if err != nil {
			return nil, err
		}
		rhs, err = f.binaryOp(a, op, nullIfAutomation(cur), nullIfAutomation(rhs))
		if err != nil {
			return nil, f.opError(a, op, err)
		}
	}
	if err := f.assignTo(a.Left, rhs); err != nil {
		return nil, err
	}
	return rhs, nil
}

// assignTo stores a value into an assignable expression.
func (f *frame) assignTo(target ast.Expr, v any) error {
	switch t := target.(type) {
	case *ast.Variable:
		return f.assignVariable(t, v)
	case *ast.MemberExpr:
		obj, err := f.eval(t.Target)
		if err != nil {
			return err
		}
		name, err := f.evalName(t.Member)
		if err != nil {
			return err
		}
		return f.setMember(t, obj, name, v)
	case *ast.IndexExpr:
		obj, err := f.eval(t.Target)
		if err != nil {
			return err
		}
		idx, err := f.eval(t.Index)
		if err != nil {
			return err
		}
		return f.setIndex(t, obj, idx, v)
	case *ast.ConvertExpr:
		// [int]$x = ...: the cast becomes a type constraint on $x.
		vr, ok := t.Operand.(*ast.Variable)
		if !ok {
			return f.assignTo(t.Operand, v)
		}
		converted, err := f.cast(t, t.Type.Name, nullIfAutomation(v))
		if err != nil {
			return err
		}
		pt, _ := lookupType(t.Type.Name)
		sc := f.scope.qualified(vr.Scope)
		sc.setVar(&Variable{Name: vr.Name, Value: converted, Convert: pt.Convert})
		return nil
	case *ast.AttributedExpr:
		return f.assignTo(t.Operand, v)
	case *ast.ArrayLiteral:
		// $a, $b, $c = 1, 2, 3, 4: the last variable takes the rest.
		items := value.Enumerate(v)
		for i, el := range t.Elements {
			var part any
			switch {
			case i == len(t.Elements)-1 && len(items) > i+1:
				part = append([]any{}, items[i:]...)
			case i < len(items):
				part = items[i]
			}
			if err := f.assignTo(el, part); err != nil {
				return err
			}
		}
		return nil
	case *ast.ParenExpr:
		if p, ok := t.Stmt.(*ast.Pipeline); ok && len(p.Elements) == 1 {
			if ce, ok := p.Elements[0].(*ast.CommandExpr); ok {
				return f.assignTo(ce.Expr, v)
			}
		}
	}
	return f.runtimeErrorAt(target, "InvalidLeftHandSide", "The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.")
}
