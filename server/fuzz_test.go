package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"testing"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/keyhost/keyhost/ps/value"
)

// fuzzConn is a connection whose client sent data and reads nothing
// back (responses are counted and checked to be JSON).
type fuzzConn struct {
	r      io.Reader
	t      *testing.T
	frames int
}

func (c *fuzzConn) Read(p []byte) (int, error) { return c.r.Read(p) }
func (c *fuzzConn) Close() error               { return nil }
func (c *fuzzConn) Write(p []byte) (int, error) {
	c.frames++
	msg := bytes.TrimSpace(p)
	if len(msg) > 0 && msg[0] == '{' && !json.Valid(msg) {
		c.t.Errorf("the server wrote a response that is not JSON: %q", p)
	}
	return len(p), nil
}

// FuzzReadRequest feeds arbitrary bytes to the request decoder, in both
// framings: it must never panic, must always make progress, and every
// message it accepts is a request or response jsonrpc2 can handle.
func FuzzReadRequest(f *testing.F) {
	seeds := []string{
		`{"jsonrpc":"2.0","id":1,"method":"keyhost.hello"}` + "\n",
		`{"jsonrpc":"2.0","id":"a","method":"cmdlet.invoke","params":{"name":"Get-VM","parameters":{"Name":"web01"}}}` + "\n",
		"{not json\n\n[1,2]\n42\n",
		`{"jsonrpc":"2.0","id":{"x":1},"method":"x"}` + "\n",
		"Content-Length: 52\r\n\r\n" + `{"jsonrpc":"2.0","id":1,"method":"keyhost.hello"}`,
		"Content-Length: 99999999999\r\n\r\n{}",
		"Content-Length: -1\r\n\r\n",
		"\r\n\r\nContent-Type: x\r\n\r\n",
		`{"jsonrpc":"2.0","id":1,"result":null}` + "\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, lsp bool) {
		framing := FramingPlain
		if lsp {
			framing = FramingLSP
		}
		conn := &fuzzConn{r: bytes.NewReader(data), t: t}
		st := newStream(conn, streamOptions{framing: framing, maxMessage: 1024})
		for i := 0; ; i++ {
			if i > len(data)+1 {
				t.Fatalf("no progress after %d reads of %d bytes", i, len(data))
			}
			var req jsonrpc2.Request
			err := st.ReadObject(&req)
			if err != nil {
				if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, errBadHeader) {
					t.Fatalf("unexpected read error: %v", err)
				}
				return
			}
		}
	})
}

// FuzzDecodeValue decodes arbitrary JSON as a parameter value: it must
// never panic, and whatever it accepts encodes back to valid JSON.
func FuzzDecodeValue(f *testing.F) {
	for _, s := range []string{
		`null`, `true`, `"web01"`, `42`, `-2147483649`, `1e400`, `3.25`,
		`[1,"a",null,[2,[3]]]`,
		`{"$ref":"VirtualMachine-vm-101"}`,
		`{"$type":"System.Security.SecureString","$plain":"pw"}`,
		`{"$type":"System.Collections.Hashtable","a":1,"b":{"c":[true]}}`,
		`{"$types":["A.B","A.C"],"Name":"x","name":"y"}`,
		`{"a":{"b":{"c":{"d":{}}}}}`,
	} {
		f.Add([]byte(s))
	}
	d := &decoder{resolve: func(ref string) (any, error) {
		o := value.NewPSObject("Test.Resolved")
		o.Add("Ref", ref)
		return o, nil
	}}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		v, err := d.decode(data)
		if err != nil {
			return
		}
		out := newEncoder(nil, true).encode(v)
		if !json.Valid(out) {
			t.Fatalf("decoded %q and encoded it as invalid JSON %q", data, out)
		}
	})
}
