package ttlv

import (
	"fmt"
	"math/big"
	"strings"
	"time"
)

// Item is one TTLV item: a Structure with its children in Items, or a
// primitive value read through the accessor of its type. Build items with
// the constructors (Structure, Integer, TextString, ...); the zero Item is not
// valid.
type Item struct {
	Tag  Tag
	Type Type
	// Items are a Structure's children, in wire order. Nil for primitives.
	Items []Item

	num  uint64 // Integer, Enumeration, Interval (low 32 bits), Long Integer, Boolean, Date-Time
	data []byte // Text String, Byte String, Big Integer (two's complement, a multiple of 8 bytes)
}

// Structure returns a Structure holding items in order.
func Structure(tag Tag, items ...Item) Item {
	return Item{Tag: tag, Type: TypeStructure, Items: items}
}

// Integer returns a 32-bit signed Integer.
func Integer(tag Tag, v int32) Item {
	return Item{Tag: tag, Type: TypeInteger, num: uint64(uint32(v))}
}

// LongInteger returns a 64-bit signed Long Integer.
func LongInteger(tag Tag, v int64) Item {
	return Item{Tag: tag, Type: TypeLongInteger, num: uint64(v)}
}

// Enumeration returns a 32-bit Enumeration.
func Enumeration(tag Tag, v uint32) Item {
	return Item{Tag: tag, Type: TypeEnumeration, num: uint64(v)}
}

// Boolean returns a Boolean.
func Boolean(tag Tag, v bool) Item {
	it := Item{Tag: tag, Type: TypeBoolean}
	if v {
		it.num = 1
	}
	return it
}

// TextString returns a Text String. Encode rejects s if it is not UTF-8.
func TextString(tag Tag, s string) Item {
	return Item{Tag: tag, Type: TypeTextString, data: []byte(s)}
}

// ByteString returns a Byte String holding b itself (not a copy), so that a
// caller who wipes key material after encoding wipes the only copy.
func ByteString(tag Tag, b []byte) Item {
	return Item{Tag: tag, Type: TypeByteString, data: b}
}

// DateTime returns a Date-Time: POSIX seconds, sub-second parts dropped.
func DateTime(tag Tag, t time.Time) Item {
	return Item{Tag: tag, Type: TypeDateTime, num: uint64(t.Unix())}
}

// Interval returns an Interval of the given number of seconds.
func Interval(tag Tag, seconds uint32) Item {
	return Item{Tag: tag, Type: TypeInterval, num: uint64(seconds)}
}

// BigInteger returns a Big Integer: big-endian two's complement,
// sign-extended to a multiple of 8 bytes, as the specification requires.
func BigInteger(tag Tag, v *big.Int) Item {
	return Item{Tag: tag, Type: TypeBigInteger, data: bigToBytes(v)}
}

func bigToBytes(v *big.Int) []byte {
	if v == nil {
		v = new(big.Int)
	}
	// The value needs BitLen magnitude bits plus a sign bit; for a negative
	// v the magnitude of v+1 decides (-128 fits in one byte, 128 does not).
	mag := v
	if v.Sign() < 0 {
		mag = new(big.Int).Add(v, big.NewInt(1))
	}
	n := padded(mag.BitLen()/8 + 1)
	out := make([]byte, n)
	if v.Sign() >= 0 {
		return v.FillBytes(out)
	}
	mod := new(big.Int).Lsh(big.NewInt(1), uint(8*n))
	return mod.Add(mod, v).FillBytes(out)
}

// typeError reports an accessor used on an item of another type.
func (it Item) typeError(want Type) error {
	return fmt.Errorf("ttlv: item %v is a %v, not a %v", it.Tag, it.Type, want)
}

// Int returns an Integer's value.
func (it Item) Int() (int32, error) {
	if it.Type != TypeInteger {
		return 0, it.typeError(TypeInteger)
	}
	return int32(uint32(it.num)), nil
}

// Long returns a Long Integer's value.
func (it Item) Long() (int64, error) {
	if it.Type != TypeLongInteger {
		return 0, it.typeError(TypeLongInteger)
	}
	return int64(it.num), nil
}

