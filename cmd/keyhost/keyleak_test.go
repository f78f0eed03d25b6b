package main

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/engine"
)

// Key material never reaches the terminal or the state file: not in
// inventory show, verify, PowerCLI objects, warnings, errors of failing
// operations, nor in the state file (sealed) or its key file's neighbour.
func TestKeyMaterialNeverInOutputs(t *testing.T) {
	state := demoState(t)
	dir := filepath.Dir(state)
	w, err := engine.Load(state)
	require.NoError(t, err)
	var kdks [][]byte
	for _, p := range w.KeyProviders() {
		if p.Type == engine.ProviderNative {
			m, err := w.NativeKeyMaterial(p.Name)
			require.NoError(t, err)
			kdks = append(kdks, m.KDK)
		}
	}
	require.Len(t, kdks, 3)

	var out strings.Builder
	record := func(r result) {
		out.WriteString(r.stdout)
		out.WriteString(r.stderr)
	}
	record(keyhost(t, "", "inventory", "show", "--state", state))
	record(keyhost(t, "", "verify", "--state", state))
	p12 := filepath.Join(dir, "primary.p12")
	script := fmt.Sprintf(`
Get-KeyProvider
foreach ($p in Get-KeyProvider) { "$p $($p.Id) $($p.Uid) $($p.StatusMessage) $($p.Constraint)" }
Export-KeyProvider -KeyProvider NKP-Primary -FilePath '%[1]s'
Export-KeyProvider -KeyProvider NKP-Primary -FilePath '%[1]s'
Export-KeyProvider -KeyProvider KMS-Standard -FilePath '%[2]s'
Import-KeyProvider -FilePath '%[1]s' -Password (ConvertTo-SecureString 'x' -AsPlainText -Force)
Import-KeyProvider -FilePath '%[1]s' -DryRun -Verbose
Import-KeyProvider -FilePath '%[3]s'
Import-KeyProvider -FilePath '%[3]s.key'
New-KeyhostNativeKeyProvider -Name NKP-Primary
Remove-KeyhostKeyProvider -Name NKP-Primary -Confirm:$false
Remove-KeyhostKeyProvider -Name NKP-Primary -Force -Confirm:$false -Verbose
Set-VM -VM web01 -KeyProvider NKP-Secondary -Confirm:$false
Start-VsanEncryptionConfiguration -Cluster Prod -ShallowRekey -Confirm:$false
(Get-VM web01).ExtensionData.Runtime.CryptoState
$Error | ForEach-Object { "$_" }
`, p12, filepath.Join(dir, "kms.p12"), state)
	r := keyhost(t, "", "run", "--state", state, "-c", script)
	record(r)
	require.Contains(t, r.stdout, "locked", "the script ran to the end")
	record(keyhost(t, "", "verify", "--state", state))
	record(keyhost(t, "", "inventory", "show", "--state", state))
	require.Contains(t, out.String(), "key provider NKP-Primary is missing")

	text := out.String()
	stateText := string(fileBytes(t, state))
	for i, k := range kdks {
		for _, enc := range []string{hex.EncodeToString(k), strings.ToUpper(hex.EncodeToString(k)),
			base64.StdEncoding.EncodeToString(k), base64.RawStdEncoding.EncodeToString(k),
			base64.URLEncoding.EncodeToString(k), base64.RawURLEncoding.EncodeToString(k), fmt.Sprint(k)} {
			require.NotContains(t, text, enc, "KDK %d in the output", i)
			require.NotContains(t, stateText, enc, "KDK %d in the state file", i)
		}
		require.NotContains(t, text, string(k))
		require.NotContains(t, stateText, string(k))
	}
}
