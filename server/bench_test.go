package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/engine"
)

// The benchmarks the issue asks for: cmdlet.invoke of Get-VM -Name over a
// Unix socket from one client and from 8, with latency percentiles, and
// the FAQ rekey loop (script 02) driven over JSON-RPC against a generated
// 45,000-VM world.

// unixServer serves srv on a Unix socket in a temporary directory.
func unixServer(b *testing.B, srv *Server) Address {
	b.Helper()
	a := Address{Network: "unix", Path: filepath.Join(b.TempDir(), "kh.sock")}
	l, err := Listen(a, false)
	require.NoError(b, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		_ = srv.Serve(ctx, l, nil)
		close(done)
	}()
	b.Cleanup(func() {
		cancel()
		<-done
	})
	return a
}

// reportLatency reports calls per second and the p50 and p99 latencies.
func reportLatency(b *testing.B, lat []time.Duration, elapsed time.Duration) {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds())
	}
	b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "calls/s")
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}

// lineClient is the benchmarks' client: it writes a request line and
// reads the response line, decoding only what it checks, so that the
// figures measure the server and the protocol rather than jsonrpc2's
// client (whose decoder reads every response three times). Tests use
// Client.
type lineClient struct {
	conn net.Conn
	r    *bufio.Reader
	id   int
}

func dialLine(b *testing.B, a Address) *lineClient {
	b.Helper()
	c, err := net.Dial("unix", a.Path)
	require.NoError(b, err)
	b.Cleanup(func() { c.Close() })
	return &lineClient{conn: c, r: bufio.NewReaderSize(c, 64<<10)}
}

