package server

import (
	"bufio"
	"fmt"
	"io"
	"sync"

	"github.com/keyhost/keyhost/ps/eval"
)

// TransportCmdlet is the name of the command the pwsh shim
// (ps/shim/Keyhost.PowerCLI) uses to reach a server when it runs on
// keyhost's own interpreter, which has no .NET sockets or processes.
const TransportCmdlet = "Send-KeyhostRpcMessage"

// TransportCommand returns Send-KeyhostRpcMessage [-Message] <String>: it
// writes one JSON-RPC message, as a line, to a server speaking plain
// framing over rw and writes the server's response line. Registered in a
// runner, it lets the shim's whole PowerShell (function generation,
// parameter forwarding, object conversion, errors) run on keyhost's
// interpreter; under pwsh the shim uses .NET for the same line exchange.
func TransportCommand(rw io.ReadWriter) *eval.CommandInfo {
	t := &lineTransport{w: rw, r: bufio.NewReaderSize(rw, 64<<10)}
	return &eval.CommandInfo{
		Name:             TransportCmdlet,
		Module:           "Keyhost.Transport",
		ImplementingType: "Keyhost.Server.SendRpcMessage",
		Synopsis:         "Sends one JSON-RPC message to a keyhost server and returns its response.",
		OutputType:       []string{"System.String"},
		Parameters: []*eval.Parameter{
			{Name: "Message", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}}},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				resp, err := t.exchange(c.String("Message"))
				if err != nil {
					return c.ThrowTerminatingError(c.NewError(eval.NewException("System.IO.IOException", err.Error()), "KeyhostTransportFailed", eval.ConnectionError, nil))
				}
				return c.WriteObject(resp)
			})
		},
	}
}

// lineTransport exchanges one line for one line.
type lineTransport struct {
	mu sync.Mutex
	w  io.Writer
	r  *bufio.Reader
}

func (t *lineTransport) exchange(msg string) (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, err := io.WriteString(t.w, msg+"\n"); err != nil {
		return "", fmt.Errorf("keyhost server: %w", err)
	}
	line, err := t.r.ReadString('\n')
	if err != nil {
		return "", fmt.Errorf("keyhost server: %w", err)
	}
	return line[:len(line)-1], nil
}
