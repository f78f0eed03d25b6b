package main

import (
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/engine"
)

// Checkpoints save a world that keeps changing, consistently, while the
// changes go on (run with -race to see that saving and mutating mix).
func TestCheckpointsSaveWhileTheWorldChanges(t *testing.T) {
	w, err := engine.NewDemo()
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "state.json")
	require.NoError(t, w.Save(path))
	var web01 engine.VM
	for _, vm := range w.VMs() {
		if vm.Name == "web01" {
			web01 = vm
		}
	}
	cp := startCheckpoints(w, path, 5*time.Millisecond, w.Generation(), io.Discard)
	providers := []string{"NKP-Secondary", "KMS-Standard", "NKP-Primary"}
	deadline := time.Now().Add(300 * time.Millisecond)
	for i := 0; time.Now().Before(deadline); i++ {
		ch := engine.CryptoChange{Home: engine.CryptoShallowRecrypt, Provider: providers[i%3], Disks: map[int32]engine.CryptoOp{}}
		for _, d := range web01.Disks {
			ch.Disks[d.DeviceKey] = engine.CryptoShallowRecrypt
		}
		require.NoError(t, w.ReconfigureCrypto(web01.ID.Value, ch))
	}
	saved := cp.Stop()
	assert.Greater(t, saved, uint64(0), "checkpoints ran")
	assert.LessOrEqual(t, saved, w.Generation())
	l, err := engine.Load(path)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, l.Generation(), saved)
	assert.True(t, l.Verify().OK())
	assert.Equal(t, saved, cp.Stop(), "Stop is idempotent")

	off := startCheckpoints(w, path, 0, 7, io.Discard)
	assert.Equal(t, uint64(7), off.Stop(), "a zero interval disables checkpoints")
}
