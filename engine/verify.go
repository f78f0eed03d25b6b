package engine

import (
	"bytes"
	"fmt"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// VerifyReport is the result of Verify.
type VerifyReport struct {
	// Objects is how many objects were checked; Encrypted and Plaintext split it.
	Objects   int
	Encrypted int
	Plaintext int
	// Links is how many snapshot links were checked besides (not counted
	// in Objects), LinkFailures those that did not verify; MixedChains
	// names the VMs whose chains mix KEKs after an interrupted shallow
	// recrypt (they verify, since every link opens with its own key).
	Links        int
	LinkFailures []VerifyFailure
	MixedChains  []string
	// Failures lists the objects that did not verify.
	Failures []VerifyFailure
}

// OK reports whether every object and snapshot link verified.
func (r VerifyReport) OK() bool { return len(r.Failures) == 0 && len(r.LinkFailures) == 0 }

// VerifyFailure names an object that did not verify ("web01 Hard disk 1",
// "Prod disk group esx01.lab.local") and why.
type VerifyFailure struct {
	Object string
	Reason string
}

// Verify decrypts every encrypted object with the keys the world holds
// (KEK from the provider, DEK unwrapped with it) and compares the plaintext's
// SHA-256 with the recorded one; plaintext objects are hashed directly. It
// also checks that encrypted disks have an encrypted home and that vSAN disk
// groups use their cluster's KEK. Provider serving rules (backup, TPM) do not
// apply: this is an audit of the data, not an operation.
func (w *World) Verify() VerifyReport {
	w.mu.RLock()
	defer w.mu.RUnlock()
	kr := w.newKeyring()
	defer kr.close()
	var r VerifyReport
	fail := func(o objectRef, format string, args ...any) {
		r.Failures = append(r.Failures, VerifyFailure{Object: o.name(), Reason: fmt.Sprintf(format, args...)})
	}
	check := func(o objectRef) {
		r.Objects++
		if o.obj.Key == nil {
			r.Plaintext++
			if sha256Hex(o.obj.Data) != o.obj.SHA256 {
				fail(o, "plaintext does not match its recorded SHA-256")
			}
			return
		}
		r.Encrypted++
		_, dek, err := kr.open(o.obj)
		if err != nil {
			fail(o, "%v", err)
			return
		}
		kcrypto.Wipe(dek)
	}
	for _, vm := range w.st.VMs {
		objs := vmObjects(vm)
		for _, o := range objs {
			check(o)
			if o.kind == ObjectVMDisk && o.obj.Key != nil && vm.Home.Key == nil {
				fail(o, "disk is encrypted but the VM home is not")
			}
		}
		for _, l := range vmLinks(vm) {
			r.Links++
			if reason := verifyLink(kr, vm, l); reason != "" {
				r.LinkFailures = append(r.LinkFailures, VerifyFailure{Object: l.name(), Reason: reason})
			}
		}
		if keyChainMixed(vm) {
			r.MixedChains = append(r.MixedChains, vm.Name)
		}
	}
	for _, c := range w.st.Clusters {
		for _, o := range w.vsanObjects(c) {
			check(o)
			if !sameKey(o.obj.Key, c.Vsan.Kek) {
				fail(o, "disk group key does not match the cluster KEK")
			}
		}
	}
	return r
}

// verifyLink decrypts a snapshot link with its own key and checks its
// plaintext, and that it shares its object's DEK; it returns why it does
// not verify, or "".
func verifyLink(kr *keyring, vm *vmRecord, l linkRef) string {
	if l.obj.Key == nil {
		if sha256Hex(l.obj.Data) != l.obj.SHA256 {
			return "plaintext does not match its recorded SHA-256"
		}
		return ""
	}
	_, dek, err := kr.open(l.obj)
	if err != nil {
		return err.Error()
	}
	defer kcrypto.Wipe(dek)
	base := vm.linkBase(l.link.DeviceKey)
	if base == nil || base.Key == nil {
		return "the link is encrypted but its object is not"
	}
	bdek, err := kr.unwrapDEK(base)
	if err != nil {
		return "" // the object itself reports why it does not open
	}
	defer kcrypto.Wipe(bdek)
	if !bytes.Equal(dek, bdek) {
		return "the link's DEK is not its object's"
	}
	return ""
}
