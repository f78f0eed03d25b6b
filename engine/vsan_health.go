package engine

import "fmt"

// vSAN health values (VsanHealthStatusType).
const (
	HealthGreen  = "green"
	HealthYellow = "yellow"
	HealthRed    = "red"
)

// VsanHealth is the part of a vSAN cluster health test keyhost models: the
// encryption health and what scripts check before rekeying.
type VsanHealth struct {
	Cluster MoRef
	// Overall is the worst of the checks below ("green", "yellow", "red");
	// Description says why it is not green.
	Overall     string
	Description string
	Encryption  VsanEncryptionHealth
	// Resyncing counts the components resyncing (VsanResyncing).
	Resyncing int
}

// VsanEncryptionHealth is vSAN's encryption health summary.
type VsanEncryptionHealth struct {
	// Overall is the worst of Config and KMS and every host's health.
	Overall string
	// Config is the consistency of the hosts' encryption configuration
	// with the cluster's (yellow while a task changes it).
	Config string
	// KMS is vCenter's connection to the key provider: red when its KMS
	// cannot be reached or a Native provider cannot serve keys.
	KMS   string
	Hosts []VsanHostEncryptionHealth
	// Issues explains every non-green value.
	Issues []string
}

// VsanHostEncryptionHealth is one host's encryption health.
type VsanHostEncryptionHealth struct {
	Host     MoRef
	HostName string
	Health   string
	// Issues are why the host is not green, e.g. that it cannot get the
	// cluster KEK to open its disk group.
	Issues             []string
	EncryptionEnabled  bool
	KekID              string
	HostKeyID          string
	DekGeneration      int64
	Changing           bool
	EraseDiskBeforeUse bool
}

// VsanResyncComponent is a component vSAN is resynchronising: while a task
// that rewrites data runs, the disk groups not yet rewritten.
type VsanResyncComponent struct {
	Cluster   MoRef
	DiskGroup string // the disk group's UUID
	Host      MoRef
	// BytesToSync is the data still to move: the disk group's data, twice
	// when it is evacuated first (without AllowReducedRedundancy).
	BytesToSync int64
	Reason      string // "evacuate" or "reconfigure"
}

// VsanHealth runs keyhost's vSAN health test on a cluster with vSAN.
func (w *World) VsanHealth(clusterID string) (VsanHealth, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	c, v, err := w.vsanLocked(clusterID)
	if err != nil {
		return VsanHealth{}, err
	}
	out := VsanHealth{Cluster: MoRef{TypeCluster, c.ID}}
	enc := &out.Encryption
	enc.Config, enc.KMS = HealthGreen, HealthGreen
	issue := func(level *string, l, format string, args ...any) {
		*level = worse(*level, l)
		enc.Issues = append(enc.Issues, fmt.Sprintf(format, args...))
	}
	if v.task != nil {
		issue(&enc.Config, HealthYellow, "A vSAN encryption operation (%s) is running on cluster %s.", v.task.Operation(), c.Name)
	}
	if v.EncryptionEnabled {
		if p := w.providers[v.Provider]; p == nil {
			issue(&enc.KMS, HealthRed, "Key provider %s of cluster %s is missing.", v.Provider, c.Name)
		} else if p.unreachable {
			issue(&enc.KMS, HealthRed, "vCenter cannot reach the key management server of key provider %s.", p.Name)
		} else if f := backupFault(p); f != nil {
			issue(&enc.KMS, HealthRed, "%s", f.Message)
		}
	}
	for _, g := range v.DiskGroups {
		h := w.hosts[g.Host]
		hh := VsanHostEncryptionHealth{Host: MoRef{TypeHost, g.Host}, HostName: w.hostName(g.Host), Health: HealthGreen,
			EncryptionEnabled: g.Object.Key != nil, DekGeneration: v.DekGeneration, Changing: v.task != nil, EraseDiskBeforeUse: v.EraseDisksBeforeUse}
		if v.Kek != nil {
			hh.KekID = v.Kek.KeyID
		}
		if v.HostKey != nil {
			hh.HostKeyID = v.HostKey.KeyID
		}
		if k := g.Object.Key; k != nil {
			if why := w.keyUnusableOn(h, *k); why != "" {
				hh.Health = HealthRed
				hh.Issues = append(hh.Issues, fmt.Sprintf("Cannot get the key encryption key of the disk group: %s.", why))
			}
		}
		if hh.Health != HealthGreen {
			enc.Issues = append(enc.Issues, fmt.Sprintf("Host %s: %s", hh.HostName, hh.Issues[0]))
		}
		enc.Hosts = append(enc.Hosts, hh)
	}
	enc.Overall = worse(enc.Config, enc.KMS)
	for _, hh := range enc.Hosts {
		enc.Overall = worse(enc.Overall, hh.Health)
	}
	out.Resyncing = len(w.resyncingLocked(c))
	out.Overall = enc.Overall
	if out.Resyncing > 0 {
		out.Overall = worse(out.Overall, HealthYellow)
		enc.Issues = append(enc.Issues, fmt.Sprintf("%s resyncing.", plural(out.Resyncing, "component")))
	}
	if len(enc.Issues) > 0 {
		out.Description = joinList(enc.Issues)
	}
	return out, nil
}

// VsanResyncing lists the components a cluster is resynchronising (none
// when idle, or without vSAN).
func (w *World) VsanResyncing(clusterID string) ([]VsanResyncComponent, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	c, err := w.clusterLocked(clusterID)
	if err != nil {
		return nil, err
	}
	return w.resyncingLocked(c), nil
}

func (w *World) resyncingLocked(c *clusterRecord) []VsanResyncComponent {
	v := c.Vsan
	if v == nil || v.task == nil || !v.task.job.movesData() {
		return nil
	}
	done, _ := v.task.Progress()
	var out []VsanResyncComponent
	for i, g := range v.DiskGroups {
		if i < done {
			continue
		}
		n, reason := int64(len(g.Object.Data)), "reconfigure"
		if !v.task.job.allowReduced {
			n, reason = 2*n, "evacuate"
		}
		out = append(out, VsanResyncComponent{Cluster: MoRef{TypeCluster, c.ID}, DiskGroup: g.UUID, Host: MoRef{TypeHost, g.Host}, BytesToSync: n, Reason: reason})
	}
	return out
}

// worse returns the worse of two health values.
func worse(a, b string) string {
	rank := map[string]int{HealthGreen: 0, HealthYellow: 1, HealthRed: 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}
