// Package server will host keyhost's cmdlets over JSON-RPC 2.0
// (github.com/sourcegraph/jsonrpc2) for the pwsh module shim and other
// clients. It is empty until that work lands; see the project's issues.
package server
