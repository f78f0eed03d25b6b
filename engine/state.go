package engine

import (
	"time"

	"github.com/keyhost/keyhost/engine/hosttpm"
)

// The records below are the world's state in memory and, through JSON, in the
// state file. Public types (VM, Host, ...) are built from them on every read,
// so callers never hold pointers into state and the file format can evolve
// separately from the Go API. Byte slices in records are never modified in
// place: an operation builds new slices and swaps them in at commit.

// state is everything a World holds apart from its configuration and indexes.
type state struct {
	VCenter         vcenterRecord       `json:"vcenter"`
	Counters        idAllocator         `json:"counters"`
	DefaultProvider string              `json:"defaultKeyProvider,omitempty"`
	Providers       []*providerRecord   `json:"keyProviders"`
	Datacenters     []*datacenterRecord `json:"datacenters"`
	Clusters        []*clusterRecord    `json:"clusters"`
	Hosts           []*hostRecord       `json:"hosts"`
	Datastores      []*datastoreRecord  `json:"datastores"`
	VMs             []*vmRecord         `json:"vms"`
}

type vcenterRecord struct {
	Name         string `json:"name"`
	InstanceUUID string `json:"instanceUuid"`
	Version      string `json:"version"`
	Build        string `json:"build"`
}

type datacenterRecord struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type clusterRecord struct {
	ID                 string      `json:"id"`
	Name               string      `json:"name"`
	Datacenter         string      `json:"datacenter"`
	DefaultKeyProvider string      `json:"defaultKeyProvider,omitempty"`
	Vsan               *vsanRecord `json:"vsan,omitempty"`
}

type hostRecord struct {
	ID              string          `json:"id"`
	Name            string          `json:"name"`
	Cluster         string          `json:"cluster"`
	TPM             bool            `json:"tpm"`
	ConnectionState string          `json:"connectionState"`
	CryptoState     HostCryptoState `json:"cryptoState"`
	CryptoKey       *KeyRef         `json:"cryptoKey,omitempty"`
	Version         string          `json:"version"`
	Build           string          `json:"build"`
	// Keystore holds the Native providers vCenter pushed to the host,
	// sealed (host_keystore.go); nil only in state files written before
	// hosts kept keys, which Load provisions.
	Keystore *hostKeystore `json:"keystore,omitempty"`

	// rt is what the running host holds in memory: its unsealed KDKs and
	// the KEKs vCenter pushed to it (host_runtime.go). Never serialised as
	// is; its secrets go to the state file's sealed section.
	rt hostRuntime
}

// hostKeystore is where an ESXi host keeps the KDKs of the Native Key
// Providers pushed to it: sealed by its TPM 2.0 when it has one, else in
// its encrypted configuration (AES-256-GCM under the host's configuration
// key), as ESXi's encryption.info mode TPM or NONE.
type hostKeystore struct {
	Mode      string          `json:"mode"`
	Providers []*hostProvider `json:"providers,omitempty"`
}

// hostProvider is one pushed Native provider, its KDK sealed one way or
// the other. KeyID is the provider's key_id: a provider deleted and
// imported again under the same name with another key_id is another one.
type hostProvider struct {
	Name   string        `json:"name"`
	KeyID  string        `json:"keyId"`
	TPM    *hosttpm.Blob `json:"tpm,omitempty"`
	Config []byte        `json:"config,omitempty"`
}

type datastoreRecord struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Type       string `json:"type"`
	Cluster    string `json:"cluster,omitempty"`
	Host       string `json:"host,omitempty"`
	CapacityMB int64  `json:"capacityMB"`
}

type vmRecord struct {
	ID              string            `json:"id"`
	Name            string            `json:"name"`
	InstanceUUID    string            `json:"instanceUuid"`
	BIOSUUID        string            `json:"biosUuid"`
	PowerState      PowerState        `json:"powerState"`
	NumCPU          int               `json:"numCpu"`
	MemoryMB        int               `json:"memoryMB"`
	GuestID         string            `json:"guestId"`
	HardwareVersion string            `json:"hardwareVersion"`
	Firmware        string            `json:"firmware"`
	Host            string            `json:"host"`
	Datastore       string            `json:"datastore"`
	Template        bool              `json:"template,omitempty"`
	LinkedClone     bool              `json:"linkedClone,omitempty"`
	VTPM            bool              `json:"vtpm,omitempty"`
	Snapshots       []*snapshotRecord `json:"snapshots,omitempty"`
	CurrentSnapshot string            `json:"currentSnapshot,omitempty"`
	Home            objectRecord      `json:"home"`
	Disks           []*diskRecord     `json:"disks"`

	// seq orders the record in the inventory (st.VMs); it is not saved but
	// given again by reindex (vm_names.go).
	seq uint64
}

