package value

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// TimeSpan is System.TimeSpan: a duration in .NET ticks (100 ns). Date
// subtraction, New-TimeSpan and [timespan] casts make them.
type TimeSpan int64

// TimeSpanFromSeconds returns the span of a number of seconds, rounded to
// the nearest tick.
func TimeSpanFromSeconds(s float64) TimeSpan {
	return TimeSpan(math.Round(s * float64(TicksPerSecond)))
}

// Ticks returns the span in ticks.
func (ts TimeSpan) Ticks() int64 { return int64(ts) }

// parts splits the span into its days, hours, minutes, seconds and
// fraction (in ticks), all with the span's sign.
func (ts TimeSpan) parts() (days, hours, minutes, seconds, frac int64) {
	t := int64(ts)
	days = t / TicksPerDay
	hours = t / TicksPerHour % 24
	minutes = t / TicksPerMinute % 60
	seconds = t / TicksPerSecond % 60
	frac = t % TicksPerSecond
	return
}

// String is TimeSpan.ToString() ("c" format): [-][d.]hh:mm:ss[.fffffff].
func (ts TimeSpan) String() string {
	days, h, m, s, f := ts.parts()
	var b strings.Builder
	if ts < 0 {
		b.WriteByte('-')
		days, h, m, s, f = -days, -h, -m, -s, -f
	}
	if days != 0 {
		b.WriteString(strconv.FormatInt(days, 10))
		b.WriteByte('.')
	}
	fmt.Fprintf(&b, "%02d:%02d:%02d", h, m, s)
	if f != 0 {
		fmt.Fprintf(&b, ".%07d", f)
	}
	return b.String()
}

// TypeNames implements Object.
func (ts TimeSpan) TypeNames() []string {
	return []string{"System.TimeSpan", "System.ValueType", "System.Object"}
}

// timeSpanProperties are the properties in the order TimeSpan's list
// view shows them.
var timeSpanProperties = []string{"Days", "Hours", "Minutes", "Seconds", "Milliseconds", "Ticks", "TotalDays", "TotalHours", "TotalMinutes", "TotalSeconds", "TotalMilliseconds"}

// TimeSpanMemberOrder lists TimeSpan's properties in .NET's declaration
// order, the order serializers (ConvertTo-Json) write them in.
var TimeSpanMemberOrder = []string{"Ticks", "Days", "Hours", "Milliseconds", "Microseconds", "Nanoseconds", "Minutes", "Seconds",
	"TotalDays", "TotalHours", "TotalMilliseconds", "TotalMicroseconds", "TotalNanoseconds", "TotalMinutes", "TotalSeconds"}

// PropertyNames implements Object.
func (ts TimeSpan) PropertyNames() []string { return append([]string(nil), timeSpanProperties...) }

// Property implements Object.
func (ts TimeSpan) Property(name string) (any, bool) {
	days, h, m, s, f := ts.parts()
	t := float64(ts)
	switch strings.ToLower(name) {
	case "days":
		return int32(days), true
	case "hours":
		return int32(h), true
	case "minutes":
		return int32(m), true
	case "seconds":
		return int32(s), true
	case "milliseconds":
		return int32(f / TicksPerMillisecond), true
	case "microseconds":
		return int32(f / 10 % 1000), true
	case "nanoseconds":
		return int32(f % 10 * 100), true
	case "ticks":
		return int64(ts), true
	case "totaldays":
		return t / float64(TicksPerDay), true
	case "totalhours":
		return t / float64(TicksPerHour), true
	case "totalminutes":
		return t / float64(TicksPerMinute), true
	case "totalseconds":
		return t / float64(TicksPerSecond), true
	case "totalmilliseconds":
		return t / float64(TicksPerMillisecond), true
	case "totalmicroseconds":
		return t / 10, true
	case "totalnanoseconds":
		return t * 100, true
	}
	return nil, false
}

// EqualTo implements Equaler.
func (ts TimeSpan) EqualTo(other any) bool {
	o, err := ToTimeSpan(other)
	return err == nil && o == ts
}

// CompareTo implements Comparer.
func (ts TimeSpan) CompareTo(other any) (int, error) {
	if IsNull(other) {
		return 1, nil
	}
	o, err := ToTimeSpan(other)
	if err != nil {
		return 0, fmt.Errorf("Could not compare \"%s\" to \"%s\". Error: \"%s\"", ts.String(), ToString(other), err.Error())
	}
	switch {
	case ts < o:
		return -1, nil
	case ts > o:
		return 1, nil
	}
	return 0, nil
}

// OpAddition implements Arithmetic: span + span, span + date.
func (ts TimeSpan) OpAddition(other any) (any, error) {
	switch o := other.(type) {
	case TimeSpan:
		return ts + o, nil
	case DateTime:
		return o.AddTicks(int64(ts))
	}
	o, err := ToTimeSpan(other)
	if err != nil {
		return nil, err
	}
	return ts + o, nil
}

// OpSubtraction implements Arithmetic: span - span.
func (ts TimeSpan) OpSubtraction(other any) (any, error) {
	o, err := ToTimeSpan(other)
	if err != nil {
		return nil, err
	}
	return ts - o, nil
}

