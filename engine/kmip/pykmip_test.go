package kmip

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The interoperability test: keyhost's client against PyKMIP's server, a
// real KMS (Debian package python3-pykmip, PyKMIP 0.10). It runs whenever
// PyKMIP is installed and skips, loudly, only when it is not.

// pykmipPython is the interpreter PyKMIP's Debian package works with; a
// python3 earlier on PATH (pyenv and the like) does not see Debian's modules.
const pykmipPython = "/usr/bin/python3"

// findPyKMIP returns the pykmip-server script, or why it cannot be used.
func findPyKMIP() (string, error) {
	server, err := exec.LookPath("pykmip-server")
	if err != nil {
		server = "/usr/bin/pykmip-server"
		if _, err := os.Stat(server); err != nil {
			return "", errors.New("pykmip-server is not installed")
		}
	}
	if out, err := exec.Command(pykmipPython, "-c", "import kmip.services.server").CombinedOutput(); err != nil {
		return "", fmt.Errorf("%s cannot import PyKMIP: %v: %s", pykmipPython, err, bytes.TrimSpace(out))
	}
	return server, nil
}

// pykmipConfig is a PyKMIP server configuration: mutual TLS 1.2 with an
// ECDSA server certificate (the TLS1.2 suite PyKMIP offers has no ECDHE-RSA
// GCM ciphers that Go's client would agree to), a policy directory and a
// SQLite database of its own.
const pykmipConfig = `[server]
hostname=127.0.0.1
port=%d
certificate_path=%s
key_path=%s
ca_path=%s
auth_suite=TLS1.2
policy_path=%s
enable_tls_client_auth=True
tls_cipher_suites=
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
logging_level=DEBUG
database_path=%s
`

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startPyKMIP starts pykmip-server on a fresh loopback port with generated
// certificates and returns a client for it. The server is stopped when the
// test ends.
func startPyKMIP(t *testing.T) *Client {
	server, err := findPyKMIP()
	if err != nil {
		t.Skipf("SKIPPING the PyKMIP interoperability test: %v. "+
			"Install it with `apt-get install -y python3-pykmip` to test keyhost's KMIP client against a real KMS.", err)
	}
	dir := t.TempDir()
	certs, err := NewCerts(CertOptions{Hosts: []string{"127.0.0.1"}, ClientName: "keyhost-test"})
	if err != nil {
		t.Fatal(err)
	}
	files, err := certs.WriteFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	policies := filepath.Join(dir, "policies")
	if err := os.Mkdir(policies, 0o755); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	conf := filepath.Join(dir, "server.conf")
	text := fmt.Sprintf(pykmipConfig, port, files.ServerCert, files.ServerKey, files.CA, policies, filepath.Join(dir, "pykmip.db"))
	if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(dir, "server.log")
	cmd := exec.Command(pykmipPython, server, "-f", conf, "-l", logPath)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	// Its own process group: PyKMIP forks a multiprocessing manager and a
	// policy monitor, which must go with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Skipf("SKIPPING the PyKMIP interoperability test: pykmip-server cannot be started: %v", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	showLog := func() string {
		b, _ := os.ReadFile(logPath)
		if len(b) > 4000 && os.Getenv("KEYHOST_PYKMIP_LOG") == "" {
			b = b[len(b)-4000:]
		}
		return fmt.Sprintf("output:\n%s\nlog tail:\n%s", out.String(), b)
	}
	t.Cleanup(func() {
		// SIGTERM only makes PyKMIP's accept loop stop at its next 10 s
		// socket timeout; give it a moment, then end the group.
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(200 * time.Millisecond):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
		if t.Failed() || os.Getenv("KEYHOST_PYKMIP_LOG") != "" {
			t.Log(showLog())
		}
	})

	addr := fmt.Sprintf("127.0.0.1:%d", port)
	deadline := time.Now().Add(20 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			conn.Close()
			break
		}
		select {
		case <-exited:
			t.Fatalf("pykmip-server exited before listening on %s\n%s", addr, showLog())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("pykmip-server did not listen on %s within 20 s\n%s", addr, showLog())
		}
		time.Sleep(50 * time.Millisecond)
	}
	c, err := NewClient(ClientConfig{Addr: addr, TLS: certs.ClientTLS(), DialTimeout: 5 * time.Second, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestPyKMIP(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIPPING the PyKMIP interoperability test in -short mode")
	}
	c := startPyKMIP(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	name := fmt.Sprintf("keyhost-pykmip-%d", time.Now().UnixNano())

	id, err := c.Create(ctx, KeySpec{Name: name})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if err := c.Activate(ctx, id); err != nil {
		t.Fatalf("Activate: %v", err)
	}
	k, err := c.Get(ctx, id)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if len(k.Material) != 32 || k.Algorithm != AlgorithmAES || k.Length != 256 {
		t.Fatalf("Get returned a %d-byte %v key of length %d (%v)", len(k.Material), k.Algorithm, k.Length, k.Format)
	}
	again, err := c.Get(ctx, id)
	if err != nil || !bytes.Equal(again.Material, k.Material) {
		t.Fatalf("second Get: %v", err)
	}
	ids, err := c.LocateName(ctx, name)
	if err != nil || !slices.Equal(ids, []string{id}) {
		t.Fatalf("Locate by name = %v, %v; want [%s]", ids, err, id)
	}
	// PyKMIP refuses to destroy an Active key, like the embedded server.
	err = c.Destroy(ctx, id)
	wantReason(t, err, ReasonPermissionDenied, "kmip Destroy "+id)
	if err := c.Revoke(ctx, id, RevocationCessationOfOperation, "keyhost test"); err != nil {
		t.Fatalf("Revoke: %v", err)
	}
	if err := c.Destroy(ctx, id); err != nil {
		t.Fatalf("Destroy: %v", err)
	}
	_, err = c.Get(ctx, id)
	wantReason(t, err, ReasonItemNotFound, "kmip Get "+id+": Item Not Found")
	_, err = c.Get(ctx, "no-such-key")
	wantReason(t, err, ReasonItemNotFound, "kmip Get no-such-key")
}

// pykmipClientScript drives PyKMIP's own client (kmip.pie) through the key
// life cycle against a server given by host, port and certificate files.
// It prints what it saw, one line per step; key material only as a digest.
const pykmipClientScript = `
import sys, hashlib
from kmip.pie.client import ProxyKmipClient
from kmip.pie import exceptions
from kmip.core import enums
from kmip.core.factories.attributes import AttributeFactory
host, port, cert, key, ca = sys.argv[1:6]
c = ProxyKmipClient(hostname=host, port=int(port), cert=cert, key=key, ca=ca, config_file="/dev/null")
with c:
    uid = c.create(enums.CryptographicAlgorithm.AES, 256, name="pykmip-key",
                   cryptographic_usage_mask=[enums.CryptographicUsageMask.ENCRYPT, enums.CryptographicUsageMask.DECRYPT])
    print("CREATED", uid)
    c.activate(uid)
    k = c.get(uid)
    print("KEY", len(k.value), hashlib.sha256(k.value).hexdigest())
    ids = c.locate(attributes=[AttributeFactory().create_attribute(enums.AttributeType.NAME, "pykmip-key")])
    print("LOCATED", ",".join(ids))
    try:
        c.destroy(uid)
        print("DESTROYED ACTIVE")
    except exceptions.KmipOperationFailure as e:
        print("DESTROY REFUSED", e.reason.name)
    c.revoke(enums.RevocationReasonCode.CESSATION_OF_OPERATION, uid)
    c.destroy(uid)
    try:
        c.get(uid)
        print("GOT DESTROYED")
    except exceptions.KmipOperationFailure as e:
        print("GET FAILED", e.reason.name)
print("DONE")
`

// TestPyKMIPClient is the other direction: PyKMIP's client, an
// independent KMIP implementation, against the embedded server.
func TestPyKMIPClient(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIPPING the PyKMIP interoperability test in -short mode")
	}
	if _, err := findPyKMIP(); err != nil {
		t.Skipf("SKIPPING the PyKMIP client interoperability test: %v. Install it with `apt-get install -y python3-pykmip`.", err)
	}
	store := &recordStore{} // keeps the material that Destroy wipes
	f := startServer(t, ServerConfig{Store: store})
	files, err := f.certs.WriteFiles(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	host, port, _ := net.SplitHostPort(f.addr)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, pykmipPython, "-W", "ignore", "-c", pykmipClientScript, host, port, files.ClientCert, files.ClientKey, files.CA)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir()) // no ~/.pykmip config of the user's
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("PyKMIP client failed: %v\n%s", err, out)
	}
	objs := f.srv.Objects()
	if len(objs) != 1 {
		t.Fatalf("%d objects on the server\n%s", len(objs), out)
	}
	o := objs[0]
	if o.State != StateDestroyed || !slices.Equal(o.Names, []string{"pykmip-key"}) || o.Usage != UsageEncrypt|UsageDecrypt {
		t.Fatalf("server object: %v %v %v\n%s", o.State, o.Names, o.Usage, out)
	}
	digest := sha256.Sum256(store.saved[0].Material)
	for _, want := range []string{
		"CREATED " + o.ID,
		"KEY 32 " + hex.EncodeToString(digest[:]),
		"LOCATED " + o.ID + "\n",
		"DESTROY REFUSED PERMISSION_DENIED",
		"GET FAILED ITEM_NOT_FOUND",
		"DONE",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("PyKMIP client output lacks %q:\n%s", want, out)
		}
	}
}
