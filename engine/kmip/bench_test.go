package kmip

import (
	"context"
	"testing"

	"github.com/keyhost/keyhost/engine/kmip/ttlv"
)

// BenchmarkGet is one KMIP Get round trip to the embedded server over an
// open mutual-TLS connection: what a host pays to fetch a key.
func BenchmarkGet(b *testing.B) {
	f := startServer(b, ServerConfig{})
	ctx := context.Background()
	id, err := f.client.Create(ctx, KeySpec{})
	if err != nil {
		b.Fatal(err)
	}
	if err := f.client.Activate(ctx, id); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.client.Get(ctx, id); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetParallel is Get from concurrent callers sharing one Client
// (one connection each, up to the idle pool's size, then new ones).
func BenchmarkGetParallel(b *testing.B) {
	f := startServer(b, ServerConfig{})
	ctx := context.Background()
	id, err := f.client.Create(ctx, KeySpec{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := f.client.Get(ctx, id); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkCreateActivate is what vCenter does for a new key: two round
// trips.
func BenchmarkCreateActivate(b *testing.B) {
	f := startServer(b, ServerConfig{})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		id, err := f.client.Create(ctx, KeySpec{})
		if err != nil {
			b.Fatal(err)
		}
		if err := f.client.Activate(ctx, id); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConnect is a request on a new connection each time: TCP, the
// mutual TLS handshake and one Get, the price of not reusing connections.
func BenchmarkConnect(b *testing.B) {
	f := startServer(b, ServerConfig{})
	ctx := context.Background()
	id, err := f.client.Create(ctx, KeySpec{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		c := f.newClient(b, f.certs)
		if _, err := c.Get(ctx, id); err != nil {
			b.Fatal(err)
		}
		c.Close()
	}
}

// BenchmarkDecodeGetResponse is the codec's share of a Get: decoding and
// parsing a response holding a 256-bit key.
func BenchmarkDecodeGetResponse(b *testing.B) {
	wire, err := ttlv.Encode(Response{Version: DefaultVersion(), Items: []ResponseBatchItem{{Operation: OpGet, Status: StatusSuccess,
		Payload: GetResponse{ObjectType: ObjectSymmetricKey, ID: "0f6ab7b4-4b5c-4ea2-8a5e-d1f3b7d42b11",
			Key: SymmetricKey{Format: KeyFormatRaw, Algorithm: AlgorithmAES, Length: 256, Material: make([]byte, 32)}}.Item()}}}.Item())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(wire)))
	b.ReportAllocs()
	for b.Loop() {
		it, err := ttlv.Decode(wire)
		if err != nil {
			b.Fatal(err)
		}
		r, err := ParseResponse(it)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := parseGetResponse(r.Items[0].Payload); err != nil {
			b.Fatal(err)
		}
	}
}
