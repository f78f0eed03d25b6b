package value

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// DateTimeKindType is System.DateTimeKind: whether a DateTime is local
// time, UTC or unspecified.
var DateTimeKindType = &EnumType{Name: "System.DateTimeKind", Members: []string{"Unspecified", "Utc", "Local"}}

// DayOfWeekType is System.DayOfWeek.
var DayOfWeekType = &EnumType{Name: "System.DayOfWeek", Members: []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}}

// DateTimeKind is a DateTime's kind, the index into DateTimeKindType.
type DateTimeKind int

// The kinds of DateTime, as .NET numbers them.
const (
	KindUnspecified DateTimeKind = iota
	KindUtc
	KindLocal
)

// Ticks per unit, as .NET counts them (a tick is 100 ns).
const (
	TicksPerMillisecond int64 = 10_000
	TicksPerSecond            = 1000 * TicksPerMillisecond
	TicksPerMinute            = 60 * TicksPerSecond
	TicksPerHour              = 60 * TicksPerMinute
	TicksPerDay               = 24 * TicksPerHour
)

// unixEpochTicks is 1970-01-01 in ticks since 0001-01-01.
const unixEpochTicks int64 = 621355968000000000

// maxTicks is DateTime.MaxValue.Ticks (9999-12-31 23:59:59.9999999).
const maxTicks int64 = 3155378975999999999

// DateTime is System.DateTime: a wall-clock date and time with a kind.
// The wall clock is what .NET stores; the location of t is where the
// wall clock was read (local dates keep their zone, so ToUniversalTime
// can convert them). Unspecified dates keep their wall clock in UTC.
type DateTime struct {
	t    time.Time
	kind DateTimeKind
	// hint is the DisplayHint note Get-Date attaches (0: none); every
	// method returns a date without it, as .NET's do.
	hint DisplayHint
}

// DisplayHint is Microsoft.PowerShell.Commands.DisplayHintType, the
// part of a date Get-Date's output shows; 0 means no hint.
type DisplayHint int

// The display hints (one more than the enum's index).
const (
	HintNone DisplayHint = iota
	HintDate
	HintTime
	HintDateTime
)

// DisplayHintType is the DisplayHintType enum.
var DisplayHintType = &EnumType{Name: "Microsoft.PowerShell.Commands.DisplayHintType", Members: []string{"Date", "Time", "DateTime"}}

// WithDisplayHint returns d carrying Get-Date's DisplayHint note.
func (d DateTime) WithDisplayHint(h DisplayHint) DateTime {
	d.hint = h
	return d
}

// Hint returns the date's DisplayHint (HintNone when it has none).
func (d DateTime) Hint() DisplayHint { return d.hint }

// HintText is the date as its display hint shows it: the long date, the
// long time, or both (the DateTime view of PowerShell's format data).
func (d DateTime) HintText() string {
	switch d.hint {
	case HintDate:
		return d.Format("D")
	case HintTime:
		return d.Format("T")
	}
	return d.LongString()
}

// NewDateTime returns a DateTime for t with the given kind. For local
// and UTC kinds t is converted to its zone; an unspecified date keeps
// t's wall clock.
func NewDateTime(t time.Time, kind DateTimeKind) DateTime {
	switch kind {
	case KindUtc:
		t = t.UTC()
	case KindUnspecified:
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	}
	return DateTime{t: t, kind: kind}
}

// DateFromTicks returns the DateTime with the given .NET ticks (wall
// clock) and kind; loc is the zone of a local date.
func DateFromTicks(ticks int64, kind DateTimeKind, loc *time.Location) (DateTime, error) {
	if ticks < 0 || ticks > maxTicks {
		return DateTime{}, fmt.Errorf("Ticks must be between DateTime.MinValue.Ticks and DateTime.MaxValue.Ticks. (Parameter 'ticks')")
	}
	rel := ticks - unixEpochTicks
	sec := rel / TicksPerSecond
	nsec := (rel % TicksPerSecond) * 100
	if nsec < 0 {
		sec--
		nsec += 1e9
	}
	wall := time.Unix(sec, nsec).UTC()
	if kind == KindLocal {
		if loc == nil {
			loc = time.Local
		}
		wall = time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), wall.Nanosecond(), loc)
	}
	return DateTime{t: wall, kind: kind}, nil
}

// Time returns the date as a Go time (in its zone).
func (d DateTime) Time() time.Time { return d.t }

// Kind returns the date's kind.
func (d DateTime) Kind() DateTimeKind { return d.kind }

// Ticks returns the wall clock in .NET ticks since 0001-01-01.
func (d DateTime) Ticks() int64 {
	w := d.t
	wall := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), time.UTC)
	return wall.Unix()*TicksPerSecond + int64(wall.Nanosecond())/100 + unixEpochTicks
}

