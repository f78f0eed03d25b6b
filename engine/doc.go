// Package engine is keyhost's simulation of a vCenter: an inventory of
// datacenters, clusters, hosts, datastores and virtual machines, key providers
// (Native and Standard), VM and vSAN encryption with real cryptography
// (XTS-AES-256 data under DEKs, DEKs wrapped by KEKs with RFC 3394), and a
// crash-safe, versioned state file.
//
// The engine knows nothing of PowerShell; the cmdlet layer translates PowerCLI
// calls into the methods of World. Every method of World is safe for
// concurrent use, every mutation is atomic (it either applies completely or
// leaves the world exactly as it was), and read methods return copies.
//
// Errors from World's inventory and crypto operations are *Fault values
// (vim-style typed faults); find them with errors.As.
package engine
