package eval

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// [System.IO.File] and [System.IO.Directory]: the static file methods
// scripts call directly. They go through the host's file system, like
// the file cmdlets. A relative path is relative to the process's working
// directory, as in .NET, which is the directory the run started in, not
// $PWD (Set-Location does not move it, exactly as in pwsh).

func init() {
	registerType(&psType{Name: "System.IO.File", StaticMethod: fileMethod}, "io.file")
	registerType(&psType{Name: "System.IO.Directory", StaticMethod: directoryMethod}, "io.directory")
}

// processPath resolves a path the way .NET does: against the process's
// working directory.
func (f *frame) processPath(p string) string {
	return cleanJoin(f.r.startDir, strings.ReplaceAll(p, `\`, "/"))
}

// ioException turns a file system error into the .NET exception a file
// method throws.
func ioException(err error, p string, dir bool) *Exception {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if dir {
			return newExceptionOf("System.IO.DirectoryNotFoundException", fmt.Sprintf("Could not find a part of the path '%s'.", p))
		}
		return newExceptionOf("System.IO.FileNotFoundException", fmt.Sprintf("Could not find file '%s'.", p))
	case errors.Is(err, fs.ErrPermission):
		return newExceptionOf("System.UnauthorizedAccessException", fmt.Sprintf("Access to the path '%s' is denied.", p))
	}
	return newExceptionOf("System.IO.IOException", err.Error())
}

// readText reads a file as text, dropping a UTF-8 byte order mark.
func (f *frame) readText(p string) (string, error) {
	data, err := f.r.host.FS.ReadFile(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if _, derr := f.r.host.FS.Stat(path.Dir(p)); derr != nil {
				return "", ioException(err, p, true)
			}
		}
		return "", ioException(err, p, false)
	}
	return strings.TrimPrefix(string(data), "\ufeff"), nil
}

// splitLines splits text into lines as File.ReadAllLines does: at \r\n,
// \n or \r, with no empty line after a final line break.
func splitLines(text string) []any {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.TrimSuffix(text, "\n")
	if text == "" {
		return []any{}
	}
	parts := strings.Split(text, "\n")
	out := make([]any, len(parts))
	for i, s := range parts {
		out[i] = s
	}
	return out
}

// linesText joins lines for WriteAllLines: each followed by a line break.
func linesText(v any) string {
	var b strings.Builder
	for _, l := range value.Enumerate(v) {
		b.WriteString(value.ToString(l))
		b.WriteByte('\n')
	}
	return b.String()
}

// fileMethod implements [System.IO.File]::Name(args).
func fileMethod(f *frame, name string, args []any) (any, bool, error) {
	if len(args) == 0 {
		return nil, false, nil
	}
	p := f.processPath(value.ToString(args[0]))
	fsys := f.r.host.FS
	write := func(text string, appendTo bool) (any, bool, error) {
		if err := fsys.WriteFile(p, []byte(text), appendTo); err != nil {
			return nil, true, ioException(err, p, true)
		}
		return nil, true, nil
	}
	switch strings.ToLower(name) {
	case "exists":
		fi, err := fsys.Stat(p)
		return err == nil && !fi.IsDir(), true, nil
	case "readalltext":
		text, err := f.readText(p)
		if err != nil {
			return nil, true, err
		}
		return text, true, nil
	case "readalllines":
		text, err := f.readText(p)
		if err != nil {
			return nil, true, err
		}
		return splitLines(text), true, nil
	case "writealltext", "appendalltext":
		if len(args) < 2 {
			return nil, false, nil
		}
		return write(value.ToString(args[1]), strings.EqualFold(name, "AppendAllText"))
	case "writealllines", "appendalllines":
		if len(args) < 2 {
			return nil, false, nil
		}
		return write(linesText(args[1]), strings.EqualFold(name, "AppendAllLines"))
	case "delete":
		// Deleting a missing file is not an error in .NET.
		if fi, err := fsys.Stat(p); err == nil && !fi.IsDir() {
			if err := fsys.Remove(p, false); err != nil {
				return nil, true, ioException(err, p, false)
			}
		}
		return nil, true, nil
	case "copy", "move":
		if len(args) < 2 {
			return nil, false, nil
		}
		dst := f.processPath(value.ToString(args[1]))
		overwrite := len(args) > 2 && value.ToBool(args[2])
		data, err := fsys.ReadFile(p)
		if err != nil {
			return nil, true, ioException(err, p, false)
		}
		if _, err := fsys.Stat(dst); err == nil && !overwrite {
			return nil, true, newExceptionOf("System.IO.IOException", fmt.Sprintf("The file '%s' already exists.", dst))
		}
		if err := fsys.WriteFile(dst, data, false); err != nil {
			return nil, true, ioException(err, dst, true)
		}
		if strings.EqualFold(name, "Move") {
			if err := fsys.Remove(p, false); err != nil {
				return nil, true, ioException(err, p, false)
			}
		}
		return nil, true, nil
	}
	return nil, false, nil
}

// directoryMethod implements [System.IO.Directory]::Name(args).
func directoryMethod(f *frame, name string, args []any) (any, bool, error) {
	lower := strings.ToLower(name)
	if lower == "getcurrentdirectory" {
		return f.r.startDir, true, nil
	}
	if len(args) == 0 {
		return nil, false, nil
	}
	p := f.processPath(value.ToString(args[0]))
	fsys := f.r.host.FS
	switch lower {
	case "exists":
		fi, err := fsys.Stat(p)
		return err == nil && fi.IsDir(), true, nil
	case "createdirectory":
		if err := fsys.MkdirAll(p); err != nil {
			return nil, true, ioException(err, p, true)
		}
		return value.NewPSObject("System.IO.DirectoryInfo", "System.IO.FileSystemInfo").
			Add("FullName", p).Add("Name", path.Base(p)), true, nil
	case "delete":
		recursive := len(args) > 1 && value.ToBool(args[1])
		if err := fsys.Remove(p, recursive); err != nil {
			return nil, true, ioException(err, p, true)
		}
		return nil, true, nil
	case "getfiles", "getdirectories", "getfilesystementries":
		pattern := "*"
		if len(args) > 1 {
			pattern = value.ToString(args[1])
		}
		entries, err := fsys.ReadDir(p)
		if err != nil {
			return nil, true, ioException(err, p, true)
		}
		var out []string
		for _, e := range entries {
			if (lower == "getfiles" && e.IsDir()) || (lower == "getdirectories" && !e.IsDir()) {
				continue
			}
			if wildcard.Match(pattern, e.Name(), false) {
				out = append(out, path.Join(p, e.Name()))
			}
		}
		sort.Strings(out)
		res := make([]any, len(out))
		for i, s := range out {
			res[i] = s
		}
		return res, true, nil
	}
	return nil, false, nil
}
