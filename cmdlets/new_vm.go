package cmdlets

import (
	"fmt"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// newVM is New-VM with the parameters of its new-VM set that encryption
// scripts use:
//
//	New-VM -Name <String> (-VMHost <VMHost> | -ResourcePool <Cluster>) [-Datastore <Datastore>]
//	    [-NumCpu <Int32>] [-MemoryGB <Decimal> | -MemoryMB <Int64>] [-DiskGB <Decimal[]> | -DiskMB <Int64[]>]
//	    [-GuestId <String>] [-KeyProvider <KeyProvider>] [-SkipHardDisks] [-RunAsync]
//
// -KeyProvider creates the VM encrypted (its home, and its disks unless
// -SkipHardDisks) with a new key from that provider (CreateVM_Task with a
// CryptoSpecEncrypt). The VM is powered off, EFI, hardware version
// vmx-20; without -DiskGB it gets one 4 GB disk (best reading of
// PowerCLI's default). With -ResourcePool it is placed on the cluster's
// first host. Cloning (-Template, -VM) is not modelled. ConfirmImpact
// Medium (best reading).
func (s *Session) newVM() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "New-VM",
		Module:                "VMware.VimAutomation.Core",
		ImplementingType:      "VMware.VimAutomation.ViCore.Cmdlets.Commands.NewVM",
		Synopsis:              "Creates a virtual machine, encrypted with -KeyProvider.",
		DefaultParameterSet:   "DefaultParameterSet",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		OutputType:            []string{"VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine"},
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: "DefaultParameterSet", Mandatory: true, Position: 0}},
				Help: "The new virtual machine's name."},
			{Name: "VMHost", Type: hostParamType, Sets: []eval.ParameterSet{{Name: "DefaultParameterSet", Position: -1, ValueFromPipeline: true}},
				Help: "The host to create it on."},
			{Name: "ResourcePool", Type: locationParamType, Sets: []eval.ParameterSet{{Name: "DefaultParameterSet", Position: -1}},
				Help: "The cluster to create it in."},
			{Name: "Location", Type: locationParamType, Help: "Accepted: the folder (keyhost's datacenters have one VM folder)."},
			{Name: "Datastore", Sets: []eval.ParameterSet{{Name: "DefaultParameterSet", Position: -1}}, Help: "The datastore for its files."},
			{Name: "NumCpu", Type: eval.Int32Type, Help: "The number of virtual CPUs (1)."},
			{Name: "MemoryGB", Type: numberParamType, Help: "The memory in GB."},
			{Name: "MemoryMB", Type: numberParamType, Help: "The memory in MB (256)."},
			{Name: "DiskGB", Type: numberArrayParamType, Help: "The capacities of its disks in GB."},
			{Name: "DiskMB", Type: numberArrayParamType, Help: "The capacities of its disks in MB."},
			{Name: "GuestId", Type: eval.StringType, Help: "The guest operating system id (otherGuest64)."},
			{Name: "KeyProvider", Type: keyProviderParamType, NotNullOrEmpty: true, Help: "Create it encrypted with a key from this key provider."},
			{Name: "SkipHardDisks", Switch: true, Help: "With -KeyProvider: encrypt the VM home only."},
			runAsyncParam(),
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				host, err := s.placement(c, targets)
				if err != nil || host.s == nil {
					return err
				}
				spec, err := s.vmSpec(c, host)
				if err != nil {
					return err
				}
				ok, err := c.ShouldProcess(spec.Name, "Create virtual machine")
				if err != nil || !ok {
					return err
				}
				var gib int64
				if spec.Encrypt && !spec.SkipDisks {
					for _, kb := range spec.DisksKB {
						gib += kb / (1024 * 1024)
					}
				}
				return host.s.perform(c, taskSpec{name: "CreateVM_Task", description: "Create virtual machine", entity: spec.Name, objectID: host.ID.String(),
					delay: host.s.pacedDelay(gib),
					work: func() (any, error) {
						vm, err := host.s.World.CreateVM(spec)
						if err != nil {
							return nil, err
						}
						return host.s.vmObject(vm), nil
					}}, true)
			})
		},
	}
}

