package ttlv

import (
	"bytes"
	"encoding/hex"
	"errors"
	"io"
	"math/big"
	"strings"
	"testing"
	"time"
)

// unhex turns the specification's "42 00 20 | 02 | ..." notation into bytes.
func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.NewReplacer(" ", "", "|", "", "\n", "", "\t", "").Replace(s))
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

func mustBig(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic("bad big integer " + s)
	}
	return v
}

// The examples of KMIP 1.2/1.4 section 9.1.2, all with tag 420020
// (Compromise Date).
func TestSpecExamples(t *testing.T) {
	const tag = 0x420020
	tests := []struct {
		name  string
		item  Item
		wire  string
		check func(Item) (any, error)
		want  any
	}{
		{"Integer 8", Integer(tag, 8), "42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00",
			func(i Item) (any, error) { return i.Int() }, int32(8)},
		{"Long Integer 123456789000000000", LongInteger(tag, 123456789000000000), "42 00 20 | 03 | 00 00 00 08 | 01 B6 9B 4B A5 74 92 00",
			func(i Item) (any, error) { return i.Long() }, int64(123456789000000000)},
		{"Big Integer 1234567890000000000000000000", BigInteger(tag, mustBig("1234567890000000000000000000")),
			"42 00 20 | 04 | 00 00 00 10 | 00 00 00 00 03 FD 35 EB 6B C2 DF 46 18 08 00 00",
			func(i Item) (any, error) { v, err := i.Big(); return v.String(), err }, "1234567890000000000000000000"},
		{"Enumeration 255", Enumeration(tag, 255), "42 00 20 | 05 | 00 00 00 04 | 00 00 00 FF 00 00 00 00",
			func(i Item) (any, error) { return i.Enum() }, uint32(255)},
		{"Boolean true", Boolean(tag, true), "42 00 20 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 01",
			func(i Item) (any, error) { return i.Bool() }, true},
		{"Text String Hello World", TextString(tag, "Hello World"), "42 00 20 | 07 | 00 00 00 0B | 48 65 6C 6C 6F 20 57 6F 72 6C 64 00 00 00 00 00",
			func(i Item) (any, error) { return i.Text() }, "Hello World"},
		{"Byte String 010203", ByteString(tag, []byte{1, 2, 3}), "42 00 20 | 08 | 00 00 00 03 | 01 02 03 00 00 00 00 00",
			func(i Item) (any, error) { b, err := i.Bytes(); return string(b), err }, "\x01\x02\x03"},
		{"Date-Time 2008-03-14 11:56:40 GMT", DateTime(tag, time.Date(2008, 3, 14, 11, 56, 40, 0, time.UTC)),
			"42 00 20 | 09 | 00 00 00 08 | 00 00 00 00 47 DA 67 F8",
			func(i Item) (any, error) { v, err := i.Time(); return v.Format(time.RFC3339), err }, "2008-03-14T11:56:40Z"},
		{"Interval 10 days", Interval(tag, 10*24*3600), "42 00 20 | 0A | 00 00 00 04 | 00 0D 2F 00 00 00 00 00",
			func(i Item) (any, error) { return i.Seconds() }, uint32(864000)},
		{"Structure of Enumeration 254 and Integer 255",
			Structure(tag, Enumeration(0x420004, 254), Integer(0x420005, 255)),
			"42 00 20 | 01 | 00 00 00 20 | 42 00 04 | 05 | 00 00 00 04 | 00 00 00 FE 00 00 00 00 | 42 00 05 | 02 | 00 00 00 04 | 00 00 00 FF 00 00 00 00",
			func(i Item) (any, error) {
				e, _ := i.Items[0].Enum()
				n, err := i.Items[1].Int()
				return [2]int64{int64(e), int64(n)}, err
			}, [2]int64{254, 255}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wire := unhex(t, tc.wire)
			got, err := Encode(tc.item)
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if !bytes.Equal(got, wire) {
				t.Fatalf("Encode = % X\nwant     % X", got, wire)
			}
			dec, err := Decode(wire)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if dec.Tag != tag || dec.Type != tc.item.Type {
				t.Fatalf("Decode gave %v %v", dec.Tag, dec.Type)
			}
			v, err := tc.check(dec)
			if err != nil || v != tc.want {
				t.Fatalf("value = %v, %v; want %v", v, err, tc.want)
			}
		})
	}
}

