package parser

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUsingStatements(t *testing.T) {
	tests := []struct {
		src   string
		kinds []string
		names []string
	}{
		{"using namespace System.Collections.Generic\n$x", []string{"namespace"}, []string{"System.Collections.Generic"}},
		{"#Requires -Version 7\nusing namespace System.Text; using module ./lib/Tools.psm1\nparam($a)\n$a",
			[]string{"namespace", "module"}, []string{"System.Text", "./lib/Tools.psm1"}},
		{"using module 'VMware.PowerCLI'\n\nGet-VM", []string{"module"}, []string{"VMware.PowerCLI"}},
		{"Using Namespace System.IO", []string{"namespace"}, []string{"System.IO"}},
		{"$x = 1", nil, nil},
	}
	for _, tc := range tests {
		file, err := ParseFile("t.ps1", tc.src)
		require.NoError(t, err, tc.src)
		var kinds, names []string
		for _, u := range file.Body.UsingStatements {
			kinds = append(kinds, u.Kind)
			names = append(names, u.Name)
		}
		assert.Equal(t, tc.kinds, kinds, tc.src)
		assert.Equal(t, tc.names, names, tc.src)
	}
	file, err := ParseFile("t.ps1", "using namespace System.IO\nparam([string]$Path)\n$Path")
	require.NoError(t, err)
	require.NotNil(t, file.Body.Param, "param() still follows the using statements")
	assert.Len(t, file.Body.Param.Params, 1)
}
