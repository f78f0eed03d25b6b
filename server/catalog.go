package server

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/keyhost/keyhost/ps/eval"
)

// catalog is what cmdlet.list answers: the cmdlets keyhost serves
// (PowerCLI's and keyhost's own; PowerShell's own cmdlets are left out,
// since every client has them), described well enough for a client to
// generate functions with the same parameters.
type catalog struct {
	result []byte            // the encoded cmdlet.list result
	names  map[string]string // lower-case name -> name
}

// cmdletInfo describes one cmdlet.
type cmdletInfo struct {
	Name                  string      `json:"name"`
	Module                string      `json:"module"`
	Synopsis              string      `json:"synopsis,omitempty"`
	DefaultParameterSet   string      `json:"defaultParameterSet,omitempty"`
	ParameterSets         []string    `json:"parameterSets"`
	SupportsShouldProcess bool        `json:"supportsShouldProcess"`
	ConfirmImpact         string      `json:"confirmImpact"`
	OutputType            []string    `json:"outputType,omitempty"`
	Parameters            []paramInfo `json:"parameters"`
}

// paramInfo describes one parameter (common parameters are not listed:
// every cmdlet has them, and those of ShouldProcess when
// supportsShouldProcess is set).
type paramInfo struct {
	Name        string    `json:"name"`
	Type        string    `json:"type"`
	Switch      bool      `json:"switch"`
	Aliases     []string  `json:"aliases,omitempty"`
	Sets        []setInfo `json:"sets"`
	ValidateSet []string  `json:"validateSet,omitempty"`
	Wildcards   bool      `json:"wildcards,omitempty"`
	Remaining   bool      `json:"valueFromRemainingArguments,omitempty"`
	Help        string    `json:"help,omitempty"`
}

// setInfo is a parameter's attributes in one parameter set.
type setInfo struct {
	Name                            string `json:"name"`
	Mandatory                       bool   `json:"mandatory"`
	Position                        int    `json:"position"` // -1: named only
	ValueFromPipeline               bool   `json:"valueFromPipeline"`
	ValueFromPipelineByPropertyName bool   `json:"valueFromPipelineByPropertyName"`
}

// newCatalog lists the cmdlets of a session on cfg's world.
func newCatalog(cfg Config) (*catalog, error) {
	r, _ := cfg.newRunner(&eval.Host{}, false)
	cat := &catalog{names: map[string]string{}}
	var list []cmdletInfo
	for _, ci := range r.Commands().Commands() {
		if strings.HasPrefix(ci.Module, "Microsoft.PowerShell") {
			continue
		}
		cat.names[strings.ToLower(ci.Name)] = ci.Name
		list = append(list, describeCmdlet(ci))
	}
	b, err := json.Marshal(map[string]any{"cmdlets": list})
	if err != nil {
		return nil, fmt.Errorf("server: listing cmdlets: %w", err)
	}
	cat.result = b
	return cat, nil
}

// describeCmdlet builds a cmdlet's description.
func describeCmdlet(ci *eval.CommandInfo) cmdletInfo {
	out := cmdletInfo{
		Name: ci.Name, Module: ci.Module, Synopsis: ci.Synopsis,
		DefaultParameterSet: ci.DefaultParameterSet, ParameterSets: ci.ParameterSetNames(),
		SupportsShouldProcess: ci.SupportsShouldProcess, ConfirmImpact: ci.ConfirmImpact.String(),
		OutputType: ci.OutputType, Parameters: []paramInfo{},
	}
	for _, p := range ci.Parameters {
		pi := paramInfo{
			Name: p.Name, Type: "System.Object", Switch: p.Switch, Aliases: p.Aliases,
			ValidateSet: p.ValidateSet, Wildcards: p.Wildcards, Remaining: p.Remaining, Help: p.Help,
		}
		switch {
		case p.Switch:
			pi.Type = "System.Management.Automation.SwitchParameter"
		case p.Type != nil && p.Type.Name != "":
			pi.Type = p.Type.Name
		}
		sets := p.Sets
		if len(sets) == 0 {
			sets = []eval.ParameterSet{{Name: eval.AllParameterSets, Position: -1}}
		}
		for _, s := range sets {
			pi.Sets = append(pi.Sets, setInfo{
				Name: s.Name, Mandatory: s.Mandatory, Position: s.Position,
				ValueFromPipeline: s.ValueFromPipeline, ValueFromPipelineByPropertyName: s.ValueFromPipelineByPropertyName,
			})
		}
		out.Parameters = append(out.Parameters, pi)
	}
	return out
}

// lookup returns a served cmdlet's name as registered.
func (c *catalog) lookup(name string) (string, bool) {
	n, ok := c.names[strings.ToLower(name)]
	return n, ok
}

// cmdletList answers cmdlet.list (no params).
func (sess *session) cmdletList(params json.RawMessage) ([]byte, *jsonrpc2.Error) {
	var p struct{}
	if err := parseParamsBytes(params, &p); err != nil {
		return nil, err
	}
	return sess.srv.catalog.result, nil
}
