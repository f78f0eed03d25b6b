package builtin_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/keyhost/keyhost/ps/builtin"
	"github.com/keyhost/keyhost/ps/eval"
)

func TestGetDate(t *testing.T) {
	runCases(t, []scriptCase{
		{"display", `Get-Date`, "\nTuesday, November 24, 2026 3:11:08 AM\n\n"},
		{"display hint date", `Get-Date -DisplayHint Date`, "\nTuesday, November 24, 2026\n\n"},
		{"display hint time", `Get-Date -DisplayHint Time`, "\n3:11:08 AM\n\n"},
		{"display hint property", `(Get-Date).DisplayHint; $null -eq (Get-Date).AddDays(1).DisplayHint`, "DateTime\nTrue\n"},
		{"properties", `$d = Get-Date; "$($d.Year) $($d.Month) $($d.Day) $($d.Hour) $($d.Minute) $($d.Second) $($d.DayOfWeek) $($d.DayOfYear) $($d.Kind)"`, "2026 11 24 3 11 8 Tuesday 328 Local\n"},
		{"ticks", `(Get-Date).Ticks`, "639310866680000000\n"},
		{"format", `Get-Date -Format 'yyyy-MM-dd HH:mm:ss'`, "2026-11-24 03:11:08\n"},
		{"format standard", `Get-Date -Format d; Get-Date -Format o; Get-Date -Format s`, "11/24/2026\n2026-11-24T03:11:08.0000000+00:00\n2026-11-24T03:11:08\n"},
		{"format names", `Get-Date -Format 'dddd, MMMM d'; Get-Date -Format 'ddd MMM'`, "Tuesday, November 24\nTue Nov\n"},
		{"file date", `Get-Date -Format FileDate; Get-Date -Format FileDateTime; Get-Date -Format FileDateTimeUniversal`, "20261124\n20261124T0311080000\n20261124T0311080000Z\n"},
		{"uformat", `Get-Date -UFormat '%Y-%m-%d %H:%M:%S %A %a %B %b %j %u %w %Z'`, "2026-11-24 03:11:08 Tuesday Tue November Nov 328 2 2 +00\n"},
		{"uformat epoch and week", `Get-Date -UFormat '%s %V %G %U %C %y %D %R %T %F'`, "1795489868 48 2026 47 20 26 11/24/26 03:11 03:11:08 2026-11-24\n"},
		{"uformat padding", `Get-Date -Date '2026-01-05 07:08:09' -UFormat '[%e] [%k] [%l] [%I %p]'`, "[ 5] [ 7] [ 7] [07 AM]\n"},
		{"date parameter", `(Get-Date -Date '2020-03-04').Day`, "4\n"},
		{"date from the pipeline", `'2021-05-06' | Get-Date -Format d`, "5/6/2021\n"},
		{"date by property name", `[pscustomobject]@{LastWriteTime=[datetime]'2019-02-03'} | Get-Date -Format yyyy`, "2019\n"},
		{"parts", `Get-Date -Year 2020 -Month 2 -Day 29 -Hour 13 -Minute 0 -Second 0 -Format 'yyyy-MM-dd HH:mm:ss'`, "2020-02-29 13:00:00\n"},
		{"day overflows into the next month", `Get-Date -Year 2020 -Month 2 -Day 30 -Format 'yyyy-MM-dd'`, "2020-03-01\n"},
		{"millisecond", `Get-Date -Millisecond 5 -Format 'HH:mm:ss.fff'`, "03:11:08.005\n"},
		{"unix time", `Get-Date -UnixTimeSeconds 0 -AsUTC -Format o`, "1970-01-01T00:00:00.0000000Z\n"},
		{"as utc", `(Get-Date -AsUTC).Kind`, "Utc\n"},
		{"string form is invariant", `"$(Get-Date)"`, "11/24/2026 03:11:08\n"},
		{"to string is en-US", `(Get-Date).ToString()`, "11/24/2026 3:11:08 AM\n"},
		{"methods", `$d = Get-Date; $d.AddDays(7).Day; $d.AddMonths(3).Year; $d.AddHours(-4).Day; $d.AddMinutes(50).Hour; $d.AddSeconds(52).Minute; $d.AddYears(-1).Year`, "1\n2027\n23\n4\n12\n2025\n"},
		{"to string format", `(Get-Date).ToString('yyyy-MM-ddTHH:mm')`, "2026-11-24T03:11\n"},
		{"date property", `(Get-Date).Date.ToString('HH:mm:ss')`, "00:00:00\n"},
		{"subtract", `(Get-Date).Subtract([datetime]'2026-11-23').Days`, "1\n"},
		{"compare", `(Get-Date) -gt [datetime]'2026-01-01'; [datetime]'2020-01-01' -eq [datetime]'2020-01-01T00:00:00'`, "True\nTrue\n"},
		{"sort dates", `([datetime]'2022-01-01', [datetime]'2021-01-01' | Sort-Object)[0].Year`, "2021\n"},
		{"alias date", `(date).Year`, "2026\n"},
	})
	runErrorCases(t, []errorCase{
		{"month out of range", `Get-Date -Month 13`, "", "Cannot validate argument on parameter 'Month'. The 13 argument is greater than the maximum allowed range of 12."},
		{"bad date", `Get-Date -Date 'not a date'`, "", "Cannot bind parameter 'Date'."},
		{"format with uformat", `Get-Date -Format d -UFormat '%Y'`, "", "Parameter set cannot be resolved using the specified named parameters."},
	})
}

