package ttlv

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// Default limits. KMIP messages keyhost exchanges are a few hundred bytes
// and nest about eight deep; the limits leave ample room while bounding what
// a hostile peer can make the decoder allocate or recurse.
const (
	DefaultMaxSize  = 1 << 20
	DefaultMaxDepth = 32
)

// Limits bound what Decode and ReadMessage accept.
type Limits struct {
	// MaxSize is the largest encoded item in bytes (DefaultMaxSize if 0).
	MaxSize int
	// MaxDepth is the deepest nesting of Structures; a top-level
	// Structure is depth 1 (DefaultMaxDepth if 0).
	MaxDepth int
}

func (l Limits) withDefaults() Limits {
	if l.MaxSize <= 0 {
		l.MaxSize = DefaultMaxSize
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	return l
}

// Error is a decoding error: what was wrong, at which byte offset of the
// decoded buffer, in which item.
type Error struct {
	Offset int
	Tag    Tag
	Msg    string
}

// Error implements error.
func (e *Error) Error() string {
	return fmt.Sprintf("ttlv: item %v at offset %d: %s", e.Tag, e.Offset, e.Msg)
}

// ErrFrame reports a message header that cannot start a KMIP message, so the
// stream it came from cannot be trusted to stay in step.
var ErrFrame = errors.New("ttlv: bad message frame")

// Decode decodes the single item that fills b, within DefaultLimits.
func Decode(b []byte) (Item, error) { return Limits{}.Decode(b) }

// Decode decodes the single item that fills b. Values are copied out of b, so
// the caller may reuse or wipe b afterwards.
func (l Limits) Decode(b []byte) (Item, error) {
	l = l.withDefaults()
	if len(b) > l.MaxSize {
		return Item{}, &Error{Msg: fmt.Sprintf("message is %d bytes, more than the limit of %d", len(b), l.MaxSize)}
	}
	it, n, err := decodeItem(b, 0, 1, l.MaxDepth)
	if err != nil {
		return Item{}, err
	}
	if n != len(b) {
		return Item{}, &Error{Offset: n, Tag: it.Tag, Msg: fmt.Sprintf("%d trailing bytes after the item", len(b)-n)}
	}
	return it, nil
}

// decodeItem decodes the item at b[0:]; off is b's offset in the message,
// for errors. It returns the item and the bytes it took, padding included.
func decodeItem(b []byte, off, depth, maxDepth int) (Item, int, error) {
	if len(b) < HeaderSize {
		return Item{}, 0, &Error{Offset: off, Msg: fmt.Sprintf("%d bytes left, too few for an item header", len(b))}
	}
	it := Item{Tag: Tag(b[0])<<16 | Tag(b[1])<<8 | Tag(b[2]), Type: Type(b[3])}
	fail := func(format string, a ...any) (Item, int, error) {
		return Item{}, 0, &Error{Offset: off, Tag: it.Tag, Msg: fmt.Sprintf(format, a...)}
	}
	if !it.Type.Valid() {
		return fail("unknown type 0x%02X", uint8(it.Type))
	}
	length := uint64(binary.BigEndian.Uint32(b[4:8]))
	body := b[HeaderSize:]
	if want := it.Type.fixedLen(); want >= 0 && length != uint64(want) {
		return fail("%v has length %d, want %d", it.Type, length, want)
	}
	total := (length + 7) &^ 7 // in uint64: a 4 GiB length must not wrap
	if total > uint64(len(body)) {
		return fail("length %d runs past the end of the data (%d bytes left)", length, len(body))
	}
	val := body[:length]
	for _, p := range body[length:total] {
		if p != 0 {
			return fail("non-zero padding")
		}
	}
	switch it.Type {
	case TypeStructure:
		if depth > maxDepth {
			return fail("structures nest deeper than %d", maxDepth)
		}
		if length%8 != 0 {
			return fail("structure length %d is not a multiple of 8", length)
		}
		for pos := 0; pos < len(val); {
			c, n, err := decodeItem(val[pos:], off+HeaderSize+pos, depth+1, maxDepth)
			if err != nil {
				return Item{}, 0, err
			}
			it.Items = append(it.Items, c)
			pos += n
		}
		if it.Items == nil {
			// An empty structure decodes to an empty, non-nil slice so that
			// decoding tells it apart from a primitive.
			it.Items = []Item{}
		}
	case TypeInteger, TypeEnumeration, TypeInterval:
		it.num = uint64(binary.BigEndian.Uint32(val))
	case TypeLongInteger, TypeDateTime:
		it.num = binary.BigEndian.Uint64(val)
	case TypeBoolean:
		it.num = binary.BigEndian.Uint64(val)
		if it.num > 1 {
			return fail("Boolean value %d is neither 0 nor 1", it.num)
		}
	case TypeBigInteger:
		if length == 0 || length%8 != 0 {
			return fail("Big Integer length %d is not a positive multiple of 8", length)
		}
		it.data = append([]byte(nil), val...)
	case TypeTextString:
		if !utf8.Valid(val) {
			return fail("Text String is not UTF-8")
		}
		it.data = append([]byte{}, val...)
	case TypeByteString:
		it.data = append([]byte{}, val...)
	}
	return it, HeaderSize + int(total), nil // total <= len(body), so it fits an int
}

// ReadMessage reads one whole message from r: an 8-byte header that must
// announce a Structure whose length is a multiple of 8, then its body. It
// returns the message bytes undecoded. A header that fails these checks, or a
// message larger than l.MaxSize, gives an error wrapping ErrFrame: the reader
// can no longer find the next message. A clean end of stream before any byte
// gives io.EOF.
func (l Limits) ReadMessage(r io.Reader) ([]byte, error) {
	l = l.withDefaults()
	var hdr [HeaderSize]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	tag := Tag(hdr[0])<<16 | Tag(hdr[1])<<8 | Tag(hdr[2])
	if Type(hdr[3]) != TypeStructure {
		return nil, fmt.Errorf("%w: item %v is a %v, not a Structure", ErrFrame, tag, Type(hdr[3]))
	}
	length := uint64(binary.BigEndian.Uint32(hdr[4:]))
	if length%8 != 0 {
		return nil, fmt.Errorf("%w: structure length %d is not a multiple of 8", ErrFrame, length)
	}
	if length+HeaderSize > uint64(l.MaxSize) {
		return nil, fmt.Errorf("%w: message of %d bytes exceeds the limit of %d", ErrFrame, length+HeaderSize, l.MaxSize)
	}
	msg := make([]byte, HeaderSize+int(length))
	copy(msg, hdr[:])
	if _, err := io.ReadFull(r, msg[HeaderSize:]); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return msg, nil
}
