package pester

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
)

// TestDrive is a temporary folder per container, reachable as $TestDrive
// and through paths that start with TestDrive: (the run's file system is
// wrapped so that ".../TestDrive:/x" names "<folder>/x"). Files a block
// creates are removed when the block ends; files that existed before are
// left as they are. The folder goes when the container ends.

// testDrive is one container's TestDrive.
type testDrive struct {
	root  string
	inner eval.FileSystem
}

// newTestDrive reserves a fresh folder name under the temporary folder;
// fs creates it on the run's file system.
func newTestDrive() (*testDrive, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("creating TestDrive: %w", err)
	}
	return &testDrive{root: path.Join(os.TempDir(), "Pester-"+hex.EncodeToString(b[:]))}, nil
}

// fs returns the file system the container runs with: inner with
// TestDrive: mapped to the drive's folder, which it creates.
func (d *testDrive) fs(inner eval.FileSystem) eval.FileSystem {
	d.inner = inner
	_ = inner.MkdirAll(d.root)
	return &testDriveFS{inner: inner, root: d.root}
}

// remove deletes the drive's folder.
func (d *testDrive) remove() {
	if d.inner != nil {
		_ = d.inner.Remove(d.root, true)
	}
}

// mark lists what is in the drive now (nil for no drive).
func (d *testDrive) mark() map[string]bool {
	if d == nil || d.inner == nil {
		return nil
	}
	seen := map[string]bool{}
	d.walk(d.root, func(p string) { seen[p] = true })
	return seen
}

// restore removes what was created since mark.
func (d *testDrive) restore(mark map[string]bool) {
	if d == nil || d.inner == nil || mark == nil {
		return
	}
	var created []string
	d.walk(d.root, func(p string) {
		if !mark[p] {
			created = append(created, p)
		}
	})
	for _, p := range created {
		_ = d.inner.Remove(p, true) // a folder's contents may be gone already
	}
}

// walk calls fn for every path under dir, parents before children.
func (d *testDrive) walk(dir string, fn func(string)) {
	entries, err := d.inner.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		p := path.Join(dir, e.Name())
		fn(p)
		if e.IsDir() {
			d.walk(p, fn)
		}
	}
}

// testDriveFS maps TestDrive: paths onto the drive's folder.
type testDriveFS struct {
	inner eval.FileSystem
	root  string
}

// mapPath rewrites a path with a TestDrive: element.
func (t *testDriveFS) mapPath(p string) string {
	parts := strings.Split(p, "/")
	for i, part := range parts {
		if strings.EqualFold(part, "TestDrive:") {
			return path.Join(append([]string{t.root}, parts[i+1:]...)...)
		}
	}
	return p
}

// ReadFile implements eval.FileSystem.
func (t *testDriveFS) ReadFile(p string) ([]byte, error) { return t.inner.ReadFile(t.mapPath(p)) }

// WriteFile implements eval.FileSystem.
func (t *testDriveFS) WriteFile(p string, data []byte, appendTo bool) error {
	return t.inner.WriteFile(t.mapPath(p), data, appendTo)
}

// Stat implements eval.FileSystem.
func (t *testDriveFS) Stat(p string) (fs.FileInfo, error) { return t.inner.Stat(t.mapPath(p)) }

// MkdirAll implements eval.FileSystem.
func (t *testDriveFS) MkdirAll(p string) error { return t.inner.MkdirAll(t.mapPath(p)) }

// Remove implements eval.FileSystem.
func (t *testDriveFS) Remove(p string, recursive bool) error {
	return t.inner.Remove(t.mapPath(p), recursive)
}

// ReadDir implements eval.FileSystem.
func (t *testDriveFS) ReadDir(p string) ([]fs.DirEntry, error) { return t.inner.ReadDir(t.mapPath(p)) }

// WritePrivateFile writes a file only its owner may read when the inner
// file system can (Export-KeyProvider's backups), else as WriteFile does.
func (t *testDriveFS) WritePrivateFile(p string, data []byte) error {
	if pw, ok := t.inner.(interface {
		WritePrivateFile(string, []byte) error
	}); ok {
		return pw.WritePrivateFile(t.mapPath(p), data)
	}
	return t.inner.WriteFile(t.mapPath(p), data, false)
}