func TestDateTimeCasts(t *testing.T) {
	runCases(t, []scriptCase{
		{"iso", `([datetime]'2020-01-02T03:04:05').ToString('o')`, "2020-01-02T03:04:05.0000000\n"},
		{"us date", `([datetime]'01/02/2020').Day`, "2\n"},
		{"date and time", `([datetime]'2020-01-01 13:45').Hour`, "13\n"},
		{"statics", `[datetime]::Now.Year; [datetime]::Today.Hour; [datetime]::UtcNow.Kind; [datetime]::MinValue.Year; [datetime]::DaysInMonth(2024, 2); [datetime]::IsLeapYear(2023)`, "2026\n0\nUtc\n1\n29\nFalse\n"},
		{"parse", `([datetime]::Parse('2020-05-06')).Month`, "5\n"},
		{"new", `([datetime]::new(2020, 1, 2, 3, 4, 5)).Second`, "5\n"},
		{"day of week enum", `[System.DayOfWeek]::Monday; [DayOfWeek]'friday'; (Get-Date).DayOfWeek -eq 'Tuesday'; [int](Get-Date).DayOfWeek`, "Monday\nFriday\nTrue\n2\n"},
		{"kind enum", `[DateTimeKind]::Utc; ([datetime]::SpecifyKind([datetime]'2020-01-01', 'Local')).Kind`, "Utc\nLocal\n"},
		{"timespan cast", `([timespan]'1.02:03:04').TotalMinutes`, "1563.06666666667\n"},
		{"timespan string", `"$([timespan]::FromMinutes(90))"`, "01:30:00\n"},
		{"timespan statics", `[timespan]::FromHours(1.5).Minutes; [timespan]::Zero.Ticks`, "30\n0\n"},
	})
	runErrorCases(t, []errorCase{
		{"bad cast", `[datetime]'nope'`, "", "Cannot convert value \"nope\" to type \"System.DateTime\"."},
	})
}

func TestNewTimeSpan(t *testing.T) {
	runCases(t, []scriptCase{
		{"parts", `New-TimeSpan -Hours 2 -Minutes 30`,
			"\nDays              : 0\nHours             : 2\nMinutes           : 30\nSeconds           : 0\nMilliseconds      : 0\nTicks             : 90000000000\nTotalDays         : 0.104166666666667\nTotalHours        : 2.5\nTotalMinutes      : 150\nTotalSeconds      : 9000\nTotalMilliseconds : 9000000\n\n"},
		{"start and end", `(New-TimeSpan -Start '2020-01-01' -End '2020-01-03').Days`, "2\n"},
		{"start defaults end to now", `(New-TimeSpan -Start (Get-Date).AddHours(-5)).Hours`, "5\n"},
		{"positional", `(New-TimeSpan '2020-01-01' '2020-01-01 06:00').TotalHours`, "6\n"},
		{"days", `(New-TimeSpan -Days 3).TotalHours`, "72\n"},
	})
}

