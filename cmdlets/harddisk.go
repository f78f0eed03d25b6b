package cmdlets

import (
	"fmt"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

var (
	hardDiskTypeNames = []string{
		"VMware.VimAutomation.ViCore.Impl.V1.VirtualDevice.FlatHardDiskImpl",
		"VMware.VimAutomation.ViCore.Types.V1.VirtualDevice.FlatHardDisk",
		"VMware.VimAutomation.ViCore.Types.V1.VirtualDevice.HardDisk",
		"VMware.VimAutomation.ViCore.Types.V1.VirtualDevice.Device",
		"System.Object",
	}
	hardDiskParamType = inventoryParamType("VMware.VimAutomation.ViCore.Types.V1.VirtualDevice.HardDisk[]", "VMware.VimAutomation.ViCore.Types.V1.VirtualDevice.HardDisk")
)

// deviceObject is a PowerCLI device (a hard disk, a vTPM): it stands for
// one device of one VM.
type deviceObject struct {
	*value.PSObject
	vm  engine.MoRef
	key int32
	// s is the connection the device's VM came from.
	s *Session
}

// EqualTo implements value.Equaler.
func (o *deviceObject) EqualTo(other any) bool {
	x, ok := other.(*deviceObject)
	return ok && x.vm == o.vm && x.key == o.key && x.s.World == o.s.World
}

// deviceID is PowerCLI's id of a device: "VirtualMachine-vm-101/2000".
func deviceID(vm engine.MoRef, key int32) string { return fmt.Sprintf("%s/%d", vm, key) }

// hardDiskObject builds a PowerCLI HardDisk (its ExtensionData is the
// VirtualDisk view, whose Backing.KeyId is the disk's key).
func (s *Session) hardDiskObject(vm engine.VM, d engine.Disk, unit int) *deviceObject {
	o := &deviceObject{PSObject: value.NewPSObject(hardDiskTypeNames...), vm: vm.ID, key: d.DeviceKey, s: s}
	o.ToStringFunc = func() string { return d.Label }
	id := deviceID(vm.ID, d.DeviceKey)
	o.Add("CapacityGB", float64(d.CapacityKB)/(1024*1024)).
		Add("CapacityKB", d.CapacityKB).
		Add("Persistence", "Persistent").
		Add("DiskType", "Flat").
		Add("StorageFormat", "Thin").
		Add("Filename", d.FileName).
		Add("ConnectionState", nil).
		Add("ExtensionData", value.Lazy(func() any { return diskView(d, unit) })).
		Add("Id", id).
		Add("Name", d.Label).
		Add("Parent", value.Lazy(func() any { return s.vmObject(vm) })).
		Add("ParentId", vm.ID.String()).
		Add("Uid", s.uid("HardDisk", id))
	return o
}

// getHardDisk is Get-HardDisk: the disks of VMs (also from the pipeline:
// Get-VM web01 | Get-HardDisk), filtered by -Name, or by -Id.
func (s *Session) getHardDisk() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-HardDisk",
		Module:              "VMware.VimAutomation.Core",
		ImplementingType:    "VMware.VimAutomation.ViCore.Cmdlets.Commands.VirtualDevice.GetHardDisk",
		Synopsis:            "Retrieves the virtual hard disks of virtual machines.",
		DefaultParameterSet: "Default",
		OutputType:          []string{"VMware.VimAutomation.ViCore.Types.V1.VirtualDevice.HardDisk"},
		Parameters: []*eval.Parameter{
			{Name: "VM", Type: vmParamType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Mandatory: true, Position: 0, ValueFromPipeline: true}},
				Help: "The virtual machines whose disks to retrieve."},
			{Name: "Template", Type: templateParamType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Template", Mandatory: true, Position: -1, ValueFromPipeline: true}},
				Help: "The templates whose disks to retrieve."},
			{Name: "Name", Type: eval.StringArrayType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: -1}, {Name: "Template", Position: -1}},
				Help: "The names of the disks to retrieve (\"Hard disk 1\", wildcards allowed)."},
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ById", Mandatory: true, Position: -1}},
				Help: "The ids of the disks to retrieve (VirtualMachine-vm-101/2000)."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				var vms []vmRef
				switch {
				case c.ParameterSetName() == "ById":
					vms = append(allVMs(targets, false), allVMs(targets, true)...)
				case c.Has("Template"):
					vms, err = resolveByName(c, "Template", c.Value("Template"), func(p string) []vmRef { return vmsNamed(targets, true, []string{p}) },
						func(v vmRef) string { return v.Name }, func(o *viObject) (vmRef, error) {
							vm, err := o.s.World.VM(o.ref.Value)
							return vmRef{o.s, vm}, err
						})
				default:
					vms, err = s.resolveVMs(c, c.Value("VM"), targets)
				}
				if err != nil {
					return err
				}
				var disks []*deviceObject
				for _, vm := range vms {
					for i, d := range vm.Disks {
						disks = append(disks, vm.s.hardDiskObject(vm.VM, d, i))
					}
				}
				id := func(d *deviceObject) string { return deviceID(d.vm, d.key) }
				name := func(d *deviceObject) string { return value.ToString(d) }
				write := func(d *deviceObject) error { return c.WriteObject(d) }
				if c.ParameterSetName() == "ById" {
					return writeByID(c, "HardDisk", disks, id, write)
				}
				return writeByName(c, "HardDisk", disks, name, write)
			})
		},
	}
}

