package eval

import (
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"time"
)

// MemFS is an in-memory FileSystem for hermetic runs: tests, and tools
// that must not touch the disk. Paths are slash-separated and absolute.
type MemFS struct {
	mu    sync.Mutex
	files map[string][]byte
	dirs  map[string]bool
}

// NewMemFS returns a file system holding the given files (path -> text);
// their folders exist too.
func NewMemFS(files map[string]string) *MemFS {
	m := &MemFS{files: map[string][]byte{}, dirs: map[string]bool{"/": true}}
	for p, text := range files {
		m.files[path.Clean(p)] = []byte(text)
		m.mkdirs(path.Dir(path.Clean(p)))
	}
	return m
}

func (m *MemFS) mkdirs(dir string) {
	for d := dir; ; d = path.Dir(d) {
		m.dirs[d] = true
		if d == "/" || d == "." {
			return
		}
	}
}

// ReadFile implements FileSystem.
func (m *MemFS) ReadFile(p string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[path.Clean(p)]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
	}
	return append([]byte(nil), b...), nil
}

// WriteFile implements FileSystem.
func (m *MemFS) WriteFile(p string, data []byte, appendTo bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	p = path.Clean(p)
	if !m.dirs[path.Dir(p)] {
		return &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
	}
	if m.dirs[p] {
		return &fs.PathError{Op: "open", Path: p, Err: fs.ErrExist}
	}
	if appendTo {
		m.files[p] = append(m.files[p], data...)
	} else {
		m.files[p] = append([]byte(nil), data...)
	}
	return nil
}

// Stat implements FileSystem.
func (m *MemFS) Stat(p string) (fs.FileInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p = path.Clean(p)
	if b, ok := m.files[p]; ok {
		return memInfo{name: path.Base(p), size: int64(len(b))}, nil
	}
	if m.dirs[p] {
		return memInfo{name: path.Base(p), dir: true}, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: p, Err: fs.ErrNotExist}
}

// MkdirAll implements FileSystem.
func (m *MemFS) MkdirAll(p string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	p = path.Clean(p)
	if _, isFile := m.files[p]; isFile {
		return &fs.PathError{Op: "mkdir", Path: p, Err: fs.ErrExist}
	}
	m.mkdirs(p)
	return nil
}

// Remove implements FileSystem.
func (m *MemFS) Remove(p string, recursive bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	p = path.Clean(p)
	if _, ok := m.files[p]; ok {
		delete(m.files, p)
		return nil
	}
	if !m.dirs[p] {
		return &fs.PathError{Op: "remove", Path: p, Err: fs.ErrNotExist}
	}
	prefix := strings.TrimSuffix(p, "/") + "/"
	var inside []string
	for f := range m.files {
		if strings.HasPrefix(f, prefix) {
			inside = append(inside, f)
		}
	}
	for d := range m.dirs {
		if strings.HasPrefix(d, prefix) {
			inside = append(inside, d)
		}
	}
	if len(inside) > 0 && !recursive {
		return &fs.PathError{Op: "remove", Path: p, Err: fs.ErrExist}
	}
	for _, x := range inside {
		delete(m.files, x)
		delete(m.dirs, x)
	}
	delete(m.dirs, p)
	return nil
}

// ReadDir implements FileSystem.
func (m *MemFS) ReadDir(p string) ([]fs.DirEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p = path.Clean(p)
	if !m.dirs[p] {
		return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
	}
	var out []fs.DirEntry
	for f, b := range m.files {
		if path.Dir(f) == p {
			out = append(out, fs.FileInfoToDirEntry(memInfo{name: path.Base(f), size: int64(len(b))}))
		}
	}
	for d := range m.dirs {
		if d != p && path.Dir(d) == p {
			out = append(out, fs.FileInfoToDirEntry(memInfo{name: path.Base(d), dir: true}))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// memInfo is MemFS's fs.FileInfo.
type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }
