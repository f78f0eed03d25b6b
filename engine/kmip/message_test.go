package kmip

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/keyhost/keyhost/engine/kmip/ttlv"
)

// Known messages from the OASIS KMIP 1.1 test cases (protocol version 1.1):
// a Create of a 128-bit AES key (usage Encrypt|Decrypt), Get, Locate by
// Object Type and Name "Key1", their responses, and a message-level
// Invalid Message error.
const (
	createRequestHex = `
		42007801000001204200770100000038420069010000002042006A0200000004
		000000010000000042006B0200000004000000010000000042000D0200000004
		000000010000000042000F01000000D842005C05000000040000000100000000
		42007901000000C04200570500000004000000020000000042009101000000A8
		420008010000003042000A070000001743727970746F6772617068696320416C
		676F726974686D0042000B050000000400000003000000004200080100000030
		42000A070000001443727970746F67726170686963204C656E67746800000000
		42000B02000000040000008000000000420008010000003042000A0700000018
		43727970746F67726170686963205573616765204D61736B42000B0200000004
		0000000C00000000
		`
	getRequestHex = `
		42007801000000904200770100000038420069010000002042006A0200000004
		000000010000000042006B0200000004000000010000000042000D0200000004
		000000010000000042000F010000004842005C05000000040000000A00000000
		4200790100000030420094070000002434396131636138382D366265612D3466
		62322D623435302D37653538383032633330333800000000
		`
	locateRequestHex = `
		42007801000000D04200770100000038420069010000002042006A0200000004
		000000010000000042006B0200000004000000010000000042000D0200000004
		000000010000000042000F010000008842005C05000000040000000800000000
		4200790100000070420008010000002842000A070000000B4F626A6563742054
		797065000000000042000B050000000400000002000000004200080100000038
		42000A07000000044E616D650000000042000B01000000204200550700000004
		4B6579310000000042005405000000040000000100000000
		`
	createResponseHex = `
		42007B01000000C042007A0100000048420069010000002042006A0200000004
		000000010000000042006B020000000400000001000000004200920900000008
		000000004F9A54E542000D0200000004000000010000000042000F0100000068
		42005C0500000004000000010000000042007F05000000040000000000000000
		42007C0100000040420057050000000400000002000000004200940700000024
		66623462356239632D363138382D346336332D383134322D6665396333323831
		3239666300000000
		`
	getResponseHex = `
		42007B010000012842007A0100000048420069010000002042006A0200000004
		000000010000000042006B020000000400000001000000004200920900000008
		000000004F9A54E742000D0200000004000000010000000042000F01000000D0
		42005C05000000040000000A0000000042007F05000000040000000000000000
		42007C01000000A8420057050000000400000002000000004200940700000024
		34396131636138382D366265612D346662322D623435302D3765353838303263
		333033380000000042008F010000006042004001000000584200420500000004
		0000000100000000420045010000002042004308000000187367578051012A6D
		134A855E25C8CD5E4CA131455729D3C842002805000000040000000200000000
		42002A0200000004000000A800000000
		`
	invalidMessageResponseHex = `
		42007B01000000B042007A0100000048420069010000002042006A0200000004
		000000010000000042006B020000000400000001000000004200920900000008
		0000000056FA43BD42000D0200000004000000010000000042000F0100000058
		42007F0500000004000000010000000042007E05000000040000000400000000
		42007D070000002A44656661756C7420726573706F6E73652E204E6F206F7065
		726174696F6E7320737570706F727465642E000000000000
		`
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func encode(t testing.TB, it ttlv.Item) []byte {
	t.Helper()
	b, err := ttlv.Encode(it)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decode(t testing.TB, b []byte) ttlv.Item {
	t.Helper()
	it, err := ttlv.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func v11() ProtocolVersion { return ProtocolVersion{Major: 1, Minor: 1} }

func request(op Operation, p ttlv.Item) Request {
	return Request{Version: v11(), Items: []RequestBatchItem{{Operation: op, Payload: p}}}
}

func response(op Operation, ts int64, p ttlv.Item) Response {
	return Response{Version: v11(), TimeStamp: time.Unix(ts, 0), Items: []ResponseBatchItem{{Operation: op, Status: StatusSuccess, Payload: p}}}
}

func TestKnownRequests(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		hex  string
	}{
		{"Create AES-128", request(OpCreate, CreateRequest{ObjectType: ObjectSymmetricKey, Attributes: []Attribute{
			AlgorithmAttribute(AlgorithmAES), LengthAttribute(128), UsageMaskAttribute(UsageEncrypt | UsageDecrypt)}}.Item()), createRequestHex},
		{"Get", request(OpGet, GetRequest{ID: "49a1ca88-6bea-4fb2-b450-7e58802c3038"}.Item()), getRequestHex},
		{"Locate", request(OpLocate, LocateRequest{Attributes: []Attribute{
			ObjectTypeAttribute(ObjectSymmetricKey), NameAttribute("Key1")}}.Item()), locateRequestHex},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := unhex(t, tc.hex)
			if got := encode(t, tc.req.Item()); !bytes.Equal(got, want) {
				t.Fatalf("encoding differs:\n got % X\nwant % X", got, want)
			}
			req, err := ParseRequest(decode(t, want))
			if err != nil {
				t.Fatal(err)
			}
			if req.Version != v11() || len(req.Items) != 1 || req.Items[0].Operation != tc.req.Items[0].Operation {
				t.Fatalf("parsed %+v", req)
			}
		})
	}
	// The parsed payloads read back as built.
	req, _ := ParseRequest(decode(t, unhex(t, createRequestHex)))
	cr, err := parseCreateRequest(req.Items[0].Payload)
	if err != nil || cr.ObjectType != ObjectSymmetricKey || len(cr.Attributes) != 3 {
		t.Fatalf("Create payload %+v, %v", cr, err)
	}
	if v, _ := cr.Attributes[1].intValue(); cr.Attributes[1].Name != AttrCryptographicLength || v != 128 {
		t.Fatalf("second attribute %+v", cr.Attributes[1])
	}
	req, _ = ParseRequest(decode(t, unhex(t, locateRequestHex)))
	lr, err := parseLocateRequest(req.Items[0].Payload)
	if err != nil || len(lr.Attributes) != 2 {
		t.Fatalf("Locate payload %+v, %v", lr, err)
	}
	if n, err := lr.Attributes[1].NameValue(); err != nil || n != "Key1" {
		t.Fatalf("Locate name %q, %v", n, err)
	}
}

