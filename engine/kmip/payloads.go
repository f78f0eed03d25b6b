package kmip

import (
	"errors"
	"fmt"
	"time"

	"github.com/keyhost/keyhost/engine/kmip/ttlv"
)

// Request and response payloads of the operations keyhost speaks. Each type
// encodes itself (item) and has a parser, because the client writes requests
// and reads responses while the server does the opposite.

func payload(tag ttlv.Tag, items ...ttlv.Item) ttlv.Item { return ttlv.Structure(tag, items...) }

func uidPayload(tag ttlv.Tag, id string) ttlv.Item {
	return payload(tag, ttlv.TextString(TagUniqueIdentifier, id))
}

// parseUID reads the Unique Identifier every payload here carries.
func parseUID(p ttlv.Item) (string, error) { return textField(p, TagUniqueIdentifier) }

// CreateRequest is the Create request payload.
type CreateRequest struct {
	ObjectType ObjectType
	Attributes []Attribute
}

// Item returns the payload as a TTLV structure, for Client.Do or a response.
func (r CreateRequest) Item() ttlv.Item {
	attrs := make([]ttlv.Item, len(r.Attributes))
	for i, a := range r.Attributes {
		attrs[i] = a.item()
	}
	return payload(TagRequestPayload,
		ttlv.Enumeration(TagObjectType, uint32(r.ObjectType)),
		ttlv.Structure(TagTemplateAttribute, attrs...))
}

func parseCreateRequest(p ttlv.Item) (CreateRequest, error) {
	var r CreateRequest
	ot, err := enumField(p, TagObjectType)
	if err != nil {
		return r, err
	}
	r.ObjectType = ObjectType(ot)
	ta, err := childStruct(p, TagTemplateAttribute)
	if err != nil {
		return r, err
	}
	if _, ok := ta.Find(TagName); ok {
		// Named templates were deprecated in KMIP 1.3 and keyhost keeps none.
		return r, errors.New("templates referenced by name are not supported")
	}
	r.Attributes, err = parseAttributes(ta.All(TagAttribute))
	return r, err
}

// CreateResponse is the Create response payload.
type CreateResponse struct {
	ObjectType ObjectType
	ID         string
}

// Item returns the payload as a TTLV structure, for Client.Do or a response.
func (r CreateResponse) Item() ttlv.Item {
	return payload(TagResponsePayload,
		ttlv.Enumeration(TagObjectType, uint32(r.ObjectType)),
		ttlv.TextString(TagUniqueIdentifier, r.ID))
}

func parseCreateResponse(p ttlv.Item) (CreateResponse, error) {
	var r CreateResponse
	ot, err := enumField(p, TagObjectType)
	if err != nil {
		return r, err
	}
	r.ObjectType = ObjectType(ot)
	r.ID, err = parseUID(p)
	return r, err
}

// GetRequest is the Get request payload.
type GetRequest struct {
	ID string
	// Format is the Key Format Type asked for, 0 for the server's choice.
	Format KeyFormatType
}

// Item returns the payload as a TTLV structure, for Client.Do or a response.
func (r GetRequest) Item() ttlv.Item {
	p := uidPayload(TagRequestPayload, r.ID)
	if r.Format != 0 {
		p.Items = append(p.Items, ttlv.Enumeration(TagKeyFormatType, uint32(r.Format)))
	}
	return p
}

func parseGetRequest(p ttlv.Item) (GetRequest, error) {
	var r GetRequest
	var err error
	if r.ID, err = parseUID(p); err != nil {
		return r, err
	}
	f, err := optEnumField(p, TagKeyFormatType)
	r.Format = KeyFormatType(f)
	if err == nil {
		if _, ok := p.Find(TagKeyWrappingSpecification); ok {
			err = errors.New("key wrapping is not supported")
		}
	}
	return r, err
}

// SymmetricKey is a symmetric key as Get returns it: a Key Block holding the
// key material in Raw or Transparent Symmetric Key format.
type SymmetricKey struct {
	Format    KeyFormatType
	Algorithm Algorithm
	Length    int32
	// Material is the key itself. Never log it.
	Material []byte
}

// GetResponse is the Get response payload for a symmetric key.
type GetResponse struct {
	ObjectType ObjectType
	ID         string
	Key        SymmetricKey
}

// Item returns the payload as a TTLV structure, for Client.Do or a response.
func (r GetResponse) Item() ttlv.Item {
	var material ttlv.Item
	if r.Key.Format == KeyFormatTransparentSymmetricKey {
		material = ttlv.Structure(TagKeyMaterial, ttlv.ByteString(TagKey, r.Key.Material))
	} else {
		material = ttlv.ByteString(TagKeyMaterial, r.Key.Material)
	}
	return payload(TagResponsePayload,
		ttlv.Enumeration(TagObjectType, uint32(r.ObjectType)),
		ttlv.TextString(TagUniqueIdentifier, r.ID),
		ttlv.Structure(TagSymmetricKey, ttlv.Structure(TagKeyBlock,
			ttlv.Enumeration(TagKeyFormatType, uint32(r.Key.Format)),
			ttlv.Structure(TagKeyValue, material),
			ttlv.Enumeration(TagCryptographicAlgorithm, uint32(r.Key.Algorithm)),
			ttlv.Integer(TagCryptographicLength, r.Key.Length))))
}

