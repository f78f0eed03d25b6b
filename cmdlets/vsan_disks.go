package cmdlets

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

var vsanDiskGroupTypeNames = []string{
	"VMware.VimAutomation.Storage.Impl.V1.Vsan.VsanDiskGroupImpl",
	"VMware.VimAutomation.Storage.Types.V1.Vsan.VsanDiskGroup",
	"System.Object",
}

// vsanDiskGroupObject builds a VsanDiskGroup (vSAN OSA: one per host in
// keyhost). Its ExtensionData is the host's VsanHostDiskMapping, whose
// cache disk carries the group's vSAN UUID. Name follows vSAN's "Disk
// group (<cache disk UUID in hex>)" pattern (best reading).
func (s *Session) vsanDiskGroupObject(g engine.VsanDiskGroup, host engine.Host) *value.PSObject {
	o := value.NewPSObject(vsanDiskGroupTypeNames...)
	hexID := strings.ReplaceAll(g.UUID, "-", "")
	name := fmt.Sprintf("Disk group (%s)", hexID)
	info := vimObject("VsanHostVsanDiskInfo")
	info.Add("VsanUuid", g.UUID).Add("FormatVersion", int32(19))
	ssd := vimObject("HostScsiDisk", "ScsiLun", "HostDevice")
	ssd.Add("CanonicalName", "naa."+hexID[:16]).Add("Ssd", true).Add("VsanDiskInfo", info)
	mapping := vimObject("VsanHostDiskMapping")
	mapping.Add("Ssd", ssd).Add("NonSsd", []any{})
	o.Add("DiskGroupType", "AllFlash").
		Add("DiskFormatVersion", int32(19)).
		Add("Uuid", g.UUID).
		Add("VMHost", s.hostObject(host)).
		Add("ExtensionData", mapping).
		Add("Name", name).
		Add("Id", "/VsanDiskGroup="+g.UUID+"/").
		Add("Uid", s.uid("VsanDiskGroup", g.UUID))
	o.ToStringFunc = func() string { return name }
	return o
}

// getVsanDiskGroup is Get-VsanDiskGroup [[-Name] <String[]>] [-VMHost
// <VMHost[]>] [-Cluster <Cluster[]>]: the disk groups of vSAN OSA clusters
// (an ESA cluster has none: its disks form a storage pool).
func (s *Session) getVsanDiskGroup() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Get-VsanDiskGroup",
		Module:           "VMware.VimAutomation.Storage",
		ImplementingType: "VMware.VimAutomation.Storage.Commands.Cmdlets.Vsan.GetVsanDiskGroup",
		Synopsis:         "Retrieves the vSAN disk groups of hosts or clusters.",
		OutputType:       []string{"VMware.VimAutomation.Storage.Types.V1.Vsan.VsanDiskGroup"},
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringArrayType, Wildcards: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0}},
				Help: "The names of the disk groups (wildcards allowed)."},
			{Name: "VMHost", Type: hostParamType, Wildcards: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: -1, ValueFromPipeline: true}},
				Help: "The hosts whose disk groups to retrieve."},
			{Name: "Cluster", Type: clusterParamType, Wildcards: true, Help: "The clusters whose disk groups to retrieve."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				clusters := allClusters(targets)
				if c.Has("Cluster") {
					if clusters, err = s.resolveClusters(c, c.Value("Cluster"), targets); err != nil {
						return err
					}
				}
				var hosts []hostRef
				if c.Has("VMHost") {
					if hosts, err = s.resolveHosts(c, c.Value("VMHost"), targets); err != nil {
						return err
					}
				}
				type groupRef struct {
					o    *value.PSObject
					name string
				}
				var groups []groupRef
				for _, cl := range clusters {
					v, err := cl.s.World.Vsan(cl.ID.Value)
					if err != nil || !v.Enabled {
						continue
					}
					for _, g := range v.DiskGroups {
						if c.Has("VMHost") && !hostIn(hosts, cl.s, g.Host) {
							continue
						}
						h, err := cl.s.World.Host(g.Host.Value)
						if err != nil {
							continue
						}
						o := cl.s.vsanDiskGroupObject(g, h)
						groups = append(groups, groupRef{o, value.ToString(o)})
					}
				}
				return writeByName(c, "VsanDiskGroup", groups, func(g groupRef) string { return g.name }, func(g groupRef) error { return c.WriteObject(g.o) })
			})
		},
	}
}

// hostIn reports whether the host id of conn's vCenter is among hosts.
func hostIn(hosts []hostRef, conn *Session, id engine.MoRef) bool {
	for _, h := range hosts {
		if h.s.World == conn.World && h.ID == id {
			return true
		}
	}
	return false
}

// getVDisk is Get-VDisk [[-Name] <String[]>] [-Datastore] | -Id: the
// first-class disks (improved virtual disks) of the connected vCenters.
// keyhost's inventories have none yet, so it writes nothing, and a name
// without wildcards is PowerCLI's not-found error.
func (s *Session) getVDisk() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-VDisk",
		Module:              "VMware.VimAutomation.Storage",
		ImplementingType:    "VMware.VimAutomation.Storage.Commands.Cmdlets.VDisk.GetVDisk",
		Synopsis:            "Retrieves first-class disks (keyhost's inventories have none).",
		DefaultParameterSet: "Default",
		OutputType:          []string{"VMware.VimAutomation.Storage.Types.V1.VDisk"},
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringArrayType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: 0}},
				Help: "The names of the disks (wildcards allowed)."},
			{Name: "Datastore", Sets: []eval.ParameterSet{{Name: "Default", Position: -1, ValueFromPipeline: true}},
				Help: "The datastores whose disks to retrieve."},
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ById", Mandatory: true, Position: -1}},
				Help: "The ids of the disks."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				if c.Has("Datastore") {
					if _, err := s.resolveDatastores(c, c.Value("Datastore"), targets); err != nil {
						return err
					}
				}
				var none []string
				write := func(string) error { return nil }
				if c.ParameterSetName() == "ById" {
					return writeByID(c, "VDisk", none, func(x string) string { return x }, write)
				}
				return writeByName(c, "VDisk", none, func(x string) string { return x }, write)
			})
		},
	}
}
