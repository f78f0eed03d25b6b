package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAddRemoveVTPM(t *testing.T) {
	w := demo(t)
	id := vmID(t, w, "dev01")
	require.NoError(t, w.AddVTPM(id, ""))
	v := vmNamed(t, w, "dev01")
	assert.True(t, v.VTPM)
	require.NotNil(t, v.Key, "the home was encrypted for the vTPM")
	assert.Equal(t, "NKP-Primary", v.Key.ProviderID)
	assert.Nil(t, v.Disks[0].Key, "disks untouched: vTPM only")
	requireFault(t, w.AddVTPM(id, ""), FaultInvalidState)
	requireFault(t, w.ReconfigureCrypto(id, CryptoChange{Home: CryptoDecrypt}), FaultInvalidState)

	require.NoError(t, w.RemoveVTPM(id))
	assert.False(t, vmNamed(t, w, "dev01").VTPM)
	assert.NotNil(t, vmNamed(t, w, "dev01").Key, "the home stays encrypted")
	require.NoError(t, w.ReconfigureCrypto(id, CryptoChange{Home: CryptoDecrypt}))
	requireFault(t, w.RemoveVTPM(id), FaultInvalidState)
	assert.True(t, w.Verify().OK())
}

func TestAddVTPMPreconditions(t *testing.T) {
	w := demo(t)
	requireFault(t, w.AddVTPM(vmID(t, w, "web01"), ""), FaultInvalidPowerState)
	requireFault(t, w.RemoveVTPM(vmID(t, w, "app01")), FaultInvalidPowerState)
	util := vmID(t, w, "util01")
	require.NoError(t, w.PowerOff(util))
	f := requireFault(t, w.AddVTPM(util, ""), FaultInvalidState)
	assert.Contains(t, f.Message, "EFI")
	before := encoded(t, w)
	f = requireFault(t, w.AddVTPM(vmID(t, w, "dev02"), "NKP-Unbacked"), FaultInvalidState)
	assert.Equal(t, "Key provider NKP-Unbacked requires backup.", f.Message)
	assert.Equal(t, before, encoded(t, w))
	// An already encrypted VM just gets the vTPM.
	require.NoError(t, w.AddVTPM(vmID(t, w, "db02"), ""))
	assert.Equal(t, "KMS-Standard", vmNamed(t, w, "db02").Key.ProviderID)
	requireFault(t, w.AddVTPM("vm-999", ""), FaultNotFound)
}
