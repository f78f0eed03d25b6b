package server

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/builtin"
	"github.com/keyhost/keyhost/ps/eval"
)

// The shim's tests: ps/shim/Keyhost.PowerCLI runs on keyhost's own
// interpreter (real pwsh cannot be installed here), with nothing but
// PowerShell's own cmdlets and a transport to a served world. Every
// PowerCLI cmdlet the FAQ scripts call is then a function the shim
// generated from cmdlet.list, which calls cmdlet.invoke. The tests check
// the world as the FAQ acceptance tests (cmd/keyhost/faq_test.go) do.

// shimPath is the pwsh module shim, from this package's directory.
const shimPath = "../ps/shim/Keyhost.PowerCLI"

// faqDir is the specification's copy of the FAQ scripts when it is there
// (CI places shared/ beside the checkout), else the repository's
// identical copy.
func faqDir() string {
	if _, err := os.Stat("../../shared/faq"); err == nil {
		return "../../shared/faq"
	}
	return "../cmd/keyhost/demo/faq"
}

// shimRun is what a script printed and how it ended.
type shimRun struct {
	stdout, stderr string
	res            eval.Result
}

// runShim runs a script file on keyhost's own interpreter with
// PowerShell's own cmdlets and the shim's transport to srv. stdin answers
// confirmation prompts ("" for none: prompts fail as pwsh
// -NonInteractive).
func runShim(t testing.TB, srv *Server, stdin, script string, args ...string) shimRun {
	t.Helper()
	conn, _ := serveConn(t, srv, nil)
	table := eval.NewCommandTable()
	builtin.Register(table)
	table.Register(TransportCommand(conn))
	var out, errOut bytes.Buffer
	h := &eval.Host{Stdout: &out, Stderr: &errOut, Now: testNow, FS: eval.OSFileSystem{}, Getwd: os.Getwd, EchoAnswers: true}
	if stdin != "" {
		h.Stdin = strings.NewReader(stdin)
	}
	r := eval.New(eval.WithHost(h), eval.WithCommands(table))
	res := r.RunFile(context.Background(), script, args)
	return shimRun{stdout: out.String(), stderr: errOut.String(), res: res}
}

// shimAbs is the shim's absolute path.
func shimAbs(t testing.TB) string {
	t.Helper()
	p, err := filepath.Abs(shimPath)
	require.NoError(t, err)
	return p
}

// runFAQViaShim runs one FAQ script, unchanged, through
// testdata/shim-caller.ps1.
func runFAQViaShim(t *testing.T, srv *Server, stdin, script string, extra ...string) shimRun {
	t.Helper()
	args := append([]string{"-Shim", shimAbs(t), "-Script", filepath.Join(faqDir(), script)}, extra...)
	return runShim(t, srv, stdin, "testdata/shim-caller.ps1", args...)
}

// cryptoObjects indexes a world's crypto objects by name ("web01 home",
// "web01 Hard disk 1", "Prod disk group esx01.lab.local").
func cryptoObjects(w *engine.World) map[string]engine.ObjectCrypto {
	out := map[string]engine.ObjectCrypto{}
	for _, o := range w.CryptoObjects() {
		out[o.Name] = o
	}
	return out
}

// assertShallowRekeyed checks a shallow rekey of one object: a new key id
// from provider, the same DEK and ciphertext.
func assertShallowRekeyed(t *testing.T, before, after engine.ObjectCrypto, provider string) {
	t.Helper()
	require.True(t, after.Encrypted, after.Name)
	assert.Equal(t, provider, after.ProviderID, "%s provider", after.Name)
	assert.NotEqual(t, before.KeyID, after.KeyID, "%s key id", after.Name)
	assert.Equal(t, before.DEKFingerprint, after.DEKFingerprint, "%s DEK", after.Name)
	assert.Equal(t, before.CiphertextHash, after.CiphertextHash, "%s data", after.Name)
}

// assertOnlyChanged checks that every object not owned by owners kept its
// exact crypto state.
func assertOnlyChanged(t *testing.T, before, after map[string]engine.ObjectCrypto, owners ...string) {
	t.Helper()
	for name, o := range before {
		changed := false
		for _, ow := range owners {
			changed = changed || o.OwnerName == ow
		}
		if !changed {
			assert.Equal(t, o, after[name], "%s must be untouched", name)
		}
	}
}

