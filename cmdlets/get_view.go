package cmdlets

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// viObjectParamType accepts PowerCLI inventory objects (what Get-View
// -VIObject takes).
var viObjectParamType = &eval.Type{Name: "VMware.VimAutomation.Sdk.Types.V1.VIObjectCore[]", Convert: func(v any) (any, error) {
	var out []any
	for _, item := range value.Enumerate(v) {
		o, ok := item.(*viObject)
		if !ok {
			return nil, &eval.TransformError{Msg: fmt.Sprintf("Cannot convert the \"%s\" value of type \"%s\" to type \"VMware.VimAutomation.Sdk.Types.V1.VIObjectCore\".", value.ToString(item), value.TypeName(item))}
		}
		out = append(out, o)
	}
	return out, nil
}}

// getView is Get-View: the vSphere API view of an object (the same shape
// as .ExtensionData), fetched fresh from the server.
func (s *Session) getView() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-View",
		Module:              "VMware.VimAutomation.Core",
		ImplementingType:    "VMware.VimAutomation.ViCore.Cmdlets.Commands.DotNetInterop.GetVIView",
		Synopsis:            "Returns the vSphere .NET view objects that correspond to the specified search criteria.",
		DefaultParameterSet: "GetViewByVIObject",
		Parameters: []*eval.Parameter{
			{Name: "VIObject", Type: viObjectParamType, Sets: []eval.ParameterSet{{Name: "GetViewByVIObject", Mandatory: true, Position: 0, ValueFromPipeline: true}},
				Help: "The PowerCLI objects whose views to return."},
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "GetViewById", Mandatory: true, Position: 0}},
				Help: "Managed object ids such as VirtualMachine-vm-101."},
			{Name: "Property", Type: eval.StringArrayType, Help: "Accepted for compatibility; keyhost always returns the whole view."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				type target struct {
					s   *Session
					ref engine.MoRef
				}
				var refs []target
				if c.ParameterSetName() == "GetViewById" {
					targets, err := s.targets(c)
					if err != nil {
						return err
					}
					for _, id := range c.Strings("Id") {
						typ, val, ok := strings.Cut(id, "-")
						if !ok {
							return c.WriteError(viError(c, fmt.Sprintf("Invalid managed object id '%s'.", id), "Core_GetView_InvalidId", eval.InvalidArgument, id, ""))
						}
						// An id names an object of each targeted vCenter;
						// the first that has it answers (best reading).
						conn := targets[0]
						for _, t := range targets {
							if _, err := t.view(engine.MoRef{Type: typ, Value: val}); err == nil {
								conn = t
								break
							}
						}
						refs = append(refs, target{conn, engine.MoRef{Type: typ, Value: val}})
					}
				} else {
					if err := s.requireConnection(c); err != nil {
						return err
					}
					for _, item := range value.Enumerate(c.Value("VIObject")) {
						o := item.(*viObject)
						if err := o.s.useObject(c); err != nil {
							return err
						}
						refs = append(refs, target{o.s, o.ref})
					}
				}
				for _, t := range refs {
					ref := t.ref
					view, err := t.s.view(ref)
					if err != nil {
						if werr := c.WriteError(viError(c, err.Error(), "Core_GetView_ObjectNotFound", eval.ObjectNotFound, ref.String(), "")); werr != nil {
							return werr
						}
						continue
					}
					if err := c.WriteObject(view); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// view returns the current view of a managed object.
func (s *Session) view(ref engine.MoRef) (any, error) {
	switch ref.Type {
	case engine.TypeVM:
		vm, err := s.World.VM(ref.Value)
		if err != nil {
			return nil, err
		}
		return s.vmView(vm), nil
	case engine.TypeHost:
		h, err := s.World.Host(ref.Value)
		if err != nil {
			return nil, err
		}
		return s.hostView(h), nil
	case engine.TypeCluster:
		cl, err := s.World.Cluster(ref.Value)
		if err != nil {
			return nil, err
		}
		return s.clusterView(cl), nil
	case engine.TypeDatacenter:
		for _, dc := range s.World.Datacenters() {
			if dc.ID == ref {
				return s.datacenterView(dc), nil
			}
		}
	case engine.TypeDatastore:
		d, err := s.World.Datastore(ref.Value)
		if err != nil {
			return nil, err
		}
		return s.datastoreView(d), nil
	}
	return nil, fmt.Errorf("The object '%s' has already been deleted or has not been completely created", ref)
}
