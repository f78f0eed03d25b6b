package pester

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The test files in testdata/features and testdata/rekey check Pester's
// semantics in PowerShell (scoping, data, skips, TestDrive, mocks,
// Should -Invoke, modules) and the rekey script, unit and integration:
// every test in them must pass.
func TestSelfChecks(t *testing.T) {
	for _, dir := range []string{"features", "rekey"} {
		t.Run(dir, func(t *testing.T) {
			h := runTests(t, DefaultConfig(), nil, dir)
			require.NoError(t, h.err)
			assert.Zero(t, h.res.FailureCount(), "failures:\n%s", h.stdout)
			assert.Zero(t, h.res.NotRunCount)
			assert.Greater(t, h.res.PassedCount, 10)
		})
	}
}
