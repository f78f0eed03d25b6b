package pester

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Golden runs of the admin-style test files in testdata: their console
// output in each verbosity and their JUnit and NUnit reports. Review the
// diff by hand after -update: the expectations follow Pester 5.7.1's
// Output.ps1 and TestResults.*.ps1.

func TestGoldenConsole(t *testing.T) {
	tests := []struct {
		name      string
		paths     []string
		verbosity string
		tag       []string
		color     bool
	}{
		{name: "rekey-normal.txt", paths: []string{"rekey"}, verbosity: VerbosityNormal},
		{name: "rekey-detailed.txt", paths: []string{"rekey"}, verbosity: VerbosityDetailed},
		{name: "features-detailed.txt", paths: []string{"features"}, verbosity: VerbosityDetailed},
		{name: "failing-normal.txt", paths: []string{"failing"}, verbosity: VerbosityNormal},
		{name: "failing-detailed.txt", paths: []string{"failing"}, verbosity: VerbosityDetailed},
		{name: "tag-integration-detailed.txt", paths: []string{"."}, verbosity: VerbosityDetailed, tag: []string{"Integration"}},
		{name: "rekey-normal-ansi.txt", paths: []string{"rekey/Invoke-VMRekey.Tests.ps1"}, verbosity: VerbosityNormal, color: true},
		{name: "all-none.txt", paths: []string{"."}, verbosity: VerbosityNone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Verbosity = tc.verbosity
			cfg.Tag = tc.tag
			if tc.color {
				cfg.RenderMode = "Ansi"
			}
			h := runTests(t, cfg, nil, tc.paths...)
			require.NoError(t, h.err)
			golden(t, tc.name, h.transcript())
		})
	}
}

func TestGoldenReports(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Verbosity = VerbosityNone
	cfg.Reports = []Report{{Format: FormatJUnitXML, Path: "out/junit.xml"}, {Format: "NUnit2.5", Path: "out/nunit.xml"}}
	h := runTests(t, cfg, nil, ".")
	require.NoError(t, h.err)
	for _, f := range []string{"junit.xml", "nunit.xml"} {
		b, err := h.fs.ReadFile("/tests/out/" + f)
		require.NoError(t, err)
		golden(t, f, string(b))
	}
}
