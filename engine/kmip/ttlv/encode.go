package ttlv

import (
	"encoding/binary"
	"fmt"
	"math"
	"unicode/utf8"
)

// Encode returns the wire form of it.
func Encode(it Item) ([]byte, error) {
	return Append(nil, it)
}

// Append appends the wire form of it to dst. On error dst's contents past
// its original length are unspecified.
func Append(dst []byte, it Item) ([]byte, error) {
	if it.Tag > MaxTag {
		return dst, fmt.Errorf("ttlv: tag 0x%X does not fit three bytes", uint32(it.Tag))
	}
	if !it.Type.Valid() {
		return dst, fmt.Errorf("ttlv: item %v has invalid type %v", it.Tag, it.Type)
	}
	start := len(dst)
	dst = append(dst, byte(it.Tag>>16), byte(it.Tag>>8), byte(it.Tag), byte(it.Type), 0, 0, 0, 0)
	var n int
	switch it.Type {
	case TypeStructure:
		for _, c := range it.Items {
			var err error
			if dst, err = Append(dst, c); err != nil {
				return dst, err
			}
		}
		n = len(dst) - start - HeaderSize
	case TypeInteger, TypeEnumeration, TypeInterval:
		dst = binary.BigEndian.AppendUint32(dst, uint32(it.num))
		dst = append(dst, 0, 0, 0, 0)
		n = 4
	case TypeLongInteger, TypeBoolean, TypeDateTime:
		if it.Type == TypeBoolean && it.num > 1 {
			return dst, fmt.Errorf("ttlv: Boolean %v holds %d", it.Tag, it.num)
		}
		dst = binary.BigEndian.AppendUint64(dst, it.num)
		n = 8
	case TypeBigInteger:
		if len(it.data) == 0 || len(it.data)%8 != 0 {
			return dst, fmt.Errorf("ttlv: Big Integer %v is %d bytes, want a positive multiple of 8", it.Tag, len(it.data))
		}
		dst = append(dst, it.data...)
		n = len(it.data)
	case TypeTextString, TypeByteString:
		if it.Type == TypeTextString && !utf8.Valid(it.data) {
			return dst, fmt.Errorf("ttlv: Text String %v is not UTF-8", it.Tag)
		}
		dst = append(dst, it.data...)
		n = len(it.data)
		for range padded(n) - n {
			dst = append(dst, 0)
		}
	}
	if n > math.MaxUint32 {
		return dst, fmt.Errorf("ttlv: item %v is %d bytes, too long to encode", it.Tag, n)
	}
	binary.BigEndian.PutUint32(dst[start+4:], uint32(n))
	return dst, nil
}
