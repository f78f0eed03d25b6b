package cmdlets

import (
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// securityEntityParamType takes what Get-SecurityInfo -Entity accepts:
// VirtualMachine, VMHost and HardDisk objects (or VM names).
var securityEntityParamType = &eval.Type{Name: "VMware.VimAutomation.Sdk.Types.V1.VIObjectCore[]", Convert: func(v any) (any, error) {
	var out []any
	for _, item := range value.Enumerate(v) {
		switch x := item.(type) {
		case *viObject, *deviceObject:
			out = append(out, x)
		case nil:
			return nil, &eval.TransformError{Msg: "The argument is null."}
		default:
			out = append(out, value.ToString(x))
		}
	}
	return out, nil
}}

// getSecurityInfo is Get-SecurityInfo -Entity <VIObjectCore[]>
// (VMware.VimAutomation.Security): the encryption of VMs, hosts and hard
// disks, read from the same keys as Config.KeyId, Runtime.CryptoKeyId and
// Backing.KeyId. EncryptionKeyId is the key's id and KeyProviderId (and
// its old name KmsClusterId) the provider's, $null when not encrypted;
// hard disks also say IsEncrypted (PowerCLI's format data shows it). A
// name is a VM's name.
func (s *Session) getSecurityInfo() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Get-SecurityInfo",
		Module:           "VMware.VimAutomation.Security",
		ImplementingType: "VMware.VimAutomation.Security.Commands.GetSecurityInfo",
		Synopsis:         "Retrieves the encryption state of virtual machines, hosts and hard disks.",
		OutputType:       []string{"VMware.VimAutomation.Security.Types.V1.SecurityInfo.SecurityInfo"},
		Parameters: []*eval.Parameter{
			{Name: "Entity", Type: securityEntityParamType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}},
				Help: "The virtual machines, hosts or hard disks."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				for _, item := range value.Enumerate(c.Value("Entity")) {
					var objs []any
					switch x := item.(type) {
					case *deviceObject:
						objs, err = x.s.diskSecurityInfo(c, x)
					case *viObject:
						objs, err = x.s.entitySecurityInfo(c, x)
					case string:
						vms, rerr := s.resolveVMs(c, x, targets)
						if rerr != nil {
							return rerr
						}
						for _, vm := range vms {
							objs = append(objs, vm.s.securityInfo("VM", vm.Name, vm.ID.String(), vm.Key, nil))
						}
					}
					if err != nil {
						return err
					}
					if err := c.WriteObjects(objs); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// securityInfo builds a SecurityInfo of the kind "VM", "VMHost" or
// "HardDisk".
func (s *Session) securityInfo(kind, name, id string, key *engine.KeyRef, parent any) *value.PSObject {
	o := value.NewPSObject("VMware.VimAutomation.Security.Impl.V1.SecurityInfo."+kind+"SecurityInfoImpl",
		"VMware.VimAutomation.Security.Types.V1.SecurityInfo.SecurityInfo")
	var keyID, providerID any
	if key != nil {
		keyID, providerID = key.KeyID, key.ProviderID
	}
	o.Add("EncryptionKeyId", keyID).
		Add("Id", id).
		Add("KeyProviderId", providerID).
		Add("KmsClusterId", providerID).
		Add("Name", name).
		Add("Parent", parent).
		Add("Uid", s.uid("SecurityInfo", id))
	if kind == "HardDisk" {
		o.Add("IsEncrypted", key != nil)
	}
	o.ToStringFunc = func() string { return name }
	return o
}

// entitySecurityInfo reads a VM's or host's encryption.
func (s *Session) entitySecurityInfo(c *eval.Call, o *viObject) ([]any, error) {
	if err := s.useObject(c); err != nil {
		return nil, err
	}
	switch o.ref.Type {
	case engine.TypeVM:
		vm, err := s.World.VM(o.ref.Value)
		if err != nil {
			return nil, c.WriteError(notFound(c, "VM", value.ToString(o)))
		}
		return []any{s.securityInfo("VM", vm.Name, vm.ID.String(), vm.Key, nil)}, nil
	case engine.TypeHost:
		h, err := s.World.Host(o.ref.Value)
		if err != nil {
			return nil, c.WriteError(notFound(c, "VMHost", value.ToString(o)))
		}
		return []any{s.securityInfo("VMHost", h.Name, h.ID.String(), h.CryptoKey, nil)}, nil
	}
	return nil, c.WriteError(viError(c, "Get-SecurityInfo supports virtual machines, hosts and hard disks; '"+value.ToString(o)+"' is none of them.",
		"Security_GetSecurityInfo_UnsupportedEntity", eval.InvalidArgument, value.ToString(o), ""))
}

// diskSecurityInfo reads a hard disk's encryption.
func (s *Session) diskSecurityInfo(c *eval.Call, d *deviceObject) ([]any, error) {
	if err := s.useObject(c); err != nil {
		return nil, err
	}
	vm, err := s.World.VM(d.vm.Value)
	if err != nil {
		return nil, c.WriteError(notFound(c, "VM", d.vm.String()))
	}
	for _, disk := range vm.Disks {
		if disk.DeviceKey == d.key {
			return []any{s.securityInfo("HardDisk", disk.Label, deviceID(vm.ID, disk.DeviceKey), disk.Key, s.vmObject(vm))}, nil
		}
	}
	return nil, c.WriteError(notFound(c, "HardDisk", value.ToString(d)))
}
