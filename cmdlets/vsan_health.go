package cmdlets

import (
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// clusterParameter is a mandatory -Cluster taking pipeline input.
func clusterParameter(help string) *eval.Parameter {
	return &eval.Parameter{Name: "Cluster", Type: clusterParamType, NotNullOrEmpty: true, Wildcards: true,
		Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: -1, ValueFromPipeline: true}}, Help: help}
}

// testVsanClusterHealth is Test-VsanClusterHealth -Cluster: keyhost's vSAN
// health test, with what encryption scripts check before they rekey:
// OverallHealthStatus ("green", "yellow", "red"; not OverallHealth, which
// the result does not have) and EncryptionHealth. Yellow while an
// encryption task runs or components resync; red when hosts or vCenter
// cannot get the cluster's keys.
func (s *Session) testVsanClusterHealth() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Test-VsanClusterHealth",
		Module:           "VMware.VimAutomation.Storage",
		ImplementingType: "VMware.VimAutomation.Storage.Commands.Cmdlets.Vsan.TestVsanClusterHealth",
		Synopsis:         "Runs a vSAN health test on clusters (keyhost models the encryption health).",
		OutputType:       []string{"VMware.VimAutomation.Storage.Types.V1.Vsan.Health.VsanClusterHealthTestResult"},
		Parameters: []*eval.Parameter{
			clusterParameter("The vSAN clusters to test."),
			{Name: "UseCache", Switch: true, Help: "Accepted; keyhost always runs the test."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				return s.eachCluster(c, func(cl clusterRef) error {
					h, err := cl.s.World.VsanHealth(cl.ID.Value)
					if err != nil {
						return err
					}
					return c.WriteObject(cl.s.vsanHealthObject(c, cl.Cluster, h))
				})
			})
		},
	}
}

// vsanHealthObject builds a VsanClusterHealthTestResult.
func (s *Session) vsanHealthObject(c *eval.Call, cl engine.Cluster, h engine.VsanHealth) *value.PSObject {
	enc := value.NewPSObject("VMware.VimAutomation.Storage.Impl.V1.Vsan.Health.VsanClusterEncryptionHealthImpl",
		"VMware.VimAutomation.Storage.Types.V1.Vsan.Health.VsanClusterEncryptionHealth")
	hosts := []any{}
	for _, hh := range h.Encryption.Hosts {
		o := value.NewPSObject("VMware.VimAutomation.Storage.Impl.V1.Vsan.Health.VsanHostEncryptionHealthImpl",
			"VMware.VimAutomation.Storage.Types.V1.Vsan.Health.VsanHostEncryptionHealth")
		issues := make([]any, len(hh.Issues))
		for i, is := range hh.Issues {
			issues[i] = is
		}
		host := hh.Host
		o.Add("Host", value.Lazy(func() any { return s.hostObjectByID(host) })).
			Add("OverallHealth", hh.Health).
			Add("EncryptionEnabled", hh.EncryptionEnabled).
			Add("EncryptionChanging", hh.Changing).
			Add("KekId", nilIfEmpty(hh.KekID)).
			Add("CoreDumpEncryptionKeyId", nilIfEmpty(hh.HostKeyID)).
			Add("DekGenerationId", hh.DekGeneration).
			Add("EraseDiskBeforeUse", hh.EraseDiskBeforeUse).
			Add("AesNiEnabled", true).
			Add("EncryptionIssue", issues)
		hosts = append(hosts, o)
	}
	enc.Add("Cluster", s.clusterObject(cl)).
		Add("ConfigurationHealth", h.Encryption.Config).
		Add("HostResult", hosts).
		Add("KeyProviderHealth", h.Encryption.KMS).
		Add("KmsClusterHealth", h.Encryption.KMS).
		Add("OverallHealth", h.Encryption.Overall).
		Add("OverallKmsHealth", h.Encryption.KMS)
	o := value.NewPSObject("VMware.VimAutomation.Storage.Impl.V1.Vsan.Health.VsanClusterHealthTestResultImpl",
		"VMware.VimAutomation.Storage.Types.V1.Vsan.Health.VsanClusterHealthTestResult")
	score := map[string]int32{engine.HealthGreen: 100, engine.HealthYellow: 80, engine.HealthRed: 0}[h.Overall]
	o.Add("Cluster", s.clusterObject(cl)).
		Add("OverallHealthStatus", h.Overall).
		Add("OverallHealthDescription", h.Description).
		Add("HealthScore", score).
		Add("EncryptionHealth", enc).
		Add("TimeOfTest", value.NewDateTime(c.Now(), value.KindUtc))
	o.ToStringFunc = func() string { return cl.Name }
	return o
}

// getVsanResyncingComponent is Get-VsanResyncingComponent -Cluster: the
// components vSAN is resynchronising, none when idle. An encryption task
// that rewrites data resyncs the disk groups it has not rewritten yet.
func (s *Session) getVsanResyncingComponent() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Get-VsanResyncingComponent",
		Module:           "VMware.VimAutomation.Storage",
		ImplementingType: "VMware.VimAutomation.Storage.Commands.Cmdlets.Vsan.GetVsanResyncingComponent",
		Synopsis:         "Retrieves the vSAN components going through synchronization.",
		OutputType:       []string{"VMware.VimAutomation.Storage.Types.V1.Vsan.VsanResyncingComponent"},
		Parameters: []*eval.Parameter{
			clusterParameter("The vSAN clusters whose resyncing components to retrieve."),
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				return s.eachCluster(c, func(cr clusterRef) error {
					cl, s := cr.Cluster, cr.s
					comps, err := s.World.VsanResyncing(cl.ID.Value)
					if err != nil {
						return err
					}
					for _, rc := range comps {
						o := value.NewPSObject("VMware.VimAutomation.Storage.Impl.V1.Vsan.VsanResyncingComponentImpl",
							"VMware.VimAutomation.Storage.Types.V1.Vsan.VsanResyncingComponent")
						host := rc.Host
						o.Add("Cluster", s.clusterObject(cl)).
							Add("VsanUuid", rc.DiskGroup).
							Add("Entity", value.Lazy(func() any { return s.hostObjectByID(host) })).
							Add("LeftToResyncGB", float64(rc.BytesToSync)/(1<<30)).
							Add("EtaToSyncMinutes", int64(1)).
							Add("Reason", rc.Reason)
						o.ToStringFunc = func() string { return rc.DiskGroup }
						if err := c.WriteObject(o); err != nil {
							return err
						}
					}
					return nil
				})
			})
		},
	}
}

// eachCluster runs a cluster query on every -Cluster, reporting engine
// faults as non-terminating errors.
func (s *Session) eachCluster(c *eval.Call, do func(clusterRef) error) error {
	targets, err := s.targets(c)
	if err != nil {
		return err
	}
	clusters, err := s.resolveClusters(c, c.Value("Cluster"), targets)
	if err != nil {
		return err
	}
	for _, cl := range clusters {
		if err := do(cl); err != nil {
			if _, isFault := engine.AsFault(err); !isFault {
				return err
			}
			if werr := c.WriteError(faultError(c, cl.Name, err)); werr != nil {
				return werr
			}
		}
	}
	return nil
}
