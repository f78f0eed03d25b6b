package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pauseVsanTasks makes every vSAN task of w stop after its first disk
// group until the returned resume is called; reached receives when it
// stops there.
func pauseVsanTasks(w *World) (reached <-chan struct{}, resume func()) {
	r, c := make(chan struct{}), make(chan struct{})
	w.cfg.vsanStep = func(_ string, done, _ int) {
		if done == 1 {
			r <- struct{}{}
			<-c
		}
	}
	return r, func() { close(c) }
}

// A vSAN encryption task can be watched mid-way: Changing is true, the
// disk groups not yet rewritten are resyncing, health is yellow, other
// encryption operations on the cluster wait, and reads still see the
// cluster as it was. Then it completes.
func TestVsanTaskMidWay(t *testing.T) {
	on, off := true, false
	cases := []struct {
		name      string
		cluster   string
		start     func(w *World, id string) (*VsanTask, error)
		operation string
		resync    int64 // bytes to sync per remaining disk group, 0: none
		check     func(t *testing.T, cfg VsanConfig)
	}{
		{"enable", "Dev", func(w *World, id string) (*VsanTask, error) {
			return w.StartVsanEncryption(id, VsanEncryptionSpec{Enable: &on})
		}, "Enable vSAN encryption", 2 * 4096, func(t *testing.T, cfg VsanConfig) { assert.True(t, cfg.EncryptionEnabled) }},
		{"disable with reduced redundancy", "Prod", func(w *World, id string) (*VsanTask, error) {
			return w.StartVsanEncryption(id, VsanEncryptionSpec{Enable: &off, AllowReducedRedundancy: true})
		}, "Disable vSAN encryption", 4096, func(t *testing.T, cfg VsanConfig) { assert.False(t, cfg.EncryptionEnabled) }},
		{"deep rekey", "Prod", func(w *World, id string) (*VsanTask, error) {
			return w.StartVsanRekey(id, VsanRekeyOptions{Deep: true})
		}, "Deep rekey of vSAN encryption", 2 * 4096, func(t *testing.T, cfg VsanConfig) { assert.EqualValues(t, 1, cfg.DekGeneration) }},
		{"shallow rekey", "Prod", func(w *World, id string) (*VsanTask, error) {
			return w.StartVsanRekey(id, VsanRekeyOptions{})
		}, "Shallow rekey of vSAN encryption", 0, func(t *testing.T, cfg VsanConfig) { assert.EqualValues(t, 0, cfg.DekGeneration) }},
		{"change provider", "Prod", func(w *World, id string) (*VsanTask, error) {
			return w.StartVsanEncryption(id, VsanEncryptionSpec{Provider: "NKP-Secondary"})
		}, "Shallow rekey of vSAN encryption to key provider NKP-Secondary", 0, func(t *testing.T, cfg VsanConfig) {
			assert.Equal(t, "NKP-Secondary", cfg.KeyProvider)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := demo(t)
			id := clusterID(t, w, c.cluster)
			reached, resume := pauseVsanTasks(w)
			before := encoded(t, w)
			objs := vsanObjects(t, w, c.cluster)
			task, err := c.start(w, id)
			require.NoError(t, err)
			<-reached

			cfg, err := w.Vsan(id)
			require.NoError(t, err)
			assert.True(t, cfg.Changing)
			assert.Equal(t, c.operation, cfg.Operation)
			done, total := task.Progress()
			assert.Equal(t, 1, done)
			assert.Equal(t, len(objs), total)
			resync, err := w.VsanResyncing(id)
			require.NoError(t, err)
			if c.resync == 0 {
				assert.Empty(t, resync)
			} else {
				require.Len(t, resync, total-1)
				assert.Equal(t, c.resync, resync[0].BytesToSync)
			}
			h, err := w.VsanHealth(id)
			require.NoError(t, err)
			assert.Equal(t, HealthYellow, h.Overall)
			assert.Contains(t, h.Description, c.operation)
			requireFault(t, w.RekeyVsan(id, false), FaultInvalidState)
			requireFault(t, w.RebootHost(cfg.DiskGroups[0].Host.Value), FaultInvalidState)
			assert.Equal(t, objs, vsanObjects(t, w, c.cluster), "reads see the cluster as it was")
			assert.Equal(t, before, encoded(t, w), "and so does a save")

			resume()
			require.NoError(t, task.Wait())
			cfg, err = w.Vsan(id)
			require.NoError(t, err)
			assert.False(t, cfg.Changing)
			assert.Empty(t, cfg.Operation)
			c.check(t, cfg)
			resync, _ = w.VsanResyncing(id)
			assert.Empty(t, resync)
			h, _ = w.VsanHealth(id)
			assert.Equal(t, HealthGreen, h.Overall, h.Description)
			assert.True(t, w.Verify().OK())
			require.NoError(t, w.Close())
		})
	}
}