// utcTicks returns the instant in ticks, for comparing dates of
// different kinds the way .NET does: it does not (it compares wall
// clocks), so this is only used by Subtract of mixed kinds.
func (d DateTime) withTicks(ticks int64) (DateTime, error) {
	return DateFromTicks(ticks, d.kind, d.t.Location())
}

// AddTicks returns the date moved by n ticks.
func (d DateTime) AddTicks(n int64) (DateTime, error) {
	t := d.Ticks()
	if (n > 0 && t > maxTicks-n) || (n < 0 && t+n < 0) {
		return DateTime{}, fmt.Errorf("The added or subtracted value results in an un-representable DateTime. (Parameter 'value')")
	}
	return d.withTicks(t + n)
}

// addScaled adds value units of scale ticks, rounding to the nearest tick.
func (d DateTime) addScaled(value float64, scale int64) (DateTime, error) {
	f := value * float64(scale)
	if math.IsNaN(f) || f > float64(maxTicks) || f < -float64(maxTicks) {
		return DateTime{}, fmt.Errorf("Value to add was out of range. (Parameter 'value')")
	}
	return d.AddTicks(int64(math.Round(f)))
}

// AddMonths adds months, clamping the day to the length of the target
// month (Jan 31 + 1 month is Feb 28 or 29), as .NET does.
func (d DateTime) AddMonths(n int) (DateTime, error) {
	if n < -120000 || n > 120000 {
		return DateTime{}, fmt.Errorf("Months value must be between +/-120000. (Parameter 'months')")
	}
	y, m := d.t.Year(), int(d.t.Month())-1+n
	y += m / 12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	if y < 1 || y > 9999 {
		return DateTime{}, fmt.Errorf("The added or subtracted value results in an un-representable DateTime. (Parameter 'months')")
	}
	day := d.t.Day()
	if dim := DaysInMonth(y, m+1); day > dim {
		day = dim
	}
	t := time.Date(y, time.Month(m+1), day, d.t.Hour(), d.t.Minute(), d.t.Second(), d.t.Nanosecond(), d.t.Location())
	return DateTime{t: t, kind: d.kind}, nil
}

// DaysInMonth returns the number of days in a month of a year.
func DaysInMonth(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Date returns the date at midnight, same kind.
func (d DateTime) Date() DateTime {
	t := d.t
	return DateTime{t: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location()), kind: d.kind}
}

// ToUniversalTime converts a local or unspecified date to UTC (an
// unspecified date is taken as local time, as in .NET).
func (d DateTime) ToUniversalTime() DateTime {
	switch d.kind {
	case KindUtc:
		return d
	case KindUnspecified:
		t := d.t
		local := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.Local)
		return DateTime{t: local.UTC(), kind: KindUtc}
	}
	return DateTime{t: d.t.UTC(), kind: KindUtc}
}

// ToLocalTime converts a UTC or unspecified date to local time in loc
// (the process's zone when loc is nil); an unspecified date is taken as
// UTC, as in .NET.
func (d DateTime) ToLocalTime(loc *time.Location) DateTime {
	if d.kind == KindLocal {
		return d
	}
	if loc == nil {
		loc = time.Local
	}
	return DateTime{t: d.t.In(loc), kind: KindLocal}
}

// OffsetMinutes is the zone offset of a local date in minutes (0 for UTC
// and unspecified dates).
func (d DateTime) offset() int {
	if d.kind != KindLocal {
		return 0
	}
	_, off := d.t.Zone()
	return off / 60
}

// String is the invariant-culture form PowerShell uses when it converts
// a DateTime to a string ("$date", [string]$date): 11/24/2026 03:11:08.
func (d DateTime) String() string { return d.FormatInvariant("G") }

// DisplayString is the current-culture (en-US) form that formatting and
// ToString() show: 11/24/2026 3:11:08 AM.
func (d DateTime) DisplayString() string { return d.Format("G") }

// LongString is the DateTime script property PowerShell adds: the long
// date and long time, "Tuesday, November 24, 2026 3:11:08 AM".
func (d DateTime) LongString() string { return d.Format("F") }

// Format formats the date with a .NET standard or custom format string
// under keyhost's current culture, en-US; a bad format falls back to the
// general format (FormatCurrent reports it instead).
func (d DateTime) Format(format string) string {
	s, err := d.formatErr(format, enUSDates)
	if err != nil {
		s, _ = d.formatErr("G", enUSDates)
	}
	return s
}

// FormatInvariant formats under the invariant culture.
func (d DateTime) FormatInvariant(format string) string {
	s, err := d.formatErr(format, invariantDates)
	if err != nil {
		s, _ = d.formatErr("G", invariantDates)
	}
	return s
}

// TypeNames implements Object.
func (d DateTime) TypeNames() []string {
	return []string{"System.DateTime", "System.ValueType", "System.Object"}
}

// dateProperties are DateTime's properties in the order Format-List *
// shows them (the DateTime script property first, as PowerShell adds it).
var dateProperties = []string{"DateTime", "Date", "Day", "DayOfWeek", "DayOfYear", "Hour", "Kind", "Millisecond", "Microsecond", "Nanosecond", "Minute", "Month", "Second", "Ticks", "TimeOfDay", "Year"}

