package eval

import (
	"github.com/keyhost/keyhost/ps/format"
)

// This file gives Go commands the session services beyond their own
// invocation: the file system and current location, variables in the
// caller's scope, and the display formats.

// FS returns the file system of the run.
func (c *Call) FS() FileSystem { return c.f.r.host.FS }

// Location returns the current location ($PWD), an absolute path.
func (c *Call) Location() string { return c.f.r.location }

// SetLocation changes the current location (Set-Location); the path must
// name an existing folder.
func (c *Call) SetLocation(path string) error { return c.f.r.setLocation(path) }

// ResolvePath makes a path absolute against the current location.
func (c *Call) ResolvePath(path string) string { return c.f.r.absPath(path) }

// SetVariable assigns a variable in the scope the command was called from
// (Tee-Object -Variable, Set-Variable).
func (c *Call) SetVariable(name string, v any) error { return c.f.scope.set(name, v) }

// Formats returns the display formats, for commands that render objects
// as text (Out-String, Format-Table).
func (c *Call) Formats() *format.Registry { return c.f.r.formats }
