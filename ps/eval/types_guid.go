package eval

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// [guid] and [version]: value types with parsing, comparison and the
// members scripts read.

// guidValue is System.Guid.
type guidValue [16]byte

// String is the "D" format: 32 lower-case hex digits in five groups.
func (g guidValue) String() string { return g.format("D") }

func (g guidValue) format(f string) string {
	h := hex.EncodeToString(g[:])
	d := h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
	switch strings.ToUpper(f) {
	case "N":
		return h
	case "B":
		return "{" + d + "}"
	case "P":
		return "(" + d + ")"
	}
	return d
}

// TypeNames implements value.Object.
func (g guidValue) TypeNames() []string {
	return []string{"System.Guid", "System.ValueType", "System.Object"}
}

// Property implements value.Object: Guid is the string form, as the
// default table view shows it.
func (g guidValue) Property(name string) (any, bool) {
	if strings.EqualFold(name, "Guid") {
		return g.String(), true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (g guidValue) PropertyNames() []string { return []string{"Guid"} }

// EqualTo implements value.Equaler: a guid equals itself or its text.
func (g guidValue) EqualTo(other any) bool {
	switch o := other.(type) {
	case guidValue:
		return o == g
	case string:
		p, err := parseGUID(o)
		return err == nil && p == g
	}
	return false
}

// CallMethod implements value.MethodCaller: ToString(format).
func (g guidValue) CallMethod(name string, args []any) (any, bool, error) {
	if strings.EqualFold(name, "ToString") {
		f := "D"
		if len(args) > 0 {
			f = value.ToString(args[0])
		}
		return g.format(f), true, nil
	}
	if strings.EqualFold(name, "ToByteArray") {
		return bytesValue(g[:]), true, nil
	}
	return nil, false, nil
}

// parseGUID accepts the N, D, B and P formats.
func parseGUID(s string) (guidValue, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimPrefix(strings.TrimSuffix(t, "}"), "{")
	t = strings.TrimPrefix(strings.TrimSuffix(t, ")"), "(")
	var g guidValue
	plain := strings.ReplaceAll(t, "-", "")
	if len(plain) != 32 || (strings.Contains(t, "-") && (len(t) != 36 || t[8] != '-' || t[13] != '-' || t[18] != '-' || t[23] != '-')) {
		return g, fmt.Errorf("Unrecognized Guid format.")
	}
	b, err := hex.DecodeString(plain)
	if err != nil {
		return g, fmt.Errorf("Guid string should only contain hexadecimal characters.")
	}
	copy(g[:], b)
	return g, nil
}

// newGUID returns a random (version 4) guid.
func newGUID() guidValue {
	var g guidValue
	_, _ = rand.Read(g[:])
	g[6] = g[6]&0x0f | 0x40
	g[8] = g[8]&0x3f | 0x80
	return g
}

// versionValue is System.Version; unset components are -1.
type versionValue struct{ major, minor, build, revision int32 }

// String renders the defined components.
func (v versionValue) String() string {
	s := fmt.Sprintf("%d.%d", v.major, v.minor)
	if v.build >= 0 {
		s += fmt.Sprintf(".%d", v.build)
		if v.revision >= 0 {
			s += fmt.Sprintf(".%d", v.revision)
		}
	}
	return s
}

// TypeNames implements value.Object.
func (v versionValue) TypeNames() []string { return []string{"System.Version", "System.Object"} }

// Property implements value.Object.
func (v versionValue) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "major":
		return v.major, true
	case "minor":
		return v.minor, true
	case "build":
		return v.build, true
	case "revision":
		return v.revision, true
	case "majorrevision":
		return int16(v.revision >> 16), true
	case "minorrevision":
		return int16(v.revision & 0xffff), true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (v versionValue) PropertyNames() []string {
	return []string{"Major", "Minor", "Build", "Revision", "MajorRevision", "MinorRevision"}
}

// CompareTo implements value.Comparer.
func (v versionValue) CompareTo(other any) (int, error) {
	o, err := toVersion(other)
	if err != nil {
		return 0, err
	}
	ov := o.(versionValue)
	for _, p := range [][2]int32{{v.major, ov.major}, {v.minor, ov.minor}, {v.build, ov.build}, {v.revision, ov.revision}} {
		switch {
		case p[0] < p[1]:
			return -1, nil
		case p[0] > p[1]:
			return 1, nil
		}
	}
	return 0, nil
}

// EqualTo implements value.Equaler.
func (v versionValue) EqualTo(other any) bool {
	c, err := v.CompareTo(other)
	return err == nil && c == 0
}

// CallMethod implements value.MethodCaller.
func (v versionValue) CallMethod(name string, args []any) (any, bool, error) {
	switch strings.ToLower(name) {
	case "compareto":
		if len(args) == 1 {
			c, err := v.CompareTo(args[0])
			return int32(c), true, err
		}
	case "tostring":
		if len(args) == 1 {
			n, err := value.ToInt32(args[0])
			if err != nil {
				return nil, true, err
			}
			parts := strings.Split(v.String(), ".")
			if int(n) > len(parts) || n < 0 {
				return nil, true, fmt.Errorf("Argument must be between 0 and %d. (Parameter 'fieldCount')", len(parts))
			}
			return strings.Join(parts[:n], "."), true, nil
		}
	}
	return nil, false, nil
}

// parseVersion parses "major.minor[.build[.revision]]".
func parseVersion(s string) (versionValue, error) {
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) < 2 || len(parts) > 4 {
		return versionValue{}, fmt.Errorf("Version string portion was too short or too long. (Parameter 'input')")
	}
	nums := []int32{-1, -1, -1, -1}
	for i, p := range parts {
		n, err := strconv.ParseInt(strings.TrimSpace(p), 10, 32)
		if err != nil {
			return versionValue{}, fmt.Errorf("Input string was not in a correct format.")
		}
		if n < 0 {
			return versionValue{}, fmt.Errorf("Version's parameters must be greater than or equal to zero. (Parameter 'version')")
		}
		nums[i] = int32(n)
	}
	return versionValue{nums[0], nums[1], nums[2], nums[3]}, nil
}

// toVersion is the [version] cast.
func toVersion(v any) (any, error) {
	switch x := v.(type) {
	case versionValue:
		return x, nil
	case nil:
		return nil, nil
	}
	if value.IsNumber(v) {
		// [version]1.5 goes through the string "1.5".
		v = value.ToString(v)
	}
	s, ok := v.(string)
	if !ok {
		return nil, noConversion(v, "System.Version")
	}
	out, err := parseVersion(s)
	if err != nil {
		return nil, &value.ConversionError{Value: v, TypeName: "System.Version", ID: "InvalidCastParseTargetInvocation", Reason: err.Error()}
	}
	return out, nil
}

func init() {
	registerType(&psType{
		Name: "System.Guid",
		Convert: func(v any) (any, error) {
			switch x := v.(type) {
			case guidValue:
				return x, nil
			case string:
				g, err := parseGUID(x)
				if err != nil {
					return nil, &value.ConversionError{Value: v, TypeName: "System.Guid", ID: "InvalidCastParseTargetInvocation", Reason: err.Error()}
				}
				return g, nil
			}
			return nil, noConversion(v, "System.Guid")
		},
		StaticProperty: func(_ *frame, name string) (any, bool) {
			if strings.EqualFold(name, "Empty") {
				return guidValue{}, true
			}
			return nil, false
		},
		StaticMethod: func(_ *frame, name string, args []any) (any, bool, error) {
			switch strings.ToLower(name) {
			case "newguid":
				if len(args) == 0 {
					return newGUID(), true, nil
				}
			case "parse":
				if len(args) == 1 {
					g, err := parseGUID(value.ToString(args[0]))
					return g, true, err
				}
			case "tryparse":
				if len(args) == 2 {
					ref, ok := args[1].(*Ref)
					if !ok {
						return nil, true, fmt.Errorf("Argument: '2' should be a System.Management.Automation.PSReference. Use [ref].")
					}
					g, err := parseGUID(value.ToString(args[0]))
					if err != nil {
						return false, true, ref.Set(guidValue{})
					}
					return true, true, ref.Set(g)
				}
			}
			return nil, false, nil
		},
		New: func(_ *frame, args []any) (any, error) {
			if len(args) == 0 {
				return guidValue{}, nil
			}
			return parseGUID(value.ToString(args[0]))
		},
	}, "guid")
	registerType(&psType{
		Name:    "System.Version",
		Convert: toVersion,
		StaticMethod: func(_ *frame, name string, args []any) (any, bool, error) {
			switch strings.ToLower(name) {
			case "parse":
				if len(args) == 1 {
					v, err := parseVersion(value.ToString(args[0]))
					return v, true, err
				}
			case "tryparse":
				if len(args) == 2 {
					ref, ok := args[1].(*Ref)
					if !ok {
						return nil, true, fmt.Errorf("Argument: '2' should be a System.Management.Automation.PSReference. Use [ref].")
					}
					v, err := parseVersion(value.ToString(args[0]))
					if err != nil {
						return false, true, ref.Set(nil)
					}
					return true, true, ref.Set(v)
				}
			}
			return nil, false, nil
		},
		New: func(_ *frame, args []any) (any, error) {
			switch len(args) {
			case 0:
				return versionValue{0, 0, -1, -1}, nil
			case 1:
				return parseVersion(value.ToString(args[0]))
			}
			if len(args) > 4 {
				return nil, fmt.Errorf("Cannot find an overload for \"new\" and the argument count: \"%d\".", len(args))
			}
			nums := []int32{-1, -1, -1, -1}
			for i, a := range args {
				n, err := value.ToInt32(a)
				if err != nil {
					return nil, err
				}
				if n < 0 {
					return nil, fmt.Errorf("Version's parameters must be greater than or equal to zero. (Parameter 'major')")
				}
				nums[i] = n
			}
			return versionValue{nums[0], nums[1], nums[2], nums[3]}, nil
		},
	}, "version")
}
