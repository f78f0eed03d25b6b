package cmdlets

import (
	"strconv"
	"strings"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// The inventory containers: datacenters, their folders, and datastores.
// keyhost's datacenters have vCenter's four system folders ("vm", "host",
// "datastore", "network") under the root folder "Datacenters"; their ids
// follow vCenter's pattern (group-d1, group-v3, group-h4, ...).

var (
	datacenterTypeNames = []string{
		"VMware.VimAutomation.ViCore.Impl.V1.Inventory.DatacenterImpl",
		"VMware.VimAutomation.ViCore.Impl.V1.Inventory.InventoryItemImpl",
		"VMware.VimAutomation.ViCore.Types.V1.Inventory.Datacenter",
		"VMware.VimAutomation.ViCore.Types.V1.Inventory.VIContainer",
		"System.Object",
	}
	folderTypeNames = []string{
		"VMware.VimAutomation.ViCore.Impl.V1.Inventory.FolderImpl",
		"VMware.VimAutomation.ViCore.Impl.V1.Inventory.InventoryItemImpl",
		"VMware.VimAutomation.ViCore.Types.V1.Inventory.Folder",
		"VMware.VimAutomation.ViCore.Types.V1.Inventory.VIContainer",
		"System.Object",
	}
	folderKindType = &value.EnumType{
		Name:    "VMware.VimAutomation.ViCore.Types.V1.Inventory.FolderType",
		Members: []string{"VM", "HostAndCluster", "Datastore", "Network", "Datacenter"},
	}
	// locationParamType takes any container (VIContainer) or names.
	locationParamType = &eval.Type{Name: "VMware.VimAutomation.ViCore.Types.V1.Inventory.VIContainer[]", Convert: func(v any) (any, error) {
		out := []any{}
		for _, item := range value.Enumerate(v) {
			switch x := item.(type) {
			case *viObject:
				out = append(out, x)
			case nil:
				return nil, &eval.TransformError{Msg: "The argument is null."}
			default:
				out = append(out, value.ToString(x))
			}
		}
		return out, nil
	}}
)

// folder is one of a datacenter's folders (or the root folder).
type folder struct {
	ref        engine.MoRef
	name       string
	kind       string // FolderType member
	datacenter engine.MoRef
	parent     engine.MoRef
}

// folders lists the folders of a vCenter: the root, then each
// datacenter's four.
func folders(w *engine.World) []folder {
	root := engine.MoRef{Type: "Folder", Value: "group-d1"}
	out := []folder{{ref: root, name: "Datacenters", kind: "Datacenter"}}
	for i, dc := range w.Datacenters() {
		base := 3 + 4*i
		for j, f := range []struct{ prefix, name, kind string }{
			{"group-v", "vm", "VM"}, {"group-h", "host", "HostAndCluster"}, {"group-s", "datastore", "Datastore"}, {"group-n", "network", "Network"},
		} {
			out = append(out, folder{
				ref: engine.MoRef{Type: "Folder", Value: f.prefix + strconv.Itoa(base+j)}, name: f.name, kind: f.kind,
				datacenter: dc.ID, parent: dc.ID,
			})
		}
	}
	return out
}

// location is a set of containers of connected vCenters.
type location struct {
	refs []locRef
}

type locRef struct {
	s   *Session
	ref engine.MoRef
	// dc is the datacenter of a folder (the folder's contents are its).
	dc engine.MoRef
}

// holds reports whether an object of conn in the given cluster, host and
// datacenter lies in one of the containers.
func (l location) holds(conn *Session, cluster, host, dc engine.MoRef) bool {
	for _, r := range l.refs {
		if r.s.World != conn.World {
			continue
		}
		switch {
		case r.ref == cluster || r.ref == host || r.ref == dc:
			return true
		case r.ref.Type == "Folder" && (r.dc == dc || r.dc.IsZero()):
			return true
		}
	}
	return false
}

// inLocation keeps the items that -Location's containers hold (holds
// says whether they hold one), or all of them when the call has no
// -Location.
func inLocation[T any](s *Session, c *eval.Call, targets []*Session, items []T, holds func(in location, item T) bool) ([]T, error) {
	if !c.Has("Location") {
		return items, nil
	}
	in, err := s.resolveLocations(c, c.Value("Location"), targets)
	if err != nil {
		return nil, err
	}
	var kept []T
	for _, it := range items {
		if holds(in, it) {
			kept = append(kept, it)
		}
	}
	return kept, nil
}

// resolveLocations turns -Location arguments into containers: objects
// stand for themselves; names match clusters, hosts, datacenters and
// folders.
func (s *Session) resolveLocations(c *eval.Call, args any, targets []*Session) (location, error) {
	var l location
	for _, item := range value.Enumerate(args) {
		if o, ok := item.(*viObject); ok {
			if err := o.s.useObject(c); err != nil {
				return l, err
			}
			l.refs = append(l.refs, locRef{s: o.s, ref: o.ref, dc: folderDatacenter(o)})
			continue
		}
		name := value.ToString(item)
		found := false
		for _, t := range targets {
			add := func(ref, dc engine.MoRef, n string) {
				if wildcard.Match(name, n, false) {
					l.refs = append(l.refs, locRef{s: t, ref: ref, dc: dc})
					found = true
				}
			}
			for _, dc := range t.World.Datacenters() {
				add(dc.ID, engine.MoRef{}, dc.Name)
			}
			for _, cl := range t.World.Clusters() {
				add(cl.ID, engine.MoRef{}, cl.Name)
			}
			for _, h := range t.World.Hosts() {
				add(h.ID, engine.MoRef{}, h.Name)
			}
			for _, f := range folders(t.World) {
				add(f.ref, f.datacenter, f.name)
			}
		}
		if !found {
			if err := c.WriteError(notFound(c, "VIContainer", name)); err != nil {
				return l, err
			}
		}
	}
	return l, nil
}

// folderDatacenter returns the datacenter a folder object belongs to.
func folderDatacenter(o *viObject) engine.MoRef {
	if o.ref.Type != "Folder" {
		return engine.MoRef{}
	}
	for _, f := range folders(o.s.World) {
		if f.ref == o.ref {
			return f.datacenter
		}
	}
	return engine.MoRef{}
}

// datacenterObject builds a PowerCLI Datacenter.
func (s *Session) datacenterObject(dc engine.Datacenter) *viObject {
	o := s.newVIObject(dc.ID, dc.Name, datacenterTypeNames...)
	o.Add("Name", dc.Name).
		Add("ParentFolderId", "Folder-group-d1").
		Add("ExtensionData", value.Lazy(func() any { return s.datacenterView(dc) })).
		Add("Id", dc.ID.String()).
		Add("Uid", s.uid("Datacenter", dc.ID.String()))
	return o
}

// datacenterView builds the VMware.Vim.Datacenter view.
func (s *Session) datacenterView(dc engine.Datacenter) *value.PSObject {
	o := managedObject(dc.ID, "Datacenter")
	var vmFolder, hostFolder any
	for _, f := range folders(s.World) {
		if f.datacenter == dc.ID && f.kind == "VM" {
			vmFolder = moRef(f.ref)
		}
		if f.datacenter == dc.ID && f.kind == "HostAndCluster" {
			hostFolder = moRef(f.ref)
		}
	}
	o.Add("Name", dc.Name).
		Add("VmFolder", vmFolder).
		Add("HostFolder", hostFolder).
		Add("Parent", moRef(engine.MoRef{Type: "Folder", Value: "group-d1"}))
	return o
}

// folderObject builds a PowerCLI Folder.
func (s *Session) folderObject(f folder) *viObject {
	o := s.newVIObject(f.ref, f.name, folderTypeNames...)
	var parentID any
	if !f.parent.IsZero() {
		parentID = f.parent.String()
	}
	o.Add("Name", f.name).
		Add("Type", folderKindType.Member(f.kind)).
		Add("ParentId", parentID).
		Add("ExtensionData", value.Lazy(func() any {
			v := managedObject(f.ref, "Folder")
			v.Add("Name", f.name)
			if !f.parent.IsZero() {
				v.Add("Parent", moRef(f.parent))
			}
			return v
		})).
		Add("Id", f.ref.String()).
		Add("Uid", s.uid("Folder", f.ref.String()))
	return o
}

// datastoreTypeNames returns a datastore's type names by its type.
func datastoreTypeNames(typ string) []string {
	impl := "VMware.VimAutomation.ViCore.Impl.V1.DatastoreManagement.VmfsDatastoreImpl"
	switch strings.ToLower(typ) {
	case "vsan":
		impl = "VMware.VimAutomation.ViCore.Impl.V1.DatastoreManagement.VsanDatastoreImpl"
	case "nfs":
		impl = "VMware.VimAutomation.ViCore.Impl.V1.DatastoreManagement.NasDatastoreImpl"
	}
	return []string{impl, "VMware.VimAutomation.ViCore.Impl.V1.DatastoreManagement.DatastoreImpl",
		"VMware.VimAutomation.ViCore.Types.V1.DatastoreManagement.Datastore", "VMware.VimAutomation.ViCore.Types.V1.DatastoreManagement.StorageResource"}
}

// datastoreObject builds a PowerCLI Datastore. Its free space is its
// capacity less the disks provisioned on it.
func (s *Session) datastoreObject(d engine.Datastore) *viObject {
	o := s.newVIObject(d.ID, d.Name, datastoreTypeNames(d.Type)...)
	free := s.datastoreFreeMB(d)
	var dcID engine.MoRef
	if len(d.Hosts) > 0 {
		if h, err := s.World.Host(d.Hosts[0].Value); err == nil {
			dcID = h.Datacenter
		}
	}
	typ := d.Type
	if strings.EqualFold(typ, "vsan") {
		typ = "vsan"
	}
	o.Add("Name", d.Name).
		Add("FreeSpaceMB", float64(free)).
		Add("CapacityMB", float64(d.CapacityMB)).
		Add("FreeSpaceGB", float64(free)/1024).
		Add("CapacityGB", float64(d.CapacityMB)/1024).
		Add("Type", typ).
		Add("Accessible", true).
		Add("State", "Available").
		Add("DatacenterId", dcID.String()).
		Add("ExtensionData", value.Lazy(func() any { return s.datastoreView(d) })).
		Add("Id", d.ID.String()).
		Add("Uid", s.uid("Datastore", d.ID.String()))
	return o
}

// datastoreView builds the VMware.Vim.Datastore view.
func (s *Session) datastoreView(d engine.Datastore) *value.PSObject {
	free := s.datastoreFreeMB(d)
	v := managedObject(d.ID, "Datastore")
	summary := vimObject("DatastoreSummary")
	summary.Add("Name", d.Name).Add("Type", d.Type).Add("Capacity", d.CapacityMB*1024*1024).Add("FreeSpace", free*1024*1024).Add("Accessible", true)
	v.Add("Name", d.Name).Add("Summary", summary)
	return v
}

// datastoreFreeMB is a datastore's capacity less the disks provisioned on it.
func (s *Session) datastoreFreeMB(d engine.Datastore) int64 {
	var usedKB int64
	for _, vm := range s.World.VMs() {
		for _, disk := range vm.Disks {
			if disk.Datastore == d.ID {
				usedKB += disk.CapacityKB
			}
		}
	}
	return max(d.CapacityMB-usedKB/1024, 0)
}

// datastoreRef is a datastore of one connection's vCenter.
type datastoreRef struct {
	s *Session
	engine.Datastore
}

// resolveDatastores turns -Datastore arguments into datastores.
func (s *Session) resolveDatastores(c *eval.Call, args any, targets []*Session) ([]datastoreRef, error) {
	all := func() []datastoreRef {
		var out []datastoreRef
		for _, t := range targets {
			for _, d := range t.World.Datastores() {
				out = append(out, datastoreRef{t, d})
			}
		}
		return out
	}
	return resolveByName(c, "Datastore", args, func(string) []datastoreRef { return all() }, func(d datastoreRef) string { return d.Name },
		func(o *viObject) (datastoreRef, error) {
			d, err := o.s.World.Datastore(o.ref.Value)
			return datastoreRef{o.s, d}, err
		})
}

// vmUsesDatastore reports whether a VM has files on a datastore.
func vmUsesDatastore(vm engine.VM, ds engine.MoRef) bool {
	if vm.Datastore == ds {
		return true
	}
	for _, d := range vm.Disks {
		if d.Datastore == ds {
			return true
		}
	}
	return false
}

// getDatacenter is Get-Datacenter [[-Name] <String[]>] [-Location] | -Id:
// the datacenters of the connected vCenters.
func (s *Session) getDatacenter() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-Datacenter",
		Module:              "VMware.VimAutomation.Core",
		ImplementingType:    "VMware.VimAutomation.ViCore.Cmdlets.Commands.GetDatacenter",
		Synopsis:            "Retrieves the datacenters on a vCenter Server system.",
		DefaultParameterSet: "Default",
		OutputType:          []string{"VMware.VimAutomation.ViCore.Types.V1.Inventory.Datacenter"},
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringArrayType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: 0}},
				Help: "The names of the datacenters to retrieve (wildcards allowed)."},
			{Name: "Cluster", Type: clusterParamType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: -1, ValueFromPipeline: true}},
				Help: "The clusters whose datacenters to retrieve."},
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ById", Mandatory: true, Position: -1}},
				Help: "The ids of the datacenters to retrieve (Datacenter-datacenter-2)."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				type dcRef struct {
					s *Session
					engine.Datacenter
				}
				var dcs []dcRef
				for _, t := range targets {
					for _, dc := range t.World.Datacenters() {
						dcs = append(dcs, dcRef{t, dc})
					}
				}
				write := func(d dcRef) error { return c.WriteObject(d.s.datacenterObject(d.Datacenter)) }
				if c.ParameterSetName() == "ById" {
					return writeByID(c, "Datacenter", dcs, func(d dcRef) string { return d.ID.String() }, write)
				}
				if c.Has("Cluster") {
					clusters, err := s.resolveClusters(c, c.Value("Cluster"), targets)
					if err != nil {
						return err
					}
					var kept []dcRef
					for _, d := range dcs {
						for _, cl := range clusters {
							if cl.s.World == d.s.World && cl.Datacenter == d.ID {
								kept = append(kept, d)
								break
							}
						}
					}
					dcs = kept
				}
				return writeByName(c, "Datacenter", dcs, func(d dcRef) string { return d.Name }, write)
			})
		},
	}
}

