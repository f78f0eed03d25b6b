package value

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// dateCulture holds the date patterns and names of one culture. keyhost
// knows two: the invariant culture (casts, string expansion) and en-US,
// its current culture (ToString(), Get-Date, formatted output).
type dateCulture struct {
	shortDate, longDate, shortTime, longTime, monthDay, yearMonth string
	am, pm                                                        string
}

var (
	invariantDates = &dateCulture{
		shortDate: "MM/dd/yyyy", longDate: "dddd, dd MMMM yyyy",
		shortTime: "HH:mm", longTime: "HH:mm:ss",
		monthDay: "MMMM dd", yearMonth: "yyyy MMMM",
		am: "AM", pm: "PM",
	}
	enUSDates = &dateCulture{
		shortDate: "M/d/yyyy", longDate: "dddd, MMMM d, yyyy",
		shortTime: "h:mm tt", longTime: "h:mm:ss tt",
		monthDay: "MMMM d", yearMonth: "MMMM yyyy",
		am: "AM", pm: "PM",
	}
)

var (
	monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	dayNames   = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
)

// errBadFormat is .NET's FormatException text for a bad format string.
var errBadFormat = fmt.Errorf("Input string was not in a correct format.")

// standardPattern expands a one-letter standard format to its custom
// pattern. utc reports formats that convert a local date to UTC first.
func (c *dateCulture) standardPattern(f byte) (pattern string, utc bool, ok bool) {
	switch f {
	case 'd':
		return c.shortDate, false, true
	case 'D':
		return c.longDate, false, true
	case 'f':
		return c.longDate + " " + c.shortTime, false, true
	case 'F':
		return c.longDate + " " + c.longTime, false, true
	case 'g':
		return c.shortDate + " " + c.shortTime, false, true
	case 'G':
		return c.shortDate + " " + c.longTime, false, true
	case 'm', 'M':
		return c.monthDay, false, true
	case 'o', 'O':
		return "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK", false, true
	case 'r', 'R':
		return "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'", true, true
	case 's':
		return "yyyy'-'MM'-'dd'T'HH':'mm':'ss", false, true
	case 't':
		return c.shortTime, false, true
	case 'T':
		return c.longTime, false, true
	case 'u':
		return "yyyy'-'MM'-'dd HH':'mm':'ss'Z'", false, true
	case 'U':
		return invariantDates.longDate + " " + invariantDates.longTime, true, true
	case 'y', 'Y':
		return c.yearMonth, false, true
	}
	return "", false, false
}

// FormatCurrent formats the date with a .NET format string under
// keyhost's current culture (en-US), returning .NET's FormatException
// text for a bad format.
func (d DateTime) FormatCurrent(format string) (string, error) { return d.formatErr(format, enUSDates) }

// formatErr formats the date with a .NET format string under a culture,
// returning .NET's FormatException text for a bad format.
func (d DateTime) formatErr(format string, c *dateCulture) (string, error) {
	if len(format) == 1 {
		pattern, utc, ok := c.standardPattern(format[0])
		if !ok {
			return "", errBadFormat
		}
		if utc {
			d = d.ToUniversalTime()
			if format[0] == 'U' {
				pattern = c.longDate + " " + c.longTime
			}
		}
		return d.formatCustom(pattern, c)
	}
	return d.formatCustom(format, c)
}

// repeatCount counts how often the rune at i repeats.
func repeatCount(rs []rune, i int) int {
	n := 1
	for i+n < len(rs) && rs[i+n] == rs[i] {
		n++
	}
	return n
}

// pad formats n with at least width digits.
func pad(n, width int) string {
	s := strconv.Itoa(n)
	if len(s) < width {
		s = strings.Repeat("0", width-len(s)) + s
	}
	return s
}

