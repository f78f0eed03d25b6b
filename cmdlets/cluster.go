package cmdlets

import (
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
)

// getCluster is Get-Cluster: the clusters of the inventory in inventory
// order, filtered by -Name wildcards or -Id.
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
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ById", Mandatory: true, Position: -1}},
				Help: "The ids of the clusters to retrieve (ClusterComputeResource-domain-c8)."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if err := s.checkServer(c); err != nil {
					return err
				}
				id := func(cl engine.Cluster) string { return cl.ID.String() }
				name := func(cl engine.Cluster) string { return cl.Name }
				write := func(cl engine.Cluster) error { return c.WriteObject(s.clusterObject(cl)) }
				if c.ParameterSetName() == "ById" {
					return writeByID(c, "Cluster", s.World.Clusters(), id, write)
				}
				return writeByName(c, "Cluster", s.World.Clusters(), name, write)
			})
		},
	}
}