func TestKnownResponses(t *testing.T) {
	// The test case's 3DES key (168 bits); keyhost's own keys are AES.
	material := unhex(t, "73675780 51012A6D 134A855E 25C8CD5E 4CA13145 5729D3C8")
	tests := []struct {
		name string
		resp Response
		hex  string
	}{
		{"Create", response(OpCreate, 0x4F9A54E5, CreateResponse{ObjectType: ObjectSymmetricKey, ID: "fb4b5b9c-6188-4c63-8142-fe9c328129fc"}.Item()), createResponseHex},
		{"Get", response(OpGet, 0x4F9A54E7, GetResponse{ObjectType: ObjectSymmetricKey, ID: "49a1ca88-6bea-4fb2-b450-7e58802c3038",
			Key: SymmetricKey{Format: KeyFormatRaw, Algorithm: AlgorithmTripleDES, Length: 168, Material: material}}.Item()), getResponseHex},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := unhex(t, tc.hex)
			if got := encode(t, tc.resp.Item()); !bytes.Equal(got, want) {
				t.Fatalf("encoding differs:\n got % X\nwant % X", got, want)
			}
		})
	}
	resp, err := ParseResponse(decode(t, unhex(t, getResponseHex)))
	if err != nil {
		t.Fatal(err)
	}
	if resp.TimeStamp.Unix() != 0x4F9A54E7 || resp.Items[0].Status != StatusSuccess {
		t.Fatalf("parsed %+v", resp)
	}
	gr, err := parseGetResponse(resp.Items[0].Payload)
	if err != nil {
		t.Fatal(err)
	}
	if gr.Key.Format != KeyFormatRaw || gr.Key.Length != 168 || !bytes.Equal(gr.Key.Material, material) {
		t.Fatalf("key %v %d", gr.Key.Format, gr.Key.Length)
	}
}

func TestKnownErrorResponse(t *testing.T) {
	want := unhex(t, invalidMessageResponseHex)
	got := errorResponse(v11(), time.Unix(0x56FA43BD, 0), ReasonInvalidMessage, "Default response. No operations supported.")
	if !bytes.Equal(got, want) {
		t.Fatalf("encoding differs:\n got % X\nwant % X", got, want)
	}
	resp, err := ParseResponse(decode(t, want))
	if err != nil {
		t.Fatal(err)
	}
	bi := resp.Items[0]
	if bi.Operation != 0 || bi.Status != StatusOperationFailed || bi.Reason != ReasonInvalidMessage || bi.Payload.Tag != 0 {
		t.Fatalf("parsed %+v", bi)
	}
}

