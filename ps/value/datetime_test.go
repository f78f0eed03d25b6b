package value

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sample is Tuesday, November 24, 2026 15:04:05.1234567, unspecified kind.
var sample = NewDateTime(time.Date(2026, 11, 24, 15, 4, 5, 123456700, time.UTC), KindUnspecified)

func TestDateTimeFormat(t *testing.T) {
	for _, tc := range []struct{ format, want string }{
		// Standard formats, en-US (the current culture keyhost assumes).
		{"d", "11/24/2026"},
		{"D", "Tuesday, November 24, 2026"},
		{"t", "3:04 PM"},
		{"T", "3:04:05 PM"},
		{"f", "Tuesday, November 24, 2026 3:04 PM"},
		{"F", "Tuesday, November 24, 2026 3:04:05 PM"},
		{"g", "11/24/2026 3:04 PM"},
		{"G", "11/24/2026 3:04:05 PM"},
		{"M", "November 24"},
		{"Y", "November 2026"},
		{"s", "2026-11-24T15:04:05"},
		{"o", "2026-11-24T15:04:05.1234567"},
		{"u", "2026-11-24 15:04:05Z"},
		{"R", "Tue, 24 Nov 2026 15:04:05 GMT"},
		// Custom formats.
		{"yyyy-MM-dd HH:mm:ss", "2026-11-24 15:04:05"},
		{"yy M d h H m s", "26 11 24 3 15 4 5"},
		{"ddd dddd MMM MMMM", "Tue Tuesday Nov November"},
		{"fff ffffff FFF", "123 123456 123"},
		{"tt t", "PM P"},
		{"'literal' \\d", "literal d"},
		{"%d", "24"},
		{"yyyyMMddTHHmmss", "20261124T150405"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			got, err := sample.FormatCurrent(tc.format)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	assert.Equal(t, "11/24/2026 15:04:05", sample.String(), "invariant culture string form")
	assert.Equal(t, "Tuesday, November 24, 2026 3:04:05 PM", sample.LongString())
}

func TestDateTimeParse(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2020-01-31", "2020-01-31T00:00:00.0000000"},
		{"2020-01-31T10:20:30", "2020-01-31T10:20:30.0000000"},
		{"2020-01-31 10:20", "2020-01-31T10:20:00.0000000"},
		{"01/31/2020", "2020-01-31T00:00:00.0000000"},
		{"1/31/2020 10:00 PM", "2020-01-31T22:00:00.0000000"},
		{"January 31, 2020", "2020-01-31T00:00:00.0000000"},
		{"31 Jan 2020", "2020-01-31T00:00:00.0000000"},
		{"Friday, January 31, 2020", "2020-01-31T00:00:00.0000000"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			d, err := ParseDateTime(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, d.FormatInvariant("o"))
		})
	}
	_, err := ParseDateTime("not a date")
	assert.EqualError(t, err, "String 'not a date' was not recognized as a valid DateTime.")
}

func TestDateTimeRoundtrip(t *testing.T) {
	d, ok := ParseDateTimeRoundtrip("2020-01-02T03:04:05.5Z")
	require.True(t, ok)
	assert.Equal(t, KindUtc, d.Kind())
	assert.Equal(t, "2020-01-02T03:04:05.5000000Z", d.FormatInvariant("o"))
	d, ok = ParseDateTimeRoundtrip("2020-01-02T03:04:05")
	require.True(t, ok)
	assert.Equal(t, KindUnspecified, d.Kind())
	_, ok = ParseDateTimeRoundtrip("2020-01-02")
	assert.False(t, ok, "a date without a time stays a string in JSON")
}

func TestDateTimeArithmetic(t *testing.T) {
	jan31 := NewDateTime(time.Date(2020, 1, 31, 0, 0, 0, 0, time.UTC), KindUnspecified)
	feb, err := jan31.AddMonths(1)
	require.NoError(t, err)
	assert.Equal(t, "2020-02-29", feb.FormatInvariant("yyyy-MM-dd"), "AddMonths clamps to the month's last day")
	next, err := jan31.OpAddition(TimeSpan(TicksPerDay))
	require.NoError(t, err)
	assert.Equal(t, "2020-02-01", next.(DateTime).FormatInvariant("yyyy-MM-dd"))
	diff, err := feb.OpSubtraction(jan31)
	require.NoError(t, err)
	assert.Equal(t, TimeSpan(29*TicksPerDay), diff)
	c, err := jan31.CompareTo(feb)
	require.NoError(t, err)
	assert.Equal(t, -1, c)
	assert.True(t, jan31.EqualTo("2020-01-31"))
	v, ok := jan31.Property("DayOfWeek")
	require.True(t, ok)
	assert.Equal(t, "Friday", v.(Enum).String())
	_, ok = jan31.Property("DisplayHint")
	assert.False(t, ok, "only Get-Date's dates carry a DisplayHint")
	hinted := jan31.WithDisplayHint(HintDate)
	assert.Equal(t, "Friday, January 31, 2020", hinted.HintText())
}

func TestTimeSpan(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"01:02:03", "01:02:03"},
		{"1.02:03:04", "1.02:03:04"},
		{"00:00:01.5", "00:00:01.5000000"},
		{"-00:30:00", "-00:30:00"},
		{"1:02:03:04", "1.02:03:04"},
		{"3", "3.00:00:00"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			ts, err := ParseTimeSpan(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, ts.String())
		})
	}
	ts := TimeSpan(90 * TicksPerMinute)
	f, err := ts.Format(`hh\:mm`)
	require.NoError(t, err)
	assert.Equal(t, "01:30", f)
	total, _ := ts.Property("TotalHours")
	assert.Equal(t, 1.5, total)
	sum, err := ts.OpAddition(TimeSpan(30 * TicksPerMinute))
	require.NoError(t, err)
	assert.Equal(t, TimeSpan(2*TicksPerHour), sum)
}