func TestBigIntegerSignExtension(t *testing.T) {
	for _, s := range []string{"0", "1", "-1", "127", "128", "-128", "-129", "255", "-256",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
		"-1234567890000000000000000000"} {
		v := mustBig(s)
		it := BigInteger(0x420052, v)
		if len(it.data)%8 != 0 || len(it.data) == 0 {
			t.Fatalf("%s: %d bytes", s, len(it.data))
		}
		wire, err := Encode(it)
		if err != nil {
			t.Fatal(err)
		}
		dec, err := Decode(wire)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := dec.Big()
		if got.Cmp(v) != 0 {
			t.Fatalf("%s came back as %s (% X)", s, got, it.data)
		}
	}
	// Minimal encodings: 8 bytes up to 2^63-1, 16 bytes from 2^63.
	if n := len(BigInteger(1, mustBig("9223372036854775807")).data); n != 8 {
		t.Fatalf("2^63-1 takes %d bytes", n)
	}
	if n := len(BigInteger(1, mustBig("9223372036854775808")).data); n != 16 {
		t.Fatalf("2^63 takes %d bytes", n)
	}
	// Leading sign extension beyond the minimum is still accepted and kept.
	wire := unhex(t, "42 00 52 | 04 | 00 00 00 10 | FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FE")
	dec, err := Decode(wire)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := dec.Big(); v.Int64() != -2 {
		t.Fatalf("got %v, want -2", v)
	}
	if re, _ := Encode(dec); !bytes.Equal(re, wire) {
		t.Fatal("re-encoding changed a non-minimal Big Integer")
	}
}

func TestDecodeRejects(t *testing.T) {
	deep := func(n int) []byte {
		it := Integer(0x420001, 1)
		for range n {
			it = Structure(0x420002, it)
		}
		b, _ := Encode(it)
		return b
	}
	tests := []struct {
		name, wire string
		raw        []byte
		lim        Limits
		want       string
	}{
		{name: "empty", wire: "", want: "too few for an item header"},
		{name: "short header", wire: "42 00 20 02 00 00", want: "too few"},
		{name: "type 0", wire: "42 00 20 | 00 | 00 00 00 00", want: "unknown type 0x00"},
		{name: "type 0B", wire: "42 00 20 | 0B | 00 00 00 00", want: "unknown type 0x0B"},
		{name: "Integer length 8", wire: "42 00 20 | 02 | 00 00 00 08 | 00 00 00 08 00 00 00 00", want: "want 4"},
		{name: "Integer truncated", wire: "42 00 20 | 02 | 00 00 00 04 | 00 00 00 08", want: "runs past the end"},
		{name: "Integer non-zero padding", wire: "42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 01", want: "non-zero padding"},
		{name: "Long length 4", wire: "42 00 20 | 03 | 00 00 00 04 | 00 00 00 08 00 00 00 00", want: "want 8"},
		{name: "Boolean 2", wire: "42 00 20 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 02", want: "neither 0 nor 1"},
		{name: "Big Integer length 4", wire: "42 00 20 | 04 | 00 00 00 04 | 00 00 00 01 00 00 00 00", want: "multiple of 8"},
		{name: "Big Integer length 0", wire: "42 00 20 | 04 | 00 00 00 00", want: "multiple of 8"},
		{name: "Text not UTF-8", wire: "42 00 20 | 07 | 00 00 00 01 | FF 00 00 00 00 00 00 00", want: "not UTF-8"},
		{name: "Text padding", wire: "42 00 20 | 07 | 00 00 00 01 | 41 00 00 00 00 00 00 07", want: "non-zero padding"},
		{name: "Bytes past end", wire: "42 00 20 | 08 | 00 00 00 09 | 01 02 03 04 05 06 07 08", want: "runs past the end"},
		{name: "huge length", wire: "42 00 20 | 08 | FF FF FF FF | 01 02 03 04 05 06 07 08", want: "runs past the end"},
		{name: "Structure length 4", wire: "42 00 20 | 01 | 00 00 00 04 | 00 00 00 00 00 00 00 00", want: "not a multiple of 8"},
		{name: "Structure child overruns", wire: "42 00 20 | 01 | 00 00 00 08 | 42 00 04 | 05 | 00 00 00 04", want: "runs past the end"},
		{name: "trailing bytes", wire: "42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00 | 00", want: "1 trailing bytes"},
		{name: "too deep", raw: deep(DefaultMaxDepth + 1), want: "nest deeper than 32"},
		{name: "custom depth", raw: deep(3), lim: Limits{MaxDepth: 2}, want: "nest deeper than 2"},
		{name: "too big", wire: "42 00 20 | 08 | 00 00 00 10 | 01 02 03 04 05 06 07 08 01 02 03 04 05 06 07 08", lim: Limits{MaxSize: 16}, want: "more than the limit of 16"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.raw
			if b == nil {
				b = unhex(t, tc.wire)
			}
			_, err := tc.lim.Decode(b)
			var te *Error
			if !errors.As(err, &te) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Decode error = %v, want one containing %q", err, tc.want)
			}
		})
	}
	if _, err := Decode(deep(DefaultMaxDepth - 1)); err != nil {
		t.Fatalf("depth %d rejected: %v", DefaultMaxDepth, err)
	}
}

