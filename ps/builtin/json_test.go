package builtin_test

import "testing"

func TestConvertToJSON(t *testing.T) {
	runCases(t, []scriptCase{
		{"object", `[pscustomobject]@{Name='vm1'; CPU=2; On=$true; Tags=@('a','b'); Notes=$null} | ConvertTo-Json`,
			"{\n  \"Name\": \"vm1\",\n  \"CPU\": 2,\n  \"On\": true,\n  \"Tags\": [\n    \"a\",\n    \"b\"\n  ],\n  \"Notes\": null\n}\n"},
		{"compress", `[ordered]@{a=1; b=@(1,2); c=@{}} | ConvertTo-Json -Compress`, "{\"a\":1,\"b\":[1,2],\"c\":{}}\n"},
		{"several inputs make an array", `1, 2 | ConvertTo-Json`, "[\n  1,\n  2\n]\n"},
		{"array argument", `ConvertTo-Json @(1, 'x') -Compress`, "[1,\"x\"]\n"},
		{"empty array argument", `ConvertTo-Json @()`, "[]\n"},
		{"no pipeline input writes nothing", `@() | ConvertTo-Json`, ""},
		{"as array", `1 | ConvertTo-Json -AsArray`, "[\n  1\n]\n"},
		{"null", `$null | ConvertTo-Json`, "null\n"},
		{"scalars", `'s' | ConvertTo-Json; 1.5 | ConvertTo-Json; 1.0 | ConvertTo-Json; $false | ConvertTo-Json`, "\"s\"\n1.5\n1.0\nfalse\n"},
		{"large double", `1e20 | ConvertTo-Json`, "1E+20\n"},
		{"escaping", "\"a`\"b\\c`t`n\" | ConvertTo-Json", "\"a\\\"b\\\\c\\t\\n\"\n"},
		{"control character", "\"`a\" | ConvertTo-Json", "\"\\u0007\"\n"},
		{"html is not escaped by default", `'<a&b>' | ConvertTo-Json`, "\"<a&b>\"\n"},
		{"escape html", `'<a&b>' | ConvertTo-Json -EscapeHandling EscapeHtml`, "\"\\u003ca\\u0026b\\u003e\"\n"},
		{"escape non-ascii", `'é' | ConvertTo-Json -EscapeHandling EscapeNonAscii`, "\"\\u00e9\"\n"},
		{"depth truncation", `[ordered]@{a=[ordered]@{b=[ordered]@{c=[ordered]@{d=1}}}} | ConvertTo-Json`,
			"WARNING: Resulting JSON is truncated as serialization has exceeded the set depth of 2.\n" +
				"{\n  \"a\": {\n    \"b\": {\n      \"c\": \"System.Collections.Specialized.OrderedDictionary\"\n    }\n  }\n}\n"},
		{"depth truncation of an array", `@{a=@{b=@{c=@(1,2)}}} | ConvertTo-Json -Compress -WarningAction SilentlyContinue`, "{\"a\":{\"b\":{\"c\":\"1 2\"}}}\n"},
		{"depth parameter", `@{a=@{b=@{c=@{d=1}}}} | ConvertTo-Json -Depth 5 -Compress`, "{\"a\":{\"b\":{\"c\":{\"d\":1}}}}\n"},
		{"depth zero", `@{a=@{b=1}} | ConvertTo-Json -Depth 0 -Compress -WarningAction SilentlyContinue`, "{\"a\":\"System.Collections.Hashtable\"}\n"},
		{"enum as number and string", `$d = [datetime]::new(2026, 11, 24); $d.DayOfWeek | ConvertTo-Json; $d.DayOfWeek | ConvertTo-Json -EnumsAsStrings`, "2\n\"Tuesday\"\n"},
		{"unspecified date", `[datetime]::new(2020, 1, 2, 3, 4, 5) | ConvertTo-Json`, "\"2020-01-02T03:04:05\"\n"},
		{"utc date", `[datetime]::SpecifyKind([datetime]::new(2020, 1, 2, 3, 4, 5, 500), 'Utc') | ConvertTo-Json`, "\"2020-01-02T03:04:05.5Z\"\n"},
		{"get-date is a plain date", `Get-Date | ConvertTo-Json`, "\"2026-11-24T03:11:08+00:00\"\n"},
		{"guid", `[guid]'0f8fad5b-d9cb-469f-a165-70867728950e' | ConvertTo-Json`, "\"0f8fad5b-d9cb-469f-a165-70867728950e\"\n"},
		{"timespan object", `[timespan]::FromSeconds(90) | ConvertTo-Json -Compress`,
			"{\"Ticks\":900000000,\"Days\":0,\"Hours\":0,\"Milliseconds\":0,\"Microseconds\":0,\"Nanoseconds\":0,\"Minutes\":1,\"Seconds\":30,\"TotalDays\":0.0010416666666666667,\"TotalHours\":0.025,\"TotalMilliseconds\":90000.0,\"TotalMicroseconds\":90000000.0,\"TotalNanoseconds\":90000000000.0,\"TotalMinutes\":1.5,\"TotalSeconds\":90.0}\n"},
		{"nested objects indent", `[pscustomobject]@{A=[pscustomobject]@{B=1}; L=@([pscustomobject]@{C=2})} | ConvertTo-Json`,
			"{\n  \"A\": {\n    \"B\": 1\n  },\n  \"L\": [\n    {\n      \"C\": 2\n    }\n  ]\n}\n"},
	})
	runErrorCases(t, []errorCase{
		{"depth too large", `1 | ConvertTo-Json -Depth 101`, "", "Cannot validate argument on parameter 'Depth'. The 101 argument is greater than the maximum allowed range of 100."},
		{"non-string key", `@{1='a'} | ConvertTo-Json`, "", "The type 'System.Collections.Hashtable' is not supported for serialization or deserialization of a dictionary. Keys must be strings."},
	})
}

