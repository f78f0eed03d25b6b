// Package ttlv encodes and decodes KMIP's Tag-Type-Length-Value format
// (KMIP 1.x specification, section 9.1).
//
// Every item is a 3-byte tag, a 1-byte type, a 4-byte big-endian length
// of the value without padding, and the value padded with zero bytes to a
// multiple of 8. A Structure's value is its children, one after another.
//
// The decoder is strict so that a message has exactly one encoding: lengths
// must match the type, padding and Boolean values must be canonical, Text
// Strings must be UTF-8, and a buffer must hold exactly one item. Because of
// that, Encode(Decode(b)) == b for every b that Decode accepts, which the
// fuzz tests check. Limits on size and nesting depth bound the work a hostile
// peer can cause.
package ttlv

import "fmt"

// Tag names a field. KMIP tags are three bytes: 0x42xxxx for the
// specification's own, 0x54xxxx for extensions.
type Tag uint32

// MaxTag is the largest value that fits the three tag bytes.
const MaxTag Tag = 0xFFFFFF

// String formats the tag as six hex digits, the way the specification writes
// tags; the kmip package has the names.
func (t Tag) String() string { return fmt.Sprintf("0x%06X", uint32(t)) }

// Type is an item's type byte.
type Type uint8

// The item types of KMIP 1.x.
const (
	TypeStructure   Type = 0x01
	TypeInteger     Type = 0x02
	TypeLongInteger Type = 0x03
	TypeBigInteger  Type = 0x04
	TypeEnumeration Type = 0x05
	TypeBoolean     Type = 0x06
	TypeTextString  Type = 0x07
	TypeByteString  Type = 0x08
	TypeDateTime    Type = 0x09
	TypeInterval    Type = 0x0A
)

var typeNames = [...]string{
	TypeStructure:   "Structure",
	TypeInteger:     "Integer",
	TypeLongInteger: "Long Integer",
	TypeBigInteger:  "Big Integer",
	TypeEnumeration: "Enumeration",
	TypeBoolean:     "Boolean",
	TypeTextString:  "Text String",
	TypeByteString:  "Byte String",
	TypeDateTime:    "Date-Time",
	TypeInterval:    "Interval",
}

// Valid reports whether t is one of the ten KMIP 1.x types.
func (t Type) Valid() bool { return t >= TypeStructure && t <= TypeInterval }

// String returns the specification's name of the type.
func (t Type) String() string {
	if t.Valid() {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(0x%02X)", uint8(t))
}

// fixedLen is the value length a fixed-size type must declare, or -1 for the
// variable-length types.
func (t Type) fixedLen() int {
	switch t {
	case TypeInteger, TypeEnumeration, TypeInterval:
		return 4
	case TypeLongInteger, TypeBoolean, TypeDateTime:
		return 8
	}
	return -1
}

// HeaderSize is the size of an item's tag, type and length.
const HeaderSize = 8

// padded rounds n up to a multiple of 8.
func padded(n int) int { return (n + 7) &^ 7 }
