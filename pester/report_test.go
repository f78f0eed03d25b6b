package pester

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The reports parse back, and the attributes CI tools read (Jenkins'
// JUnit plugin, GitLab's junit reports, Azure DevOps' PublishTestResults
// for JUnit and NUnit) agree with the run.

// junitDoc is the part of a JUnit report CI tools read.
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Errors   int      `xml:"errors,attr"`
	Failures int      `xml:"failures,attr"`
	Disabled int      `xml:"disabled,attr"`
	Time     string   `xml:"time,attr"`
	Suites   []struct {
		Name       string `xml:"name,attr"`
		Tests      int    `xml:"tests,attr"`
		Failures   int    `xml:"failures,attr"`
		Skipped    int    `xml:"skipped,attr"`
		Disabled   int    `xml:"disabled,attr"`
		Hostname   string `xml:"hostname,attr"`
		Time       string `xml:"time,attr"`
		Properties []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"properties>property"`
		Cases []struct {
			Name      string `xml:"name,attr"`
			ClassName string `xml:"classname,attr"`
			Status    string `xml:"status,attr"`
			Time      string `xml:"time,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Skipped *struct {
				Message string `xml:"message,attr"`
			} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// nunitCase is an NUnit test-case.
type nunitCase struct {
	Name        string `xml:"name,attr"`
	Description string `xml:"description,attr"`
	Result      string `xml:"result,attr"`
	Success     string `xml:"success,attr"`
	Executed    string `xml:"executed,attr"`
	Time        string `xml:"time,attr"`
	Failure     *struct {
		Message    string `xml:"message"`
		StackTrace string `xml:"stack-trace"`
	} `xml:"failure"`
}

// nunitSuite is an NUnit test-suite.
type nunitSuite struct {
	Type    string       `xml:"type,attr"`
	Name    string       `xml:"name,attr"`
	Result  string       `xml:"result,attr"`
	Success string       `xml:"success,attr"`
	Suites  []nunitSuite `xml:"results>test-suite"`
	Cases   []nunitCase  `xml:"results>test-case"`
}

// nunitDoc is the part of an NUnit 2.5 report CI tools read.
type nunitDoc struct {
	XMLName      xml.Name `xml:"test-results"`
	Name         string   `xml:"name,attr"`
	Total        int      `xml:"total,attr"`
	Failures     int      `xml:"failures,attr"`
	NotRun       int      `xml:"not-run,attr"`
	Inconclusive int      `xml:"inconclusive,attr"`
	Skipped      int      `xml:"skipped,attr"`
	Date         string   `xml:"date,attr"`
	Time         string   `xml:"time,attr"`
	Environment  struct {
		MachineName string `xml:"machine-name,attr"`
		Platform    string `xml:"platform,attr"`
	} `xml:"environment"`
	Suite nunitSuite `xml:"test-suite"`
}

// cases lists every test-case below a suite.
func (s nunitSuite) cases() []nunitCase {
	out := append([]nunitCase(nil), s.Cases...)
	for _, c := range s.Suites {
		out = append(out, c.cases()...)
	}
	return out
}

func TestReportsParseBackWithTheRunsCounts(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Verbosity = VerbosityNone
	cfg.TestSuiteName = "keyhost"
	cfg.Reports = []Report{{Format: FormatJUnitXML, Path: "junit.xml"}, {Format: FormatNUnitXML, Path: "reports/nunit.xml"}}
	h := runTests(t, cfg, nil, ".")
	require.NoError(t, h.err)
	res := h.res

	b, err := h.fs.ReadFile("/tests/junit.xml")
	require.NoError(t, err)
	var j junitDoc
	require.NoError(t, xml.Unmarshal(b, &j))
	assert.Equal(t, "keyhost", j.Name)
	assert.Equal(t, res.TotalCount, j.Tests)
	assert.Equal(t, res.FailedCount, j.Failures)
	assert.Equal(t, len(res.FailedBlocks)+len(res.FailedContainers), j.Errors)
	assert.Equal(t, res.NotRunCount+res.SkippedCount, j.Disabled)
	_, err = strconv.ParseFloat(j.Time, 64)
	assert.NoError(t, err, "time is seconds")
	failures, skipped, cases := 0, 0, 0
	for _, s := range j.Suites {
		assert.True(t, strings.HasSuffix(s.Name, ".Tests.ps1"), s.Name)
		assert.Equal(t, "ci-runner", s.Hostname)
		assert.NotEmpty(t, s.Properties)
		suiteFailures := 0
		for _, c := range s.Cases {
			cases++
			assert.Equal(t, s.Name, c.ClassName)
			assert.NotEmpty(t, c.Name)
			assert.Equal(t, "0.000", c.Time)
			switch c.Status {
			case "Failed":
				require.NotNil(t, c.Failure, c.Name)
				assert.NotEmpty(t, c.Failure.Message, c.Name)
				failures++
				suiteFailures++
			case "Skipped", "Inconclusive":
				assert.NotNil(t, c.Skipped, c.Name)
				skipped++
			default:
				assert.Equal(t, "Passed", c.Status)
				assert.Nil(t, c.Failure)
			}
		}
		assert.Equal(t, s.Failures, suiteFailures, s.Name)
	}
	assert.Equal(t, res.FailedCount, failures)
	assert.Equal(t, res.SkippedCount+res.InconclusiveCount, skipped)
	assert.Equal(t, res.TotalCount-res.NotRunCount, cases)

	b, err = h.fs.ReadFile("/tests/reports/nunit.xml")
	require.NoError(t, err)
	var n nunitDoc
	require.NoError(t, xml.Unmarshal(b, &n))
	assert.Equal(t, "keyhost", n.Name)
	assert.Equal(t, res.TotalCount-res.NotRunCount, n.Total)
	assert.Equal(t, res.FailedCount, n.Failures)
	assert.Equal(t, res.NotRunCount, n.NotRun)
	assert.Equal(t, res.SkippedCount, n.Skipped)
	assert.Equal(t, res.InconclusiveCount, n.Inconclusive)
	_, err = time.Parse("2006-01-02 15:04:05", n.Date+" "+n.Time)
	assert.NoError(t, err)
	assert.Equal(t, "ci-runner", n.Environment.MachineName)
	assert.Equal(t, "keyhost", n.Suite.Name)
	assert.Equal(t, "Failure", n.Suite.Result)
	assert.Equal(t, "False", n.Suite.Success)
	all := n.Suite.cases()
	assert.Len(t, all, n.Total)
	nf := 0
	for _, c := range all {
		switch c.Result {
		case "Failure":
			nf++
			require.NotNil(t, c.Failure, c.Name)
			assert.NotEmpty(t, c.Failure.Message)
			assert.Equal(t, "False", c.Success)
		case "Success":
			assert.Equal(t, "True", c.Success)
			assert.Equal(t, "True", c.Executed)
		case "Ignored":
			assert.Equal(t, "False", c.Executed)
		default:
			assert.Equal(t, "Inconclusive", c.Result)
		}
	}
	assert.Equal(t, res.FailedCount, nf)
}

func TestNUnitGroupsDataDrivenTests(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Verbosity = VerbosityNone
	cfg.Reports = []Report{{Format: FormatNUnitXML, Path: "nunit.xml"}}
	fsys := memTree(t, map[string]string{"/data/Data.Tests.ps1": `
Describe 'VMs' {
    It 'is <Name>' -ForEach @{ Name = 'web01'; Cpu = 2 }, @{ Name = 'db01'; Cpu = 4 } { $Cpu | Should -BeGreaterThan 1 }
    It 'has a CPU' -ForEach @{ Name = 'web01'; Cpu = 2 }, @{ Name = 'db01'; Cpu = $null } { $Cpu | Should -Not -BeNullOrEmpty }
    It 'stands alone' { }
}`})
	h := runTests(t, cfg, fsys, "/data")
	require.NoError(t, h.err)
	b, err := fsys.ReadFile("/tests/nunit.xml")
	require.NoError(t, err)
	var n nunitDoc
	require.NoError(t, xml.Unmarshal(b, &n))
	vms := n.Suite.Suites[0].Suites[0]
	require.Equal(t, "VMs", vms.Name)
	// The lone test comes first (its group has no id), then one
	// ParameterizedTest suite per It -ForEach.
	require.Len(t, vms.Cases, 1)
	assert.Equal(t, "VMs.stands alone", vms.Cases[0].Name)
	require.Len(t, vms.Suites, 2)
	assert.Equal(t, "ParameterizedTest", vms.Suites[0].Type)
	assert.Equal(t, "VMs.is <Name>", vms.Suites[0].Name)
	assert.Equal(t, []string{"VMs.is web01", "VMs.is db01"}, []string{vms.Suites[0].Cases[0].Name, vms.Suites[0].Cases[1].Name})
	// A test whose name has no template gets its data appended.
	assert.Equal(t, "VMs.has a CPU", vms.Suites[1].Name)
	assert.Equal(t, `VMs.has a CPU("web01",2)`, vms.Suites[1].Cases[0].Name)
	assert.Equal(t, `VMs.has a CPU("db01",null)`, vms.Suites[1].Cases[1].Name)
	assert.Equal(t, "Failure", vms.Suites[1].Result)
}
