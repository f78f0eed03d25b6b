package server

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Address is where keyhost serve listens: its standard input and output
// (the default when a client starts the server, as the pwsh shim does), a
// Unix socket, or a TCP port.
type Address struct {
	// Network is "stdio", "unix" or "tcp".
	Network string
	// Path is the socket's path (unix).
	Path string
	// HostPort is host:port (tcp).
	HostPort string
}

// ParseAddress parses a --listen value: "stdio", "unix:PATH" or
// "tcp:HOST:PORT".
func ParseAddress(s string) (Address, error) {
	switch {
	case s == "" || s == "stdio":
		return Address{Network: "stdio"}, nil
	case strings.HasPrefix(s, "unix:"):
		p := strings.TrimPrefix(s, "unix:")
		if p == "" {
			return Address{}, errors.New("listen address unix: needs a socket path (unix:/run/keyhost.sock)")
		}
		return Address{Network: "unix", Path: p}, nil
	case strings.HasPrefix(s, "tcp:"):
		hp := strings.TrimPrefix(s, "tcp:")
		if _, _, err := net.SplitHostPort(hp); err != nil {
			return Address{}, fmt.Errorf("listen address %q: want tcp:HOST:PORT (tcp:127.0.0.1:8765): %v", s, err)
		}
		return Address{Network: "tcp", HostPort: hp}, nil
	}
	return Address{}, fmt.Errorf("listen address %q: want stdio, unix:PATH or tcp:HOST:PORT", s)
}

// String returns the address in --listen form.
func (a Address) String() string {
	switch a.Network {
	case "unix":
		return "unix:" + a.Path
	case "tcp":
		return "tcp:" + a.HostPort
	}
	return "stdio"
}

// IsLoopback reports whether a TCP address only accepts connections from
// this machine (127.0.0.0/8, ::1 or localhost).
func (a Address) IsLoopback() bool {
	host, _, err := net.SplitHostPort(a.HostPort)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Listen opens a listener for a unix or tcp address. A TCP address must
// be a loopback one unless allowRemote is set (the caller must then also
// require a token; keyhost serve requires one on every TCP address).
func Listen(a Address, allowRemote bool) (net.Listener, error) {
	switch a.Network {
	case "unix":
		return listenUnix(a.Path)
	case "tcp":
		if !a.IsLoopback() && !allowRemote {
			return nil, fmt.Errorf("listen %s: not a loopback address; keyhost serves other machines only with --allow-remote", a)
		}
		l, err := net.Listen("tcp", a.HostPort)
		if err != nil {
			return nil, fmt.Errorf("listen %s: %w", a, err)
		}
		return l, nil
	}
	return nil, fmt.Errorf("listen %s: not a socket address", a)
}

// listenUnix creates a Unix socket that only its owner can connect to
// (mode 0600). The socket is created in a private temporary directory,
// given its mode there, then renamed into place, so that there is no
// moment when another user could connect to it. A stale socket left by a
// server that died is replaced; a live one, or any other file, is not.
func listenUnix(path string) (net.Listener, error) {
	if err := clearStaleSocket(path); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(filepath.Dir(path), ".khs")
	if err != nil {
		return nil, fmt.Errorf("listen unix:%s: %w", path, err)
	}
	defer os.RemoveAll(dir)
	tmp := filepath.Join(dir, "s")
	l, err := net.Listen("unix", tmp)
	if err != nil {
		return nil, fmt.Errorf("listen unix:%s: %w", path, err)
	}
	ul := l.(*net.UnixListener)
	ul.SetUnlinkOnClose(false) // the socket is renamed; socketListener removes it
	if err := os.Chmod(tmp, 0o600); err != nil {
		l.Close()
		return nil, fmt.Errorf("listen unix:%s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		l.Close()
		return nil, fmt.Errorf("listen unix:%s: %w", path, err)
	}
	return &socketListener{Listener: l, path: path}, nil
}

// clearStaleSocket removes a socket nobody listens on.
func clearStaleSocket(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("listen unix:%s: %w", path, err)
	}
	if fi.Mode()&fs.ModeSocket == 0 {
		return fmt.Errorf("listen unix:%s: the file exists and is not a socket", path)
	}
	if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
		c.Close()
		return fmt.Errorf("listen unix:%s: another server is listening there", path)
	}
	if err := os.Remove(path); err != nil {
		return fmt.Errorf("listen unix:%s: removing the stale socket: %w", path, err)
	}
	return nil
}

// socketListener removes its socket file when closed.
type socketListener struct {
	net.Listener
	path string
}

// Close implements net.Listener.
func (l *socketListener) Close() error {
	err := l.Listener.Close()
	if rmErr := os.Remove(l.path); rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) && err == nil {
		err = rmErr
	}
	return err
}

// minTokenLength is the shortest bearer token keyhost accepts.
const minTokenLength = 16

// LoadToken reads a bearer token from a file that only its owner can read
// (as for the state key file); surrounding white space is ignored.
func LoadToken(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("token file: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("token file %s is readable by other users (mode %04o); chmod 600 it", path, fi.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("token file: %w", err)
	}
	tok := []byte(strings.TrimSpace(string(b)))
	if len(tok) < minTokenLength {
		return nil, fmt.Errorf("token file %s: the token must be at least %d characters (openssl rand -hex 32)", path, minTokenLength)
	}
	return tok, nil
}
