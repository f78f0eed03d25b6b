package pester

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Version is the Pester version keyhost's runner reproduces (console
// text, messages and report layout).
const Version = "5.7.1"

// Verbosity levels of the console output (Output.Verbosity).
const (
	VerbosityNone       = "None"
	VerbosityNormal     = "Normal"
	VerbosityDetailed   = "Detailed"
	VerbosityDiagnostic = "Diagnostic"
)

// Report formats (TestResult.OutputFormat).
const (
	FormatNUnitXML = "NUnitXml"
	FormatJUnitXML = "JUnitXml"
)

// Report is one result file to write after the run.
type Report struct {
	// Format is FormatNUnitXML (NUnit 2.5) or FormatJUnitXML (JUnit 4).
	Format string
	// Path is where to write it, relative to the current location.
	Path string
}

// Config is a run's configuration: the Go form of Pester's
// [PesterConfiguration] sections that keyhost implements.
type Config struct {
	// Paths are the files and folders to search for test files
	// (Run.Path; default the current folder). Folders are searched
	// recursively for names ending in TestExtension.
	Paths        []string
	ExcludePaths []string
	// TestExtension is Run.TestExtension (default ".Tests.ps1").
	TestExtension string
	// Exit makes the run end the script with the number of failures
	// (Run.Exit; -CI sets it).
	Exit bool
	// Throw makes a failed run throw (Run.Throw).
	Throw bool
	// PassThru returns the result object (Run.PassThru).
	PassThru bool
	// SkipRun only discovers (Run.SkipRun).
	SkipRun bool

	// The filters (Filter section): tags, excluded tags, full-name
	// wildcards and path:line selections.
	Tag, ExcludeTag, FullName, Line, ExcludeLine []string

	// Verbosity is Output.Verbosity: None, Normal, Detailed, Diagnostic.
	Verbosity string
	// StackTraceVerbosity is Output.StackTraceVerbosity: None, FirstLine,
	// Filtered, Full.
	StackTraceVerbosity string
	// CIFormat is Output.CIFormat: None, Auto, AzureDevops, GithubActions.
	CIFormat string
	// RenderMode is Output.RenderMode: Auto, Ansi, ConsoleColor, Plaintext.
	RenderMode string

	// Reports are the result files to write (TestResult section; -CI
	// adds testResults.xml in NUnit 2.5).
	Reports []Report
	// TestSuiteName is TestResult.TestSuiteName (default "Pester").
	TestSuiteName string

	// ShouldErrorAction is Should.ErrorAction: Stop (default) fails a test
	// at its first failed assertion, Continue collects them all.
	ShouldErrorAction string
	// TestDrive enables TestDrive (default on).
	TestDrive bool

	// Clock is the time source for durations and report dates; nil is the
	// real clock. Golden tests inject a fixed one so times are 0.
	Clock func() time.Time
	// Environment, when set, replaces the machine facts written into the
	// reports (host name, user, OS, working folder).
	Environment *RuntimeEnvironment
	// Getenv reads the environment (TF_BUILD, GITHUB_ACTIONS, NO_COLOR);
	// nil reads nothing.
	Getenv func(string) (string, bool)
	// Stdout receives the console output when the run is driven from Go
	// (keyhost test); inside a script the host's output is used.
	Stdout io.Writer
	// Color renders the console output with ANSI colours (RenderMode Auto
	// on a terminal).
	Color bool
}

// DefaultConfig returns Pester's defaults.
func DefaultConfig() *Config {
	return &Config{
		Paths:               []string{"."},
		TestExtension:       ".Tests.ps1",
		Verbosity:           VerbosityNormal,
		StackTraceVerbosity: "Filtered",
		CIFormat:            "Auto",
		RenderMode:          "Auto",
		TestSuiteName:       "Pester",
		ShouldErrorAction:   "Stop",
		TestDrive:           true,
	}
}

