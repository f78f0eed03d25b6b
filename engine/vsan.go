package engine

// VsanConfig is a copy of a cluster's vSAN configuration, with the fields of
// vSphere's VsanDataEncryptionConfig for data-at-rest encryption.
type VsanConfig struct {
	Cluster MoRef
	// Enabled reports vSAN itself; ESA distinguishes the Express Storage
	// Architecture from the Original (OSA).
	Enabled   bool
	ESA       bool
	Datastore MoRef
	// EncryptionEnabled reports data-at-rest encryption.
	EncryptionEnabled bool
	// KeyProvider is the provider of the KEK ("" when not encrypted).
	KeyProvider string
	// KekID and HostKeyID are the ids of the cluster KEK and the host key.
	KekID               string
	HostKeyID           string
	EraseDisksBeforeUse bool
	// Changing is true while an encryption task runs on the cluster
	// (vSphere's DataEncryptionConfig.changing); Operation then names it.
	Changing  bool
	Operation string
	// DekGeneration counts deep rekeys.
	DekGeneration int64
	DiskGroups    []VsanDiskGroup
}

// VsanDiskGroup is one host's disk group. Its DEK is wrapped by the cluster KEK.
type VsanDiskGroup struct {
	UUID      string
	Host      MoRef
	Encrypted bool
	Key       *KeyRef
}

// VsanEncryptionSpec is a vSAN data-at-rest encryption change (what
// VsanClusterReconfig's DataEncryptionConfig carries). Nil fields keep their
// current value.
type VsanEncryptionSpec struct {
	// Enable turns encryption on or off.
	Enable *bool
	// Provider is the key provider: when enabling ("" = the cluster's default
	// provider), or, on an encrypted cluster, a new provider to move to.
	Provider            string
	EraseDisksBeforeUse *bool
	// AllowReducedRedundancy lets vSAN rewrite a disk group in place
	// instead of evacuating it first (enabling and disabling rewrite every
	// disk group): less data moves, and objects have reduced redundancy
	// while it runs.
	AllowReducedRedundancy bool
}

// VsanRekeyOptions tunes a vSAN rekey (VsanEncryptedClusterRekey_Task).
type VsanRekeyOptions struct {
	// Deep replaces the DEKs and rewrites all data; otherwise a new KEK
	// rewraps them (shallow).
	Deep bool
	// AllowReducedRedundancy applies to a deep rekey (see
	// VsanEncryptionSpec).
	AllowReducedRedundancy bool
}

// Vsan returns a cluster's vSAN configuration. A cluster without vSAN gives
// a configuration with Enabled false.
func (w *World) Vsan(clusterID string) (VsanConfig, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	c, err := w.clusterLocked(clusterID)
	if err != nil {
		return VsanConfig{}, err
	}
	out := VsanConfig{Cluster: MoRef{TypeCluster, c.ID}}
	v := c.Vsan
	if v == nil {
		return out, nil
	}
	out.Enabled, out.ESA, out.EncryptionEnabled = v.Enabled, v.ESA, v.EncryptionEnabled
	if v.Datastore != "" {
		out.Datastore = MoRef{TypeDatastore, v.Datastore}
	}
	out.KeyProvider, out.EraseDisksBeforeUse, out.DekGeneration = v.Provider, v.EraseDisksBeforeUse, v.DekGeneration
	if v.task != nil {
		out.Changing, out.Operation = true, v.task.Operation()
	}
	if v.Kek != nil {
		out.KekID = v.Kek.KeyID
	}
	if v.HostKey != nil {
		out.HostKeyID = v.HostKey.KeyID
	}
	for _, g := range v.DiskGroups {
		out.DiskGroups = append(out.DiskGroups, VsanDiskGroup{
			UUID: g.UUID, Host: MoRef{TypeHost, g.Host}, Encrypted: g.Object.Key != nil, Key: cloneKey(g.Object.Key),
		})
	}
	return out, nil
}

// ReconfigureVsanEncryption enables or disables vSAN data-at-rest
// encryption, moves an encrypted cluster to another key provider (new KEK
// from it, DEKs re-wrapped: VsanClusterReconfig with a new kmsProviderId),
// and sets EraseDisksBeforeUse, and returns when the task is done
// (StartVsanEncryption returns at once). All disk groups change, or none.
func (w *World) ReconfigureVsanEncryption(clusterID string, spec VsanEncryptionSpec) error {
	t, err := w.StartVsanEncryption(clusterID, spec)
	if err != nil {
		return err
	}
	return t.Wait()
}

// RekeyVsan rekeys an encrypted vSAN cluster with its current provider
// (VsanEncryptedClusterRekey_Task) and returns when the task is done:
// shallow makes a new KEK and re-wraps the disk groups' DEKs; deep also
// replaces the DEKs and re-encrypts the data.
func (w *World) RekeyVsan(clusterID string, deep bool) error {
	t, err := w.StartVsanRekey(clusterID, VsanRekeyOptions{Deep: deep})
	if err != nil {
		return err
	}
	return t.Wait()
}