// Enum returns an Enumeration's value.
func (it Item) Enum() (uint32, error) {
	if it.Type != TypeEnumeration {
		return 0, it.typeError(TypeEnumeration)
	}
	return uint32(it.num), nil
}

// Bool returns a Boolean's value.
func (it Item) Bool() (bool, error) {
	if it.Type != TypeBoolean {
		return false, it.typeError(TypeBoolean)
	}
	return it.num == 1, nil
}

// Text returns a Text String's value.
func (it Item) Text() (string, error) {
	if it.Type != TypeTextString {
		return "", it.typeError(TypeTextString)
	}
	return string(it.data), nil
}

// Bytes returns a Byte String's value. The slice is the item's own storage:
// callers that keep it past the item's life, or wipe it, should know that.
func (it Item) Bytes() ([]byte, error) {
	if it.Type != TypeByteString {
		return nil, it.typeError(TypeByteString)
	}
	return it.data, nil
}

// Time returns a Date-Time's value in UTC.
func (it Item) Time() (time.Time, error) {
	if it.Type != TypeDateTime {
		return time.Time{}, it.typeError(TypeDateTime)
	}
	return time.Unix(int64(it.num), 0).UTC(), nil
}

// Seconds returns an Interval's value in seconds.
func (it Item) Seconds() (uint32, error) {
	if it.Type != TypeInterval {
		return 0, it.typeError(TypeInterval)
	}
	return uint32(it.num), nil
}

// Big returns a Big Integer's value.
func (it Item) Big() (*big.Int, error) {
	if it.Type != TypeBigInteger {
		return nil, it.typeError(TypeBigInteger)
	}
	v := new(big.Int).SetBytes(it.data)
	if len(it.data) > 0 && it.data[0]&0x80 != 0 {
		v.Sub(v, new(big.Int).Lsh(big.NewInt(1), uint(8*len(it.data))))
	}
	return v, nil
}

// Find returns the first child of a Structure with the given tag.
func (it Item) Find(tag Tag) (Item, bool) {
	for _, c := range it.Items {
		if c.Tag == tag {
			return c, true
		}
	}
	return Item{}, false
}

// All returns every child of a Structure with the given tag, in order.
func (it Item) All(tag Tag) []Item {
	var out []Item
	for _, c := range it.Items {
		if c.Tag == tag {
			out = append(out, c)
		}
	}
	return out
}

// Format renders the item as an indented tree for logs and test failures,
// naming tags with name (nil for hex). Byte Strings show only their length,
// so key material never reaches a log through it.
func (it Item) Format(name func(Tag) string) string {
	if name == nil {
		name = Tag.String
	}
	var b strings.Builder
	it.format(&b, name, 0)
	return b.String()
}

// String renders the item with hex tags; see Format.
func (it Item) String() string { return it.Format(nil) }

func (it Item) format(b *strings.Builder, name func(Tag) string, depth int) {
	fmt.Fprintf(b, "%s%s (%v)", strings.Repeat("  ", depth), name(it.Tag), it.Type)
	switch it.Type {
	case TypeStructure:
		for _, c := range it.Items {
			b.WriteByte('\n')
			c.format(b, name, depth+1)
		}
		return
	case TypeInteger:
		fmt.Fprintf(b, ": %d", int32(uint32(it.num)))
	case TypeLongInteger:
		fmt.Fprintf(b, ": %d", int64(it.num))
	case TypeEnumeration:
		fmt.Fprintf(b, ": 0x%08X", uint32(it.num))
	case TypeBoolean:
		fmt.Fprintf(b, ": %t", it.num == 1)
	case TypeTextString:
		fmt.Fprintf(b, ": %q", it.data)
	case TypeByteString, TypeBigInteger:
		fmt.Fprintf(b, ": <%d bytes>", len(it.data))
	case TypeDateTime:
		fmt.Fprintf(b, ": %s", time.Unix(int64(it.num), 0).UTC().Format(time.RFC3339))
	case TypeInterval:
		fmt.Fprintf(b, ": %ds", uint32(it.num))
	}
}
