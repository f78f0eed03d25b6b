package builtin

import (
	"fmt"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// pipelineCmdlets filter and transform pipeline objects.
var pipelineCmdlets = []func() *eval.CommandInfo{forEachObject, whereObject}

// scriptBlockType accepts only script blocks.
var scriptBlockType = &eval.Type{Name: "System.Management.Automation.ScriptBlock", Convert: func(v any) (any, error) {
	if sb, ok := v.(*eval.ScriptBlock); ok {
		return sb, nil
	}
	return nil, fmt.Errorf("Cannot convert the \"%s\" value of type \"%s\" to type \"System.Management.Automation.ScriptBlock\".", value.ToString(v), value.TypeName(v))
}}

// wildcardMatch matches a wildcard pattern without regard to case.
func wildcardMatch(pattern, s string) bool { return wildcard.Match(pattern, s, false) }
