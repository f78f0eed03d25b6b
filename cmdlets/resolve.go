package cmdlets

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/value"
)

// Object references name PowerCLI objects outside the interpreter (the
// JSON-RPC server sends them to clients, which send them back as
// parameters), so that an object returned by one call can be passed to the
// next. A reference is a string, PowerCLI's own Id where it has one:
//
//	VirtualMachine-vm-101                                       a VM, or a template (same MoRef type, as in vSphere)
//	HostSystem-host-10                                          a VMHost
//	ClusterComputeResource-domain-c8                            a Cluster
//	Datacenter-datacenter-2, Datastore-datastore-20, Folder-group-v3
//	VirtualMachine-vm-101/2000                                  a device of a VM by key: a HardDisk, or the VTpm (11000); PowerCLI's device Id
//	VirtualMachine-vm-101/VirtualMachineSnapshot-snapshot-1001  a Snapshot of a VM
//	KeyProvider-NKP-Primary                                     a KeyProvider, by name (vSphere names providers, no MoRef)
//	KeyManagementServer-KMS-Standard/kms01                      a KMS of a Standard key provider
//	VsanClusterConfiguration-domain-c8                          a cluster's VsanClusterConfiguration
//	VIServer-vcsa02.lab.local                                   a connection of the session (Connect-VIServer's
//	                                                            result), by the name it was connected with
//
// An object of a vCenter other than the session's first (a fleet's
// primary) ends in "@" and that vCenter's name: VirtualMachine-vm-101@vcsa02.lab.local.
//
// Resolving a reference builds a fresh object from the world's current
// state, as a PowerCLI cmdlet looks an object up again by its MoRef.

// Reference types that are not MoRef types.
const (
	keyProviderRefType = "KeyProvider"
	kmsRefType         = "KeyManagementServer"
	vsanConfigRefType  = "VsanClusterConfiguration"
	folderRefType      = "Folder"
	viServerRefType    = "VIServer"
)

// Resolve's errors (wrapped): ErrUnknownReference for a string that is
// not an object reference at all; for a well-formed reference to an object
// that does not exist, the engine's NotFound fault, or ErrObjectNotFound.
var (
	ErrUnknownReference = errors.New("not an object reference")
	ErrObjectNotFound   = errors.New("object not found")
)

// Resolve returns a fresh PowerCLI object for an object reference.
func (s *Session) Resolve(ref string) (any, error) {
	body, server, _ := strings.Cut(ref, "@")
	typ, id, ok := strings.Cut(body, "-")
	if !ok || typ == "" || id == "" {
		return nil, fmt.Errorf("resolve %q: %w", ref, ErrUnknownReference)
	}
	if typ == viServerRefType {
		return s.resolveServer(ref, id)
	}
	conn, err := s.refConnection(server)
	if err != nil {
		return nil, fmt.Errorf("resolve %s: %w", ref, err)
	}
	obj, err := conn.resolveOn(typ, id)
	if err != nil {
		if errors.Is(err, ErrUnknownReference) {
			return nil, fmt.Errorf("resolve %q: %w", ref, err)
		}
		return nil, fmt.Errorf("resolve %s: %w", ref, err)
	}
	return obj, nil
}

// resolveServer returns the VIServer object of the session's connection
// with that name: the object itself, since cmdlets tell connections apart
// by their VIServer objects.
func (s *Session) resolveServer(ref, name string) (any, error) {
	for _, c := range s.rs.root.rs.conns {
		if c.server != nil && c.serverName() == name {
			return c.server, nil
		}
	}
	return nil, fmt.Errorf("resolve %s: the session has no connection to %s: %w", ref, name, ErrObjectNotFound)
}

// refConnection returns the connection objects of a vCenter are built
// on: the session's connection to it, or, for the primary vCenter when the
// session is not connected to it, the session itself.
func (s *Session) refConnection(server string) (*Session, error) {
	root := s.rs.root
	world := root.rs.fleet.Primary()
	if server != "" {
		if world = root.rs.fleet.Find(server); world == nil {
			return nil, fmt.Errorf("no vCenter %q: %w", server, ErrObjectNotFound)
		}
	}
	for _, c := range root.rs.conns {
		if c.World == world {
			return c, nil
		}
	}
	if server == "" {
		return root, nil
	}
	return nil, fmt.Errorf("the session is not connected to %s: %w", server, ErrObjectNotFound)
}