// getDatastore is Get-Datastore [[-Name] <String[]>] [-Location] | -Id:
// the datastores of the connected vCenters (vSAN datastores too).
func (s *Session) getDatastore() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-Datastore",
		Module:              "VMware.VimAutomation.Core",
		ImplementingType:    "VMware.VimAutomation.ViCore.Cmdlets.Commands.GetDatastore",
		Synopsis:            "Retrieves the datastores available on a vCenter Server system.",
		DefaultParameterSet: "Default",
		OutputType:          []string{"VMware.VimAutomation.ViCore.Types.V1.DatastoreManagement.Datastore"},
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringArrayType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: 0}},
				Help: "The names of the datastores to retrieve (wildcards allowed)."},
			{Name: "Location", Type: locationParamType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: -1, ValueFromPipeline: true}},
				Help: "The containers (clusters, hosts, datacenters) whose datastores to retrieve."},
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ById", Mandatory: true, Position: -1}},
				Help: "The ids of the datastores to retrieve (Datastore-datastore-20)."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				var stores []datastoreRef
				for _, t := range targets {
					for _, d := range t.World.Datastores() {
						stores = append(stores, datastoreRef{t, d})
					}
				}
				write := func(d datastoreRef) error { return c.WriteObject(d.s.datastoreObject(d.Datastore)) }
				if c.ParameterSetName() == "ById" {
					return writeByID(c, "Datastore", stores, func(d datastoreRef) string { return d.ID.String() }, write)
				}
				stores, err = inLocation(s, c, targets, stores, func(in location, d datastoreRef) bool {
					for _, h := range d.Hosts {
						host, err := d.s.World.Host(h.Value)
						if err == nil && in.holds(d.s, host.Cluster, host.ID, host.Datacenter) {
							return true
						}
					}
					return false
				})
				if err != nil {
					return err
				}
				return writeByName(c, "Datastore", stores, func(d datastoreRef) string { return d.Name }, write)
			})
		},
	}
}

