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
// Hosts keep keys as ESXi does. vCenter pushes every backed-up Native
// provider's KDK to every host it may serve (not a TPM-required provider to
// a host without a TPM); a host with a TPM 2.0 seals it in its TPM
// (engine/hosttpm: go-tpm, the in-process simulator with one seed per
// host, or a real TPM with WithHostTPM), a host without one in its
// encrypted configuration (AES-256-GCM under a configuration key). A host's
// crypto work uses the copy it unsealed, so it keeps working while vCenter
// is down (SetVCenterAvailable): RebootHost unseals the KDKs again and the
// host powers its VMs on. Standard providers' KEKs reach hosts only through
// vCenter, which fetches them from the KMS (WithEmbeddedKMIP: a KMIP
// server on loopback) and pushes them into the hosts' memory; a host that
// rebooted while vCenter or the KMS (SetKMSReachable) was down has lost
// them, and its VMs are locked until UnlockVM. Hosts have vSphere's crypto
// states (SetHostCryptoKey, DisableHostCryptoSafe).
//
// Snapshots keep links in each object's chain, each with its own copy of
// the wrapped DEK; a shallow recrypt interrupted part-way (InjectFault)
// leaves chains that mix two KEKs, which Verify accepts and a reissued
// shallow recrypt makes whole. vSAN encryption operations are tasks
// (StartVsanEncryption, StartVsanRekey) that can be watched while they run
// (VsanConfig.Changing, VsanHealth, VsanResyncing) and commit at their end.
//
// A World is one vCenter. A Fleet holds several (fleet.go): the state
// file's own and the others a script connected to, saved together in one
// state file (fleet_persist.go; a single vCenter's file is unchanged, and
// older files load as a fleet of one). A Fleet builds the demo vCenters
// on demand (DemoVCenterNames: vcsa01.lab.local, the demo, and
// vcsa02.lab.local, a DR site), so a key provider can move between
// vCenters through its backup as it does between real ones. Operations
// that rewrite data take simulated time that scales with the data
// (SetWorkPace, pace.go), so tasks can be watched while they run.
//
// The engine knows nothing of PowerShell; the cmdlet layer translates PowerCLI
// calls into the methods of World. Every method of World is safe for
// concurrent use, every mutation is atomic (it either applies completely or
// leaves the world exactly as it was; the one documented exception is the
// interrupted shallow recrypt above), and read methods return copies. Key
// material never prints: it is held as SecretBytes, and the records holding it
// format themselves without it.
//
// Errors from World's inventory and crypto operations are *Fault values
// (vim-style typed faults); find them with errors.As.
package engine