// SetCI applies -CI: exit with the failure count and write the NUnit
// report testResults.xml (Pester 5.2+ no longer enables code coverage).
func (c *Config) SetCI() {
	c.Exit = true
	for _, r := range c.Reports {
		if r.Path == "testResults.xml" {
			return
		}
	}
	c.Reports = append(c.Reports, Report{Format: FormatNUnitXML, Path: "testResults.xml"})
}

// now reads the configured clock.
func (c *Config) now() time.Time {
	if c.Clock != nil {
		return c.Clock()
	}
	return time.Now()
}

// getenv reads the configured environment.
func (c *Config) getenv(name string) string {
	if c.Getenv == nil {
		return ""
	}
	v, _ := c.Getenv(name)
	return v
}

// normalize checks the option values and resolves the Auto ones, as
// Resolve-OutputConfiguration does.
func (c *Config) normalize() error {
	v, err := oneOf("Output.Verbosity", c.Verbosity, VerbosityNone, VerbosityNormal, VerbosityDetailed, VerbosityDiagnostic, "Minimal")
	if err != nil {
		return err
	}
	if v == "Minimal" {
		v = VerbosityNormal // Pester 5 maps v4's Minimal to Normal
	}
	c.Verbosity = v
	if c.StackTraceVerbosity, err = oneOf("Output.StackTraceVerbosity", c.StackTraceVerbosity, "None", "FirstLine", "Filtered", "Full"); err != nil {
		return err
	}
	if c.CIFormat, err = oneOf("Output.CIFormat", c.CIFormat, "None", "Auto", "AzureDevops", "GithubActions"); err != nil {
		return err
	}
	if c.CIFormat == "Auto" {
		switch {
		case c.getenv("TF_BUILD") == "True":
			c.CIFormat = "AzureDevops"
		case c.getenv("GITHUB_ACTIONS") == "True":
			c.CIFormat = "GithubActions"
		default:
			c.CIFormat = "None"
		}
	}
	if c.RenderMode, err = oneOf("Output.RenderMode", c.RenderMode, "Auto", "Ansi", "ConsoleColor", "Plaintext"); err != nil {
		return err
	}
	if _, noColor := c.lookupenv("NO_COLOR"); noColor || c.RenderMode == "Plaintext" {
		c.Color = false
	} else if c.RenderMode == "Ansi" {
		c.Color = true
	}
	if c.ShouldErrorAction == "" {
		c.ShouldErrorAction = "Stop"
	}
	for i, r := range c.Reports {
		f, err := oneOf("TestResult.OutputFormat", r.Format, "NUnitXml", "NUnit2.5", "JUnitXml")
		if err != nil {
			return err
		}
		if f == "NUnit2.5" {
			f = FormatNUnitXML
		}
		c.Reports[i].Format = f
	}
	if c.TestExtension == "" {
		c.TestExtension = ".Tests.ps1"
	}
	if c.TestSuiteName == "" {
		c.TestSuiteName = "Pester"
	}
	return nil
}

// lookupenv reads the configured environment, telling unset from empty.
func (c *Config) lookupenv(name string) (string, bool) {
	if c.Getenv == nil {
		return "", false
	}
	return c.Getenv(name)
}

// detailed reports whether tests are listed one by one.
func (c *Config) detailed() bool {
	return c.Verbosity == VerbosityDetailed || c.Verbosity == VerbosityDiagnostic
}

// oneOf matches a value against the allowed ones (any case) and returns
// the canonical spelling, or Pester's error for an unsupported value.
func oneOf(option, v string, allowed ...string) (string, error) {
	for _, a := range allowed {
		if strings.EqualFold(a, v) {
			return a, nil
		}
	}
	quoted := make([]string, len(allowed))
	for i, a := range allowed {
		quoted[i] = "'" + a + "'"
	}
	return "", fmt.Errorf("%s must be one of %s, but it was '%s'. Please review your configuration.", option, strings.Join(quoted, ", "), v)
}
