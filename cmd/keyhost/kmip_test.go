package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The command serves KMS-Standard from an embedded KMIP server: a key
// created over KMIP in one run is saved with the state and served again,
// over KMIP, in the next.
func TestStandardKeysTravelThroughKMIP(t *testing.T) {
	state := demoState(t)
	r := keyhost(t, "", "run", "--state", state, "-c", `Set-VM -VM dev01 -KeyProvider KMS-Standard -Confirm:$false | Out-Null`)
	require.Equal(t, 0, r.code, r.stderr)
	r = keyhost(t, "", "run", "--state", state, "-c", `
Set-VM -VM dev01 -KeyProvider NKP-Primary -Confirm:$false | Out-Null
(Get-VM dev01).ExtensionData.Config.KeyId.ProviderId.Id`)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "NKP-Primary\n", r.stdout, "the rekey fetched dev01's KMS key over KMIP")
	assertVerifies(t, state)
	r = keyhost(t, "", "inventory", "show", "--state", state)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "esx01.lab.local  safe")
	assert.Contains(t, r.stdout, "TPM: NKP-Primary, NKP-Secondary")
}
