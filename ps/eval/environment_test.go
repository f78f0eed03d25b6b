package eval

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEnvironmentOverlay(t *testing.T) {
	host := map[string]string{"HOME": "/home/u", "PATH": "/bin"}
	e := newEnvironment(&Host{
		Getenv: func(n string) (string, bool) { v, ok := host[n]; return v, ok },
		Environ: func() []string {
			return []string{"HOME=/home/u", "PATH=/bin"}
		},
	})
	steps := []struct {
		set, val string // set is "" for no change
		get      string
		want     string
		ok       bool
		names    []string
	}{
		{get: "HOME", want: "/home/u", ok: true, names: []string{"HOME", "PATH"}},
		{set: "X", val: "1", get: "X", want: "1", ok: true, names: []string{"HOME", "PATH", "X"}},
		{set: "PATH", val: "/usr/bin", get: "PATH", want: "/usr/bin", ok: true, names: []string{"HOME", "PATH", "X"}},
		{set: "HOME", val: "", get: "HOME", ok: false, names: []string{"PATH", "X"}},
		{get: "home", ok: false, names: []string{"PATH", "X"}},
	}
	for i, s := range steps {
		if s.set != "" {
			e.set(s.set, s.val)
		}
		got, ok := e.get(s.get)
		assert.Equal(t, s.ok, ok, "step %d", i)
		assert.Equal(t, s.want, got, "step %d", i)
		assert.Equal(t, s.names, e.names(), "step %d", i)
	}
	assert.Equal(t, "/bin", host["PATH"], "the host's environment is not changed")
	assert.Equal(t, 2, e.table().Len())
}
