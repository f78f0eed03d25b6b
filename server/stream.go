package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"reflect"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"
)

// stream is the server's jsonrpc2.ObjectStream. Unlike jsonrpc2's own
// streams it survives bad input: a message that is not JSON, not a
// request, a batch, or over the size limit is answered with a JSON-RPC
// error (id null, or the request's id when it can be read) and reading
// goes on with the next message. Only a broken frame (an LSP header that
// cannot be trusted) or a failed read ends the connection.
//
// On network connections it also bounds slow clients: a message must
// arrive whole within msgTimeout of its first byte, and a response must
// be written within writeTimeout; either failure closes the connection.
type stream struct {
	conn    io.ReadWriteCloser
	netConn net.Conn // conn as a net.Conn, for deadlines; nil for stdio
	r       *bufio.Reader
	framing Framing
	max     int

	msgTimeout   time.Duration
	writeTimeout time.Duration

	wmu sync.Mutex // serialises writes: responses and error replies

	// rejected is called for each message answered with an error by the
	// stream itself (for logs and tests); may be nil.
	rejected func(code int64, msg string)
}

// streamOptions configure a stream.
type streamOptions struct {
	framing      Framing
	maxMessage   int
	msgTimeout   time.Duration
	writeTimeout time.Duration
	rejected     func(code int64, msg string)
}

func newStream(conn io.ReadWriteCloser, o streamOptions) *stream {
	s := &stream{
		conn: conn, r: bufio.NewReaderSize(conn, 64<<10), framing: o.framing, max: o.maxMessage,
		msgTimeout: o.msgTimeout, writeTimeout: o.writeTimeout, rejected: o.rejected,
	}
	if nc, ok := conn.(net.Conn); ok {
		s.netConn = nc
	}
	return s
}

// ReadObject implements jsonrpc2.ObjectStream: it returns the next
// message that decodes into v, answering the ones that do not.
func (s *stream) ReadObject(v any) error {
	for {
		data, err := s.readMessage()
		switch {
		case errors.Is(err, errFrameTooLarge):
			s.reject(nil, CodeInvalidRequest, fmt.Sprintf("message too large: the limit is %d bytes", s.max))
			continue
		case errors.Is(err, errBadHeader):
			s.reject(nil, CodeParseError, err.Error())
			return err
		case err != nil:
			return err
		}
		if code, msg := checkMessage(data); code != 0 {
			s.reject(nil, code, msg)
			continue
		}
		if err := json.Unmarshal(data, v); err != nil {
			// A failed decode may have filled v part way; the next
			// message must start from a clean value.
			reset(v)
			if !json.Valid(data) {
				s.reject(nil, CodeParseError, "parse error: the message is not valid JSON")
			} else {
				s.reject(requestID(data), CodeInvalidRequest, "invalid request: "+err.Error())
			}
			continue
		}
		return nil
	}
}

// readMessage reads one frame, applying the slow-client deadline once
// the message has started to arrive.
func (s *stream) readMessage() ([]byte, error) {
	if s.netConn != nil && s.msgTimeout > 0 {
		// Idle connections may wait as long as they like for their next
		// message; a message that has begun must arrive in time.
		if err := s.netConn.SetReadDeadline(time.Time{}); err != nil {
			return nil, err
		}
		if _, err := s.r.Peek(1); err != nil {
			return nil, err
		}
		if err := s.netConn.SetReadDeadline(time.Now().Add(s.msgTimeout)); err != nil {
			return nil, err
		}
	}
	data, err := readFrame(s.r, s.framing, s.max)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		s.reject(nil, CodeInvalidRequest, fmt.Sprintf("message not received within %s; closing the connection", s.msgTimeout))
	}
	return data, err
}

// checkMessage classifies a frame by its first character before
// jsonrpc2 decodes it (which also validates it): a code of 0 means it may
// be a single JSON object.
func checkMessage(data []byte) (code int64, msg string) {
	trimmed := bytes.TrimSpace(data)
	switch {
	case len(trimmed) == 0:
		return CodeInvalidRequest, "invalid request: an empty message"
	case trimmed[0] == '{':
		return 0, ""
	case !json.Valid(trimmed):
		return CodeParseError, "parse error: the message is not valid JSON"
	case trimmed[0] == '[':
		return CodeInvalidRequest, "invalid request: batch requests are not supported; send one request per message"
	}
	return CodeInvalidRequest, "invalid request: a request must be a JSON object"
}

// requestID reads a request's id from a message that failed to decode,
// so that the error can name the request it answers.
func requestID(data []byte) *jsonrpc2.ID {
	var probe struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(data, &probe) != nil || len(probe.ID) == 0 {
		return nil
	}
	var id jsonrpc2.ID
	if id.UnmarshalJSON(probe.ID) != nil {
		return nil
	}
	return &id
}

// reset zeroes the value v points to.
func reset(v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv.Elem().Set(reflect.Zero(rv.Elem().Type()))
	}
}

// reject answers a message the stream could not accept.
func (s *stream) reject(id *jsonrpc2.ID, code int64, msg string) {
	if s.rejected != nil {
		s.rejected(code, msg)
	}
	resp := errorResponse(id, rpcError(code, nil, "%s", msg))
	_ = s.writeRaw(resp)
}

// errorResponse encodes a response carrying an error; a nil id is null.
func errorResponse(id *jsonrpc2.ID, e *jsonrpc2.Error) []byte {
	idJSON := []byte("null")
	if id != nil {
		if b, err := json.Marshal(id); err == nil {
			idJSON = b
		}
	}
	errJSON, err := json.Marshal(e)
	if err != nil {
		errJSON = []byte(`{"code":-32603,"message":"internal error"}`)
	}
	out := make([]byte, 0, len(idJSON)+len(errJSON)+40)
	out = append(out, `{"jsonrpc":"2.0","id":`...)
	out = append(out, idJSON...)
	out = append(out, `,"error":`...)
	out = append(out, errJSON...)
	return append(out, '}')
}

// resultResponse encodes a successful response around an encoded result.
func resultResponse(id jsonrpc2.ID, result []byte) []byte {
	idJSON, err := json.Marshal(id)
	if err != nil {
		idJSON = []byte("null")
	}
	out := make([]byte, 0, len(idJSON)+len(result)+40)
	out = append(out, `{"jsonrpc":"2.0","id":`...)
	out = append(out, idJSON...)
	out = append(out, `,"result":`...)
	out = append(out, result...)
	return append(out, '}')
}

// WriteObject implements jsonrpc2.ObjectStream.
func (s *stream) WriteObject(obj any) error {
	data, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	return s.writeRaw(data)
}

// writeRaw frames and writes one encoded message (without copying it: a
// response can be tens of megabytes). A write that does not finish within
// writeTimeout (a client that stopped reading) fails, and the caller
// closes the connection.
func (s *stream) writeRaw(msg []byte) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.netConn != nil && s.writeTimeout > 0 {
		if err := s.netConn.SetWriteDeadline(time.Now().Add(s.writeTimeout)); err != nil {
			return err
		}
	}
	bufs := frameBuffers(s.framing, msg)
	_, err := bufs.WriteTo(s.conn)
	return err
}

// Close implements jsonrpc2.ObjectStream.
func (s *stream) Close() error { return s.conn.Close() }