// call sends one request and returns its result's raw JSON.
func (c *lineClient) call(method string, params any) (json.RawMessage, error) {
	c.id++
	req, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": c.id, "method": method, "params": params})
	if err != nil {
		return nil, err
	}
	if _, err := c.conn.Write(append(req, '\n')); err != nil {
		return nil, err
	}
	line, err := c.r.ReadBytes('\n')
	if err != nil {
		return nil, err
	}
	var resp struct {
		ID     int             `json:"id"`
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(line, &resp); err != nil {
		return nil, err
	}
	if resp.Error != nil {
		return nil, fmt.Errorf("%s: %s", method, resp.Error.Message)
	}
	if resp.ID != c.id {
		return nil, fmt.Errorf("%s: response %d to request %d", method, resp.ID, c.id)
	}
	return resp.Result, nil
}

// benchGetVM runs b.N Get-VM -Name calls split over clients connections.
func benchGetVM(b *testing.B, w *engine.World, name string, clients int) {
	params := map[string]any{"name": "Get-VM", "parameters": map[string]any{"Name": name}}
	benchInvoke(b, w, clients, func(c, i int) (map[string]any, func(raw json.RawMessage) bool) {
		return params, func(raw json.RawMessage) bool { return bytes.Contains(raw, []byte(`"$ref":"VirtualMachine-`)) }
	})
}

// benchInvoke runs b.N cmdlet.invoke calls split over clients connections
// to a server of w and reports calls per second and latencies. call gives
// the params of client c's call i and a check of its result.
func benchInvoke(b *testing.B, w *engine.World, clients int, call func(c, i int) (map[string]any, func(json.RawMessage) bool)) {
	srv, err := New(Config{World: w})
	require.NoError(b, err)
	a := unixServer(b, srv)
	conns := make([]*lineClient, clients)
	for i := range conns {
		conns[i] = dialLine(b, a)
		_, err := conns[i].call("keyhost.hello", map[string]any{})
		require.NoError(b, err)
	}
	lat := make([]time.Duration, b.N)
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c; i < b.N; i += clients {
				params, ok := call(c, i)
				t0 := time.Now()
				raw, err := conns[c].call("cmdlet.invoke", params)
				lat[i] = time.Since(t0)
				if err != nil || !ok(raw) {
					b.Errorf("%s: %v %s", params["name"], err, raw)
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	reportLatency(b, lat, elapsed)
}

// BenchmarkInvokeGetVMUnix1 is one client calling Get-VM -Name web01 on
// the demo inventory over a Unix socket, one call at a time.
func BenchmarkInvokeGetVMUnix1(b *testing.B) {
	w, err := engine.NewDemo()
	require.NoError(b, err)
	benchGetVM(b, w, "web01", 1)
}

// BenchmarkInvokeGetVMUnix8 is 8 clients, each on its own connection.
func BenchmarkInvokeGetVMUnix8(b *testing.B) {
	w, err := engine.NewDemo()
	require.NoError(b, err)
	benchGetVM(b, w, "web01", 8)
}

// generated45k is the benchmark world of cmd/keyhost's FAQ 02 benchmark:
// 45,000 VMs (vCenter's maximum) in 10 clusters of 8 hosts, half of them
// encrypted.
func generated(b *testing.B, vms int) *engine.World {
	b.Helper()
	w, err := engine.Generate(engine.GenerateOptions{VMs: vms, Clusters: 10, HostsPerCluster: 8, EncryptedFraction: 0.5})
	require.NoError(b, err)
	return w
}

// BenchmarkInvokeGetVMUnix1Generated45k and ...8 are the same calls on
// the 45,000-VM world, where Get-VM -Name looks through every VM.
func BenchmarkInvokeGetVMUnix1Generated45k(b *testing.B) {
	benchGetVM(b, generated(b, engine.MaxVMs), "vm22222", 1)
}

func BenchmarkInvokeGetVMUnix8Generated45k(b *testing.B) {
	benchGetVM(b, generated(b, engine.MaxVMs), "vm22222", 8)
}

// faq02Client drives FAQ script 02 from Go over JSON-RPC, call by call, as
// the shim does it: Get-VM for every VM, then for each one Get-View, and
// Set-VM -KeyProvider -SkipHardDisks -Confirm:$false -ErrorAction Stop
// for the encrypted ones. It returns how many VMs it rekeyed.
func faq02Client(ctx context.Context, c *Client, provider string) (int, error) {
	kp := Ref("KeyProvider-" + provider)
	vms, err := c.Invoke(ctx, "Get-VM", nil, nil)
	if err != nil {
		return 0, err
	}
	objs, err := vms.Objects()
	if err != nil {
		return 0, err
	}
	rekeyed := 0
	for _, vm := range objs {
		ref := Ref(vm.Ref)
		view, err := c.Invoke(ctx, "Get-View", map[string]any{"VIObject": ref}, nil)
		if err != nil {
			return rekeyed, err
		}
		var v struct {
			Config struct {
				KeyID json.RawMessage `json:"KeyId"`
			} `json:"Config"`
		}
		if len(view.Output) != 1 || json.Unmarshal(view.Output[0], &v) != nil {
			return rekeyed, fmt.Errorf("Get-View %s: %+v", vm.Name, view)
		}
		if len(v.Config.KeyID) == 0 || string(v.Config.KeyID) == "null" {
			continue
		}
		res, err := c.Invoke(ctx, "Set-VM", map[string]any{"VM": ref, "KeyProvider": kp, "SkipHardDisks": true, "Confirm": false, "ErrorAction": "Stop"}, nil)
		if err != nil {
			return rekeyed, err
		}
		if res.Failed() {
			return rekeyed, fmt.Errorf("Set-VM %s: %s", vm.Name, res.Errors[0].Message)
		}
		rekeyed++
	}
	return rekeyed, nil
}

// BenchmarkFAQ02OverRPCGenerated45k drives the FAQ rekey loop from a Go
// client over a Unix socket against 45,000 VMs: 45,000 Get-View calls and
// 22,500 Set-VM calls per iteration (alternating providers, so every
// iteration rekeys).
func BenchmarkFAQ02OverRPCGenerated45k(b *testing.B) {
	benchFAQ02Client(b, engine.MaxVMs)
}

// BenchmarkFAQ02OverRPCGenerated1k is the same at 1,000 VMs.
func BenchmarkFAQ02OverRPCGenerated1k(b *testing.B) {
	benchFAQ02Client(b, 1000)
}

func benchFAQ02Client(b *testing.B, n int) {
	w := generated(b, n)
	srv, err := New(Config{World: w})
	require.NoError(b, err)
	a := unixServer(b, srv)
	ctx := context.Background()
	c, err := Dial(ctx, a, FramingPlain)
	require.NoError(b, err)
	defer c.Close()
	providers := []string{"NKP-Secondary", "NKP-Primary"}
	b.ResetTimer()
	start := time.Now()
	calls := 0
	for i := range b.N {
		rekeyed, err := faq02Client(ctx, c, providers[i%2])
		require.NoError(b, err)
		calls += 1 + n + rekeyed
	}
	elapsed := time.Since(start)
	b.ReportMetric(float64(n), "VMs")
	b.ReportMetric(float64(calls)/elapsed.Seconds(), "calls/s")
}

// BenchmarkFAQ02ScriptRunGenerated45k sends FAQ script 02, unchanged, in
// one script.run: the loop runs inside the server.
func BenchmarkFAQ02ScriptRunGenerated45k(b *testing.B) {
	w := generated(b, engine.MaxVMs)
	srv, err := New(Config{World: w})
	require.NoError(b, err)
	a := unixServer(b, srv)
	ctx := context.Background()
	c, err := Dial(ctx, a, FramingPlain)
	require.NoError(b, err)
	defer c.Close()
	script, err := os.ReadFile(filepath.Join(faqDir(), "02-rekey-all-encrypted-vms.ps1"))
	require.NoError(b, err)
	providers := []string{"NKP-Secondary", "NKP-Primary"}
	b.ResetTimer()
	for i := range b.N {
		res, err := c.RunScript(ctx, string(script), map[string]any{"keyprovider": Ref("KeyProvider-" + providers[i%2])})
		require.NoError(b, err)
		require.Empty(b, res.Errors)
	}
	b.ReportMetric(float64(engine.MaxVMs), "VMs")
}

// BenchmarkFAQ02ShimGenerated1k runs FAQ script 02 through the pwsh shim
// on keyhost's interpreter: every cmdlet call is a shim function calling
// cmdlet.invoke, with the shim's JSON and object conversion in
// PowerShell.
func BenchmarkFAQ02ShimGenerated1k(b *testing.B) {
	benchFAQ02Shim(b, 1000)
}

// BenchmarkFAQ02ShimGenerated45k is the same at 45,000 VMs.
func BenchmarkFAQ02ShimGenerated45k(b *testing.B) {
	benchFAQ02Shim(b, engine.MaxVMs)
}

func benchFAQ02Shim(b *testing.B, n int) {
	w := generated(b, n)
	srv, err := New(Config{World: w})
	require.NoError(b, err)
	shim, err := filepath.Abs(shimPath)
	require.NoError(b, err)
	script := filepath.Join(faqDir(), "02-rekey-all-encrypted-vms.ps1")
	providers := []string{"NKP-Secondary", "NKP-Primary"}
	b.ResetTimer()
	for i := range b.N {
		r := runShim(b, srv, "", "testdata/shim-caller.ps1", "-Shim", shim, "-Script", script, "-VMName", "vm00001", "-KeyProviderName", providers[i%2])
		if r.res.ExitCode != 0 {
			b.Fatalf("script 02 exited %d: %s", r.res.ExitCode, r.stderr)
		}
	}
	b.ReportMetric(float64(n), "VMs")
}

// BenchmarkInvokeSetVMUnix1 and ...8 measure writes: shallow rekeys
// (Set-VM -KeyProvider -SkipHardDisks) of different encrypted VMs of a
// generated 1,000-VM world, each client rekeying VMs of its own, so that
// the figures show how writes to different objects overlap.
func BenchmarkInvokeSetVMUnix1(b *testing.B) { benchSetVM(b, 1) }

func BenchmarkInvokeSetVMUnix8(b *testing.B) { benchSetVM(b, 8) }

func benchSetVM(b *testing.B, clients int) {
	w := generated(b, 1000)
	var refs []string
	for _, vm := range w.VMs() {
		if vm.Encrypted() {
			refs = append(refs, vm.ID.String())
		}
	}
	require.NotEmpty(b, refs)
	providers := []string{"KeyProvider-NKP-Secondary", "KeyProvider-NKP-Primary"}
	benchInvoke(b, w, clients, func(c, i int) (map[string]any, func(json.RawMessage) bool) {
		// Client c owns the VMs refs[c], refs[c+clients], ...; each pass
		// over them switches provider.
		k := i / clients
		own := (len(refs) - c + clients - 1) / clients
		params := map[string]any{"name": "Set-VM", "parameters": map[string]any{
			"VM": map[string]any{"$ref": refs[c+(k%own)*clients]}, "KeyProvider": map[string]any{"$ref": providers[(k/own)%2]},
			"SkipHardDisks": true, "Confirm": false, "ErrorAction": "Stop"}}
		return params, func(raw json.RawMessage) bool { return !bytes.Contains(raw, []byte(`"errors":[{`)) }
	})
}