func TestEncodeRejects(t *testing.T) {
	for name, it := range map[string]Item{
		"zero item":     {},
		"tag too large": Integer(0x1000000, 1),
		"bad type":      {Tag: 0x420001, Type: 0x0B},
		"bad text":      TextString(0x420001, "\xff"),
		"child bad":     Structure(0x420001, TextString(0x420002, "\xc3")),
		"bad boolean":   {Tag: 0x420001, Type: TypeBoolean, num: 7},
		"bad big":       {Tag: 0x420001, Type: TypeBigInteger, data: []byte{1}},
	} {
		if _, err := Encode(it); err == nil {
			t.Errorf("%s: Encode accepted it", name)
		}
	}
}

func TestAccessorsCheckType(t *testing.T) {
	it := TextString(0x420094, "x")
	if _, err := it.Int(); err == nil || !strings.Contains(err.Error(), "is a Text String, not a Integer") {
		t.Fatalf("Int on text: %v", err)
	}
	if _, err := it.Bytes(); err == nil {
		t.Fatal("Bytes on text accepted")
	}
	if s, err := it.Text(); err != nil || s != "x" {
		t.Fatal(s, err)
	}
	st := Structure(1, Integer(2, 1), Integer(3, 2), Integer(2, 3))
	if c, ok := st.Find(2); !ok || c.num != 1 {
		t.Fatal("Find")
	}
	if _, ok := st.Find(4); ok {
		t.Fatal("Find found a missing tag")
	}
	if n := len(st.All(2)); n != 2 {
		t.Fatalf("All found %d", n)
	}
}

func TestFormatHidesBytes(t *testing.T) {
	secret := []byte("super secret key material 123456")
	s := Structure(0x42008F, ByteString(0x420043, secret), TextString(0x420094, "id-1"), Integer(0x42002A, 256)).String()
	if strings.Contains(s, "secret") || !strings.Contains(s, "<32 bytes>") || !strings.Contains(s, `"id-1"`) {
		t.Fatalf("Format = %s", s)
	}
}

func TestReadMessage(t *testing.T) {
	msg, _ := Encode(Structure(0x420078, Integer(0x42000D, 1)))
	two := append(append([]byte{}, msg...), msg...)
	r := bytes.NewReader(two)
	for range 2 {
		got, err := Limits{}.ReadMessage(r)
		if err != nil || !bytes.Equal(got, msg) {
			t.Fatalf("ReadMessage = % X, %v", got, err)
		}
	}
	if _, err := (Limits{}).ReadMessage(r); err != io.EOF {
		t.Fatalf("at end: %v, want io.EOF", err)
	}
	if _, err := (Limits{}).ReadMessage(bytes.NewReader(msg[:12])); err != io.ErrUnexpectedEOF {
		t.Fatalf("truncated: %v", err)
	}
	for name, hdr := range map[string]string{
		"not a structure": "42 00 78 | 02 | 00 00 00 04",
		"odd length":      "42 00 78 | 01 | 00 00 00 0C",
		"too long":        "42 00 78 | 01 | 00 10 00 00",
		"http":            "47 45 54 20 2F 20 48 54",
	} {
		_, err := Limits{}.ReadMessage(bytes.NewReader(unhex(t, hdr)))
		if !errors.Is(err, ErrFrame) {
			t.Errorf("%s: %v, want ErrFrame", name, err)
		}
	}
}