func TestRandomAndGuid(t *testing.T) {
	runCases(t, []scriptCase{
		{"seed repeats", `$a = Get-Random -SetSeed 5 -Maximum 1000; $b = Get-Random -SetSeed 5 -Maximum 1000; $a -eq $b`, "True\n"},
		{"seed continues the sequence", `$a = Get-Random -SetSeed 7; $b = Get-Random; $c = Get-Random -SetSeed 7; $d = Get-Random; $a -eq $c -and $b -eq $d`, "True\n"},
		{"range", `$ok = $true; 1..200 | ForEach-Object { $n = Get-Random -Minimum 3 -Maximum 6; if ($n -lt 3 -or $n -ge 6) { $ok = $false } }; $ok`, "True\n"},
		{"types", `(Get-Random).GetType().Name; (Get-Random -Maximum 1.0).GetType().Name; (Get-Random -Maximum 10000000000).GetType().Name`, "Int32\nDouble\nInt64\n"},
		{"count", `(Get-Random -Maximum 10 -Count 5).Count`, "5\n"},
		{"pick one", `$x = 'a','b','c' | Get-Random; 'a','b','c' -contains $x`, "True\n"},
		{"count picks distinct items", `$p = 1..10 | Get-Random -Count 10; ($p | Sort-Object) -join ','`, "1,2,3,4,5,6,7,8,9,10\n"},
		{"count larger than input", `(1..3 | Get-Random -Count 20).Count`, "3\n"},
		{"input object", `(Get-Random -InputObject 1, 2, 3 -Count 2).Count`, "2\n"},
		{"shuffle", `((Get-Random -InputObject 1, 2, 3 -Shuffle) | Sort-Object) -join ','`, "1,2,3\n"},
		{"guid", `$g = New-Guid; $g.Guid -match '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'; $g.GetType().Name`, "True\nGuid\n"},
		{"empty guid", `New-Guid -Empty`, "\nGuid\n----\n00000000-0000-0000-0000-000000000000\n\n"},
		{"guid from input", `('0F8FAD5B-D9CB-469F-A165-70867728950E' | New-Guid).ToString()`, "0f8fad5b-d9cb-469f-a165-70867728950e\n"},
		{"guids differ", `(New-Guid) -ne (New-Guid)`, "True\n"},
	})
	runErrorCases(t, []errorCase{
		{"min above max", `Get-Random -Minimum 10 -Maximum 5`, "", "The Minimum value (10) cannot be greater than or equal to the Maximum value (5)."},
		{"count zero", `Get-Random -Count 0`, "", "Cannot validate argument on parameter 'Count'. The 0 argument is less than the minimum allowed range of 1."},
	})
}

func TestStartSleep(t *testing.T) {
	runCases(t, []scriptCase{
		{"milliseconds", `Start-Sleep -Milliseconds 5; 'done'`, "done\n"},
		{"fractional seconds", `Start-Sleep 0.01; 'done'`, "done\n"},
		{"duration", `Start-Sleep -Duration ([timespan]::FromMilliseconds(5)); 'done'`, "done\n"},
		{"ms alias", `Start-Sleep -ms 1; 'done'`, "done\n"},
		{"zero", `Start-Sleep 0; 'done'`, "done\n"},
	})
	runErrorCases(t, []errorCase{
		{"negative", `Start-Sleep -Seconds -1`, "", "Cannot validate argument on parameter 'Seconds'. The -1 argument is less than the minimum allowed range of 0."},
	})
	t.Run("cancellation ends the sleep", func(t *testing.T) {
		table := eval.NewCommandTable()
		builtin.Register(table)
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		r := eval.New(eval.WithHost(&eval.Host{Now: func() time.Time { return testNow }, FS: eval.NewMemFS(nil)}), eval.WithCommands(table))
		start := time.Now()
		r.RunCommand(ctx, "<test>", `Start-Sleep -Seconds 30`)
		assert.Less(t, time.Since(start), 5*time.Second)
	})
}
