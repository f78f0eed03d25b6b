package pester

import (
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"
	"time"
)

// JUnit 4 XML (TestResult.OutputFormat JUnitXml), laid out as
// TestResults.JUnit4.ps1 writes it: one testsuite per container that ran,
// one testcase per test selected to run, named by its expanded path.

// junitReport renders the run as JUnit XML.
func junitReport(res *RunResult) []byte {
	root := el("testsuites",
		"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance",
		"xsi:noNamespaceSchemaLocation", "junit_schema_4.xsd",
		"name", res.SuiteName,
		"tests", strconv.Itoa(res.TotalCount),
		"errors", strconv.Itoa(len(res.FailedContainers)+len(res.FailedBlocks)),
		"failures", strconv.Itoa(res.FailedCount),
		"disabled", strconv.Itoa(res.NotRunCount+res.SkippedCount),
		"time", seconds3(res.Duration))
	id := 0
	for _, cont := range res.Containers {
		if !cont.ShouldRun() {
			continue
		}
		suite := el("testsuite",
			"name", cont.Path,
			"tests", strconv.Itoa(cont.TotalCount),
			"errors", "0",
			"failures", strconv.Itoa(cont.FailedCount),
			"hostname", res.env.MachineName,
			"id", strconv.Itoa(id),
			"skipped", strconv.Itoa(cont.SkippedCount),
			"disabled", strconv.Itoa(cont.NotRunCount),
			"package", cont.Path,
			"time", seconds3(cont.Duration))
		id++
		props := el("properties")
		for _, kv := range res.env.pairs() {
			if kv[0] == "nunit-version" {
				continue
			}
			props.add(el("property", "name", kv[0], "value", kv[1]))
		}
		suite.add(props)
		cont.Root.eachTest(func(t *Test) {
			if !t.ShouldRun {
				return
			}
			tc := el("testcase",
				"name", t.ExpandedPath,
				"status", string(t.Result),
				"classname", cont.Path,
				"assertions", "0",
				"time", seconds3(t.Duration))
			if t.Result != Passed {
				kind := "skipped"
				if t.Result == Failed {
					kind = "failure"
				}
				msg, trace := xmlFailure(res, t)
				tc.add(el(kind, "message", msg).withText(trace))
			}
			suite.add(tc)
		})
		root.add(suite)
	}
	return xmlDocument(root)
}

// xmlFailure is Get-ErrorForXmlReport: a test's failure message and
// stack trace as the reports show them.
func xmlFailure(res *RunResult, t *Test) (msg, trace string) {
	if t.ShouldRun && !t.Executed {
		return "This test should run but it did not. Most likely a setup in some parent block failed.", ""
	}
	fs := t.failures
	if len(fs) == 1 {
		return fs[0].Message, fs[0].Trace
	}
	var ms, ts []string
	for i, f := range fs {
		ms = append(ms, fmt.Sprintf("[%d] %s", i, f.Message))
		ts = append(ts, fmt.Sprintf("[%d] %s", i, f.Trace))
	}
	return strings.Join(ms, "\n"), strings.Join(ts, "\n")
}

// seconds3 formats a duration as seconds with three decimals (invariant
// '0.000').
func seconds3(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 3, 64) }

// seconds4 formats a duration as NUnit's Convert-TimeSpan does: seconds
// rounded to four decimals, "0" for none.
func seconds4(d time.Duration) string {
	s := math.RoundToEven(d.Seconds()*10000) / 10000
	return strconv.FormatFloat(s, 'f', -1, 64)
}

// writeReport writes one report file, creating its folder.
func writeReport(files Files, rep Report, res *RunResult) error {
	var data []byte
	switch rep.Format {
	case FormatJUnitXML:
		data = junitReport(res)
	default:
		data = nunitReport(res)
	}
	p := absolute(files.Cwd, rep.Path)
	if err := files.FS.MkdirAll(path.Dir(p)); err != nil {
		return fmt.Errorf("writing the test results to %s: %w", p, err)
	}
	if err := files.FS.WriteFile(p, data, false); err != nil {
		return fmt.Errorf("writing the test results to %s: %w", p, err)
	}
	return nil
}
