package kmip

import (
	"fmt"

	"github.com/keyhost/keyhost/engine/kmip/ttlv"
)

// Attribute names (KMIP 1.2 section 3) keyhost sets or matches.
const (
	AttrName                   = "Name"
	AttrObjectType             = "Object Type"
	AttrCryptographicAlgorithm = "Cryptographic Algorithm"
	AttrCryptographicLength    = "Cryptographic Length"
	AttrCryptographicUsageMask = "Cryptographic Usage Mask"
	AttrState                  = "State"
	AttrActivationDate         = "Activation Date"
	AttrOperationPolicyName    = "Operation Policy Name"
)

// Attribute is one KMIP attribute: a name, an index among instances of a
// multi-valued attribute, and a value whose TTLV type depends on the name.
type Attribute struct {
	Name  string
	Index int32
	// Value carries the Attribute Value tag.
	Value ttlv.Item
}

// NameAttribute is a Name attribute of type Uninterpreted Text String.
func NameAttribute(name string) Attribute {
	return Attribute{Name: AttrName, Value: ttlv.Structure(TagAttributeValue,
		ttlv.TextString(TagNameValue, name),
		ttlv.Enumeration(TagNameType, uint32(NameUninterpretedText)))}
}

// ObjectTypeAttribute is an Object Type attribute.
func ObjectTypeAttribute(t ObjectType) Attribute {
	return Attribute{Name: AttrObjectType, Value: ttlv.Enumeration(TagAttributeValue, uint32(t))}
}

// AlgorithmAttribute is a Cryptographic Algorithm attribute.
func AlgorithmAttribute(a Algorithm) Attribute {
	return Attribute{Name: AttrCryptographicAlgorithm, Value: ttlv.Enumeration(TagAttributeValue, uint32(a))}
}

// LengthAttribute is a Cryptographic Length attribute, in bits.
func LengthAttribute(bits int32) Attribute {
	return Attribute{Name: AttrCryptographicLength, Value: ttlv.Integer(TagAttributeValue, bits)}
}

// UsageMaskAttribute is a Cryptographic Usage Mask attribute.
func UsageMaskAttribute(m UsageMask) Attribute {
	return Attribute{Name: AttrCryptographicUsageMask, Value: ttlv.Integer(TagAttributeValue, int32(m))}
}

// StateAttribute is a State attribute (for Locate).
func StateAttribute(s State) Attribute {
	return Attribute{Name: AttrState, Value: ttlv.Enumeration(TagAttributeValue, uint32(s))}
}

func (a Attribute) item() ttlv.Item {
	fields := []ttlv.Item{ttlv.TextString(TagAttributeName, a.Name)}
	if a.Index != 0 {
		fields = append(fields, ttlv.Integer(TagAttributeIndex, a.Index))
	}
	v := a.Value
	v.Tag = TagAttributeValue
	return ttlv.Structure(TagAttribute, append(fields, v)...)
}

func parseAttribute(it ttlv.Item) (Attribute, error) {
	if err := structure(it, TagAttribute); err != nil {
		return Attribute{}, err
	}
	var a Attribute
	var err error
	if a.Name, err = textField(it, TagAttributeName); err != nil {
		return a, err
	}
	if a.Index, err = optIntField(it, TagAttributeIndex); err != nil {
		return a, err
	}
	v, ok := it.Find(TagAttributeValue)
	if !ok {
		return a, fmt.Errorf("attribute %q has no Attribute Value", a.Name)
	}
	a.Value = v
	return a, nil
}

func parseAttributes(items []ttlv.Item) ([]Attribute, error) {
	out := make([]Attribute, 0, len(items))
	for _, it := range items {
		a, err := parseAttribute(it)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// NameValue returns the Name Value of a Name attribute.
func (a Attribute) NameValue() (string, error) {
	if a.Name != AttrName {
		return "", fmt.Errorf("attribute %q is not a Name", a.Name)
	}
	if a.Value.Type != ttlv.TypeStructure {
		return "", fmt.Errorf("Name attribute is a %v, not a Structure", a.Value.Type)
	}
	return textField(a.Value, TagNameValue)
}

// enumValue returns the value of an Enumeration-typed attribute.
func (a Attribute) enumValue() (uint32, error) {
	v, err := a.Value.Enum()
	if err != nil {
		return 0, fmt.Errorf("attribute %q: %w", a.Name, err)
	}
	return v, nil
}

// intValue returns the value of an Integer-typed attribute.
func (a Attribute) intValue() (int32, error) {
	v, err := a.Value.Int()
	if err != nil {
		return 0, fmt.Errorf("attribute %q: %w", a.Name, err)
	}
	return v, nil
}
