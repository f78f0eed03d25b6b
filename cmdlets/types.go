package cmdlets

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// PowerCLI's parameters that take inventory objects also take names
// (Object-by-Name, about_OBN): Set-VM -VM web01 works like
// Set-VM -VM (Get-VM web01). The binder checks the argument's kind; names
// are resolved when the cmdlet runs, so an unknown name is a non-terminating
// error for that name only, as in PowerCLI.

// inventoryParamType accepts objects of one PowerCLI type (identified by a
// type name they carry) or names, singly or as an array.
func inventoryParamType(netName, typeName string) *eval.Type {
	check := func(v any, allowNames bool) (any, error) {
		var out []any
		for _, item := range value.Enumerate(v) {
			switch x := item.(type) {
			case string:
				if !allowNames {
					return nil, &eval.TransformError{Msg: "PowerCLI does not accept strings as pipeline input for this parameter; pass the object instead."}
				}
				out = append(out, x)
			case value.Object:
				if !hasTypeName(x, typeName) {
					return nil, &eval.TransformError{Msg: fmt.Sprintf("Cannot convert the \"%s\" value of type \"%s\" to type \"%s\".", value.ToString(x), value.TypeName(x), typeName)}
				}
				out = append(out, x)
			case nil:
				return nil, &eval.TransformError{Msg: "The argument is null."}
			default:
				out = append(out, value.ToString(x))
			}
		}
		return out, nil
	}
	return &eval.Type{
		Name:            netName,
		Convert:         func(v any) (any, error) { return check(v, true) },
		PipelineConvert: func(v any) (any, error) { return check(v, false) },
	}
}

// hasTypeName reports whether an object carries the given type name.
func hasTypeName(o value.Object, name string) bool {
	for _, n := range o.TypeNames() {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

var (
	vmParamType          = inventoryParamType("VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine[]", "VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine")
	clusterParamType     = inventoryParamType("VMware.VimAutomation.ViCore.Types.V1.Inventory.Cluster[]", "VMware.VimAutomation.ViCore.Types.V1.Inventory.Cluster")
	keyProviderParamType = inventoryParamType("VMware.VimAutomation.ViCore.Types.V1.Security.KeyProvider", "VMware.VimAutomation.ViCore.Types.V1.Security.KeyProvider")
)

// resolveVMs turns -VM arguments into the VMs' current state. Unknown names
// are reported as non-terminating errors and skipped.
func (s *Session) resolveVMs(c *eval.Call, args any) ([]engine.VM, error) {
	var out []engine.VM
	var all []engine.VM
	for _, item := range value.Enumerate(args) {
		switch x := item.(type) {
		case *viObject:
			vm, err := s.World.VM(x.ref.Value)
			if err != nil {
				if werr := c.WriteError(notFound(c, "VM", value.ToString(x))); werr != nil {
					return nil, werr
				}
				continue
			}
			out = append(out, vm)
		case string:
			if all == nil {
				all = s.World.VMs()
			}
			found := false
			for _, vm := range all {
				if !vm.Template && wildcard.Match(x, vm.Name, false) {
					out = append(out, vm)
					found = true
				}
			}
			if !found {
				if err := c.WriteError(notFound(c, "VM", x)); err != nil {
					return nil, err
				}
			}
		}
	}
	return out, nil
}

// resolveClusters turns -Cluster arguments into clusters.
func (s *Session) resolveClusters(c *eval.Call, args any) ([]engine.Cluster, error) {
	var out []engine.Cluster
	for _, item := range value.Enumerate(args) {
		switch x := item.(type) {
		case *viObject:
			cl, err := s.World.Cluster(x.ref.Value)
			if err != nil {
				if werr := c.WriteError(notFound(c, "Cluster", value.ToString(x))); werr != nil {
					return nil, werr
				}
				continue
			}
			out = append(out, cl)
		case string:
			found := false
			for _, cl := range s.World.Clusters() {
				if wildcard.Match(x, cl.Name, false) {
					out = append(out, cl)
					found = true
				}
			}
			if !found {
				if err := c.WriteError(notFound(c, "Cluster", x)); err != nil {
					return nil, err
				}
			}
		}
	}
	return out, nil
}

// resolveKeyProvider turns a -KeyProvider argument into exactly one
// provider; a name must match one provider.
func (s *Session) resolveKeyProvider(c *eval.Call, arg any) (engine.KeyProvider, error) {
	items := value.Enumerate(arg)
	if len(items) != 1 {
		return engine.KeyProvider{}, c.ThrowTerminatingError(viError(c, "Exactly one key provider must be specified.", "Core_ObnSelector_SelectObjectsByName", eval.InvalidArgument, nil, ""))
	}
	name := ""
	switch x := items[0].(type) {
	case string:
		name = x
	case value.Object:
		v, _ := x.Property("Name")
		name = value.ToString(v)
	}
	var matches []engine.KeyProvider
	for _, p := range s.World.KeyProviders() {
		if wildcard.Match(name, p.Name, false) {
			matches = append(matches, p)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return engine.KeyProvider{}, c.ThrowTerminatingError(notFound(c, "KeyProvider", name))
	}
	return engine.KeyProvider{}, c.ThrowTerminatingError(viError(c, fmt.Sprintf("The key provider name '%s' matches more than one key provider.", name), "Core_ObnSelector_SelectObjectsByName", eval.InvalidArgument, name, ""))
}
