package eval

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWritePrivateFileIsOwnerOnly(t *testing.T) {
	p := filepath.Join(t.TempDir(), "backup.p12")
	require.NoError(t, os.WriteFile(p, []byte("old"), 0o644))
	require.NoError(t, OSFileSystem{}.WritePrivateFile(p, []byte("secret")))
	fi, err := os.Stat(p)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "secret", string(b))
}
