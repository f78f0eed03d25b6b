// Package server hosts keyhost's cmdlets over JSON-RPC 2.0
// (github.com/sourcegraph/jsonrpc2), so that a real pwsh with the
// Keyhost.PowerCLI module (ps/shim), or any other client, can stand where
// PowerCLI would talk to vCenter. PROTOCOL.md in this directory is the
// protocol's reference, with examples.
//
// A Server serves a world (engine.World) to any number of connections:
// stdio (keyhost serve started by a client), a Unix socket (created 0600),
// or loopback TCP with a bearer token. Each connection is a PowerCLI
// session with its own interpreter; its calls run in order, and calls of
// different connections run at the same time, each engine operation
// atomic. The methods:
//
//	keyhost.hello   versions, capabilities; authenticates TCP clients
//	cmdlet.list     the cmdlets, their parameter sets and parameter types
//	cmdlet.invoke   one cmdlet with named parameters and pipeline input
//	script.run      a script text on keyhost's interpreter
//	object.get      an object by reference, or one of its properties (ExtensionData)
//	task.get        a -RunAsync task
//	task.wait       wait for a task and get its result
//	state.save      write the world to the state file
//
// Values cross the wire as JSON (encode.go, decode.go): PowerCLI objects
// carry their type names and an object reference ("$ref":
// "VirtualMachine-vm-101") that a later call can pass back as a
// parameter; the server resolves it to a fresh object
// (cmdlets.Session.Resolve). Bad input never ends the server: each
// malformed, oversized or ill-typed request gets a JSON-RPC error.
package server
