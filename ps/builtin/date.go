package builtin

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// getDate is Get-Date: the current date and time from the host's clock
// (or -Date, or -UnixTimeSeconds), with parts replaced by -Year, -Month,
// ..., and optionally formatted by -Format (.NET) or -UFormat (strftime).
func getDate() *eval.CommandInfo {
	dateSets := []eval.ParameterSet{
		{Name: "DateAndFormat", Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true},
		{Name: "DateAndUFormat", Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true},
	}
	part := func(name string, lo, hi int64) *eval.Parameter {
		return &eval.Parameter{Name: name, Type: eval.Int32Type, Validate: validateRange(lo, hi)}
	}
	return &eval.CommandInfo{
		Name:                "Get-Date",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.GetDateCommand",
		Synopsis:            "Gets the current date and time.",
		DefaultParameterSet: "DateAndFormat",
		OutputType:          []string{"System.String", "System.DateTime"},
		Parameters: []*eval.Parameter{
			{Name: "Date", Aliases: []string{"LastWriteTime"}, Type: dateTimeType, Sets: dateSets},
			{Name: "UnixTimeSeconds", Aliases: []string{"UnixTime"}, Type: int64Type, Validate: validateRange(-62135596800, 253402300799),
				Sets: []eval.ParameterSet{{Name: "UnixTimeSecondsAndFormat", Mandatory: true, Position: -1}, {Name: "UnixTimeSecondsAndUFormat", Mandatory: true, Position: -1}}},
			part("Year", 1, 9999), part("Month", 1, 12), part("Day", 1, 31), part("Hour", 0, 23),
			part("Minute", 0, 59), part("Second", 0, 59), part("Millisecond", 0, 999),
			{Name: "DisplayHint", Type: enumParamType(value.DisplayHintType.Name, value.DisplayHintType.Members...)},
			{Name: "UFormat", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "DateAndUFormat", Mandatory: true, Position: -1}, {Name: "UnixTimeSecondsAndUFormat", Mandatory: true, Position: -1}}},
			{Name: "Format", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "DateAndFormat", Position: -1}, {Name: "UnixTimeSecondsAndFormat", Position: -1}}},
			{Name: "AsUTC", Switch: true},
		},
		New: func() eval.Processor { return eval.ProcessFunc(getDateProcess) },
	}
}

func getDateProcess(c *eval.Call) error {
	d := value.NewDateTime(c.Now(), value.KindLocal)
	switch {
	case c.Has("Date"):
		d = c.Value("Date").(value.DateTime).WithDisplayHint(value.HintNone)
	case c.Has("UnixTimeSeconds"):
		secs := c.Value("UnixTimeSeconds").(int64)
		d = value.NewDateTime(time.Unix(secs, 0), value.KindLocal)
	}
	var err error
	// Each part moves the date by the difference, as pwsh does: -Day 31
	// in a 30-day month overflows into the next month.
	for _, p := range []struct {
		name  string
		scale int64
	}{{"Year", 0}, {"Month", 0}, {"Day", value.TicksPerDay}, {"Hour", value.TicksPerHour},
		{"Minute", value.TicksPerMinute}, {"Second", value.TicksPerSecond}, {"Millisecond", value.TicksPerMillisecond}} {
		if err != nil || !c.Has(p.name) {
			continue
		}
		want, _ := value.ToInt32(c.Value(p.name))
		cur, _ := d.Property(p.name)
		diff := int64(want) - int64(cur.(int32))
		switch p.name {
		case "Year":
			d, err = d.AddMonths(int(diff) * 12)
		case "Month":
			d, err = d.AddMonths(int(diff))
		default:
			d, err = d.AddTicks(diff * p.scale)
		}
		if err == nil && p.name == "Millisecond" {
			d, err = d.AddTicks(-(d.Ticks() % value.TicksPerMillisecond))
		}
	}
	if err != nil {
		return c.ThrowTerminatingError(c.NewError(eval.NewException("System.ArgumentOutOfRangeException", err.Error()), "System.ArgumentOutOfRangeException", eval.NotSpecified, nil))
	}
	if c.Switch("AsUTC") {
		d = d.ToUniversalTime()
	}
	if c.Has("UFormat") {
		return c.WriteObject(uFormat(d, c.String("UFormat")))
	}
	if c.Has("Format") {
		f := c.String("Format")
		switch strings.ToLower(f) {
		case "filedate":
			f = "yyyyMMdd"
		case "filedateuniversal":
			d, f = d.ToUniversalTime(), "yyyyMMddZ"
		case "filedatetime":
			f = "yyyyMMddTHHmmssffff"
		case "filedatetimeuniversal":
			d, f = d.ToUniversalTime(), "yyyyMMddTHHmmssffffZ"
		}
		s, err := d.FormatCurrent(f)
		if err != nil {
			return c.ThrowTerminatingError(c.NewError(eval.NewException("System.FormatException", err.Error()), "System.FormatException", eval.NotSpecified, nil))
		}
		return c.WriteObject(s)
	}
	hint := value.HintDateTime
	if c.Has("DisplayHint") {
		hint = value.DisplayHint(c.Value("DisplayHint").(value.Enum).Index + 1)
	}
	return c.WriteObject(d.WithDisplayHint(hint))
}