// resolveOn builds the object of type typ and id on this connection.
func (s *Session) resolveOn(typ, id string) (any, error) {
	w := s.World
	switch typ {
	case engine.TypeVM:
		vmID, part, isPart := strings.Cut(id, "/")
		vm, err := w.VM(vmID)
		if err != nil {
			return nil, err
		}
		if isPart {
			return s.resolveVMPart(vm, part)
		}
		if vm.Template {
			return s.templateObject(vm), nil
		}
		return s.vmObject(vm), nil
	case engine.TypeHost:
		h, err := w.Host(id)
		if err != nil {
			return nil, err
		}
		return s.hostObject(h), nil
	case engine.TypeCluster:
		c, err := w.Cluster(id)
		if err != nil {
			return nil, err
		}
		return s.clusterObject(c), nil
	case engine.TypeDatastore:
		d, err := w.Datastore(id)
		if err != nil {
			return nil, err
		}
		return s.datastoreObject(d), nil
	case engine.TypeDatacenter:
		for _, dc := range w.Datacenters() {
			if dc.ID.Value == id {
				return s.datacenterObject(dc), nil
			}
		}
		return nil, fmt.Errorf("no datacenter %s: %w", id, ErrObjectNotFound)
	case folderRefType:
		for _, f := range folders(w) {
			if f.ref.Value == id {
				return s.folderObject(f), nil
			}
		}
		return nil, fmt.Errorf("no folder %s: %w", id, ErrObjectNotFound)
	case keyProviderRefType:
		p, err := w.KeyProvider(id)
		if err != nil {
			return nil, err
		}
		return s.keyProviderObject(p), nil
	case kmsRefType:
		provider, name, _ := strings.Cut(id, "/")
		for _, k := range w.KMSServers() {
			if k.Provider == provider && k.Name == name {
				return s.kmsServerObject(k), nil
			}
		}
		return nil, fmt.Errorf("no KMS %s: %w", id, ErrObjectNotFound)
	case vsanConfigRefType:
		c, err := w.Cluster(id)
		if err != nil {
			return nil, err
		}
		v, err := w.Vsan(id)
		if err != nil {
			return nil, err
		}
		return s.vsanConfigObject(c, v), nil
	}
	return nil, ErrUnknownReference
}

// resolveVMPart resolves the part after "VirtualMachine-vm-101/": a device
// by key or a snapshot by MoRef.
func (s *Session) resolveVMPart(vm engine.VM, part string) (any, error) {
	if snapID, isSnap := strings.CutPrefix(part, engine.TypeSnapshot+"-"); isSnap {
		if o := s.findSnapshot(vm, vm.Snapshots, nil, snapID); o != nil {
			return o, nil
		}
		return nil, fmt.Errorf("VM %s has no snapshot %s: %w", vm.Name, snapID, ErrObjectNotFound)
	}
	key, err := strconv.ParseInt(part, 10, 32)
	if err != nil {
		return nil, ErrUnknownReference
	}
	if int32(key) == vtpmKey && vm.VTPM {
		return s.vtpmObject(vm), nil
	}
	for i, d := range vm.Disks {
		if d.DeviceKey == int32(key) {
			return s.hardDiskObject(vm, d, i), nil
		}
	}
	return nil, fmt.Errorf("VM %s has no device %s: %w", vm.Name, part, ErrObjectNotFound)
}

// findSnapshot looks a snapshot up in a VM's snapshot tree.
func (s *Session) findSnapshot(vm engine.VM, list []engine.Snapshot, parent *engine.Snapshot, id string) *snapshotObject {
	for i := range list {
		if list[i].ID.Value == id {
			return s.snapshotObject(vm, list[i], parent)
		}
		if o := s.findSnapshot(vm, list[i].Children, &list[i], id); o != nil {
			return o
		}
	}
	return nil
}

// RefOf returns the object reference of a PowerCLI object, and false for
// values that have none (views, plain data, PowerShell's own objects).
func (s *Session) RefOf(v any) (string, bool) {
	switch o := v.(type) {
	case *viObject:
		if o.ref.IsZero() {
			return "", false
		}
		return o.ref.String() + s.refServer(o.s), true
	case *snapshotObject:
		return o.vm.String() + "/" + o.ref.String() + s.refServer(o.s), true
	case *kmsObject:
		return o.ref.String() + s.refServer(o.s), true
	case *deviceObject:
		return deviceID(o.vm, o.key) + s.refServer(o.s), true
	case *value.PSObject:
		if hasTypeName(o, viServerTypeNames[1]) {
			if name, ok := o.Property("Name"); ok {
				return viServerRefType + "-" + value.ToString(name), true
			}
		}
		if hasTypeName(o, vsanConfigTypeNames[len(vsanConfigTypeNames)-1]) {
			if id, ok := o.Property("Id"); ok {
				return vsanConfigRefType + "-" + strings.TrimPrefix(value.ToString(id), engine.TypeCluster+"-"), true
			}
		}
	}
	return "", false
}

// refServer is the "@vcenter" suffix of the references of conn's objects:
// empty for the session's primary vCenter.
func (s *Session) refServer(conn *Session) string {
	if conn == nil || conn.World == nil || conn.World == s.rs.root.rs.fleet.Primary() {
		return ""
	}
	return "@" + conn.World.VCenter().Name
}
