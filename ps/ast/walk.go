package ast

import "reflect"

// Inspect traverses the tree rooted at node depth-first: it calls f(node)
// and, if f returns true, inspects each non-nil child in field order, then
// calls f(nil) (as go/ast.Inspect does, so callers can track depth).
//
// A whole file is inspected with Inspect(file.Body, f).
func Inspect(node Node, f func(Node) bool) {
	if isNil(node) {
		return
	}
	if !f(node) {
		return
	}
	inspectChildren(node, f)
	f(nil)
}

// isNil reports whether n is nil or a typed nil pointer.
func isNil(n Node) bool {
	if n == nil {
		return true
	}
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// inspectChildren inspects the children of node.
func inspectChildren(node Node, f func(Node) bool) {
	in := func(n Node) { Inspect(n, f) }
	switch n := node.(type) {
	case *ScriptBlock:
		for _, a := range n.Attributes {
			in(a)
		}
		in(n.Param)
		for _, b := range []*NamedBlock{n.DynamicParamBlock, n.BeginBlock, n.ProcessBlock, n.EndBlock, n.CleanBlock} {
			in(b)
		}
		for _, t := range n.Traps {
			in(t)
		}
	case *NamedBlock:
		for _, s := range n.Statements {
			in(s)
		}
		for _, t := range n.Traps {
			in(t)
		}
	case *ParamBlock:
		for _, p := range n.Params {
			in(p)
		}
	case *Parameter:
		for _, a := range n.Attributes {
			in(a)
		}
		for _, t := range n.Types {
			in(t)
		}
		in(n.Default)
	case *Attribute:
		in(n.Name)
		for _, e := range n.Positional {
			in(e)
		}
		for _, a := range n.Named {
			in(a)
		}
	case *NamedArg:
		in(n.Value)
	case *TypeName:
		// An array type reaches its generic arguments through Element.
		if n.Element != nil {
			in(n.Element)
		} else {
			for _, g := range n.Generic {
				in(g)
			}
		}
	case *StatementBlock:
		for _, s := range n.Statements {
			in(s)
		}
		for _, t := range n.Traps {
			in(t)
		}
	case *Pipeline:
		for _, e := range n.Elements {
			in(e)
		}
	case *PipelineChain:
		in(n.Left)
		in(n.Right)
	case *Command:
		in(n.Name)
		for _, a := range n.Args {
			in(a)
		}
		for _, r := range n.Redirections {
			in(r)
		}
	case *CommandParameter:
		in(n.Arg)
	case *CommandExpr:
		in(n.Expr)
		for _, r := range n.Redirections {
			in(r)
		}
	case *Redirection:
		in(n.File)
	case *Assignment:
		in(n.Left)
		in(n.Right)
	case *IfStmt:
		for _, c := range n.Clauses {
			in(c)
		}
		in(n.Else)
	case *IfClause:
		in(n.Cond)
		in(n.Body)
	case *ForEachStmt:
		in(n.Variable)
		in(n.Iterable)
		in(n.Body)
	case *ForStmt:
		in(n.Init)
		in(n.Cond)
		in(n.Iter)
		in(n.Body)
	case *WhileStmt:
		in(n.Cond)
		in(n.Body)
	case *DoStmt:
		in(n.Body)
		in(n.Cond)
	case *SwitchStmt:
		in(n.Cond)
		for _, c := range n.Clauses {
			in(c)
		}
		in(n.Default)
	case *SwitchClause:
		in(n.Pattern)
		in(n.Body)
	case *FunctionDef:
		for _, p := range n.Params {
			in(p)
		}
		in(n.Body)
	case *ReturnStmt:
		in(n.Value)
	case *BreakStmt:
		in(n.Label)
	case *ContinueStmt:
		in(n.Label)
	case *ExitStmt:
		in(n.Code)
	case *ThrowStmt:
		in(n.Value)
	case *TryStmt:
		in(n.Body)
		for _, c := range n.Catches {
			in(c)
		}
		in(n.Finally)
	case *CatchClause:
		for _, t := range n.Types {
			in(t)
		}
		in(n.Body)
	case *TrapStmt:
		in(n.Type)
		in(n.Body)
	case *DataStmt:
		for _, c := range n.SupportedCommands {
			in(c)
		}
		in(n.Body)
	case *BinaryExpr:
		in(n.Left)
		in(n.Right)
	case *UnaryExpr:
		in(n.Operand)
	case *ConvertExpr:
		in(n.Type)
		in(n.Operand)
	case *TypeExpr:
		in(n.Type)
	case *ExpandableString:
		for _, p := range n.Parts {
			in(p)
		}
	case *MemberExpr:
		in(n.Target)
		in(n.Member)
	case *InvokeMemberExpr:
		in(n.Target)
		in(n.Member)
		for _, a := range n.Args {
			in(a)
		}
	case *IndexExpr:
		in(n.Target)
		in(n.Index)
	case *ArrayLiteral:
		for _, e := range n.Elements {
			in(e)
		}
	case *ArrayExpr:
		in(n.Body)
	case *SubExpr:
		in(n.Body)
	case *ParenExpr:
		in(n.Stmt)
	case *HashtableExpr:
		for _, kv := range n.Pairs {
			in(kv)
		}
	case *KeyValue:
		in(n.Key)
		in(n.Value)
	case *ScriptBlockExpr:
		in(n.Body)
	case *TernaryExpr:
		in(n.Cond)
		in(n.Then)
		in(n.Else)
	case *AttributedExpr:
		in(n.Attribute)
		in(n.Operand)
	}
}