// placement picks the new VM's host: -VMHost, else the first host of the
// -ResourcePool cluster.
func (s *Session) placement(c *eval.Call, targets []*Session) (hostRef, error) {
	if c.Has("VMHost") {
		hosts, err := s.resolveHosts(c, c.Value("VMHost"), targets)
		if err != nil || len(hosts) == 0 {
			return hostRef{}, err
		}
		return hosts[0], nil
	}
	if c.Has("ResourcePool") {
		clusters, err := s.resolveClusters(c, c.Value("ResourcePool"), targets)
		if err != nil || len(clusters) == 0 {
			return hostRef{}, err
		}
		cl := clusters[0]
		if len(cl.Hosts) == 0 {
			return hostRef{}, c.WriteError(faultError(c, cl.Name, &engine.Fault{Name: engine.FaultInvalidState, Message: fmt.Sprintf("Cluster %s has no hosts.", cl.Name)}))
		}
		h, err := cl.s.World.Host(cl.Hosts[0].Value)
		return hostRef{cl.s, h}, err
	}
	// PowerCLI's own text for a missing placement is not published (best
	// reading).
	return hostRef{}, c.ThrowTerminatingError(viError(c, "Specify a VMHost or a ResourcePool to create the virtual machine in.",
		"Core_NewVM_PlacementMissing", eval.InvalidArgument, nil, ""))
}

// vmSpec reads New-VM's parameters.
func (s *Session) vmSpec(c *eval.Call, host hostRef) (engine.VMSpec, error) {
	spec := engine.VMSpec{Name: c.String("Name"), Host: host.ID.Value, NumCPU: 1, MemoryMB: 256, GuestID: c.String("GuestId")}
	if c.Has("NumCpu") {
		n, _ := value.ToInt32(c.Value("NumCpu"))
		spec.NumCPU = int(n)
	}
	if c.Has("MemoryGB") {
		spec.MemoryMB = int(floatOf(c.Value("MemoryGB")) * 1024)
	} else if c.Has("MemoryMB") {
		spec.MemoryMB = int(floatOf(c.Value("MemoryMB")))
	}
	switch {
	case c.Has("DiskGB"):
		for _, v := range value.Enumerate(c.Value("DiskGB")) {
			spec.DisksKB = append(spec.DisksKB, int64(floatOf(v)*1024*1024))
		}
	case c.Has("DiskMB"):
		for _, v := range value.Enumerate(c.Value("DiskMB")) {
			spec.DisksKB = append(spec.DisksKB, int64(floatOf(v)*1024))
		}
	default:
		spec.DisksKB = []int64{4 * 1024 * 1024}
	}
	if c.Has("Datastore") {
		stores, err := s.resolveDatastores(c, c.Value("Datastore"), []*Session{host.s})
		if err != nil {
			return spec, err
		}
		if len(stores) > 0 {
			spec.Datastore = stores[0].ID.Value
		}
	}
	if c.Has("KeyProvider") {
		p, err := s.resolveKeyProvider(c, c.Value("KeyProvider"), host.s)
		if err != nil {
			return spec, err
		}
		spec.Encrypt, spec.Provider, spec.SkipDisks = true, p.Name, c.Switch("SkipHardDisks")
	}
	return spec, nil
}

// numberParamType converts to a number (System.Decimal in PowerCLI).
var numberParamType = &eval.Type{Name: "System.Decimal", Convert: func(v any) (any, error) {
	f, err := value.ToFloat64(v)
	if err != nil {
		return nil, fmt.Errorf("Cannot convert value \"%s\" to type \"System.Decimal\". Error: \"Input string was not in a correct format.\"", value.ToString(v))
	}
	return f, nil
}}

// numberArrayParamType converts to an array of numbers.
var numberArrayParamType = &eval.Type{Name: "System.Decimal[]", Convert: func(v any) (any, error) {
	var out []any
	for _, item := range value.Enumerate(v) {
		f, err := numberParamType.Convert(item)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}}

// floatOf converts a bound number (already checked by the binder).
func floatOf(v any) float64 {
	f, _ := value.ToFloat64(v)
	return f
}