// getFolder is Get-Folder [[-Name] <String[]>] [-Type <FolderType[]>]
// [-Location] | -Id: the folders of the connected vCenters.
func (s *Session) getFolder() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-Folder",
		Module:              "VMware.VimAutomation.Core",
		ImplementingType:    "VMware.VimAutomation.ViCore.Cmdlets.Commands.GetFolder",
		Synopsis:            "Retrieves the folders on a vCenter Server system.",
		DefaultParameterSet: "Default",
		OutputType:          []string{"VMware.VimAutomation.ViCore.Types.V1.Inventory.Folder"},
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringArrayType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: 0}},
				Help: "The names of the folders to retrieve (wildcards allowed)."},
			{Name: "Type", Type: &eval.Type{Name: folderKindType.Name + "[]", Convert: func(v any) (any, error) {
				var out []any
				for _, item := range value.Enumerate(v) {
					e, err := folderKindType.Convert(item)
					if err != nil {
						return nil, err
					}
					out = append(out, e)
				}
				return out, nil
			}}, Sets: []eval.ParameterSet{{Name: "Default", Position: -1}}, Help: "VM, HostAndCluster, Datastore, Network or Datacenter."},
			{Name: "Location", Type: locationParamType, Sets: []eval.ParameterSet{{Name: "Default", Position: -1, ValueFromPipeline: true}},
				Help: "The datacenters whose folders to retrieve."},
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ById", Mandatory: true, Position: -1}},
				Help: "The ids of the folders to retrieve (Folder-group-v3)."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				type folderRef struct {
					s *Session
					folder
				}
				var all []folderRef
				for _, t := range targets {
					for _, f := range folders(t.World) {
						all = append(all, folderRef{t, f})
					}
				}
				write := func(f folderRef) error { return c.WriteObject(f.s.folderObject(f.folder)) }
				if c.ParameterSetName() == "ById" {
					return writeByID(c, "Folder", all, func(f folderRef) string { return f.ref.String() }, write)
				}
				var kept []folderRef
				for _, f := range all {
					if c.Has("Type") && !enumIn(f.kind, c.Value("Type")) {
						continue
					}
					kept = append(kept, f)
				}
				kept, err = inLocation(s, c, targets, kept, func(in location, f folderRef) bool {
					return !f.datacenter.IsZero() && in.holds(f.s, engine.MoRef{}, engine.MoRef{}, f.datacenter)
				})
				if err != nil {
					return err
				}
				return writeByName(c, "Folder", kept, func(f folderRef) string { return f.name }, write)
			})
		},
	}
}

// enumIn reports whether name is one of the enum values in v.
func enumIn(name string, v any) bool {
	for _, e := range value.Enumerate(v) {
		if strings.EqualFold(value.ToString(e), name) {
			return true
		}
	}
	return false
}
