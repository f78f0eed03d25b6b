package cmdlets

import (
	"fmt"
	"slices"
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

// vmRef is a VM (or template) of one connection's vCenter.
type vmRef struct {
	s *Session
	engine.VM
}

// hostRef is a host of one connection's vCenter.
type hostRef struct {
	s *Session
	engine.Host
}

// clusterRef is a cluster of one connection's vCenter.
type clusterRef struct {
	s *Session
	engine.Cluster
}

// providerRef is a key provider of one connection's vCenter.
type providerRef struct {
	s *Session
	engine.KeyProvider
}

// allVMs lists the VMs (templates when templates is set) of the targets.
func allVMs(targets []*Session, templates bool) []vmRef {
	return vmsNamed(targets, templates, nil)
}

// vmsByID lists the VMs (or templates) of the targets with one of ids
// (VirtualMachine-vm-101), each looked up directly.
func vmsByID(targets []*Session, templates bool, ids []string) []vmRef {
	var out []vmRef
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue // writeByID writes each match once per id asked for
		}
		seen[id] = true
		for _, t := range targets {
			if vm, err := t.World.VM(id); err == nil && vm.Template == templates && vm.ID.String() == id {
				out = append(out, vmRef{t, vm})
			}
		}
	}
	return out
}

// vmsNamed lists the VMs (or templates) of the targets whose names match
// one of patterns (wildcards, case-insensitive as PowerCLI matches); no
// patterns means every one. The engine copies only the matches.
func vmsNamed(targets []*Session, templates bool, patterns []string) []vmRef {
	compiled := make([]wildcard.Pattern, len(patterns))
	literals := make([]string, 0, len(patterns))
	for i, p := range patterns {
		compiled[i] = wildcard.Compile(p, false)
		if lit, ok := compiled[i].Literal(); ok {
			literals = append(literals, lit)
		}
	}
	var out []vmRef
	for _, t := range targets {
		if len(patterns) > 0 && len(literals) == len(patterns) {
			// Names only: the engine's name index, no scan.
			for _, vm := range t.World.VMsNamed(literals) {
				if vm.Template == templates {
					out = append(out, vmRef{t, vm})
				}
			}
			continue
		}
		vms := t.World.VMsWhere(func(name string, template bool) bool {
			if template != templates {
				return false
			}
			if len(compiled) == 0 {
				return true
			}
			for _, p := range compiled {
				if p.Match(name) {
					return true
				}
			}
			return false
		})
		out = slices.Grow(out, len(vms))
		for _, vm := range vms {
			out = append(out, vmRef{t, vm})
		}
	}
	return out
}

// allHosts lists the hosts of the targets.
func allHosts(targets []*Session) []hostRef {
	var out []hostRef
	for _, t := range targets {
		for _, h := range t.World.Hosts() {
			out = append(out, hostRef{t, h})
		}
	}
	return out
}

// allClusters lists the clusters of the targets.
func allClusters(targets []*Session) []clusterRef {
	var out []clusterRef
	for _, t := range targets {
		for _, cl := range t.World.Clusters() {
			out = append(out, clusterRef{t, cl})
		}
	}
	return out
}

// resolveByName turns an inventory parameter's arguments (objects or
// names with wildcards) into items: an object stands for itself, looked up
// again on its own vCenter (PowerCLI objects are snapshots); a name
// matches the items of the targets (candidates returns a superset of its
// matches, so that a lookup by name need not list everything). A name that matches nothing, or an
// object whose item is gone, is PowerCLI's non-terminating not-found error.
func resolveByName[T any](c *eval.Call, kind string, args any, candidates func(pattern string) []T, name func(T) string,
	byObject func(o *viObject) (T, error)) ([]T, error) {
	var out []T
	for _, item := range value.Enumerate(args) {
		switch x := item.(type) {
		case *viObject:
			if err := x.s.useObject(c); err != nil {
				return nil, err
			}
			it, err := byObject(x)
			if err != nil {
				if werr := c.WriteError(notFound(c, kind, value.ToString(x))); werr != nil {
					return nil, werr
				}
				continue
			}
			out = append(out, it)
		case string:
			found := false
			for _, it := range candidates(x) {
				if wildcard.Match(x, name(it), false) {
					out = append(out, it)
					found = true
				}
			}
			if !found {
				if err := c.WriteError(notFound(c, kind, x)); err != nil {
					return nil, err
				}
			}
		}
	}
	return out, nil
}

// resolveVMs turns -VM arguments into the VMs' current state.
func (s *Session) resolveVMs(c *eval.Call, args any, targets []*Session) ([]vmRef, error) {
	return resolveByName(c, "VM", args, func(p string) []vmRef { return vmsNamed(targets, false, []string{p}) }, func(v vmRef) string { return v.Name },
		func(o *viObject) (vmRef, error) {
			vm, err := o.s.World.VM(o.ref.Value)
			return vmRef{o.s, vm}, err
		})
}

// resolveClusters turns -Cluster (or -Location, -Entity) arguments into
// clusters.
func (s *Session) resolveClusters(c *eval.Call, args any, targets []*Session) ([]clusterRef, error) {
	return resolveByName(c, "Cluster", args, func(string) []clusterRef { return allClusters(targets) }, func(v clusterRef) string { return v.Name },
		func(o *viObject) (clusterRef, error) {
			cl, err := o.s.World.Cluster(o.ref.Value)
			return clusterRef{o.s, cl}, err
		})
}

// resolveHosts turns -VMHost arguments into hosts.
func (s *Session) resolveHosts(c *eval.Call, args any, targets []*Session) ([]hostRef, error) {
	return resolveByName(c, "VMHost", args, func(string) []hostRef { return allHosts(targets) }, func(v hostRef) string { return v.Name },
		func(o *viObject) (hostRef, error) {
			h, err := o.s.World.Host(o.ref.Value)
			return hostRef{o.s, h}, err
		})
}

// resolveKeyProvider turns a -KeyProvider argument into exactly one
// provider of the connection conn (the vCenter the operation runs on); a
// name must match one provider there. A KeyProvider object of another
// vCenter names the provider of the same name on conn's vCenter, since a
// provider's name is its id in every key reference.
func (s *Session) resolveKeyProvider(c *eval.Call, arg any, conn *Session) (engine.KeyProvider, error) {
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
	pattern := wildcard.Compile(name, false)
	matches := conn.World.KeyProvidersWhere(pattern.Match)
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return engine.KeyProvider{}, c.ThrowTerminatingError(notFound(c, "KeyProvider", name))
	}
	return engine.KeyProvider{}, c.ThrowTerminatingError(viError(c, fmt.Sprintf("The key provider name '%s' matches more than one key provider.", name), "Core_ObnSelector_SelectObjectsByName", eval.InvalidArgument, name, ""))
}