func parseGetResponse(p ttlv.Item) (GetResponse, error) {
	var r GetResponse
	ot, err := enumField(p, TagObjectType)
	if err != nil {
		return r, err
	}
	r.ObjectType = ObjectType(ot)
	if r.ID, err = parseUID(p); err != nil {
		return r, err
	}
	if r.ObjectType != ObjectSymmetricKey {
		return r, fmt.Errorf("object is a %v, not a Symmetric Key", r.ObjectType)
	}
	sk, err := childStruct(p, TagSymmetricKey)
	if err != nil {
		return r, err
	}
	r.Key, err = parseKeyBlock(sk)
	return r, err
}

func parseKeyBlock(sk ttlv.Item) (SymmetricKey, error) {
	var k SymmetricKey
	kb, err := childStruct(sk, TagKeyBlock)
	if err != nil {
		return k, err
	}
	if _, ok := kb.Find(TagKeyWrappingData); ok {
		return k, errors.New("the key block is wrapped, and keyhost asks only for plain keys")
	}
	f, err := enumField(kb, TagKeyFormatType)
	if err != nil {
		return k, err
	}
	k.Format = KeyFormatType(f)
	alg, err := optEnumField(kb, TagCryptographicAlgorithm)
	if err != nil {
		return k, err
	}
	k.Algorithm = Algorithm(alg)
	if k.Length, err = optIntField(kb, TagCryptographicLength); err != nil {
		return k, err
	}
	kv, err := childStruct(kb, TagKeyValue)
	if err != nil {
		return k, err
	}
	km, ok := kv.Find(TagKeyMaterial)
	if !ok {
		return k, missing(kv, TagKeyMaterial)
	}
	switch k.Format {
	case KeyFormatRaw:
		if k.Material, err = km.Bytes(); err != nil {
			return k, wrongType(kv, km, err)
		}
	case KeyFormatTransparentSymmetricKey:
		if km.Type != ttlv.TypeStructure {
			return k, fmt.Errorf("Transparent Symmetric Key material is a %v, not a Structure", km.Type)
		}
		key, ok := km.Find(TagKey)
		if !ok {
			return k, missing(km, TagKey)
		}
		if k.Material, err = key.Bytes(); err != nil {
			return k, wrongType(km, key, err)
		}
	default:
		return k, fmt.Errorf("key format %v is not supported", k.Format)
	}
	return k, nil
}

// LocateRequest is the Locate request payload.
type LocateRequest struct {
	// MaxItems is the Maximum Items, 0 for no limit.
	MaxItems   int32
	Attributes []Attribute
}

// Item returns the payload as a TTLV structure, for Client.Do or a response.
func (r LocateRequest) Item() ttlv.Item {
	var fields []ttlv.Item
	if r.MaxItems > 0 {
		fields = append(fields, ttlv.Integer(TagMaximumItems, r.MaxItems))
	}
	for _, a := range r.Attributes {
		fields = append(fields, a.item())
	}
	return payload(TagRequestPayload, fields...)
}

func parseLocateRequest(p ttlv.Item) (LocateRequest, error) {
	var r LocateRequest
	var err error
	if r.MaxItems, err = optIntField(p, TagMaximumItems); err != nil {
		return r, err
	}
	if r.MaxItems < 0 {
		return r, fmt.Errorf("Maximum Items is negative (%d)", r.MaxItems)
	}
	r.Attributes, err = parseAttributes(p.All(TagAttribute))
	return r, err
}

// LocateResponse is the Locate response payload.
type LocateResponse struct {
	IDs []string
}

// Item returns the payload as a TTLV structure, for Client.Do or a response.
func (r LocateResponse) Item() ttlv.Item {
	fields := make([]ttlv.Item, len(r.IDs))
	for i, id := range r.IDs {
		fields[i] = ttlv.TextString(TagUniqueIdentifier, id)
	}
	return payload(TagResponsePayload, fields...)
}

func parseLocateResponse(p ttlv.Item) (LocateResponse, error) {
	var r LocateResponse
	for _, c := range p.All(TagUniqueIdentifier) {
		id, err := c.Text()
		if err != nil {
			return r, wrongType(p, c, err)
		}
		r.IDs = append(r.IDs, id)
	}
	return r, nil
}

// RevokeRequest is the Revoke request payload.
type RevokeRequest struct {
	ID      string
	Reason  RevocationReasonCode
	Message string
	// CompromiseOccurred is the Compromise Occurrence Date, which the
	// specification requires with a Key Compromise reason.
	CompromiseOccurred time.Time
}

// Item returns the payload as a TTLV structure, for Client.Do or a response.
func (r RevokeRequest) Item() ttlv.Item {
	reason := []ttlv.Item{ttlv.Enumeration(TagRevocationReasonCode, uint32(r.Reason))}
	if r.Message != "" {
		reason = append(reason, ttlv.TextString(TagRevocationMessage, r.Message))
	}
	p := payload(TagRequestPayload,
		ttlv.TextString(TagUniqueIdentifier, r.ID),
		ttlv.Structure(TagRevocationReason, reason...))
	if !r.CompromiseOccurred.IsZero() {
		p.Items = append(p.Items, ttlv.DateTime(TagCompromiseOccurrenceDate, r.CompromiseOccurred))
	}
	return p
}

func parseRevokeRequest(p ttlv.Item) (RevokeRequest, error) {
	var r RevokeRequest
	var err error
	if r.ID, err = parseUID(p); err != nil {
		return r, err
	}
	rr, err := childStruct(p, TagRevocationReason)
	if err != nil {
		return r, err
	}
	code, err := enumField(rr, TagRevocationReasonCode)
	if err != nil {
		return r, err
	}
	r.Reason = RevocationReasonCode(code)
	if r.Message, err = optTextField(rr, TagRevocationMessage); err != nil {
		return r, err
	}
	r.CompromiseOccurred, err = optTimeField(p, TagCompromiseOccurrenceDate)
	return r, err
}