func TestShimFAQ01ShallowRekeyOneVM(t *testing.T) {
	srv, w := newTestServer(t)
	before := cryptoObjects(w)
	r := runFAQViaShim(t, srv, "y\n", "01-shallow-rekey-one-vm.ps1")
	require.Equal(t, 0, r.res.ExitCode, r.stderr)
	assert.Empty(t, r.stderr)
	// The prompt is the shim's own ($PSCmdlet.ShouldProcess in pwsh); the
	// server, which has no console, is then told -Confirm:$false.
	assert.Contains(t, r.stdout, "Performing the operation \"Set-VM\" on target \"web01\".")
	assert.Contains(t, r.stdout, "web01")

	after := cryptoObjects(w)
	assertShallowRekeyed(t, before["web01 home"], after["web01 home"], "NKP-Secondary")
	assert.Equal(t, before["web01 Hard disk 1"], after["web01 Hard disk 1"], "-SkipHardDisks")
	assertOnlyChanged(t, before, after, "web01")
	assertWorldVerifies(t, w)
}

func TestShimFAQ01AnsweredNo(t *testing.T) {
	srv, w := newTestServer(t)
	gen := w.Generation()
	r := runFAQViaShim(t, srv, "n\n", "01-shallow-rekey-one-vm.ps1")
	assert.Equal(t, 0, r.res.ExitCode, r.stderr)
	assert.Equal(t, gen, w.Generation(), "nothing changed")
}

func TestShimFAQ01WithoutInputFailsLikeNonInteractivePwsh(t *testing.T) {
	srv, w := newTestServer(t)
	gen := w.Generation()
	r := runFAQViaShim(t, srv, "", "01-shallow-rekey-one-vm.ps1")
	assert.Equal(t, 1, r.res.ExitCode)
	assert.Contains(t, r.stderr, "NonInteractive mode")
	assert.Equal(t, gen, w.Generation())
}

func TestShimFAQ02RekeyAllStopsAtFirstRefusal(t *testing.T) {
	srv, w := newTestServer(t)
	before := cryptoObjects(w)
	r := runFAQViaShim(t, srv, "", "02-rekey-all-encrypted-vms.ps1")
	assert.Equal(t, 1, r.res.ExitCode)
	assert.Contains(t, r.stderr, "Set-VM")
	assert.Contains(t, r.stderr, "The operation for the entity \"dev04\" failed with the following message: ")

	after := cryptoObjects(w)
	for _, vm := range []string{"web01", "web02", "db01", "db02", "app01"} {
		assertShallowRekeyed(t, before[vm+" home"], after[vm+" home"], "NKP-Secondary")
	}
	// dev04 was refused whole; jump01 and util01 come after the failure.
	assertOnlyChanged(t, before, after, "web01", "web02", "db01", "db02", "app01")
	for _, d := range []string{"web01 Hard disk 1", "db02 Hard disk 1"} {
		assert.Equal(t, before[d], after[d])
	}
	assertWorldVerifies(t, w)
}

func TestShimFAQ03(t *testing.T) {
	srv, w := newTestServer(t)
	before := cryptoObjects(w)
	r := runFAQViaShim(t, srv, "y\n", "03-deep-rekey-one-vm.ps1", "-VMName", "db02")
	require.Equal(t, 0, r.res.ExitCode, r.stderr)
	after := cryptoObjects(w)
	assertShallowRekeyed(t, before["db02 home"], after["db02 home"], "NKP-Secondary")
	assertOnlyChanged(t, before, after, "db02")
	assertWorldVerifies(t, w)
}

func TestShimFAQ04RekeyVsanClusters(t *testing.T) {
	srv, w := newTestServer(t)
	before := cryptoObjects(w)
	r := runFAQViaShim(t, srv, "", "04-rekey-vsan-clusters.ps1")
	require.Equal(t, 0, r.res.ExitCode, r.stderr)
	assert.Empty(t, r.stderr)
	// "$cluster" and "$keyprovider" expand to the objects' names.
	assert.Equal(t, "[REKEY] Rekeying vSAN datastores in Prod to NKP-Secondary ()\n"+
		"[SKIP] Dev does not have an encrypted vSAN datastore ()\n"+
		"[SKIP] Mgmt does not have an encrypted vSAN datastore ()\n", r.stdout)
	after := cryptoObjects(w)
	for _, h := range []string{"esx01", "esx02", "esx03"} {
		name := "Prod disk group " + h + ".lab.local"
		assertShallowRekeyed(t, before[name], after[name], "NKP-Secondary")
	}
	assertOnlyChanged(t, before, after, "Prod")
	assertWorldVerifies(t, w)
}

