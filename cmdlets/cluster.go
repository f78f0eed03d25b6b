package cmdlets

import (
	"github.com/keyhost/keyhost/ps/eval"
)

// getCluster is Get-Cluster: the clusters of the connected vCenters in
// inventory order, filtered by -Name wildcards and -Location (datacenters,
// folders), or by -Id.
func (s *Session) getCluster() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-Cluster",
		Module:              "VMware.VimAutomation.Core",
		ImplementingType:    "VMware.VimAutomation.ViCore.Cmdlets.Commands.GetCluster",
		Synopsis:            "Retrieves the clusters available on a vCenter Server system.",
		DefaultParameterSet: "Default",
		OutputType:          []string{"VMware.VimAutomation.ViCore.Types.V1.Inventory.Cluster"},
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringArrayType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: 0}},
				Help: "The names of the clusters to retrieve (wildcards allowed)."},
			{Name: "Location", Type: locationParamType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: -1, ValueFromPipeline: true}},
				Help: "The datacenters or folders whose clusters to retrieve."},
			{Name: "NoRecursion", Switch: true, Sets: []eval.ParameterSet{{Name: "Default", Position: -1}}, Help: "Accepted."},
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ById", Mandatory: true, Position: -1}},
				Help: "The ids of the clusters to retrieve (ClusterComputeResource-domain-c8)."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				clusters := allClusters(targets)
				write := func(cl clusterRef) error { return c.WriteObject(cl.s.clusterObject(cl.Cluster)) }
				if c.ParameterSetName() == "ById" {
					return writeByID(c, "Cluster", clusters, func(cl clusterRef) string { return cl.ID.String() }, write)
				}
				clusters, err = inLocation(s, c, targets, clusters, func(in location, cl clusterRef) bool {
					return in.holds(cl.s, cl.ID, cl.ID, cl.Datacenter)
				})
				if err != nil {
					return err
				}
				return writeByName(c, "Cluster", clusters, func(cl clusterRef) string { return cl.Name }, write)
			})
		},
	}
}