type diskRecord struct {
	DeviceKey  int32        `json:"deviceKey"`
	Label      string       `json:"label"`
	CapacityKB int64        `json:"capacityKB"`
	FileName   string       `json:"fileName"`
	Datastore  string       `json:"datastore"`
	Object     objectRecord `json:"object"`
}

type snapshotRecord struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Description string            `json:"description,omitempty"`
	Created     time.Time         `json:"created"`
	Children    []*snapshotRecord `json:"children,omitempty"`
	// Links are the snapshot's links in the VM's disk chains (snapshot_links.go).
	Links []*linkRecord `json:"links,omitempty"`
}

// linkRecord is the link a snapshot froze in one object's chain: the
// .vmsn of the home (DeviceKey 0) or the delta disk of a disk. An
// encrypted link uses its object's DEK, in its own wrapped copy (its own
// descriptor's keySafe), so a shallow recrypt rewraps every link, and one
// interrupted half-way leaves links under the old KEK and links under the
// new one.
type linkRecord struct {
	DeviceKey int32        `json:"deviceKey,omitempty"`
	Object    objectRecord `json:"object"`
}

// objectRecord is one encryptable object: a VM home, a virtual disk, or a vSAN
// disk group. Data is ciphertext when Key is set and plaintext otherwise;
// SHA256 is always the hex SHA-256 of the plaintext, so decryption can be
// verified. WrappedDEK is the DEK wrapped (RFC 3394) by the KEK Key names.
type objectRecord struct {
	Data       []byte  `json:"data"`
	SHA256     string  `json:"sha256"`
	Key        *KeyRef `json:"key,omitempty"`
	WrappedDEK []byte  `json:"wrappedDek,omitempty"`
}

type vsanRecord struct {
	Enabled             bool               `json:"enabled"`
	ESA                 bool               `json:"esa,omitempty"`
	Datastore           string             `json:"datastore,omitempty"`
	EncryptionEnabled   bool               `json:"encryptionEnabled,omitempty"`
	Provider            string             `json:"provider,omitempty"`
	Kek                 *KeyRef            `json:"kek,omitempty"`
	HostKey             *KeyRef            `json:"hostKey,omitempty"`
	EraseDisksBeforeUse bool               `json:"eraseDisksBeforeUse,omitempty"`
	DekGeneration       int64              `json:"dekGeneration,omitempty"`
	DiskGroups          []*diskGroupRecord `json:"diskGroups,omitempty"`

	// task is the encryption operation running on the cluster (nil when
	// idle); it lives in memory only, like a vCenter task (vsan_task.go).
	task *VsanTask
}

type diskGroupRecord struct {
	UUID   string       `json:"uuid"`
	Host   string       `json:"host"`
	Object objectRecord `json:"object"`
}

// providerRecord is a key provider. Its secrets (the Native KDK, the keys of
// the in-process KMS) are not serialised with it: the state file keeps them in
// a separate "secrets" section, so that section alone can later be sealed by a
// TPM without touching the rest of the format.
type providerRecord struct {
	Name        string       `json:"name"`
	Type        ProviderType `json:"type"`
	TpmRequired bool         `json:"tpmRequired,omitempty"`
	BackedUp    bool         `json:"backedUp,omitempty"`
	KeyID       string       `json:"keyId,omitempty"`
	Created     time.Time    `json:"created"`
	// Servers are a Standard provider's KMS servers as registered in
	// vCenter (kms_servers.go): where vCenter would reach its KMS.
	Servers []*kmsServerRecord `json:"servers,omitempty"`

	kdk      SecretBytes   // Native: the key derivation key
	local    *localKMS     // Standard: the in-process KMS whose keys live in the state file
	embedded *EmbeddedKMIP // Standard: the embedded KMIP server serving local's keys (WithEmbeddedKMIP)
	kms      KMS           // Standard: what serves keys (local, embedded, or a WithKMS override)
	// unreachable is injected fault: vCenter cannot reach the provider's
	// KMS (SetKMSReachable). In memory only.
	unreachable bool
}