// setHardDisk is Set-HardDisk with its encryption parameter sets:
//
//	Set-HardDisk -HardDisk <HardDisk[]> -KeyProvider <KeyProvider>   (encrypt, or shallow-rekey an encrypted disk)
//	Set-HardDisk -HardDisk <HardDisk[]> -DisableEncryption           (decrypt)
//
// vSphere's rules apply: a disk is encrypted only in a VM whose home is
// encrypted, and encrypting or decrypting needs the VM powered off without
// snapshots. The encrypt set's name and grouping are keyhost's reading of
// the documented parameters (best reading). It writes the updated disks.
func (s *Session) setHardDisk() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Set-HardDisk",
		Module:                "VMware.VimAutomation.Core",
		ImplementingType:      "VMware.VimAutomation.ViCore.Cmdlets.Commands.VirtualDevice.SetHardDisk",
		Synopsis:              "Modifies virtual hard disks (here: their encryption).",
		DefaultParameterSet:   "Encrypt",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		OutputType:            []string{"VMware.VimAutomation.ViCore.Types.V1.VirtualDevice.HardDisk"},
		Parameters: []*eval.Parameter{
			{Name: "HardDisk", Type: hardDiskParamType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{
				{Name: "Encrypt", Mandatory: true, Position: -1, ValueFromPipeline: true},
				{Name: "Decrypt", Mandatory: true, Position: -1, ValueFromPipeline: true},
			}, Help: "The disks to change."},
			{Name: "KeyProvider", Type: keyProviderParamType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: "Encrypt", Mandatory: true, Position: -1}},
				Help: "Encrypt the disks (or rekey encrypted ones) with a new key from this key provider."},
			{Name: "DisableEncryption", Switch: true, Sets: []eval.ParameterSet{{Name: "Decrypt", Mandatory: true, Position: -1}},
				Help: "Decrypt the disks."},
			runAsyncParam(),
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if err := s.requireConnection(c); err != nil {
					return err
				}
				for _, item := range value.Enumerate(c.Value("HardDisk")) {
					d, ok := item.(*deviceObject)
					if !ok {
						if err := c.WriteError(notFound(c, "HardDisk", value.ToString(item))); err != nil {
							return err
						}
						continue
					}
					if err := d.s.useObject(c); err != nil {
						return err
					}
					var provider engine.KeyProvider
					if c.ParameterSetName() == "Encrypt" {
						var err error
						if provider, err = s.resolveKeyProvider(c, c.Value("KeyProvider"), d.s); err != nil {
							return err
						}
					}
					if err := d.s.setDiskCrypto(c, d, provider); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// setDiskCrypto encrypts, rekeys or decrypts one disk (s is the disk's
// connection).
func (s *Session) setDiskCrypto(c *eval.Call, d *deviceObject, provider engine.KeyProvider) error {
	vm, err := s.World.VM(d.vm.Value)
	if err != nil {
		return c.WriteError(notFound(c, "VM", d.vm.String()))
	}
	var disk *engine.Disk
	for i := range vm.Disks {
		if vm.Disks[i].DeviceKey == d.key {
			disk = &vm.Disks[i]
		}
	}
	if disk == nil {
		return c.WriteError(notFound(c, "HardDisk", value.ToString(d)))
	}
	op := engine.CryptoDecrypt
	if c.ParameterSetName() == "Encrypt" {
		op = engine.CryptoEncrypt
		if disk.Key != nil {
			op = engine.CryptoShallowRecrypt
		}
	}
	var rewriteKB int64
	if op != engine.CryptoShallowRecrypt {
		rewriteKB = disk.CapacityKB
	}
	ok, err := c.ShouldProcess(fmt.Sprintf("%s of %s", disk.Label, vm.Name), "Reconfigure virtual machine")
	if err != nil || !ok {
		return err
	}
	change := engine.CryptoChange{Disks: map[int32]engine.CryptoOp{d.key: op}, Provider: provider.Name}
	return s.perform(c, taskSpec{name: "ReconfigVM_Task", description: "Reconfigure virtual machine", entity: vm.Name, objectID: vm.ID.String(),
		delay: s.pacedDelay(rewriteKB / (1024 * 1024)),
		work: func() (any, error) {
			if err := s.World.ReconfigureCrypto(vm.ID.Value, change); err != nil {
				return nil, err
			}
			updated, err := s.World.VM(vm.ID.Value)
			if err != nil {
				return nil, err
			}
			for i, nd := range updated.Disks {
				if nd.DeviceKey == d.key {
					return s.hardDiskObject(updated, nd, i), nil
				}
			}
			return nil, nil
		}}, true)
}
