package ttlv

import (
	"bytes"
	"testing"
	"time"
)

// FuzzDecode checks that Decode never panics or hangs on arbitrary bytes and
// that what it accepts re-encodes to exactly the same bytes and decodes again
// to the same encoding.
func FuzzDecode(f *testing.F) {
	seeds := []Item{
		Integer(0x420020, 8),
		LongInteger(0x420020, -1),
		Boolean(0x420020, true),
		TextString(0x420020, "Hello World"),
		ByteString(0x420020, []byte{1, 2, 3}),
		DateTime(0x420020, time.Unix(1205495800, 0)),
		Interval(0x420020, 864000),
		Structure(0x420078,
			Structure(0x420077, Structure(0x420069, Integer(0x42006A, 1), Integer(0x42006B, 2)), Integer(0x42000D, 1)),
			Structure(0x42000F, Enumeration(0x42005C, 10), Structure(0x420079, TextString(0x420094, "1234")))),
		Structure(0x420001),
	}
	for _, s := range seeds {
		b, err := Encode(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{0x42, 0x00, 0x20, 0x04, 0x00, 0x00, 0x00, 0x08, 0xFF, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{0x42, 0x00, 0x20, 0x01, 0xFF, 0xFF, 0xFF, 0xF8})
	f.Fuzz(func(t *testing.T, b []byte) {
		it, err := Decode(b)
		if err != nil {
			return
		}
		re, err := Encode(it)
		if err != nil {
			t.Fatalf("decoded item does not encode: %v\n%s", err, it)
		}
		if !bytes.Equal(re, b) {
			t.Fatalf("round trip changed the bytes:\n in % X\nout % X", b, re)
		}
		it2, err := Decode(re)
		if err != nil {
			t.Fatalf("re-encoded bytes do not decode: %v", err)
		}
		re2, _ := Encode(it2)
		if !bytes.Equal(re2, re) {
			t.Fatal("second round trip differs")
		}
		_ = it.String()
	})
}
