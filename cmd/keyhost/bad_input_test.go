package main

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every way a run can go wrong ends with a clear error, a non-zero exit and
// a state file exactly as it was.
func TestBadInputLeavesStateUntouched(t *testing.T) {
	tests := []struct {
		name     string
		args     func(t *testing.T) []string
		code     int
		stderr   []string
		noStdout bool
	}{
		{
			name:   "missing script file",
			args:   func(*testing.T) []string { return []string{"testdata/no-such-script.ps1"} },
			code:   64,
			stderr: []string{"The argument 'testdata/no-such-script.ps1' is not recognized as the name of a script file."},
		},
		{
			name: "parse error names line and column",
			args: func(*testing.T) []string { return []string{"testdata/parse-error.ps1"} },
			code: 1,
			stderr: []string{
				"ParserError: ",
				"testdata/parse-error.ps1:2:",
				"   2 |      if ($vm.ExtensionData.Config.KeyId {",
			},
			noStdout: true,
		},
		{
			name:   "unknown cmdlet",
			args:   func(*testing.T) []string { return []string{"testdata/unknown-cmdlet.ps1"} },
			code:   1,
			stderr: []string{"Set-VMEncryption: ", "The term 'Set-VMEncryption' is not recognized as a name of a cmdlet, function, script file, or executable program."},
		},
		{
			name:   "unknown parameter",
			args:   func(*testing.T) []string { return []string{"testdata/unknown-parameter.ps1"} },
			code:   1,
			stderr: []string{"Set-VM: ", "A parameter cannot be found that matches parameter name 'DeepRekey'."},
		},
		{
			name: "key provider that does not exist",
			args: func(t *testing.T) []string {
				return []string{"testdata/faq-caller.ps1", "-Script", faqScript(t, "01-shallow-rekey-one-vm.ps1"), "-KeyProviderName", "NKP-Missing"}
			},
			code:     1,
			stderr:   []string{"Get-KeyProvider: ", "KeyProvider with name 'NKP-Missing' was not found using the specified filter(s)."},
			noStdout: true,
		},
		{
			name: "wrapped -ErrorAction from the FAQ page",
			args: func(*testing.T) []string { return []string{"testdata/wrapped-erroraction.ps1"} },
			code: 1,
			stderr: []string{
				"Missing an argument for parameter 'ErrorAction'. Specify a parameter of type 'System.Management.Automation.ActionPreference' and try again.",
				"The term 'Stop' is not recognized",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			state := demoState(t)
			original := fileBytes(t, state)
			r := keyhost(t, "", append([]string{"run", "--state", state}, tc.args(t)...)...)
			assert.Equal(t, tc.code, r.code, r.stderr)
			for _, s := range tc.stderr {
				assert.Contains(t, r.stderr, s)
			}
			if tc.noStdout {
				assert.Empty(t, r.stdout)
			}
			assert.Equal(t, original, fileBytes(t, state), "state file must be untouched")
		})
	}
}

func TestMissingStateFileIsCreatedFromTheDemo(t *testing.T) {
	state := filepath.Join(t.TempDir(), "new.json")
	r := keyhost(t, "", "run", "--state", state, "-c", "(Get-VM).Count")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "11\n", r.stdout)
	assert.Len(t, objects(t, state), 34)
}

func TestRunCommandString(t *testing.T) {
	r := keyhost(t, "", "run", "-c", "Get-VM -Name db* | ForEach-Object { \"$($_.Name) $($_.PowerState)\" }")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "db01 PoweredOn\ndb02 PoweredOff\n", r.stdout)
}

func TestVerifyCountsTheDemoObjects(t *testing.T) {
	state := demoState(t)
	r := keyhost(t, "", "verify", "--state", state)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "verified 34 objects (22 encrypted, 12 plaintext)\n", r.stdout)
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"bogus"}, {"run"}, {"inventory"}, {"inventory", "generate"}} {
		r := keyhost(t, "", args...)
		assert.Equal(t, 2, r.code, "%v", args)
		assert.NotEmpty(t, r.stderr, "%v", args)
	}
}

func TestInventoryGenerate(t *testing.T) {
	state := filepath.Join(t.TempDir(), "big.json")
	r := keyhost(t, "", "inventory", "generate", "--vms", "40", "--clusters", "2", "--hosts-per-cluster", "3", "--encrypted-fraction", "0.5", "-o", state)
	require.Equal(t, 0, r.code, r.stderr)
	r = keyhost(t, "", "run", "--state", state, "-c", "(Get-VM).Count; (Get-VM | Where-Object { $_.ExtensionData.Config.KeyId }).Count; (Get-VM)[0].Name")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "40\n20\nvm00001\n", r.stdout)
}

func TestVerifyNamesATamperedDisk(t *testing.T) {
	state := demoState(t)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(fileBytes(t, state), &doc))
	web01 := doc["state"].(map[string]any)["vms"].([]any)[0].(map[string]any)
	require.Equal(t, "web01", web01["name"])
	disk := web01["disks"].([]any)[0].(map[string]any)["object"].(map[string]any)
	data, err := base64.StdEncoding.DecodeString(disk["data"].(string))
	require.NoError(t, err)
	data[10] ^= 0xff // one flipped bit pattern in the ciphertext
	disk["data"] = base64.StdEncoding.EncodeToString(data)
	out, err := json.Marshal(doc)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(state, out, 0o600))

	r := keyhost(t, "", "verify", "--state", state)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "FAILED web01 Hard disk 1")
	assert.Contains(t, r.stderr, "1 of 34 objects failed verification")
}

// verify and inventory show cover every vCenter the state file holds: a
// script that connected to vcsa02 left it in the file.
func TestVerifyAndShowEveryVCenter(t *testing.T) {
	state := demoState(t)
	r := keyhost(t, "", "run", "--state", state, "-c", "$null = Connect-VIServer vcsa02; (Get-VM -Server vcsa02 -Name dr-web01).Name")
	require.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, "dr-web01\n", r.stdout)

	r = keyhost(t, "", "verify", "--state", state)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "verified 40 objects (24 encrypted, 16 plaintext) on 2 vCenters\n", r.stdout)

	r = keyhost(t, "", "inventory", "show", "--state", state)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "vCenter vcsa01.lab.local\n")
	assert.Contains(t, r.stdout, "vCenter vcsa02.lab.local\n")
	assert.Regexp(t, `(?m)^dr-web01 home +NKP-DR `, r.stdout)
	assert.Regexp(t, `(?m)^web01 home +NKP-Primary `, r.stdout)
}
