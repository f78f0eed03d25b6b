package eval

import (
	"fmt"
	"strings"
	"time"

	"github.com/keyhost/keyhost/ps/value"
)

// This file registers [datetime] and [timespan] (the types themselves
// live in ps/value): casts, [datetime]::Now and friends, [datetime]::new(),
// and the enums of their properties ([System.DayOfWeek], [DateTimeKind],
// Get-Date's DisplayHintType).

func init() {
	for _, t := range []*value.EnumType{value.DayOfWeekType, value.DateTimeKindType, value.DisplayHintType} {
		t := t
		registerType(&psType{Name: t.Name, Enum: t, Convert: func(v any) (any, error) { return convertFlags(t, v) }})
	}
	registerType(&psType{
		Name:           "System.DateTime",
		Convert:        func(v any) (any, error) { return value.ToDateTime(v) },
		StaticProperty: dateTimeStatic,
		StaticMethod:   dateTimeStaticMethod,
		New:            newDateTime,
	}, "datetime")
	registerType(&psType{
		Name:    "System.TimeSpan",
		Convert: func(v any) (any, error) { return value.ToTimeSpan(v) },
		StaticProperty: func(_ *frame, name string) (any, bool) {
			switch strings.ToLower(name) {
			case "zero":
				return value.TimeSpan(0), true
			case "maxvalue":
				return value.TimeSpan(1<<63 - 1), true
			case "minvalue":
				return value.TimeSpan(-1 << 63), true
			}
			return nil, false
		},
		StaticMethod: timeSpanStaticMethod,
		New:          newTimeSpan,
	}, "timespan")
}

// hostNow is the run's clock as a local DateTime.
func (f *frame) hostNow() value.DateTime {
	return value.NewDateTime(f.r.host.Now(), value.KindLocal)
}

// dateTimeStatic implements [datetime]::Now, UtcNow, Today, MinValue and
// MaxValue; the clock is the host's.
func dateTimeStatic(f *frame, name string) (any, bool) {
	switch strings.ToLower(name) {
	case "now":
		return f.hostNow(), true
	case "utcnow":
		return f.hostNow().ToUniversalTime(), true
	case "today":
		return f.hostNow().Date(), true
	case "minvalue":
		d, _ := value.DateFromTicks(0, value.KindUnspecified, nil)
		return d, true
	case "maxvalue":
		d, _ := value.DateFromTicks(3155378975999999999, value.KindUnspecified, nil)
		return d, true
	}
	return nil, false
}

// dateTimeStaticMethod implements [datetime]::Parse, DaysInMonth,
// IsLeapYear and SpecifyKind.
func dateTimeStaticMethod(_ *frame, name string, args []any) (any, bool, error) {
	switch strings.ToLower(name) {
	case "parse":
		if len(args) >= 1 {
			d, err := value.ParseDateTime(value.ToString(args[0]))
			return d, true, err
		}
	case "daysinmonth":
		if len(args) == 2 {
			y, err := value.ToInt32(args[0])
			if err != nil {
				return nil, true, err
			}
			m, err := value.ToInt32(args[1])
			if err != nil {
				return nil, true, err
			}
			if m < 1 || m > 12 {
				return nil, true, fmt.Errorf("Month must be between one and twelve. (Parameter 'month')")
			}
			return int32(value.DaysInMonth(int(y), int(m))), true, nil
		}
	case "isleapyear":
		if len(args) == 1 {
			y, err := value.ToInt32(args[0])
			if err != nil {
				return nil, true, err
			}
			return value.DaysInMonth(int(y), 2) == 29, true, nil
		}
	case "specifykind":
		if len(args) == 2 {
			d, err := value.ToDateTime(args[0])
			if err != nil {
				return nil, true, err
			}
			k, err := value.DateTimeKindType.Convert(args[1])
			if err != nil {
				return nil, true, err
			}
			t := d.Time()
			wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.Local)
			return value.NewDateTime(wall, value.DateTimeKind(k.Index)), true, nil
		}
	}
	return nil, false, nil
}

// newDateTime is [datetime]::new(ticks) and [datetime]::new(y, m, d[, h,
// mi, s[, ms]]).
func newDateTime(_ *frame, args []any) (any, error) {
	if len(args) == 1 {
		n, err := value.ToInt64(args[0])
		if err != nil {
			return nil, err
		}
		return value.DateFromTicks(n, value.KindUnspecified, nil)
	}
	if len(args) != 3 && len(args) != 6 && len(args) != 7 {
		return nil, fmt.Errorf("Cannot find an overload for \"new\" and the argument count: \"%d\".", len(args))
	}
	parts := make([]int, 7)
	for i, a := range args {
		n, err := value.ToInt32(a)
		if err != nil {
			return nil, err
		}
		parts[i] = int(n)
	}
	y, m, d := parts[0], parts[1], parts[2]
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > value.DaysInMonth(max(y, 1), max(min(m, 12), 1)) ||
		parts[3] > 23 || parts[4] > 59 || parts[5] > 59 || parts[6] > 999 {
		return nil, fmt.Errorf("Year, Month, and Day parameters describe an un-representable DateTime.")
	}
	t := time.Date(y, time.Month(m), d, parts[3], parts[4], parts[5], parts[6]*1e6, time.UTC)
	return value.NewDateTime(t, value.KindUnspecified), nil
}

// timeSpanStaticMethod implements [timespan]::FromDays and friends, and
// Parse.
func timeSpanStaticMethod(_ *frame, name string, args []any) (any, bool, error) {
	lower := strings.ToLower(name)
	if lower == "parse" && len(args) >= 1 {
		ts, err := value.ParseTimeSpan(value.ToString(args[0]))
		return ts, true, err
	}
	scales := map[string]int64{"fromdays": value.TicksPerDay, "fromhours": value.TicksPerHour, "fromminutes": value.TicksPerMinute,
		"fromseconds": value.TicksPerSecond, "frommilliseconds": value.TicksPerMillisecond, "fromticks": 1}
	scale, ok := scales[lower]
	if !ok || len(args) != 1 {
		return nil, false, nil
	}
	f, err := value.ToFloat64(args[0])
	if err != nil {
		return nil, true, err
	}
	return value.TimeSpanFromSeconds(f * float64(scale) / float64(value.TicksPerSecond)), true, nil
}

// newTimeSpan is [timespan]::new(ticks), (h, m, s), (d, h, m, s[, ms]).
func newTimeSpan(_ *frame, args []any) (any, error) {
	parts := make([]int64, len(args))
	for i, a := range args {
		n, err := value.ToInt64(a)
		if err != nil {
			return nil, err
		}
		parts[i] = n
	}
	switch len(parts) {
	case 1:
		return value.TimeSpan(parts[0]), nil
	case 3:
		return value.TimeSpan(parts[0]*value.TicksPerHour + parts[1]*value.TicksPerMinute + parts[2]*value.TicksPerSecond), nil
	case 4, 5:
		t := parts[0]*value.TicksPerDay + parts[1]*value.TicksPerHour + parts[2]*value.TicksPerMinute + parts[3]*value.TicksPerSecond
		if len(parts) == 5 {
			t += parts[4] * value.TicksPerMillisecond
		}
		return value.TimeSpan(t), nil
	}
	return nil, fmt.Errorf("Cannot find an overload for \"new\" and the argument count: \"%d\".", len(args))
}