// uFormat formats a date with Get-Date -UFormat's strftime-like
// specifiers, as pwsh 7 defines them.
func uFormat(d value.DateTime, f string) string {
	t := d.Time()
	f = strings.TrimPrefix(f, "+")
	fm := func(p string) string { s, _ := d.FormatCurrent(p); return s }
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			b.WriteByte(f[i])
			continue
		}
		i++
		if i >= len(f) {
			break
		}
		isoYear, isoWeek := t.ISOWeek()
		switch f[i] {
		case 'A':
			b.WriteString(fm("dddd"))
		case 'a':
			b.WriteString(fm("ddd"))
		case 'B':
			b.WriteString(fm("MMMM"))
		case 'b', 'h':
			b.WriteString(fm("MMM"))
		case 'C':
			b.WriteString(strconv.Itoa(t.Year() / 100))
		case 'c':
			b.WriteString(fm("ddd dd MMM yyyy HH:mm:ss"))
		case 'D', 'x':
			b.WriteString(fm("MM/dd/yy"))
		case 'd':
			b.WriteString(fm("dd"))
		case 'e':
			fmt.Fprintf(&b, "%2d", t.Day())
		case 'F':
			b.WriteString(fm("yyyy-MM-dd"))
		case 'G':
			fmt.Fprintf(&b, "%04d", isoYear)
		case 'g':
			fmt.Fprintf(&b, "%02d", isoYear%100)
		case 'H':
			b.WriteString(fm("HH"))
		case 'I':
			b.WriteString(fm("hh"))
		case 'j':
			fmt.Fprintf(&b, "%03d", t.YearDay())
		case 'k':
			fmt.Fprintf(&b, "%2d", t.Hour())
		case 'l':
			fmt.Fprintf(&b, "%2s", fm("%h"))
		case 'M':
			b.WriteString(fm("mm"))
		case 'm':
			b.WriteString(fm("MM"))
		case 'n':
			b.WriteByte('\n')
		case 'p':
			b.WriteString(fm("tt"))
		case 'R':
			b.WriteString(fm("HH:mm"))
		case 'r':
			b.WriteString(fm("hh:mm:ss tt"))
		case 'S':
			b.WriteString(fm("ss"))
		case 's':
			secs := float64(d.ToUniversalTime().Ticks()-value.NewDateTime(time.Unix(0, 0), value.KindUtc).Ticks()) / float64(value.TicksPerSecond)
			b.WriteString(strconv.FormatFloat(math.Round(secs), 'f', 0, 64))
		case 'T', 'X':
			b.WriteString(fm("HH:mm:ss"))
		case 't':
			b.WriteByte('\t')
		case 'U':
			jan1 := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
			off := (int(jan1.Weekday()) + 6) % 7
			fmt.Fprintf(&b, "%02d", (off+t.YearDay()-int(t.Weekday()))/7)
		case 'u':
			wd := int(t.Weekday())
			if wd == 0 {
				wd = 7
			}
			b.WriteString(strconv.Itoa(wd))
		case 'V':
			fmt.Fprintf(&b, "%02d", isoWeek)
		case 'W':
			b.WriteString(strconv.Itoa(t.YearDay() / 7))
		case 'w':
			b.WriteString(strconv.Itoa(int(t.Weekday())))
		case 'Y':
			b.WriteString(fm("yyyy"))
		case 'y':
			b.WriteString(fm("yy"))
		case 'Z':
			b.WriteString(fm("zz"))
		default:
			b.WriteByte(f[i])
		}
	}
	return b.String()
}

// newTimeSpan is New-TimeSpan: the time between -Start and -End (each
// defaulting to now), or a span built from -Days, -Hours, ...
func newTimeSpan() *eval.CommandInfo {
	timeSet := []eval.ParameterSet{{Name: "Time", Position: -1}}
	return &eval.CommandInfo{
		Name:                "New-TimeSpan",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.NewTimeSpanCommand",
		Synopsis:            "Creates a TimeSpan object.",
		DefaultParameterSet: "Date",
		OutputType:          []string{"System.TimeSpan"},
		Parameters: []*eval.Parameter{
			{Name: "Start", Aliases: []string{"LastWriteTime"}, Type: dateTimeType, Sets: []eval.ParameterSet{{Name: "Date", Position: 0, ValueFromPipelineByPropertyName: true}}},
			{Name: "End", Type: dateTimeType, Sets: []eval.ParameterSet{{Name: "Date", Position: 1, ValueFromPipelineByPropertyName: true}}},
			{Name: "Days", Type: eval.Int32Type, Sets: timeSet},
			{Name: "Hours", Type: eval.Int32Type, Sets: timeSet},
			{Name: "Minutes", Type: eval.Int32Type, Sets: timeSet},
			{Name: "Seconds", Type: eval.Int32Type, Sets: timeSet},
			{Name: "Milliseconds", Type: eval.Int32Type, Sets: timeSet},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if c.ParameterSetName() == "Time" {
					var ticks int64
					for _, p := range []struct {
						name  string
						scale int64
					}{{"Days", value.TicksPerDay}, {"Hours", value.TicksPerHour}, {"Minutes", value.TicksPerMinute},
						{"Seconds", value.TicksPerSecond}, {"Milliseconds", value.TicksPerMillisecond}} {
						n, _ := value.ToInt64(c.Value(p.name))
						ticks += n * p.scale
					}
					return c.WriteObject(value.TimeSpan(ticks))
				}
				now := value.NewDateTime(c.Now(), value.KindLocal)
				start, end := now, now
				if c.Has("Start") {
					start = c.Value("Start").(value.DateTime)
				}
				if c.Has("End") {
					end = c.Value("End").(value.DateTime)
				}
				return c.WriteObject(value.TimeSpan(end.Ticks() - start.Ticks()))
			})
		},
	}
}
