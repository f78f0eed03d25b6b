package pester

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/keyhost/keyhost/ps/value"
)

// NUnit 2.5 XML (TestResult.OutputFormat NUnitXml), laid out as
// TestResults.NUnit25.ps1 writes it: a root suite named after the run,
// one TestFixture suite per container and per block, the tests of one
// It -ForEach grouped in a ParameterizedTest suite.

// suiteCounts are what a suite's result and success come from.
type suiteCounts struct {
	failed, skipped, inconclusive int
	duration                      time.Duration
}

// groupResult is Get-GroupResult: failures win, then skips, then
// inconclusive tests.
func (s suiteCounts) groupResult() string {
	switch {
	case s.failed > 0:
		return "Failure"
	case s.skipped > 0:
		return "Ignored"
	case s.inconclusive > 0:
		return "Inconclusive"
	}
	return "Success"
}

// suite builds a test-suite element.
func suite(kind, name, description string, s suiteCounts) *xmlNode {
	success := "True"
	if s.failed > 0 {
		success = "False"
	}
	return el("test-suite",
		"type", kind,
		"name", name,
		"executed", "True",
		"result", s.groupResult(),
		"success", success,
		"time", seconds4(s.duration),
		"asserts", "0",
		"description", description)
}

// nunitReport renders the run as NUnit 2.5 XML.
func nunitReport(res *RunResult) []byte {
	local := res.ExecutedAt
	root := el("test-results",
		"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance",
		"xsi:noNamespaceSchemaLocation", "nunit_schema_2.5.xsd",
		"name", res.SuiteName,
		"total", strconv.Itoa(res.TotalCount-res.NotRunCount),
		"errors", "0",
		"failures", strconv.Itoa(res.FailedCount),
		"not-run", strconv.Itoa(res.NotRunCount),
		"inconclusive", strconv.Itoa(res.InconclusiveCount),
		"ignored", "0",
		"skipped", strconv.Itoa(res.SkippedCount),
		"invalid", "0",
		"date", local.Format("2006-01-02"),
		"time", local.Format("15:04:05"))
	env := el("environment")
	for _, kv := range res.env.pairs() {
		if kv[0] == "junit-version" || kv[0] == "framework-version" {
			continue
		}
		env.attr(kv[0], kv[1])
	}
	culture := res.env.Culture
	if culture == "" {
		culture = "en-US"
	}
	root.add(env, el("culture-info", "current-culture", culture, "current-uiculture", culture))
	top := suite("TestFixture", res.SuiteName, "Pester", suiteCounts{failed: res.FailedCount, skipped: res.SkippedCount, inconclusive: res.InconclusiveCount, duration: res.Duration})
	results := el("results")
	for _, cont := range res.Containers {
		if !cont.ShouldRun() {
			continue
		}
		s := suite("TestFixture", cont.Path, cont.Path, suiteCounts{failed: cont.FailedCount, skipped: cont.SkippedCount, inconclusive: cont.InconclusiveCount, duration: cont.Duration})
		s.add(nunitResults(res, cont.Root))
		results.add(s)
	}
	root.add(top.add(results))
	return xmlDocument(root)
}

// nunitResults renders a block's children: its blocks, then its tests
// grouped by It -ForEach (ungrouped tests first, as Group-Object sorts by
// the group's id).
func nunitResults(res *RunResult, b *Block) *xmlNode {
	results := el("results")
	for _, c := range b.Blocks {
		if !c.ShouldRun {
			continue
		}
		s := suite("TestFixture", c.ExpandedPath, c.ExpandedPath, suiteCounts{failed: c.FailedCount, skipped: c.SkippedCount, inconclusive: c.InconclusiveCount, duration: c.Duration})
		s.add(nunitResults(res, c))
		results.add(s)
	}
	var ids []string
	groups := map[string][]*Test{}
	for _, t := range b.Tests {
		if _, ok := groups[t.ID]; !ok {
			ids = append(ids, t.ID)
		}
		groups[t.ID] = append(groups[t.ID], t)
	}
	sort.SliceStable(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		tests := groups[id]
		if id == "" {
			for _, t := range tests {
				if t.ShouldRun {
					results.add(nunitTestCase(res, t, ""))
				}
			}
			continue
		}
		var sc suiteCounts
		for _, t := range tests {
			switch t.Result {
			case Failed:
				sc.failed++
			case Skipped:
				sc.skipped++
			case Inconclusive:
				sc.inconclusive++
			}
			sc.duration += t.Duration
		}
		name := strings.Join(tests[0].Path, ".")
		ps := suite("ParameterizedTest", name, tests[0].Path[len(tests[0].Path)-1], sc)
		inner := el("results")
		for _, t := range tests {
			if t.ShouldRun {
				inner.add(nunitTestCase(res, t, name))
			}
		}
		results.add(ps.add(inner))
	}
	return results
}

// nunitTestCase renders one test. A test of a parameterized group whose
// name has no template gets its data appended, ("a",1).
func nunitTestCase(res *RunResult, t *Test, groupName string) *xmlNode {
	name := t.ExpandedPath
	if groupName != "" && name == groupName && t.HasData {
		var params []string
		if h, ok := t.Data.(*value.Hashtable); ok {
			for _, v := range h.Values() {
				switch x := v.(type) {
				case nil:
					params = append(params, "null")
				case string:
					params = append(params, `"`+x+`"`)
				default:
					params = append(params, value.ToString(x))
				}
			}
		}
		name += "(" + strings.Join(params, ",") + ")"
	}
	success := "False"
	if t.Result == Passed {
		success = "True"
	}
	tc := el("test-case", "description", t.ExpandedName, "name", name, "time", seconds4(t.Duration), "asserts", "0", "success", success)
	switch t.Result {
	case Passed:
		tc.attr("result", "Success").attr("executed", "True")
	case Skipped:
		tc.attr("result", "Ignored").attr("executed", "False")
	case Inconclusive:
		tc.attr("result", "Inconclusive").attr("executed", "True")
	case Failed:
		tc.attr("result", "Failure").attr("executed", "True")
		msg, trace := xmlFailure(res, t)
		tc.add(el("failure").add(elementString("message", msg), elementString("stack-trace", trace)))
	}
	return tc
}
