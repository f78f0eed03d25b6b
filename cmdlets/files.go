package cmdlets

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// secureStringParamType takes a System.Security.SecureString
// (ConvertTo-SecureString, Read-Host -AsSecureString). Like PowerShell it
// does not turn a plain string into one; unlike PowerShell's message, the
// error does not repeat the string, which is a password.
var secureStringParamType = &eval.Type{Name: "System.Security.SecureString", Convert: func(v any) (any, error) {
	switch x := v.(type) {
	case *value.SecureString:
		return x, nil
	case nil:
		return nil, nil
	}
	return nil, fmt.Errorf("Cannot convert a value of type \"%s\" to type \"System.Security.SecureString\". Pass a SecureString, for example (ConvertTo-SecureString -String $text -AsPlainText -Force).", value.TypeName(v))
}}

// password returns a -Password parameter's text ("" when not given).
func password(c *eval.Call, name string) string {
	if s, ok := c.Value(name).(*value.SecureString); ok {
		return s.Reveal()
	}
	return ""
}

// privateFileWriter is implemented by file systems that can create a file
// only its owner may read. A .p12 holds a KDK, protected only by its
// password (or not at all), so Export-KeyProvider writes it that way when
// the file system offers it, and with the file system's default mode
// otherwise.
type privateFileWriter interface {
	WritePrivateFile(path string, data []byte) error
}

// writeFile writes data to path through the Call's file system, privately
// when possible.
func writeFile(c *eval.Call, path string, data []byte, private bool) error {
	if pw, ok := c.FS().(privateFileWriter); ok && private {
		return pw.WritePrivateFile(path, data)
	}
	return c.FS().WriteFile(path, data, false)
}

// fileInfoObject is what file-writing cmdlets return in place of
// System.IO.FileInfo: the properties scripts use (Name, FullName, Length,
// DirectoryName, Extension, Exists, LastWriteTime). It renders as its full
// path.
func fileInfoObject(path string, length int, written time.Time) *value.PSObject {
	o := value.NewPSObject("System.IO.FileInfo", "System.IO.FileSystemInfo", "System.Object")
	o.Add("Name", filepath.Base(path)).
		Add("FullName", path).
		Add("DirectoryName", filepath.Dir(path)).
		Add("Extension", filepath.Ext(path)).
		Add("Length", int64(length)).
		Add("Exists", true).
		Add("LastWriteTime", written.Round(0)) // no monotonic clock reading in the display
	o.ToStringFunc = func() string { return path }
	return o
}

// fileNameFor makes a provider name safe as a file name: characters that
// Windows or POSIX refuse in names become "_".
func fileNameFor(name string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 32 {
			return '_'
		}
		return r
	}, name)
}
