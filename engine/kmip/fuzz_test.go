package kmip

import (
	"testing"

	"github.com/keyhost/keyhost/engine/kmip/ttlv"
)

// FuzzHandle feeds arbitrary request messages to the server's handler: it
// must never panic and must always answer with a well-formed response of at
// least one batch item.
func FuzzHandle(f *testing.F) {
	certs, err := NewCerts(CertOptions{})
	if err != nil {
		f.Fatal(err)
	}
	// A new server for every input, so that keys created by earlier inputs
	// do not pile up and slow the fuzzer down.
	cfg := ServerConfig{TLS: certs.ServerTLS(), Objects: []Object{{
		ID: "k1", Type: ObjectSymmetricKey, Algorithm: AlgorithmAES, Length: 256, State: StateActive,
		Material: make([]byte, 32), Names: []string{"Key1"},
	}}}
	for _, h := range []string{createRequestHex, getRequestHex, locateRequestHex} {
		f.Add(unhex(f, h))
	}
	for _, r := range []Request{
		request(OpGet, GetRequest{ID: "k1"}.Item()),
		request(OpRevoke, RevokeRequest{ID: "k1", Reason: RevocationKeyCompromise, Message: "m"}.Item()),
		request(OpDestroy, uidPayload(TagRequestPayload, "k1")),
		request(OpActivate, uidPayload(TagRequestPayload, "k1")),
		request(OpCreate, CreateRequest{ObjectType: ObjectSymmetricKey, Attributes: []Attribute{
			AlgorithmAttribute(AlgorithmAES), LengthAttribute(256), NameAttribute("n")}}.Item()),
	} {
		f.Add(encode(f, r.Item()))
	}
	f.Fuzz(func(t *testing.T, msg []byte) {
		srv, err := NewServer(cfg)
		if err != nil {
			t.Fatal(err)
		}
		out := srv.handle(msg, "fuzz")
		it, err := ttlv.Decode(out)
		if err != nil {
			t.Fatalf("undecodable response: %v", err)
		}
		resp, err := ParseResponse(it)
		if err != nil {
			t.Fatalf("malformed response: %v\n%s", err, it.Format(TagString))
		}
		if len(resp.Items) == 0 {
			t.Fatal("response without batch items")
		}
	})
}