// StartVsanEncryption starts what ReconfigureVsanEncryption does as a task
// and returns it at once; VsanConfig.Changing is true until it ends. A
// change of EraseDisksBeforeUse alone needs no task: it applies at once
// and the task returned is already done.
func (w *World) StartVsanEncryption(clusterID string, spec VsanEncryptionSpec) (*VsanTask, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	c, v, err := w.vsanLocked(clusterID)
	if err != nil {
		return nil, err
	}
	ref := MoRef{TypeCluster, c.ID}
	if err := w.requireVCenter("reconfigure vSAN on cluster " + c.Name); err != nil {
		return nil, err
	}
	if err := checkNoVsanTask(c); err != nil {
		return nil, err
	}
	enable := v.EncryptionEnabled
	if spec.Enable != nil {
		enable = *spec.Enable
	}
	erase := v.EraseDisksBeforeUse
	if spec.EraseDisksBeforeUse != nil {
		erase = *spec.EraseDisksBeforeUse
	}

	op, provider := CryptoNoOp, ""
	switch {
	case enable && !v.EncryptionEnabled:
		op, provider = CryptoEncrypt, spec.Provider
	case enable && spec.Provider != "" && spec.Provider != v.Provider:
		op, provider = CryptoShallowRecrypt, spec.Provider
	case !enable && v.EncryptionEnabled:
		op = CryptoDecrypt
	case !enable && spec.Provider != "" && spec.Enable == nil:
		// Exact vCenter behaviour UNVERIFIED: keyhost refuses rather than
		// silently ignoring the provider or enabling encryption.
		return nil, invalidArgument(ref, "vSAN encryption is not enabled on cluster %s; enable it to use key provider %s.", c.Name, spec.Provider)
	}
	if op == CryptoNoOp {
		if erase != v.EraseDisksBeforeUse {
			v.EraseDisksBeforeUse = erase
			w.changed()
		}
		return finishedTask(c, "Reconfigure vSAN encryption"), nil
	}
	return w.startVsanTask(c, vsanJob{op: op, provider: provider, move: op == CryptoShallowRecrypt, erase: erase, allowReduced: spec.AllowReducedRedundancy})
}

// StartVsanRekey starts what RekeyVsan does as a task and returns it at
// once.
func (w *World) StartVsanRekey(clusterID string, opts VsanRekeyOptions) (*VsanTask, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	c, v, err := w.vsanLocked(clusterID)
	if err != nil {
		return nil, err
	}
	if err := w.requireVCenter("rekey vSAN on cluster " + c.Name); err != nil {
		return nil, err
	}
	if !v.EncryptionEnabled {
		return nil, invalidState(MoRef{TypeCluster, c.ID}, "vSAN encryption is not enabled on cluster %s.", c.Name)
	}
	if err := checkNoVsanTask(c); err != nil {
		return nil, err
	}
	op := CryptoShallowRecrypt
	if opts.Deep {
		op = CryptoDeepRecrypt
	}
	return w.startVsanTask(c, vsanJob{op: op, provider: v.Provider, erase: v.EraseDisksBeforeUse, allowReduced: opts.AllowReducedRedundancy})
}

// vsanLocked returns a cluster whose vSAN is enabled.
func (w *World) vsanLocked(clusterID string) (*clusterRecord, *vsanRecord, error) {
	c, err := w.clusterLocked(clusterID)
	if err != nil {
		return nil, nil, err
	}
	if c.Vsan == nil || !c.Vsan.Enabled {
		// Exact vCenter wording UNVERIFIED.
		return nil, nil, invalidState(MoRef{TypeCluster, c.ID}, "vSAN is not enabled on cluster %s.", c.Name)
	}
	return c, c.Vsan, nil
}

// checkNoVsanTask refuses a second encryption operation while one runs.
func checkNoVsanTask(c *clusterRecord) error {
	if t := c.Vsan.task; t != nil {
		// Exact vCenter wording UNVERIFIED.
		return invalidState(MoRef{TypeCluster, c.ID}, "A vSAN encryption operation (%s) is already running on cluster %s.", t.Operation(), c.Name)
	}
	return nil
}

// markVsanHostsSafe is what enabling vSAN encryption does to the cluster's
// hosts: vSAN's host key becomes the host key of those not yet safe.
func markVsanHostsSafe(hosts []*hostRecord, hostKey *KeyRef) {
	for _, h := range hosts {
		if h.CryptoState != HostCryptoSafe {
			h.CryptoState = HostCryptoSafe
			h.CryptoKey = cloneKey(hostKey)
		}
	}
}

func (w *World) hostName(id string) string {
	if h := w.hosts[id]; h != nil {
		return h.Name
	}
	return id
}