// CallMethod implements MethodCaller.
func (ts TimeSpan) CallMethod(name string, args []any) (any, bool, error) {
	switch strings.ToLower(name) {
	case "add":
		if len(args) == 1 {
			r, err := ts.OpAddition(args[0])
			return r, true, err
		}
	case "subtract":
		if len(args) == 1 {
			r, err := ts.OpSubtraction(args[0])
			return r, true, err
		}
	case "negate":
		return -ts, true, nil
	case "duration":
		if ts < 0 {
			return -ts, true, nil
		}
		return ts, true, nil
	case "tostring":
		if len(args) == 0 || IsNull(args[0]) || ToString(args[0]) == "" {
			return ts.String(), true, nil
		}
		s, err := ts.Format(ToString(args[0]))
		return s, true, err
	case "compareto":
		if len(args) == 1 {
			c, err := ts.CompareTo(args[0])
			return int32(c), true, err
		}
	case "equals":
		if len(args) == 1 {
			return ts.EqualTo(args[0]), true, nil
		}
	}
	return nil, false, nil
}

// Format formats the span with a .NET TimeSpan format: "c", "g", "G" or
// a custom format (d, hh, mm, ss, fff, with literals quoted or escaped).
func (ts TimeSpan) Format(format string) (string, error) {
	days, h, m, s, f := ts.parts()
	neg := ts < 0
	if neg {
		days, h, m, s, f = -days, -h, -m, -s, -f
	}
	sign := ""
	if neg {
		sign = "-"
	}
	switch format {
	case "c", "t", "T":
		return ts.String(), nil
	case "g":
		out := sign
		if days != 0 {
			out += strconv.FormatInt(days, 10) + ":"
		}
		out += fmt.Sprintf("%d:%02d:%02d", h, m, s)
		if f != 0 {
			out += "." + strings.TrimRight(fmt.Sprintf("%07d", f), "0")
		}
		return out, nil
	case "G":
		return fmt.Sprintf("%s%d:%02d:%02d:%02d.%07d", sign, days, h, m, s, f), nil
	}
	rs := []rune(format)
	var b strings.Builder
	for i := 0; i < len(rs); {
		ch := rs[i]
		n := repeatCount(rs, i)
		switch ch {
		case 'd':
			b.WriteString(pad(int(days), n))
		case 'h':
			b.WriteString(pad(int(h), min(n, 2)))
		case 'm':
			b.WriteString(pad(int(m), min(n, 2)))
		case 's':
			b.WriteString(pad(int(s), min(n, 2)))
		case 'f', 'F':
			if n > 7 {
				return "", errBadFormat
			}
			frac := fmt.Sprintf("%07d", f)[:n]
			if ch == 'F' {
				frac = strings.TrimRight(frac, "0")
			}
			b.WriteString(frac)
		case '\'', '"':
			j := i + 1
			for j < len(rs) && rs[j] != ch {
				b.WriteRune(rs[j])
				j++
			}
			if j >= len(rs) {
				return "", errBadFormat
			}
			n = j - i + 1
		case '\\':
			if i+1 >= len(rs) {
				return "", errBadFormat
			}
			b.WriteRune(rs[i+1])
			n = 2
		case '%':
			n = 1
		default:
			// .NET refuses unescaped literal characters in TimeSpan formats.
			return "", errBadFormat
		}
		i += n
	}
	return b.String(), nil
}

// timeSpanPattern is TimeSpan.Parse's invariant form [-][d.]h:m[:s[.f]];
// timeSpanColons is its general form with days before a colon,
// [-]d:h:m:s[.f].
var (
	timeSpanPattern = regexp.MustCompile(`^\s*(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?\s*$`)
	timeSpanColons  = regexp.MustCompile(`^\s*(-)?(\d+):(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,7}))?\s*$`)
)

// ParseTimeSpan parses a span as [timespan]'...' does: "1.02:03:04.5",
// "02:03", "02:03:04" or a whole number of days.
func ParseTimeSpan(s string) (TimeSpan, error) {
	bad := fmt.Errorf("String '%s' was not recognized as a valid TimeSpan.", s)
	if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
		return TimeSpan(n * TicksPerDay), nil
	}
	m := timeSpanPattern.FindStringSubmatch(s)
	if m == nil {
		m = timeSpanColons.FindStringSubmatch(s)
	}
	if m == nil {
		return 0, bad
	}
	days, h, mi, sec := int64(atoi(m[2])), int64(atoi(m[3])), int64(atoi(m[4])), int64(atoi(m[5]))
	if h > 23 || mi > 59 || sec > 59 {
		return 0, fmt.Errorf("The TimeSpan string '%s' could not be parsed because at least one of the numeric components is out of range or contains too many digits.", s)
	}
	var frac int64
	if m[6] != "" {
		frac = int64(atoi(m[6] + strings.Repeat("0", 7-len(m[6]))))
	}
	t := days*TicksPerDay + h*TicksPerHour + mi*TicksPerMinute + sec*TicksPerSecond + frac
	if m[1] == "-" {
		t = -t
	}
	return TimeSpan(t), nil
}

// ToTimeSpan converts a value as a [timespan] cast does: spans pass,
// strings are parsed, integers are ticks.
func ToTimeSpan(v any) (TimeSpan, error) {
	switch x := v.(type) {
	case TimeSpan:
		return x, nil
	case string:
		ts, err := ParseTimeSpan(x)
		if err != nil {
			return 0, &ConversionError{Value: x, TypeName: "System.TimeSpan", Reason: err.Error()}
		}
		return ts, nil
	case []any:
		if len(x) == 1 {
			return ToTimeSpan(x[0])
		}
	}
	if IsNumber(v) {
		n, err := ToInt64(v)
		if err == nil {
			return TimeSpan(n), nil
		}
	}
	return 0, &ConversionError{Value: v, TypeName: "System.TimeSpan",
		Reason: fmt.Sprintf("Cannot convert the \"%s\" value of type \"%s\" to type \"System.TimeSpan\".", ToString(v), TypeName(v))}
}