func TestConvertFromJSON(t *testing.T) {
	runCases(t, []scriptCase{
		{"object", `'{"a":1,"b":"x"}' | ConvertFrom-Json`, "\na b\n- -\n1 x\n\n"},
		{"integers are Int64", `('{"a":1}' | ConvertFrom-Json).a.GetType().Name`, "Int64\n"},
		{"doubles", `('{"a":1.5}' | ConvertFrom-Json).a.GetType().Name`, "Double\n"},
		{"big integers", `('{"a":123456789012345678901234567890}' | ConvertFrom-Json).a.GetType().Name`, "BigInteger\n"},
		{"arrays enumerate", `('[1,2,3]' | ConvertFrom-Json | Measure-Object).Count`, "3\n"},
		{"no enumerate", `('[1,2,3]' | ConvertFrom-Json -NoEnumerate | Measure-Object).Count`, "1\n"},
		{"nested", `$o = '{"vm":{"name":"web","disks":[{"gb":10},{"gb":20}]}}' | ConvertFrom-Json; $o.vm.name; $o.vm.disks.gb -join ','`, "web\n10,20\n"},
		{"property order kept", `('{"z":1,"a":2,"m":3}' | ConvertFrom-Json).psobject.Properties.Name -join ','`, "z,a,m\n"},
		{"utc date", `$d = ('{"d":"2020-01-02T03:04:05Z"}' | ConvertFrom-Json).d; $d.Kind; $d.Hour`, "Utc\n3\n"},
		{"unspecified date", `('{"d":"2020-01-02T03:04:05"}' | ConvertFrom-Json).d.Kind`, "Unspecified\n"},
		{"date-only string stays a string", `('{"d":"2020-01-02"}' | ConvertFrom-Json).d.GetType().Name`, "String\n"},
		{"date kind string", `('{"d":"2020-01-02T03:04:05Z"}' | ConvertFrom-Json -DateKind String).d.GetType().Name`, "String\n"},
		{"null and booleans", `$o = '{"n":null,"t":true,"f":false}' | ConvertFrom-Json; $null -eq $o.n; $o.t; $o.f`, "True\nTrue\nFalse\n"},
		{"as hashtable", `$h = '{"a":1,"A":2}' | ConvertFrom-Json -AsHashtable; $h.Count; $h['A']; $h.GetType().Name`, "2\n2\nOrderedHashtable\n"},
		{"lines of one document", `'{', '"a": 1', '}' | ConvertFrom-Json | ForEach-Object a`, "1\n"},
		{"one document per line", `'{"a":1}', '{"a":2}' | ConvertFrom-Json | ForEach-Object a`, "1\n2\n"},
		{"round trip", `[pscustomobject]@{a=1; b=@(1,2)} | ConvertTo-Json | ConvertFrom-Json | ForEach-Object b`, "1\n2\n"},
		{"escapes", `('"a\u0041\n\"b"' | ConvertFrom-Json)`, "aA\n\"b\n"},
		{"scalar", `'42' | ConvertFrom-Json`, "42\n"},
		{"comments and single quotes", "\"{ /* c */ 'a': 1, // x`n b: 2 }\" | ConvertFrom-Json | ForEach-Object { $_.a + $_.b }", "3\n"},
		{"duplicate key: last wins", `('{"a":1,"a":2}' | ConvertFrom-Json).a`, "2\n"},
	})
	runErrorCases(t, []errorCase{
		{"syntax", `'{"a":x}' | ConvertFrom-Json`, "",
			"Conversion from JSON failed with error: Unexpected character encountered while parsing value: x. Path 'a', line 1, position 5."},
		{"word", `'abc' | ConvertFrom-Json`, "",
			"Conversion from JSON failed with error: Unexpected character encountered while parsing value: a. Path '', line 0, position 0."},
		{"unterminated", `'{"a":1' | ConvertFrom-Json`, "", "Conversion from JSON failed with error: Unexpected end when reading JSON. Path 'a', line 1, position 6."},
		{"extra text", `'1 2' | ConvertFrom-Json`, "", "Conversion from JSON failed with error: Additional text encountered after finished reading JSON content: 2. Path '', line 1, position 2."},
		{"case-different keys", `'{"a":1,"A":2}' | ConvertFrom-Json`, "",
			"Cannot convert the JSON string because it contains keys with different casing. Please use the -AsHashTable switch instead. The key that was attempted to be added to the existing key 'a' was 'A'."},
		{"empty key", `'{"":1}' | ConvertFrom-Json`, "", "The provided JSON includes a property whose name is an empty string, this is only supported using the -AsHashTable switch."},
		{"depth", `'{"a":{"b":1}}' | ConvertFrom-Json -Depth 1`, "", "Conversion from JSON failed with error: The reader's MaxDepth of 1 has been exceeded."},
	})
}