// formatCustom applies a .NET custom date and time format.
func (d DateTime) formatCustom(format string, c *dateCulture) (string, error) {
	t := d.t
	rs := []rune(format)
	var b strings.Builder
	for i := 0; i < len(rs); {
		ch := rs[i]
		n := repeatCount(rs, i)
		switch ch {
		case 'd':
			switch {
			case n == 1:
				b.WriteString(strconv.Itoa(t.Day()))
			case n == 2:
				b.WriteString(pad(t.Day(), 2))
			case n == 3:
				b.WriteString(dayNames[t.Weekday()][:3])
			default:
				b.WriteString(dayNames[t.Weekday()])
			}
		case 'M':
			switch {
			case n == 1:
				b.WriteString(strconv.Itoa(int(t.Month())))
			case n == 2:
				b.WriteString(pad(int(t.Month()), 2))
			case n == 3:
				b.WriteString(monthNames[t.Month()-1][:3])
			default:
				b.WriteString(monthNames[t.Month()-1])
			}
		case 'y':
			y := t.Year()
			switch {
			case n == 1:
				b.WriteString(strconv.Itoa(y % 100))
			case n == 2:
				b.WriteString(pad(y%100, 2))
			default:
				b.WriteString(pad(y, n))
			}
		case 'h':
			h := t.Hour() % 12
			if h == 0 {
				h = 12
			}
			b.WriteString(pad(h, min(n, 2)))
		case 'H':
			b.WriteString(pad(t.Hour(), min(n, 2)))
		case 'm':
			b.WriteString(pad(t.Minute(), min(n, 2)))
		case 's':
			b.WriteString(pad(t.Second(), min(n, 2)))
		case 'f', 'F':
			if n > 7 {
				return "", errBadFormat
			}
			frac := pad(t.Nanosecond()/100, 7)[:n]
			if ch == 'F' {
				frac = strings.TrimRight(frac, "0")
				if frac == "" {
					// .NET drops the separator in front of an empty F group.
					s := b.String()
					if strings.HasSuffix(s, ".") {
						b.Reset()
						b.WriteString(s[:len(s)-1])
					}
				}
			}
			b.WriteString(frac)
		case 't':
			ampm := c.am
			if t.Hour() >= 12 {
				ampm = c.pm
			}
			if n == 1 {
				ampm = ampm[:1]
			}
			b.WriteString(ampm)
		case 'z':
			// .NET's z shows the local zone's offset whatever the kind.
			off := d.offset()
			if d.kind != KindLocal {
				_, o := t.In(time.Local).Zone()
				off = o / 60
			}
			sign := "+"
			if off < 0 {
				sign = "-"
				off = -off
			}
			switch {
			case n == 1:
				b.WriteString(sign + strconv.Itoa(off/60))
			case n == 2:
				b.WriteString(sign + pad(off/60, 2))
			default:
				b.WriteString(sign + pad(off/60, 2) + ":" + pad(off%60, 2))
			}
		case 'K':
			switch d.kind {
			case KindUtc:
				b.WriteString("Z")
			case KindLocal:
				off := d.offset()
				sign := "+"
				if off < 0 {
					sign = "-"
					off = -off
				}
				b.WriteString(sign + pad(off/60, 2) + ":" + pad(off%60, 2))
			}
			n = 1
		case 'g':
			b.WriteString("A.D.")
		case ':':
			b.WriteByte(':')
			n = 1
		case '/':
			b.WriteByte('/')
			n = 1
		case '\'', '"':
			j := i + 1
			for j < len(rs) && rs[j] != ch {
				if rs[j] == '\\' && j+1 < len(rs) {
					j++
				}
				b.WriteRune(rs[j])
				j++
			}
			if j >= len(rs) {
				return "", fmt.Errorf("Cannot find a matching quote character for the character '%c'.", ch)
			}
			n = j - i + 1
		case '%':
			if i+1 < len(rs) && rs[i+1] != '%' {
				s, err := d.formatCustom(string(rs[i+1]), c)
				if err != nil {
					return "", err
				}
				b.WriteString(s)
				n = 2
			} else {
				return "", errBadFormat
			}
		case '\\':
			if i+1 >= len(rs) {
				return "", errBadFormat
			}
			b.WriteRune(rs[i+1])
			n = 2
		default:
			b.WriteRune(ch)
			n = 1
		}
		i += n
	}
	return b.String(), nil
}
