package eval

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// FileSystem is the runner's access to files: scripts to run and
// dot-source, and everything file cmdlets (Get-Content, Set-Content,
// Test-Path, New-Item, ...) read and write. Paths given to it are absolute
// (the runner resolves them against its current location). OSFileSystem
// is the real one; tests and Pester's TestDrive can substitute their own.
type FileSystem interface {
	ReadFile(path string) ([]byte, error)
	// WriteFile creates or truncates path (append false) or appends to it.
	WriteFile(path string, data []byte, append bool) error
	Stat(path string) (fs.FileInfo, error)
	MkdirAll(path string) error
	// Remove deletes a file or an empty folder; with recursive set, a
	// folder and everything in it.
	Remove(path string, recursive bool) error
	// ReadDir lists a folder, sorted by name.
	ReadDir(path string) ([]fs.DirEntry, error)
}

// OSFileSystem is the process's real file system.
type OSFileSystem struct{}

// ReadFile implements FileSystem.
func (OSFileSystem) ReadFile(path string) ([]byte, error) { return os.ReadFile(path) }

// WriteFile implements FileSystem.
func (OSFileSystem) WriteFile(path string, data []byte, append bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if append {
		flags = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// WritePrivateFile creates or truncates a file readable by its owner only
// (0600): key backups and other secrets. An existing file gets its mode
// tightened too.
func (OSFileSystem) WritePrivateFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Stat implements FileSystem.
func (OSFileSystem) Stat(path string) (fs.FileInfo, error) { return os.Stat(path) }

// MkdirAll implements FileSystem.
func (OSFileSystem) MkdirAll(path string) error { return os.MkdirAll(path, 0o755) }

// Remove implements FileSystem.
func (OSFileSystem) Remove(path string, recursive bool) error {
	if recursive {
		if _, err := os.Stat(path); err != nil {
			return err
		}
		return os.RemoveAll(path)
	}
	return os.Remove(path)
}

// ReadDir implements FileSystem.
func (OSFileSystem) ReadDir(path string) ([]fs.DirEntry, error) {
	entries, err := os.ReadDir(path)
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	return entries, err
}

// noFileSystem is the stand-in when a host has none: every access fails.
type noFileSystem struct{}

var errNoFileSystem = errors.New("no file system")

func (noFileSystem) ReadFile(path string) ([]byte, error) {
	return nil, &fs.PathError{Op: "open", Path: path, Err: errNoFileSystem}
}
func (noFileSystem) WriteFile(path string, _ []byte, _ bool) error {
	return &fs.PathError{Op: "open", Path: path, Err: errNoFileSystem}
}
func (noFileSystem) Stat(path string) (fs.FileInfo, error) {
	return nil, &fs.PathError{Op: "stat", Path: path, Err: fs.ErrNotExist}
}
func (noFileSystem) MkdirAll(path string) error {
	return &fs.PathError{Op: "mkdir", Path: path, Err: errNoFileSystem}
}
func (noFileSystem) Remove(path string, _ bool) error {
	return &fs.PathError{Op: "remove", Path: path, Err: errNoFileSystem}
}
func (noFileSystem) ReadDir(path string) ([]fs.DirEntry, error) {
	return nil, &fs.PathError{Op: "open", Path: path, Err: errNoFileSystem}
}

// cleanJoin resolves p against dir unless it is absolute.
func cleanJoin(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}
