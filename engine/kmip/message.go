package kmip

import (
	"fmt"
	"time"

	"github.com/keyhost/keyhost/engine/kmip/ttlv"
)

// ProtocolVersion is a KMIP protocol version.
type ProtocolVersion struct {
	Major, Minor int32
}

// String formats the version as "1.2".
func (v ProtocolVersion) String() string { return fmt.Sprintf("%d.%d", v.Major, v.Minor) }

// Supported reports whether keyhost speaks v: KMIP 1.0 to 1.4, whose
// messages for the operations here are the same.
func (v ProtocolVersion) Supported() bool { return v.Major == 1 && v.Minor >= 0 && v.Minor <= 4 }

// DefaultVersion is the protocol version keyhost's client sends: 1.2, the
// version PyKMIP defaults to and a common denominator of vSphere KMSs.
func DefaultVersion() ProtocolVersion { return ProtocolVersion{Major: 1, Minor: 2} }

func (v ProtocolVersion) item() ttlv.Item {
	return ttlv.Structure(TagProtocolVersion,
		ttlv.Integer(TagProtocolVersionMajor, v.Major),
		ttlv.Integer(TagProtocolVersionMinor, v.Minor))
}

func parseVersion(header ttlv.Item) (ProtocolVersion, error) {
	pv, err := childStruct(header, TagProtocolVersion)
	if err != nil {
		return ProtocolVersion{}, err
	}
	var v ProtocolVersion
	if v.Major, err = intField(pv, TagProtocolVersionMajor); err != nil {
		return ProtocolVersion{}, err
	}
	if v.Minor, err = intField(pv, TagProtocolVersionMinor); err != nil {
		return ProtocolVersion{}, err
	}
	return v, nil
}

// RequestBatchItem is one operation of a request.
type RequestBatchItem struct {
	Operation Operation
	// ID is the Unique Batch Item ID, required only with several items.
	ID []byte
	// Payload is the Request Payload structure.
	Payload ttlv.Item
}

// Request is a Request Message.
type Request struct {
	Version ProtocolVersion
	// MaxResponseSize is the Maximum Response Size, 0 for none.
	MaxResponseSize int32
	Items           []RequestBatchItem
}

// Item returns the request as a TTLV Request Message.
func (r Request) Item() ttlv.Item {
	header := []ttlv.Item{r.Version.item()}
	if r.MaxResponseSize > 0 {
		header = append(header, ttlv.Integer(TagMaximumResponseSize, r.MaxResponseSize))
	}
	header = append(header, ttlv.Integer(TagBatchCount, int32(len(r.Items))))
	msg := []ttlv.Item{ttlv.Structure(TagRequestHeader, header...)}
	for _, b := range r.Items {
		fields := []ttlv.Item{ttlv.Enumeration(TagOperation, uint32(b.Operation))}
		if b.ID != nil {
			fields = append(fields, ttlv.ByteString(TagUniqueBatchItemID, b.ID))
		}
		fields = append(fields, b.Payload)
		msg = append(msg, ttlv.Structure(TagBatchItem, fields...))
	}
	return ttlv.Structure(TagRequestMessage, msg...)
}

// ParseRequest reads a Request Message. It checks the framing fields (header,
// batch count, operations, payload presence), not the payloads.
func ParseRequest(it ttlv.Item) (Request, error) {
	if err := structure(it, TagRequestMessage); err != nil {
		return Request{}, err
	}
	header, err := childStruct(it, TagRequestHeader)
	if err != nil {
		return Request{}, err
	}
	var r Request
	if r.Version, err = parseVersion(header); err != nil {
		return r, err
	}
	if r.MaxResponseSize, err = optIntField(header, TagMaximumResponseSize); err != nil {
		return r, err
	}
	count, err := intField(header, TagBatchCount)
	if err != nil {
		return r, err
	}
	items := it.All(TagBatchItem)
	if int(count) != len(items) {
		return r, fmt.Errorf("Batch Count is %d but the message holds %d batch items", count, len(items))
	}
	if len(items) == 0 {
		return r, fmt.Errorf("request holds no batch item")
	}
	for _, bi := range items {
		if err := structure(bi, TagBatchItem); err != nil {
			return r, err
		}
		op, err := enumField(bi, TagOperation)
		if err != nil {
			return r, err
		}
		id, err := optBytesField(bi, TagUniqueBatchItemID)
		if err != nil {
			return r, err
		}
		payload, err := childStruct(bi, TagRequestPayload)
		if err != nil {
			return r, err
		}
		r.Items = append(r.Items, RequestBatchItem{Operation: Operation(op), ID: id, Payload: payload})
	}
	return r, nil
}

// ResponseBatchItem is the outcome of one operation.
type ResponseBatchItem struct {
	// Operation is 0 when the server left it out, which the specification
	// allows in failures (PyKMIP does so for unparseable requests).
	Operation Operation
	ID        []byte
	Status    ResultStatus
	Reason    ResultReason
	Message   string
	// Payload is the Response Payload; its Tag is 0 when there is none.
	Payload ttlv.Item
}

// Response is a Response Message.
type Response struct {
	Version   ProtocolVersion
	TimeStamp time.Time
	Items     []ResponseBatchItem
}

// Item returns the response as a TTLV Response Message.
func (r Response) Item() ttlv.Item {
	msg := []ttlv.Item{ttlv.Structure(TagResponseHeader,
		r.Version.item(),
		ttlv.DateTime(TagTimeStamp, r.TimeStamp),
		ttlv.Integer(TagBatchCount, int32(len(r.Items))))}
	for _, b := range r.Items {
		var fields []ttlv.Item
		if b.Operation != 0 {
			fields = append(fields, ttlv.Enumeration(TagOperation, uint32(b.Operation)))
		}
		if b.ID != nil {
			fields = append(fields, ttlv.ByteString(TagUniqueBatchItemID, b.ID))
		}
		fields = append(fields, ttlv.Enumeration(TagResultStatus, uint32(b.Status)))
		if b.Status != StatusSuccess && b.Reason != 0 {
			fields = append(fields, ttlv.Enumeration(TagResultReason, uint32(b.Reason)))
		}
		if b.Message != "" {
			fields = append(fields, ttlv.TextString(TagResultMessage, b.Message))
		}
		if b.Payload.Tag != 0 {
			fields = append(fields, b.Payload)
		}
		msg = append(msg, ttlv.Structure(TagBatchItem, fields...))
	}
	return ttlv.Structure(TagResponseMessage, msg...)
}

// ParseResponse reads a Response Message: header, batch count, and each
// item's result fields and payload (left undecoded).
func ParseResponse(it ttlv.Item) (Response, error) {
	if err := structure(it, TagResponseMessage); err != nil {
		return Response{}, err
	}
	header, err := childStruct(it, TagResponseHeader)
	if err != nil {
		return Response{}, err
	}
	var r Response
	if r.Version, err = parseVersion(header); err != nil {
		return r, err
	}
	if r.TimeStamp, err = optTimeField(header, TagTimeStamp); err != nil {
		return r, err
	}
	count, err := intField(header, TagBatchCount)
	if err != nil {
		return r, err
	}
	items := it.All(TagBatchItem)
	if int(count) != len(items) {
		return r, fmt.Errorf("Batch Count is %d but the message holds %d batch items", count, len(items))
	}
	for _, bi := range items {
		if err := structure(bi, TagBatchItem); err != nil {
			return r, err
		}
		var b ResponseBatchItem
		op, err := optEnumField(bi, TagOperation)
		if err != nil {
			return r, err
		}
		b.Operation = Operation(op)
		if b.ID, err = optBytesField(bi, TagUniqueBatchItemID); err != nil {
			return r, err
		}
		st, err := enumField(bi, TagResultStatus)
		if err != nil {
			return r, err
		}
		b.Status = ResultStatus(st)
		reason, err := optEnumField(bi, TagResultReason)
		if err != nil {
			return r, err
		}
		b.Reason = ResultReason(reason)
		if b.Message, err = optTextField(bi, TagResultMessage); err != nil {
			return r, err
		}
		if p, ok := bi.Find(TagResponsePayload); ok {
			if p.Type != ttlv.TypeStructure {
				return r, fmt.Errorf("Response Payload is a %v, not a Structure", p.Type)
			}
			b.Payload = p
		}
		r.Items = append(r.Items, b)
	}
	return r, nil
}
