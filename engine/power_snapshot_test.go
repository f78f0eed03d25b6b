package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPowerOps(t *testing.T) {
	w := demo(t)
	id := vmID(t, w, "web01")
	f := requireFault(t, w.PowerOn(id), FaultInvalidPowerState)
	assert.Equal(t, "The attempted operation cannot be performed in the current state (Powered on).", f.Message)
	assert.Equal(t, "VirtualMachine-vm-101", f.Object)
	require.NoError(t, w.PowerOff(id))
	assert.Equal(t, PoweredOff, vmNamed(t, w, "web01").PowerState)
	f = requireFault(t, w.PowerOff(id), FaultInvalidPowerState)
	assert.Equal(t, "The attempted operation cannot be performed in the current state (Powered off).", f.Message)
	require.NoError(t, w.PowerOn(id))
	assert.Equal(t, PoweredOn, vmNamed(t, w, "web01").PowerState)
	requireFault(t, w.PowerOn("vm-999"), FaultNotFound)
	requireFault(t, w.PowerOff("vm-999"), FaultNotFound)

	// Powering on an encrypted VM needs a host prepared for keys.
	dev04 := vmNamed(t, w, "dev04")
	require.NoError(t, w.PowerOn(dev04.ID.Value))
	h, err := w.Host(dev04.Host.Value)
	require.NoError(t, err)
	assert.Equal(t, HostCryptoPrepared, h.CryptoState)
}

func TestPowerOnNeedsServableKeys(t *testing.T) {
	w := demo(t)
	_, err := w.CreateNativeKeyProvider("NKP-TPM", true)
	require.NoError(t, err)
	require.NoError(t, w.MarkBackedUp("NKP-TPM"))
	// Encrypt dev01 with the TPM provider behind the engine's back (as if the
	// host lost its TPM), then try to power it on.
	dev01 := vmNamed(t, w, "dev01")
	require.NoError(t, w.ReconfigureCrypto(dev01.ID.Value, CryptoChange{Home: CryptoEncrypt, Provider: "NKP-Secondary"}))
	w.mu.Lock()
	w.hosts[dev01.Host.Value].TPM = true
	w.mu.Unlock()
	require.NoError(t, w.ReconfigureCrypto(dev01.ID.Value, CryptoChange{Home: CryptoShallowRecrypt, Provider: "NKP-TPM"}))
	w.mu.Lock()
	w.hosts[dev01.Host.Value].TPM = false
	w.mu.Unlock()
	f := requireFault(t, w.PowerOn(dev01.ID.Value), FaultInvalidState)
	assert.Contains(t, f.Message, "NKP-TPM")
}

func TestSnapshots(t *testing.T) {
	w := demo(t)
	id := vmID(t, w, "dev01")
	s1, err := w.CreateSnapshot(id, "one")
	require.NoError(t, err)
	assert.Equal(t, TypeSnapshot, s1.ID.Type)
	assert.Equal(t, testTime, s1.Created)
	s2, err := w.CreateSnapshot(id, "two")
	require.NoError(t, err)
	v := vmNamed(t, w, "dev01")
	require.Len(t, v.Snapshots, 1)
	require.Len(t, v.Snapshots[0].Children, 1)
	assert.Equal(t, s2.ID.Value, v.CurrentSnapshot)
	assert.NotEqual(t, s1.ID, s2.ID)

	// Encrypt refuses with snapshots; encrypted VM with a chain may shallow recrypt.
	requireFault(t, w.ReconfigureCrypto(id, CryptoChange{Home: CryptoEncrypt}), FaultInvalidState)

	// Revert to one and snapshot again: a second branch.
	require.NoError(t, w.RevertToSnapshot(id, s1.ID.String()))
	s3, err := w.CreateSnapshot(id, "three")
	require.NoError(t, err)
	v = vmNamed(t, w, "dev01")
	require.Len(t, v.Snapshots[0].Children, 2)
	assert.Equal(t, s3.ID.Value, v.CurrentSnapshot)

	// Removing "one" without children moves its children up to the root list.
	require.NoError(t, w.RemoveSnapshot(id, s1.ID.Value, false))
	v = vmNamed(t, w, "dev01")
	require.Len(t, v.Snapshots, 2)
	assert.Equal(t, []string{"two", "three"}, []string{v.Snapshots[0].Name, v.Snapshots[1].Name})
	assert.Equal(t, s3.ID.Value, v.CurrentSnapshot)

	// Removing the current snapshot makes its parent (none) current.
	require.NoError(t, w.RemoveSnapshot(id, s3.ID.Value, false))
	v = vmNamed(t, w, "dev01")
	assert.Empty(t, v.CurrentSnapshot)
	require.NoError(t, w.RemoveSnapshot(id, s2.ID.Value, true))
	assert.Empty(t, vmNamed(t, w, "dev01").Snapshots)
	require.NoError(t, w.ReconfigureCrypto(id, CryptoChange{Home: CryptoEncrypt}))

	requireFault(t, w.RemoveSnapshot(id, "snapshot-9999", true), FaultNotFound)
	requireFault(t, w.RevertToSnapshot(id, "snapshot-9999"), FaultNotFound)
	_, err = w.CreateSnapshot(id, "")
	requireFault(t, err, FaultInvalidArgument)
}

// dev04's tree (base → feature-a, feature-b) refuses shallow recrypt until it
// is a single chain again.
func TestShallowRecryptAfterPruningBranches(t *testing.T) {
	w := demo(t)
	dev04 := vmNamed(t, w, "dev04")
	id := dev04.ID.Value
	requireFault(t, w.ReconfigureCrypto(id, CryptoChange{Home: CryptoShallowRecrypt}), FaultInvalidState)
	featureA := dev04.Snapshots[0].Children[0]
	require.NoError(t, w.RemoveSnapshot(id, featureA.ID.Value, true))
	require.NoError(t, w.ReconfigureCrypto(id, CryptoChange{Home: CryptoShallowRecrypt, Disks: allDisks(dev04, CryptoShallowRecrypt)}))
	assert.True(t, w.Verify().OK())

	// The running state counts as a branch: current snapshot "base" with a child.
	require.NoError(t, w.RevertToSnapshot(id, dev04.Snapshots[0].ID.Value))
	f := requireFault(t, w.ReconfigureCrypto(id, CryptoChange{Home: CryptoShallowRecrypt}), FaultInvalidState)
	assert.Contains(t, f.Message, "snapshot 'base' has 2 branches")
}

func TestRemoveSnapshotWithChildrenMovesCurrentToParent(t *testing.T) {
	w := demo(t)
	dev04 := vmNamed(t, w, "dev04")
	base := dev04.Snapshots[0]
	// Current is feature-b, under base: removing base and its children leaves no current.
	require.NoError(t, w.RemoveSnapshot(dev04.ID.Value, base.ID.Value, true))
	v := vmNamed(t, w, "dev04")
	assert.Empty(t, v.Snapshots)
	assert.Empty(t, v.CurrentSnapshot)
	// Now a deep recrypt is possible.
	require.NoError(t, w.ReconfigureCrypto(v.ID.Value, CryptoChange{Home: CryptoDeepRecrypt, Disks: allDisks(v, CryptoDeepRecrypt)}))
}