func TestShimFAQ05ListEncryptedVMs(t *testing.T) {
	srv, w := newTestServer(t)
	gen := w.Generation()
	r := runFAQViaShim(t, srv, "", "05-list-encrypted-vms.ps1")
	require.Equal(t, 0, r.res.ExitCode, r.stderr)
	assert.Equal(t, "web01\nweb02\ndb01\ndb02\napp01\ndev04\njump01\n", r.stdout)
	assert.Equal(t, gen, w.Generation())
}

// TestShimObjects checks the objects the shim makes and how they go back.
func TestShimObjects(t *testing.T) {
	srv, w := newTestServer(t)
	script := filepath.Join(t.TempDir(), "objects.ps1")
	require.NoError(t, os.WriteFile(script, []byte(`param($Shim)
Import-Module $Shim
$vm = Get-VM web01
$vm.PSObject.TypeNames[0]
"$vm"
$vm.VMHost.Name
$vm.ExtensionData.Config.KeyId.ProviderId.Id
(Get-Command Get-VM).CommandType
Get-VM nosuch -ErrorAction SilentlyContinue
"errors: $($Error.Count)"
try { Get-VM nosuch -ErrorAction Stop } catch { "caught: $($_.FullyQualifiedErrorId)" }
Set-VM -VM $vm -KeyProvider (Get-KeyProvider NKP-Secondary) -SkipHardDisks -WhatIf
Get-VM web01, db01 | Get-HardDisk | ForEach-Object { $_.'$ref' }
$kp = Get-KeyProvider NKP-Secondary
Get-VM db01 | Set-VM -KeyProvider $kp -SkipHardDisks -Confirm:$false | ForEach-Object { "set $_" }
`), 0o600))
	r := runShim(t, srv, "", script, "-Shim", shimAbs(t))
	require.Equal(t, 0, r.res.ExitCode, r.stderr)
	lines := strings.Split(r.stdout, "\n")
	require.Len(t, lines, 14, r.stdout)
	assert.True(t, strings.HasPrefix(lines[7], "What if: ") && strings.Contains(lines[7], "web01"), "the server's What if: text, through the host: %q", lines[7])
	lines[7] = "What if: ..."
	assert.Equal(t, "VMware.VimAutomation.ViCore.Impl.V1.VM.UniversalVirtualMachineImpl\n"+
		"web01\n"+
		"esx01.lab.local\n"+
		"NKP-Primary\n"+
		"Function\n"+
		"errors: 1\n"+
		"caught: Core_OutputHelper_WriteNotFoundError,VMware.VimAutomation.ViCore.Cmdlets.Commands.GetVM,Get-VM\n"+
		"What if: ...\n"+
		"VirtualMachine-vm-101/2000\nVirtualMachine-vm-101/2001\nVirtualMachine-vm-103/2000\nVirtualMachine-vm-103/2001\n"+
		"set db01\n", strings.Join(lines, "\n"))
	assert.Equal(t, "NKP-Primary", providerOf(t, w, "vm-101"), "-WhatIf changed nothing")
	assert.Equal(t, "NKP-Secondary", providerOf(t, w, "vm-103"), "piped into Set-VM")
}

// TestShimConnections: $global:DefaultVIServer(s) mirror the server
// session's connections, and a VIServer object goes back by reference.
func TestShimConnections(t *testing.T) {
	srv, _ := newTestServer(t)
	script := filepath.Join(t.TempDir(), "connect.ps1")
	require.NoError(t, os.WriteFile(script, []byte(`param($Shim)
Import-Module $Shim
"$global:DefaultVIServer $($global:DefaultVIServers.Count)"
$dr = Connect-VIServer vcsa02.lab.local
"$dr $($global:DefaultVIServers.Count) $global:DefaultVIServer"
(Get-VM -Server $dr | Select-Object -First 1).'$ref'
$global:DefaultVIServer.ExtensionData.Content.About.ApiType
`), 0o600))
	r := runShim(t, srv, "", script, "-Shim", shimAbs(t))
	require.Equal(t, 0, r.res.ExitCode, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, lines, 4, r.stdout)
	assert.Equal(t, "vcsa01.lab.local 1", lines[0])
	assert.Equal(t, "vcsa02.lab.local 2 vcsa02.lab.local", lines[1])
	assert.Regexp(t, `^VirtualMachine-vm-\d+@vcsa02\.lab\.local$`, lines[2])
	assert.Equal(t, "VirtualCenter", lines[3])
}
