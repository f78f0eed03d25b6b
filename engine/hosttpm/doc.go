// Package hosttpm keeps an ESXi host's secrets sealed in the host's TPM 2.0,
// as ESXi keeps the Native Key Provider KDKs it was pushed: a secret is
// sealed under the TPM's storage root key (SRK) into a keyed-hash object
// whose private part only that TPM can load again (Seal), and unsealed when
// the host boots (Unseal). The sealed blobs are not secret: they are
// TPM2B_PRIVATE and TPM2B_PUBLIC structures (tpm2.Marshal), useless without
// the TPM that made them.
//
// A Device is a TPM: the in-process simulator (Simulator, one simulated chip
// per seed), a real TPM (Linux, "/dev/tpmrm0") or swtpm over a Unix socket
// (Socket). The sealing code is the same for all three.
//
// Every session opens the device, creates the SRK (deterministic for the
// TPM's storage seed, so it need not be persisted), seals or unseals, and
// closes the device again. The secret never crosses the TPM interface in
// the clear: commands carrying it run in a salted HMAC session with AES-128
// CFB parameter encryption (EncryptIn to seal, EncryptOut to unseal).
//
// The simulator is Microsoft's reference TPM (go-tpm-tools, cgo, linked
// against OpenSSL's libcrypto), and it is one per process: go-tpm-tools
// holds a process-wide lock from the moment a session opens until it
// closes, so sessions of different simulated hosts take turns. This package
// is the only place keyhost opens it, and every session opens and closes
// within one call of Seal or Unseal, so sessions never nest (a nested open
// would wait for itself forever). Opening the simulator with a host's seed
// manufactures that host's TPM again, with the same storage seed: closing
// and reopening it is a faithful reboot of the chip.
//
// Without cgo the simulator cannot start: Open fails with an error saying
// so, and so does every Seal and Unseal on a simulated device.
package hosttpm
