package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
)

// Object contents are deterministic functions of names, so tests (and anyone
// auditing keyhost) can recompute the plaintext of any disk or disk group and
// compare it with what decryption yields. Every 512-byte sector starts with a
// readable header naming its object and sector, then pseudo-random bytes
// (ChaCha8 seeded from the object's name).

// DiskPlaintext returns the plaintext keyhost gives a virtual disk of size
// bytes: the disk labelled diskLabel ("Hard disk 1") of the VM named vmName.
func DiskPlaintext(vmName, diskLabel string, size int) []byte {
	return sectorPayload("disk "+vmName+"/"+diskLabel, size)
}

// VsanDiskGroupPlaintext returns the plaintext keyhost gives the vSAN disk
// group of host hostName in cluster clusterName.
func VsanDiskGroupPlaintext(clusterName, hostName string, size int) []byte {
	return sectorPayload("vsan "+clusterName+"/"+hostName, size)
}

func sectorPayload(name string, size int) []byte {
	out := make([]byte, size)
	stream := rand.NewChaCha8(sha256.Sum256([]byte("keyhost payload v1\x00" + name)))
	_, _ = stream.Read(out) // ChaCha8.Read never fails
	for off, sector := 0, 0; off < size; off, sector = off+512, sector+1 {
		hdr := fmt.Sprintf("keyhost %s sector %d\n", name, sector)
		copy(out[off:min(off+512, size)], hdr)
	}
	return out
}

// homePlaintext renders a VM home of exactly size bytes: .vmx-style
// configuration text followed by NVRAM-like lines, derived from the VM's
// identity so it differs per VM.
func homePlaintext(vm *vmRecord, size int) []byte {
	var b strings.Builder
	line := func(k, v string) { fmt.Fprintf(&b, "%s = %q\n", k, v) }
	line(".encoding", "UTF-8")
	line("config.version", "8")
	line("virtualHW.version", strings.TrimPrefix(vm.HardwareVersion, "vmx-"))
	line("displayName", vm.Name)
	line("guestOS", vm.GuestID)
	line("numvcpus", fmt.Sprint(vm.NumCPU))
	line("memSize", fmt.Sprint(vm.MemoryMB))
	line("firmware", vm.Firmware)
	line("uuid.bios", vm.BIOSUUID)
	line("vc.uuid", vm.InstanceUUID)
	line("nvram", vm.Name+".nvram")
	if vm.VTPM {
		line("vtpm.present", "TRUE")
	}
	for i, d := range vm.Disks {
		line(fmt.Sprintf("scsi0:%d.fileName", i), d.FileName)
	}
	stream := rand.NewChaCha8(sha256.Sum256([]byte("keyhost home v1\x00" + vm.InstanceUUID)))
	var raw [32]byte
	for i := 0; b.Len() < size; i++ {
		_, _ = stream.Read(raw[:])
		line(fmt.Sprintf("nvram.block.%03d", i), hex.EncodeToString(raw[:]))
	}
	out := []byte(b.String()[:size])
	out[size-1] = '\n'
	return out
}
