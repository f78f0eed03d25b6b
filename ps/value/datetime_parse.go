package value

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The date forms ParseDateTime accepts. .NET's DateTime.Parse is far more
// lenient; these are the forms admin scripts and JSON produce.
var (
	timePart = `(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7})\d*)?)?\s*([AaPp][Mm])?`
	zonePart = `\s*(Z|z|GMT|UTC|[+-]\d{2}(?::?\d{2})?)?`
	isoDate  = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)` + timePart + `)?` + zonePart + `$`)
	ymdSlash = regexp.MustCompile(`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:\s+` + timePart + `)?` + zonePart + `$`)
	mdySlash = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s+` + timePart + `)?` + zonePart + `$`)
	nameMDY  = regexp.MustCompile(`^(?:([A-Za-z]+),?\s+)?([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+` + timePart + `)?` + zonePart + `$`)
	nameDMY  = regexp.MustCompile(`^(?:([A-Za-z]+),?\s+)?(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})(?:,?\s+` + timePart + `)?` + zonePart + `$`)
	nameMY   = regexp.MustCompile(`^([A-Za-z]+)\s+(\d{4})$`)
	timeOnly = regexp.MustCompile(`^` + timePart + zonePart + `$`)
)

// ParseDateTime parses a date the way a [datetime] cast does under the
// invariant culture: ISO 8601 (2020-01-31, 2020-01-31T10:00:00Z),
// month-first numeric dates (01/31/2020 10:00 PM), and dates with month
// names (January 31, 2020; 31 Jan 2020; Friday, January 31, 2020). A
// trailing Z or offset makes a local date converted to the process's
// zone, as .NET does; a time alone is on today's date.
func ParseDateTime(s string) (DateTime, error) {
	in := strings.TrimSpace(s)
	bad := fmt.Errorf("String '%s' was not recognized as a valid DateTime.", s)
	if m := isoDate.FindStringSubmatch(in); m != nil {
		return buildDate(atoi(m[1]), atoi(m[2]), atoi(m[3]), m[4:9], m[9], bad)
	}
	if m := ymdSlash.FindStringSubmatch(in); m != nil {
		return buildDate(atoi(m[1]), atoi(m[2]), atoi(m[3]), m[4:9], m[9], bad)
	}
	if m := mdySlash.FindStringSubmatch(in); m != nil {
		y := atoi(m[3])
		if len(m[3]) == 2 {
			y = twoDigitYear(y)
		}
		return buildDate(y, atoi(m[1]), atoi(m[2]), m[4:9], m[9], bad)
	}
	if m := nameMDY.FindStringSubmatch(in); m != nil && validDayName(m[1]) {
		if mon := monthNumber(m[2]); mon > 0 {
			return buildDate(atoi(m[4]), mon, atoi(m[3]), m[5:10], m[10], bad)
		}
	}
	if m := nameDMY.FindStringSubmatch(in); m != nil && validDayName(m[1]) {
		if mon := monthNumber(m[3]); mon > 0 {
			return buildDate(atoi(m[4]), mon, atoi(m[2]), m[5:10], m[10], bad)
		}
	}
	if m := nameMY.FindStringSubmatch(in); m != nil {
		if mon := monthNumber(m[1]); mon > 0 {
			return buildDate(atoi(m[2]), mon, 1, nil, "", bad)
		}
	}
	if m := timeOnly.FindStringSubmatch(in); m != nil {
		now := time.Now()
		return buildDate(now.Year(), int(now.Month()), now.Day(), m[1:6], m[6], bad)
	}
	return DateTime{}, bad
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// twoDigitYear maps a two-digit year as .NET's calendar does (up to 49
// is 20xx, from 50 on is 19xx).
func twoDigitYear(y int) int {
	if y < 50 {
		return 2000 + y
	}
	return 1900 + y
}

// validDayName accepts an empty or a real (full or abbreviated) day name.
func validDayName(s string) bool {
	if s == "" {
		return true
	}
	for _, d := range dayNames {
		if strings.EqualFold(d, s) || strings.EqualFold(d[:3], s) {
			return true
		}
	}
	return false
}

// monthNumber returns 1-12 for a full or abbreviated month name, else 0.
func monthNumber(s string) int {
	for i, m := range monthNames {
		if strings.EqualFold(m, s) || strings.EqualFold(m[:3], s) || (len(s) >= 3 && strings.HasPrefix(strings.ToLower(m), strings.ToLower(s))) {
			return i + 1
		}
	}
	return 0
}

// buildDate assembles a date from its parts; tm holds hour, minute,
// second, fraction and AM/PM (any may be empty), zone the Z or offset.
func buildDate(y, mon, day int, tm []string, zone string, bad error) (DateTime, error) {
	if y < 1 || y > 9999 || mon < 1 || mon > 12 || day < 1 || day > DaysInMonth(y, mon) {
		return DateTime{}, bad
	}
	h, mi, sec, nsec := 0, 0, 0, 0
	if len(tm) == 5 && tm[0] != "" {
		h, mi, sec = atoi(tm[0]), atoi(tm[1]), atoi(tm[2])
		if tm[3] != "" {
			frac := tm[3] + strings.Repeat("0", 9-len(tm[3]))
			nsec = atoi(frac)
		}
		switch strings.ToUpper(tm[4]) {
		case "AM":
			if h < 1 || h > 12 {
				return DateTime{}, bad
			}
			if h == 12 {
				h = 0
			}
		case "PM":
			if h < 1 || h > 12 {
				return DateTime{}, bad
			}
			if h != 12 {
				h += 12
			}
		}
		if h > 23 || mi > 59 || sec > 59 {
			return DateTime{}, bad
		}
	}
	wall := time.Date(y, time.Month(mon), day, h, mi, sec, nsec, time.UTC)
	switch strings.ToUpper(zone) {
	case "":
		return DateTime{t: wall, kind: KindUnspecified}, nil
	case "Z", "GMT", "UTC":
		return DateTime{t: wall.In(time.Local), kind: KindLocal}, nil
	}
	sign := 1
	if zone[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(zone[1:], ":", "")
	offMin := atoi(digits[:2]) * 60
	if len(digits) >= 4 {
		offMin += atoi(digits[2:4])
	}
	instant := wall.Add(-time.Duration(sign*offMin) * time.Minute)
	return DateTime{t: instant.In(time.Local), kind: KindLocal}, nil
}

// ParseDateTimeRoundtrip parses an ISO 8601 date the way JSON readers
// do (Newtonsoft's round-trip handling): a trailing Z gives a UTC date,
// an offset a local date, no zone an unspecified date. ok is false when
// s is not an ISO 8601 date and time.
func ParseDateTimeRoundtrip(s string) (DateTime, bool) {
	m := isoDate.FindStringSubmatch(s)
	if m == nil || m[4] == "" || !strings.Contains(s, "T") || m[8] != "" {
		return DateTime{}, false
	}
	d, err := buildDate(atoi(m[1]), atoi(m[2]), atoi(m[3]), m[4:9], m[9], fmt.Errorf("bad"))
	if err != nil {
		return DateTime{}, false
	}
	if z := strings.ToUpper(m[9]); z == "Z" {
		return DateTime{t: d.t.UTC(), kind: KindUtc}, true
	}
	return d, true
}
