package builtin

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"syscall"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// This file holds what the file cmdlets share: resolving paths (all file
// access goes through the run's file system, never the OS directly),
// wildcard expansion, FileInfo/DirectoryInfo objects and the errors pwsh
// gives for missing paths.

// normalizePath turns a path as written into a slash-separated path: a
// backslash is a separator too (as pwsh's FileSystem provider on Unix
// takes it) and ~ is $HOME.
func normalizePath(c *eval.Call, p string) string {
	// A PSPath (what file objects carry) names the provider first.
	for _, prefix := range []string{`Microsoft.PowerShell.Core\FileSystem::`, `FileSystem::`} {
		if len(p) >= len(prefix) && strings.EqualFold(p[:len(prefix)], prefix) {
			p = p[len(prefix):]
			break
		}
	}
	p = strings.ReplaceAll(p, `\`, "/")
	if p == "~" || strings.HasPrefix(p, "~/") {
		home := "/"
		if h, ok := c.Variable("HOME"); ok && value.ToString(h) != "" {
			home = value.ToString(h)
		}
		p = home + p[1:]
	}
	return p
}

// absPath resolves a path against the current location.
func absPath(c *eval.Call, p string) string {
	p = normalizePath(c, p)
	if p == "" {
		return c.Location()
	}
	return path.Clean(c.ResolvePath(p))
}

// itemNotFound is pwsh's ItemNotFoundException for a path (PathNotFound).
func itemNotFound(c *eval.Call, p string) *eval.ErrorRecord {
	ex := eval.NewException("System.Management.Automation.ItemNotFoundException", fmt.Sprintf("Cannot find path '%s' because it does not exist.", p))
	ex.Types = []string{"System.Management.Automation.ItemNotFoundException", "System.Management.Automation.SessionStateException", "System.Management.Automation.RuntimeException", "System.SystemException", "System.Exception"}
	return c.NewError(ex, "PathNotFound", eval.ObjectNotFound, p)
}

// ioError wraps a file system failure in pwsh's wording.
func ioError(c *eval.Call, err error, p, id string, cat eval.ErrorCategory) *eval.ErrorRecord {
	msg := err.Error()
	typ := "System.IO.IOException"
	switch {
	case errors.Is(err, fs.ErrNotExist):
		msg = fmt.Sprintf("Could not find a part of the path '%s'.", p)
		typ = "System.IO.DirectoryNotFoundException"
	case errors.Is(err, fs.ErrPermission):
		msg = fmt.Sprintf("Access to the path '%s' is denied.", p)
		typ = "System.UnauthorizedAccessException"
	default:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			msg = fmt.Sprintf("%s: '%s'", capitalize(pe.Err.Error()), p)
		}
	}
	return c.NewError(eval.NewException(typ, msg), id, cat, p)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// expandPath resolves a -Path argument: a path with wildcards becomes
// the existing items it matches (sorted), a literal path itself.
// literal skips wildcard expansion (-LiteralPath).
//
// As pwsh's file system provider, wildcards skip hidden items (names
// starting with a dot) unless the command has -Force.
func expandPath(c *eval.Call, p string, literal bool) []string {
	abs := absPath(c, p)
	if literal || !wildcard.HasWildcard(abs) {
		return []string{abs}
	}
	parts := strings.Split(strings.TrimPrefix(abs, "/"), "/")
	found := []string{"/"}
	for _, part := range parts {
		var next []string
		for _, dir := range found {
			if !wildcard.HasWildcard(part) {
				cand := path.Join(dir, part)
				if _, err := c.FS().Stat(cand); err == nil {
					next = append(next, cand)
				}
				continue
			}
			entries, err := c.FS().ReadDir(dir)
			if err != nil {
				continue
			}
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".") && !c.Switch("Force") {
					continue
				}
				if wildcard.Match(part, e.Name(), false) {
					next = append(next, path.Join(dir, e.Name()))
				}
			}
		}
		found = next
	}
	sort.Strings(found)
	return found
}

// fileItem builds the FileInfo or DirectoryInfo object for a path.
func fileItem(c *eval.Call, full string, fi fs.FileInfo) *value.PSObject {
	parent := path.Dir(full)
	name := path.Base(full)
	if full == "/" {
		name = "/"
	}
	mod := value.NewDateTime(fi.ModTime(), value.KindLocal)
	typeName := "System.IO.FileInfo"
	if fi.IsDir() {
		typeName = "System.IO.DirectoryInfo"
	}
	o := value.NewPSObject(typeName, "System.IO.FileSystemInfo", "System.MarshalByRefObject")
	o.ToStringFunc = func() string { return full }
	o.Add("PSPath", "Microsoft.PowerShell.Core\\FileSystem::"+full).
		Add("PSParentPath", "Microsoft.PowerShell.Core\\FileSystem::"+parent).
		Add("PSChildName", name).
		Add("PSIsContainer", fi.IsDir()).
		Add("Mode", windowsMode(fi)).
		Add("UnixMode", fi.Mode().String()).
		Add("User", owner(fi, true)).
		Add("Group", owner(fi, false)).
		Add("Size", fi.Size()).
		Add("NameString", name).
		Add("Name", name).
		Add("FullName", full).
		Add("Extension", extension(name)).
		Add("BaseName", baseName(name, fi.IsDir())).
		Add("Exists", true).
		Add("LastWriteTime", mod).
		Add("LastWriteTimeUtc", mod.ToUniversalTime()).
		Add("CreationTime", mod).
		Add("LastAccessTime", mod).
		Add("Attributes", attributes(fi))
	if fi.IsDir() {
		o.Add("Parent", value.Lazy(func() any { return parentItem(c, parent, full) })).
			Add("Root", "/")
	} else {
		o.Add("Length", fi.Size()).
			Add("LengthString", value.ToString(fi.Size())).
			Add("DirectoryName", parent).
			Add("Directory", value.Lazy(func() any { return parentItem(c, parent, full) })).
			Add("IsReadOnly", fi.Mode().Perm()&0o200 == 0)
	}
	return o
}

// parentItem is the DirectoryInfo of a folder (nil for the root's parent).
func parentItem(c *eval.Call, parent, of string) any {
	if of == "/" {
		return nil
	}
	fi, err := c.FS().Stat(parent)
	if err != nil {
		return nil
	}
	return fileItem(c, parent, fi)
}

// windowsMode is the Mode column .NET reports on Unix.
func windowsMode(fi fs.FileInfo) string {
	m := []byte("-----")
	if fi.IsDir() {
		m[0] = 'd'
	}
	if strings.HasPrefix(fi.Name(), ".") {
		m[3] = 'h'
	}
	return string(m)
}

// attributes is FileAttributes as .NET reports it on Unix.
func attributes(fi fs.FileInfo) string {
	switch {
	case fi.IsDir():
		return "Directory"
	case strings.HasPrefix(fi.Name(), "."):
		return "Hidden"
	}
	return "Normal"
}

// owner is the file's user or group id when the file system knows it
// (keyhost does not read the user database).
func owner(fi fs.FileInfo, user bool) string {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		if user {
			return fmt.Sprint(st.Uid)
		}
		return fmt.Sprint(st.Gid)
	}
	return ""
}

// extension is the file extension with its dot ("" when none).
func extension(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i <= 0 {
		return ""
	}
	return name[i:]
}

// baseName is the name without its extension (directories keep theirs).
func baseName(name string, dir bool) string {
	if dir {
		return name
	}
	return strings.TrimSuffix(name, extension(name))
}

// writeTextFile writes (or appends) text to a file, reporting failures
// as pwsh's Out-File does (FileOpenFailure, terminating).
func writeTextFile(c *eval.Call, p, text string, appendTo bool) error {
	abs := absPath(c, p)
	if fi, err := c.FS().Stat(abs); err == nil && fi.IsDir() {
		return c.ThrowTerminatingError(c.NewError(eval.NewException("System.UnauthorizedAccessException", fmt.Sprintf("Access to the path '%s' is denied.", abs)), "FileOpenFailure", eval.ErrorCategory("OpenError"), abs))
	}
	if err := c.FS().WriteFile(abs, []byte(text), appendTo); err != nil {
		return c.ThrowTerminatingError(ioError(c, err, abs, "FileOpenFailure", eval.ErrorCategory("OpenError")))
	}
	return nil
}

// pathInfo is System.Management.Automation.PathInfo (Get-Location,
// Resolve-Path): it shows and converts as its Path.
func pathInfo(p string) *value.PSObject { return eval.NewPathInfo(p) }
