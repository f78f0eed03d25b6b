package server

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
)

// Framing is how JSON-RPC messages are delimited on a connection.
type Framing int

const (
	// FramingPlain is one JSON object per line, as jsonrpc2's plain object
	// codec writes them (JSON text never contains a raw newline).
	FramingPlain Framing = iota
	// FramingLSP is the Language Server Protocol's base protocol: a
	// "Content-Length: N" header, a blank line, then N bytes of JSON.
	FramingLSP
)

// ParseFraming parses a --framing value: "plain" (or "") or "lsp".
func ParseFraming(s string) (Framing, error) {
	switch strings.ToLower(s) {
	case "", "plain", "line", "ndjson":
		return FramingPlain, nil
	case "lsp", "content-length", "vscode":
		return FramingLSP, nil
	}
	return 0, fmt.Errorf("unknown framing %q (want plain or lsp)", s)
}

// String returns the framing's name.
func (f Framing) String() string {
	if f == FramingLSP {
		return "lsp"
	}
	return "plain"
}

// Frame reading errors. errFrameTooLarge is recoverable: the oversized
// message was skipped and the next one can be read. errBadHeader is not:
// without a trustworthy length the stream cannot be resynchronised.
var (
	errFrameTooLarge = errors.New("message too large")
	errBadHeader     = errors.New("malformed message header")
)

// maxHeaderLine bounds one LSP header line; real headers are short.
const maxHeaderLine = 1024

// readFrame reads one message's bytes with the given framing, refusing
// messages over max bytes. Blank lines between plain messages are
// skipped.
func readFrame(r *bufio.Reader, f Framing, max int) ([]byte, error) {
	if f == FramingLSP {
		return readLSPFrame(r, max)
	}
	for {
		line, err := readLine(r, max)
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(line)) > 0 {
			return line, nil
		}
	}
}

// readLine reads up to a newline, without it. A line over max bytes is
// read to its end and dropped (errFrameTooLarge), so the next line starts
// a fresh message. Text after the last newline at EOF is a message too.
func readLine(r *bufio.Reader, max int) ([]byte, error) {
	var buf []byte
	tooLarge := false
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLarge {
			if len(buf)+len(chunk) > max+1 { // +1: the newline itself
				tooLarge, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch {
		case err == nil:
			if tooLarge {
				return nil, errFrameTooLarge
			}
			return bytes.TrimRight(buf, "\r\n"), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(buf) > 0 && !tooLarge:
			return bytes.TrimRight(buf, "\r\n"), nil
		default:
			return nil, err
		}
	}
}

// readLSPFrame reads "Content-Length: N\r\n[other headers\r\n]\r\n" and N
// bytes. A message over max is skipped and reported as errFrameTooLarge.
func readLSPFrame(r *bufio.Reader, max int) ([]byte, error) {
	length := -1
	for lines := 0; ; lines++ {
		if lines > 32 {
			return nil, fmt.Errorf("%w: too many header lines", errBadHeader)
		}
		line, err := readLine(r, maxHeaderLine)
		if errors.Is(err, errFrameTooLarge) {
			return nil, fmt.Errorf("%w: header line longer than %d bytes", errBadHeader, maxHeaderLine)
		}
		if err != nil {
			return nil, err
		}
		if len(line) == 0 {
			if lines == 0 {
				continue // tolerate a stray blank line between messages
			}
			break
		}
		name, val, ok := strings.Cut(string(line), ":")
		if !ok {
			return nil, fmt.Errorf("%w: %q is not a header", errBadHeader, truncate(string(line), 64))
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.ParseInt(strings.TrimSpace(val), 10, 64)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("%w: bad Content-Length %q", errBadHeader, truncate(strings.TrimSpace(val), 32))
			}
			length = int(min(n, 1<<40))
		}
	}
	if length < 0 {
		return nil, fmt.Errorf("%w: no Content-Length header", errBadHeader)
	}
	if length > max {
		if _, err := io.CopyN(io.Discard, r, int64(length)); err != nil {
			return nil, err
		}
		return nil, errFrameTooLarge
	}
	buf := make([]byte, length)
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, err
	}
	return buf, nil
}

// frameBuffers returns a message with its framing, as buffers written
// in one go (one writev on a socket).
func frameBuffers(f Framing, msg []byte) net.Buffers {
	if f == FramingLSP {
		header := make([]byte, 0, 40)
		header = append(header, "Content-Length: "...)
		header = strconv.AppendInt(header, int64(len(msg)), 10)
		header = append(header, "\r\n\r\n"...)
		return net.Buffers{header, msg}
	}
	return net.Buffers{msg, []byte{'\n'}}
}

// truncate shortens s for an error message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
