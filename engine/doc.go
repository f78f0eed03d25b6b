// Package engine is keyhost's simulation of a vCenter: an inventory of
// datacenters, clusters, hosts, datastores and virtual machines, key providers
// (Native and Standard), VM and vSAN encryption with real cryptography
// (XTS-AES-256 data under DEKs, DEKs wrapped by KEKs with RFC 3394), and a
// crash-safe, versioned state file whose key material is sealed with a state
// key (persist.go, statekey.go).
//
// Native Key Providers have vSphere's whole lifecycle: created with a fresh
// KDK (CreateNativeKeyProvider), useless until backed up to a .p12
// (ExportNativeKeyProvider, keyhost's own file layout in engine/nkpbackup),
// restored or shared through that file (ImportNativeKeyProviderBackup), and
// deleted (RemoveKeyProvider), which vCenter allows even while VMs use the
// provider; keyhost reports what depends on it (KeyProviderDependencies) and
// shows those objects locked until the backup is imported again. VM files
// move between worlds with ExportVM and RegisterVM. There is no automatic
// rotation: a new provider and a shallow rekey is the rotation.
//
// The engine knows nothing of PowerShell; the cmdlet layer translates PowerCLI
// calls into the methods of World. Every method of World is safe for
// concurrent use, every mutation is atomic (it either applies completely or
// leaves the world exactly as it was), and read methods return copies. Key
// material never prints: it is held as SecretBytes, and the records holding it
// format themselves without it.
//
// Errors from World's inventory and crypto operations are *Fault values
// (vim-style typed faults); find them with errors.As.
package engine