// PropertyNames implements Object.
func (d DateTime) PropertyNames() []string {
	if d.hint != HintNone {
		return append([]string{"DisplayHint"}, dateProperties...)
	}
	return append([]string(nil), dateProperties...)
}

// Property implements Object.
func (d DateTime) Property(name string) (any, bool) {
	t := d.t
	switch strings.ToLower(name) {
	case "displayhint":
		if d.hint == HintNone {
			return nil, false
		}
		return Enum{Type: DisplayHintType, Index: int(d.hint) - 1}, true
	case "datetime":
		return d.LongString(), true
	case "date":
		return d.Date(), true
	case "day":
		return int32(t.Day()), true
	case "dayofweek":
		return Enum{Type: DayOfWeekType, Index: int(t.Weekday())}, true
	case "dayofyear":
		return int32(t.YearDay()), true
	case "hour":
		return int32(t.Hour()), true
	case "kind":
		return Enum{Type: DateTimeKindType, Index: int(d.kind)}, true
	case "millisecond":
		return int32(t.Nanosecond() / 1e6), true
	case "microsecond":
		return int32(t.Nanosecond() / 1e3 % 1000), true
	case "nanosecond":
		return int32(t.Nanosecond() / 100 % 10 * 100), true
	case "minute":
		return int32(t.Minute()), true
	case "month":
		return int32(t.Month()), true
	case "second":
		return int32(t.Second()), true
	case "ticks":
		return d.Ticks(), true
	case "timeofday":
		return TimeSpan(d.Ticks() % TicksPerDay), true
	case "year":
		return int32(t.Year()), true
	}
	return nil, false
}

// EqualTo implements Equaler: dates are equal when their wall clocks
// are (.NET ignores the kind); a string is parsed first.
func (d DateTime) EqualTo(other any) bool {
	o, err := ToDateTime(other)
	return err == nil && o.Ticks() == d.Ticks()
}

// CompareTo implements Comparer, comparing wall clocks as .NET does.
func (d DateTime) CompareTo(other any) (int, error) {
	if IsNull(other) {
		return 1, nil
	}
	o, err := ToDateTime(other)
	if err != nil {
		return 0, fmt.Errorf("Could not compare \"%s\" to \"%s\". Error: \"%s\"", d.String(), ToString(other), err.Error())
	}
	a, b := d.Ticks(), o.Ticks()
	switch {
	case a < b:
		return -1, nil
	case a > b:
		return 1, nil
	}
	return 0, nil
}

// OpAddition implements Arithmetic: date + timespan.
func (d DateTime) OpAddition(other any) (any, error) {
	ts, ok := other.(TimeSpan)
	if !ok {
		return nil, fmt.Errorf("Method invocation failed because [System.DateTime] does not contain a method named 'op_Addition'.")
	}
	return d.AddTicks(int64(ts))
}

// OpSubtraction implements Arithmetic: date - date is a TimeSpan, date -
// timespan a date.
func (d DateTime) OpSubtraction(other any) (any, error) {
	switch o := other.(type) {
	case DateTime:
		return TimeSpan(d.Ticks() - o.Ticks()), nil
	case TimeSpan:
		return d.AddTicks(-int64(o))
	}
	return nil, fmt.Errorf("Method invocation failed because [System.DateTime] does not contain a method named 'op_Subtraction'.")
}

// Arithmetic is implemented by values that define + and - themselves,
// as .NET types do with op_Addition and op_Subtraction (DateTime,
// TimeSpan). The evaluator's + and - consult it when the left operand
// implements it.
type Arithmetic interface {
	OpAddition(other any) (any, error)
	OpSubtraction(other any) (any, error)
}

// ToDateTime converts a value to a DateTime the way a [datetime] cast
// does: dates pass, strings are parsed under the invariant culture,
// numbers are ticks.
func ToDateTime(v any) (DateTime, error) {
	switch x := v.(type) {
	case DateTime:
		return x, nil
	case string:
		d, err := ParseDateTime(x)
		if err != nil {
			return DateTime{}, &ConversionError{Value: x, TypeName: "System.DateTime", Reason: err.Error()}
		}
		return d, nil
	case []any:
		if len(x) == 1 {
			return ToDateTime(x[0])
		}
	}
	if IsNumber(v) {
		n, err := ToInt64(v)
		if err == nil {
			d, err := DateFromTicks(n, KindUnspecified, nil)
			if err == nil {
				return d, nil
			}
		}
	}
	if IsNull(v) {
		return DateTime{}, &ConversionError{Value: v, TypeName: "System.DateTime"}
	}
	return DateTime{}, &ConversionError{Value: v, TypeName: "System.DateTime",
		Reason: fmt.Sprintf("Cannot convert the \"%s\" value of type \"%s\" to type \"System.DateTime\".", ToString(v), TypeName(v))}
}
