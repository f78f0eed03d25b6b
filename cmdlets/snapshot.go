package cmdlets

import (
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

var (
	snapshotTypeNames = []string{
		"VMware.VimAutomation.ViCore.Impl.V1.VM.SnapshotImpl",
		"VMware.VimAutomation.ViCore.Types.V1.VM.Snapshot",
		"System.Object",
	}
	snapshotParamType = inventoryParamType("VMware.VimAutomation.ViCore.Types.V1.VM.Snapshot[]", "VMware.VimAutomation.ViCore.Types.V1.VM.Snapshot")
)

// snapshotObject is a PowerCLI Snapshot; it remembers its VM.
type snapshotObject struct {
	*viObject
	vm engine.MoRef
}

// snapshotObject builds a PowerCLI Snapshot of vm.
func (s *Session) snapshotObject(vm engine.VM, sn engine.Snapshot, parent *engine.Snapshot) *snapshotObject {
	o := &snapshotObject{viObject: s.newVIObject(sn.ID, sn.Name, snapshotTypeNames...), vm: vm.ID}
	var parentObj, parentID any
	if parent != nil {
		p := *parent
		parentObj = value.Lazy(func() any { return s.snapshotObject(vm, p, nil) })
		parentID = p.ID.String()
	}
	o.Add("Created", value.NewDateTime(sn.Created, value.KindUtc)).
		Add("Description", sn.Description).
		Add("IsCurrent", sn.ID.Value == vm.CurrentSnapshot).
		Add("Name", sn.Name).
		Add("ParentSnapshot", parentObj).
		Add("ParentSnapshotId", parentID).
		Add("PowerState", powerState(engine.PoweredOff)).
		Add("Quiesced", false).
		Add("Children", value.Lazy(func() any {
			out := []any{}
			for _, ch := range sn.Children {
				out = append(out, s.snapshotObject(vm, ch, &sn))
			}
			return out
		})).
		Add("VM", value.Lazy(func() any { return s.vmObject(vm) })).
		Add("VMId", vm.ID.String()).
		Add("Id", sn.ID.String()).
		Add("Uid", s.uid("Snapshot", sn.ID.String()))
	return o
}

// snapshotsOf lists a VM's snapshots in tree order (parents first).
func (s *Session) snapshotsOf(vm engine.VM) []*snapshotObject {
	var out []*snapshotObject
	var walk func(list []engine.Snapshot, parent *engine.Snapshot)
	walk = func(list []engine.Snapshot, parent *engine.Snapshot) {
		for i := range list {
			out = append(out, s.snapshotObject(vm, list[i], parent))
			walk(list[i].Children, &list[i])
		}
	}
	walk(vm.Snapshots, nil)
	return out
}

// newSnapshot is New-Snapshot [-Name] <String> -VM <VirtualMachine>: takes
// a snapshot (without memory: -Memory and -Quiesce are accepted and have
// nothing to do) and writes it. An encrypted VM's host must hold its keys.
func (s *Session) newSnapshot() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "New-Snapshot",
		Module:                "VMware.VimAutomation.Core",
		ImplementingType:      "VMware.VimAutomation.ViCore.Cmdlets.Commands.NewSnapshot",
		Synopsis:              "Creates a snapshot of virtual machines.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		OutputType:            []string{"VMware.VimAutomation.ViCore.Types.V1.VM.Snapshot"},
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0}},
				Help: "The snapshot's name."},
			{Name: "VM", Type: vmParamType, NotNullOrEmpty: true, Wildcards: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: -1, ValueFromPipeline: true}},
				Help: "The virtual machine to snapshot."},
			{Name: "Description", Type: eval.StringType, Help: "A description of the snapshot."},
			{Name: "Memory", Switch: true, Help: "Accepted; keyhost's snapshots carry no memory."},
			{Name: "Quiesce", Switch: true, Help: "Accepted; keyhost's VMs have no guest to quiesce."},
			runAsyncParam(),
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				name := c.String("Name")
				return s.eachVM(c, vmOperation{action: "Create virtual machine snapshot", method: "CreateSnapshot_Task", work: func(vm vmRef) (any, error) {
					sn, err := vm.s.World.CreateSnapshot(vm.ID.Value, name)
					if err != nil {
						return nil, err
					}
					updated, err := vm.s.World.VM(vm.ID.Value)
					if err != nil {
						return nil, err
					}
					for _, o := range vm.s.snapshotsOf(updated) {
						if o.ref == sn.ID {
							return o, nil
						}
					}
					return nil, nil
				}})
			})
		},
	}
}