// A task that fails part-way changes nothing.
func TestVsanTaskFailureChangesNothing(t *testing.T) {
	for after := 0; after < 3; after++ {
		w := demo(t)
		prod := clusterID(t, w, "Prod")
		before := encoded(t, w)
		require.NoError(t, w.InjectFault(FaultVsanDiskGroup, after))
		task, err := w.StartVsanRekey(prod, VsanRekeyOptions{Deep: true})
		require.NoError(t, err)
		requireFault(t, task.Wait(), FaultRuntime)
		assert.Equal(t, before, encoded(t, w))
		cfg, _ := w.Vsan(prod)
		assert.False(t, cfg.Changing)
		require.NoError(t, w.RekeyVsan(prod, true), "the fault fires once")
	}
	require.Error(t, demo(t).InjectFault("nowhere", 1))
}

// A provider a running task uses cannot be removed.
func TestVsanTaskKeepsItsProvider(t *testing.T) {
	w := demo(t)
	reached, resume := pauseVsanTasks(w)
	task, err := w.StartVsanEncryption(clusterID(t, w, "Prod"), VsanEncryptionSpec{Provider: "NKP-Secondary"})
	require.NoError(t, err)
	<-reached
	for _, p := range []string{"NKP-Primary", "NKP-Secondary"} {
		_, err := w.RemoveKeyProvider(p)
		requireFault(t, err, FaultInUse)
	}
	resume()
	require.NoError(t, task.Wait())
}

// EraseDisksBeforeUse: the blocks of the old layout are wiped once the
// disk groups are rewritten.
func TestVsanEraseDisksBeforeUse(t *testing.T) {
	w := demo(t)
	dev := clusterID(t, w, "Dev")
	w.mu.RLock()
	var old [][]byte
	for _, g := range w.clusters[dev].Vsan.DiskGroups {
		old = append(old, g.Object.Data)
	}
	w.mu.RUnlock()
	on := true
	require.NoError(t, w.ReconfigureVsanEncryption(dev, VsanEncryptionSpec{Enable: &on, EraseDisksBeforeUse: &on}))
	for _, d := range old {
		assert.Equal(t, make([]byte, len(d)), d, "wiped")
	}
	assert.True(t, w.Verify().OK())
}

// Health turns red when hosts cannot get the cluster KEK.
func TestVsanHealth(t *testing.T) {
	w := demo(t)
	prod := clusterID(t, w, "Prod")
	_, err := w.VsanHealth(clusterID(t, w, "Mgmt"))
	requireFault(t, err, FaultInvalidState)
	h, err := w.VsanHealth(prod)
	require.NoError(t, err)
	assert.Equal(t, HealthGreen, h.Overall)
	require.Len(t, h.Encryption.Hosts, 3)
	assert.Equal(t, "esx01.lab.local", h.Encryption.Hosts[0].HostName)
	assert.True(t, h.Encryption.Hosts[0].EncryptionEnabled)

	require.NoError(t, w.ReconfigureVsanEncryption(prod, VsanEncryptionSpec{Provider: "KMS-Standard"}))
	require.NoError(t, w.SetKMSReachable("KMS-Standard", false))
	h, _ = w.VsanHealth(prod)
	assert.Equal(t, HealthRed, h.Overall)
	assert.Equal(t, HealthRed, h.Encryption.KMS)
	assert.Equal(t, HealthGreen, h.Encryption.Hosts[0].Health, "the hosts hold the KEK")

	require.NoError(t, w.RebootHost(hostNamed(t, w, "esx01.lab.local").ID.Value))
	h, _ = w.VsanHealth(prod)
	assert.Equal(t, HealthRed, h.Encryption.Hosts[0].Health)
	assert.Contains(t, h.Encryption.Hosts[0].Issues[0], "Cannot get the key encryption key")
	assert.Equal(t, HealthGreen, h.Encryption.Hosts[1].Health)
}
