package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An encrypted template keeps its keys but refuses every change: convert
// it to a VM, rekey, and convert it back.
func TestTemplatesRefuseCryptoUntilConverted(t *testing.T) {
	w := demo(t)
	db02 := vmNamed(t, w, "db02")
	tmpl, err := w.MarkAsTemplate(db02.ID.Value)
	require.NoError(t, err)
	assert.True(t, tmpl.Template)
	assert.Equal(t, db02.Key, tmpl.Key, "a template keeps Config.KeyId")

	cases := map[string]func() error{
		"shallow rekey": func() error {
			return w.ReconfigureCrypto(db02.ID.Value, CryptoChange{Home: CryptoShallowRecrypt, Provider: "NKP-Primary"})
		},
		"decrypt": func() error {
			return w.ReconfigureCrypto(db02.ID.Value, CryptoChange{Home: CryptoDecrypt, Disks: allDisks(db02, CryptoDecrypt)})
		},
		"power on": func() error { return w.PowerOn(db02.ID.Value) },
		"vTPM":     func() error { return w.AddVTPM(db02.ID.Value, "") },
		"snapshot": func() error { _, err := w.CreateSnapshot(db02.ID.Value, "s"); return err },
	}
	for name, run := range cases {
		t.Run(name, func(t *testing.T) { requireFault(t, run(), FaultNotSupported) })
	}
	_, err = w.MarkAsTemplate(db02.ID.Value)
	requireFault(t, err, FaultInvalidState)

	vm, err := w.MarkAsVirtualMachine(db02.ID.Value)
	require.NoError(t, err)
	assert.False(t, vm.Template)
	require.NoError(t, w.ReconfigureCrypto(db02.ID.Value, CryptoChange{Home: CryptoShallowRecrypt, Disks: allDisks(db02, CryptoShallowRecrypt), Provider: "NKP-Primary"}))
	_, err = w.MarkAsTemplate(db02.ID.Value)
	require.NoError(t, err)
	assert.True(t, w.Verify().OK())

	_, err = w.MarkAsTemplate(vmID(t, w, "web01"))
	requireFault(t, err, FaultInvalidPowerState)
	_, err = w.MarkAsTemplate(vmID(t, w, "dev04"))
	requireFault(t, err, FaultInvalidState)
	_, err = w.MarkAsVirtualMachine(vmID(t, w, "dev04"))
	requireFault(t, err, FaultInvalidState)
}
