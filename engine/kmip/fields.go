package kmip

import (
	"fmt"
	"time"

	"github.com/keyhost/keyhost/engine/kmip/ttlv"
)

// Helpers that read the children of a Structure with errors that name the
// fields the way the specification does ("Unique Identifier in Request
// Payload"), since these errors end up in KMIP error responses and logs.

func missing(parent ttlv.Item, tag ttlv.Tag) error {
	return fmt.Errorf("missing %s in %s", TagString(tag), TagString(parent.Tag))
}

func wrongType(parent ttlv.Item, c ttlv.Item, err error) error {
	return fmt.Errorf("%s in %s: %w", TagString(c.Tag), TagString(parent.Tag), err)
}

// structure checks that it is a Structure with the given tag.
func structure(it ttlv.Item, tag ttlv.Tag) error {
	if it.Tag != tag {
		return fmt.Errorf("got %s where %s was expected", TagString(it.Tag), TagString(tag))
	}
	if it.Type != ttlv.TypeStructure {
		return fmt.Errorf("%s is a %v, not a Structure", TagString(tag), it.Type)
	}
	return nil
}

func textField(st ttlv.Item, tag ttlv.Tag) (string, error) {
	c, ok := st.Find(tag)
	if !ok {
		return "", missing(st, tag)
	}
	v, err := c.Text()
	if err != nil {
		return "", wrongType(st, c, err)
	}
	return v, nil
}

func optTextField(st ttlv.Item, tag ttlv.Tag) (string, error) {
	if _, ok := st.Find(tag); !ok {
		return "", nil
	}
	return textField(st, tag)
}

func enumField(st ttlv.Item, tag ttlv.Tag) (uint32, error) {
	c, ok := st.Find(tag)
	if !ok {
		return 0, missing(st, tag)
	}
	v, err := c.Enum()
	if err != nil {
		return 0, wrongType(st, c, err)
	}
	return v, nil
}

func optEnumField(st ttlv.Item, tag ttlv.Tag) (uint32, error) {
	if _, ok := st.Find(tag); !ok {
		return 0, nil
	}
	return enumField(st, tag)
}

func intField(st ttlv.Item, tag ttlv.Tag) (int32, error) {
	c, ok := st.Find(tag)
	if !ok {
		return 0, missing(st, tag)
	}
	v, err := c.Int()
	if err != nil {
		return 0, wrongType(st, c, err)
	}
	return v, nil
}

func optIntField(st ttlv.Item, tag ttlv.Tag) (int32, error) {
	if _, ok := st.Find(tag); !ok {
		return 0, nil
	}
	return intField(st, tag)
}

func optTimeField(st ttlv.Item, tag ttlv.Tag) (time.Time, error) {
	c, ok := st.Find(tag)
	if !ok {
		return time.Time{}, nil
	}
	v, err := c.Time()
	if err != nil {
		return time.Time{}, wrongType(st, c, err)
	}
	return v, nil
}

func optBytesField(st ttlv.Item, tag ttlv.Tag) ([]byte, error) {
	c, ok := st.Find(tag)
	if !ok {
		return nil, nil
	}
	v, err := c.Bytes()
	if err != nil {
		return nil, wrongType(st, c, err)
	}
	return v, nil
}

func childStruct(st ttlv.Item, tag ttlv.Tag) (ttlv.Item, error) {
	c, ok := st.Find(tag)
	if !ok {
		return ttlv.Item{}, missing(st, tag)
	}
	if c.Type != ttlv.TypeStructure {
		return ttlv.Item{}, wrongType(st, c, fmt.Errorf("a %v, not a Structure", c.Type))
	}
	return c, nil
}