func TestTransparentKeyRoundTrip(t *testing.T) {
	key := bytes.Repeat([]byte{0xAB}, 32)
	p := GetResponse{ObjectType: ObjectSymmetricKey, ID: "k", Key: SymmetricKey{
		Format: KeyFormatTransparentSymmetricKey, Algorithm: AlgorithmAES, Length: 256, Material: key}}.Item()
	gr, err := parseGetResponse(decode(t, encode(t, p)))
	if err != nil || !bytes.Equal(gr.Key.Material, key) || gr.Key.Format != KeyFormatTransparentSymmetricKey {
		t.Fatalf("%+v %v", gr.Key.Format, err)
	}
}

func TestParseRejects(t *testing.T) {
	hdr := ttlv.Structure(TagRequestHeader, ProtocolVersion{1, 2}.item(), ttlv.Integer(TagBatchCount, 1))
	item := ttlv.Structure(TagBatchItem, ttlv.Enumeration(TagOperation, uint32(OpGet)), uidPayload(TagRequestPayload, "x"))
	tests := map[string]struct {
		it   ttlv.Item
		want string
	}{
		"not a request":    {ttlv.Structure(TagResponseMessage), "where Request Message was expected"},
		"no header":        {ttlv.Structure(TagRequestMessage, item), "missing Request Header"},
		"count mismatch":   {ttlv.Structure(TagRequestMessage, hdr, item, item), "Batch Count is 1 but the message holds 2"},
		"no items":         {ttlv.Structure(TagRequestMessage, ttlv.Structure(TagRequestHeader, ProtocolVersion{1, 2}.item(), ttlv.Integer(TagBatchCount, 0))), "no batch item"},
		"operation type":   {ttlv.Structure(TagRequestMessage, hdr, ttlv.Structure(TagBatchItem, ttlv.Integer(TagOperation, 10), uidPayload(TagRequestPayload, "x"))), "Operation in Batch Item"},
		"no payload":       {ttlv.Structure(TagRequestMessage, hdr, ttlv.Structure(TagBatchItem, ttlv.Enumeration(TagOperation, 10))), "missing Request Payload"},
		"version not ints": {ttlv.Structure(TagRequestMessage, ttlv.Structure(TagRequestHeader, ttlv.Structure(TagProtocolVersion, ttlv.TextString(TagProtocolVersionMajor, "1"))), item), "Protocol Version Major"},
	}
	for name, tc := range tests {
		if _, err := ParseRequest(tc.it); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
	if _, err := parseGetResponse(ttlv.Structure(TagResponsePayload, ttlv.Enumeration(TagObjectType, 2), ttlv.TextString(TagUniqueIdentifier, "k"),
		ttlv.Structure(TagSymmetricKey, ttlv.Structure(TagKeyBlock, ttlv.Enumeration(TagKeyFormatType, 1),
			ttlv.ByteString(TagKeyValue, []byte{1}), ttlv.Structure(TagKeyWrappingData))))); err == nil || !strings.Contains(err.Error(), "wrapped") {
		t.Errorf("wrapped key block: %v", err)
	}
}

func TestErrorFormat(t *testing.T) {
	e := &Error{Operation: OpGet, ID: "1234", Status: StatusOperationFailed, Reason: ReasonItemNotFound, Message: "no such key"}
	if got := e.Error(); got != "kmip Get 1234: Item Not Found: no such key" {
		t.Fatalf("Error() = %q", got)
	}
	if !errors.Is(e, ReasonItemNotFound) || errors.Is(e, ReasonPermissionDenied) {
		t.Fatal("errors.Is on the reason")
	}
	if got := (&Error{Operation: OpCreate, Status: StatusOperationFailed}).Error(); got != "kmip Create: operation failed" {
		t.Fatalf("Error() = %q", got)
	}
	if s := (UsageEncrypt | UsageWrapKey | 0x100000).String(); s != "Encrypt|Wrap Key|0x100000" {
		t.Fatalf("usage %q", s)
	}
	if s := Operation(0x99).String(); s != "Operation(0x99)" {
		t.Fatalf("unknown op %q", s)
	}
}