// getSnapshot is Get-Snapshot -VM <VirtualMachine[]> [[-Name] <String[]>]
// (or -Id): a VM's snapshots, parents before children.
func (s *Session) getSnapshot() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-Snapshot",
		Module:              "VMware.VimAutomation.Core",
		ImplementingType:    "VMware.VimAutomation.ViCore.Cmdlets.Commands.GetSnapshot",
		Synopsis:            "Retrieves the snapshots of virtual machines.",
		DefaultParameterSet: "Default",
		OutputType:          []string{"VMware.VimAutomation.ViCore.Types.V1.VM.Snapshot"},
		Parameters: []*eval.Parameter{
			{Name: "VM", Type: vmParamType, NotNullOrEmpty: true, Wildcards: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: -1, ValueFromPipeline: true}},
				Help: "The virtual machines whose snapshots to retrieve."},
			{Name: "Name", Type: eval.StringArrayType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: 0}},
				Help: "The names of the snapshots to retrieve (wildcards allowed)."},
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ById", Mandatory: true, Position: -1}},
				Help: "The ids of the snapshots to retrieve (VirtualMachineSnapshot-snapshot-1001)."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				vms, err := s.resolveVMs(c, c.Value("VM"), targets)
				if err != nil {
					return err
				}
				var snaps []*snapshotObject
				for _, vm := range vms {
					snaps = append(snaps, vm.s.snapshotsOf(vm.VM)...)
				}
				write := func(o *snapshotObject) error { return c.WriteObject(o) }
				if c.ParameterSetName() == "ById" {
					return writeByID(c, "Snapshot", snaps, func(o *snapshotObject) string { return o.ref.String() }, write)
				}
				return writeByName(c, "Snapshot", snaps, func(o *snapshotObject) string { return value.ToString(o) }, write)
			})
		},
	}
}

// removeSnapshot is Remove-Snapshot [-Snapshot] <Snapshot[]>
// [-RemoveChildren]: deletes snapshots (their data is consolidated). It
// prompts by default (ConfirmImpact High, best reading) and writes
// nothing.
func (s *Session) removeSnapshot() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Remove-Snapshot",
		Module:                "VMware.VimAutomation.Core",
		ImplementingType:      "VMware.VimAutomation.ViCore.Cmdlets.Commands.RemoveSnapshot",
		Synopsis:              "Removes snapshots of virtual machines.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactHigh,
		Parameters: []*eval.Parameter{
			{Name: "Snapshot", Type: snapshotParamType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}},
				Help: "The snapshots to remove."},
			{Name: "RemoveChildren", Switch: true, Help: "Remove the snapshots' children too."},
			runAsyncParam(),
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if err := s.requireConnection(c); err != nil {
					return err
				}
				for _, item := range value.Enumerate(c.Value("Snapshot")) {
					o, ok := item.(*snapshotObject)
					if !ok {
						continue
					}
					if err := o.s.useObject(c); err != nil {
						return err
					}
					ok, err := c.ShouldProcess(value.ToString(o), "Remove snapshot")
					if err != nil {
						return err
					}
					if !ok {
						continue
					}
					conn, removeChildren := o.s, c.Switch("RemoveChildren")
					if err := conn.perform(c, taskSpec{name: "RemoveSnapshot_Task", description: "Remove snapshot", entity: value.ToString(o), objectID: o.ref.String(),
						work: func() (any, error) { return nil, conn.World.RemoveSnapshot(o.vm.Value, o.ref.Value, removeChildren) }}, false); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}
