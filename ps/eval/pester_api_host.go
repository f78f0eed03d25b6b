package eval

// Host hooks for the Pester runner: whether the host renders colours (so
// Pester's console lines are coloured on a terminal only), and swapping
// the file system for the duration of a run (TestDrive: paths map to the
// run's temporary folder).

// HostColor reports whether the host renders ANSI colours on its output.
func (c *Call) HostColor() bool { return c.f.r.host.Color }

// SwapFileSystem makes fs the run's file system and returns the one it
// replaces, for the caller to put back.
func (c *Call) SwapFileSystem(fs FileSystem) FileSystem {
	old := c.f.r.host.FS
	c.f.r.host.FS = fs
	return old
}
