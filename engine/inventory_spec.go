package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Inventory is a declarative description of a vCenter inventory: the demo's
// (demo/inventory.json), Generate's, and later inventories imported from real
// vCenters. Ids are optional (allocated vCenter-style when empty); names tie
// things together. Encryption is described, not given: building the world
// makes fresh keys and really encrypts what the description says.
type Inventory struct {
	VCenter      InventoryVCenter    `json:"vcenter"`
	KeyProviders []InventoryProvider `json:"keyProviders,omitempty"`
	// DefaultKeyProvider is the system default provider ("" for none).
	DefaultKeyProvider string                `json:"defaultKeyProvider,omitempty"`
	Datacenters        []InventoryDatacenter `json:"datacenters"`
}

// InventoryVCenter describes the vCenter itself.
type InventoryVCenter struct {
	Name         string `json:"name"`
	InstanceUUID string `json:"instanceUuid,omitempty"`
	Version      string `json:"version,omitempty"`
	Build        string `json:"build,omitempty"`
}

// InventoryProvider describes a key provider, created in list order.
type InventoryProvider struct {
	Name        string       `json:"name"`
	Type        ProviderType `json:"type"`
	TpmRequired bool         `json:"tpmRequired,omitempty"`
	// BackedUp marks a Native provider as already backed up.
	BackedUp bool `json:"backedUp,omitempty"`
	// KeyID fixes a Native provider's key_id (random when empty).
	KeyID string `json:"keyId,omitempty"`
	// KMSServers (Standard) are the provider's registered KMS servers,
	// trusted.
	KMSServers []InventoryKMSServer `json:"kmsServers,omitempty"`
}

// InventoryKMSServer describes a KMS server of a Standard provider.
type InventoryKMSServer struct {
	Name     string `json:"name"`
	Address  string `json:"address"`
	Port     int    `json:"port"`
	Username string `json:"username,omitempty"`
}

// InventoryDatacenter describes a datacenter and its clusters.
type InventoryDatacenter struct {
	ID       string             `json:"id,omitempty"`
	Name     string             `json:"name"`
	Clusters []InventoryCluster `json:"clusters"`
}

// InventoryCluster describes a cluster, its hosts, datastores and VMs.
type InventoryCluster struct {
	ID                 string               `json:"id,omitempty"`
	Name               string               `json:"name"`
	DefaultKeyProvider string               `json:"defaultKeyProvider,omitempty"`
	Vsan               *InventoryVsan       `json:"vsan,omitempty"`
	Hosts              []InventoryHost      `json:"hosts"`
	Datastores         []InventoryDatastore `json:"datastores,omitempty"`
	VMs                []InventoryVM        `json:"vms,omitempty"`
}

// InventoryVsan describes vSAN on a cluster (enabled when present). Each host
// gets one disk group.
type InventoryVsan struct {
	ESA           bool   `json:"esa,omitempty"`
	DatastoreID   string `json:"datastoreId,omitempty"`
	DatastoreName string `json:"datastoreName,omitempty"` // default "vsanDatastore", "vsanDatastore (1)", ...
	CapacityGB    int64  `json:"capacityGB,omitempty"`
	// Encryption, when present, enables data-at-rest encryption.
	Encryption          *InventoryEncryption `json:"encryption,omitempty"`
	EraseDisksBeforeUse bool                 `json:"eraseDisksBeforeUse,omitempty"`
	DiskGroupBytes      int                  `json:"diskGroupBytes,omitempty"` // default 4096
}

// InventoryEncryption says which provider encrypts something ("" = the default).
type InventoryEncryption struct {
	Provider string `json:"provider,omitempty"`
	// Disks (VMs only) encrypts every disk too; otherwise only the home is.
	Disks bool `json:"disks,omitempty"`
}

// InventoryHost describes an ESXi host.
type InventoryHost struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name"`
	TPM  bool   `json:"tpm,omitempty"`
	// CryptoState is incapable (the default), prepared or pendingIncapable;
	// a host with a HostKey is safe.
	CryptoState HostCryptoState `json:"cryptoState,omitempty"`
	// HostKey, when present, gives the host a host key (Runtime.CryptoKeyId)
	// and makes it safe, as Set-VMHost -KeyProvider does.
	HostKey *InventoryHostKey `json:"hostKey,omitempty"`
	Version string            `json:"version,omitempty"`
	Build   string            `json:"build,omitempty"`
}

// InventoryHostKey says which provider issues a host key ("" = the
// cluster's default provider).
type InventoryHostKey struct {
	Provider string `json:"provider,omitempty"`
}

// InventoryDatastore describes a non-vSAN datastore; Host names the host of a
// local one (otherwise all hosts of the cluster mount it).
type InventoryDatastore struct {
	ID         string `json:"id,omitempty"`
	Name       string `json:"name"`
	Type       string `json:"type,omitempty"` // default "VMFS"
	Host       string `json:"host,omitempty"`
	CapacityGB int64  `json:"capacityGB,omitempty"`
}

// InventoryVM describes a VM or template.
type InventoryVM struct {
	ID              string     `json:"id,omitempty"`
	Name            string     `json:"name"`
	InstanceUUID    string     `json:"instanceUuid,omitempty"`
	BIOSUUID        string     `json:"biosUuid,omitempty"`
	PowerState      PowerState `json:"powerState,omitempty"` // default poweredOff
	NumCPU          int        `json:"numCpu,omitempty"`
	MemoryMB        int        `json:"memoryMB,omitempty"`
	GuestID         string     `json:"guestId,omitempty"`
	HardwareVersion string     `json:"hardwareVersion,omitempty"` // default vmx-20
	Firmware        string     `json:"firmware,omitempty"`        // default efi
	// Host names a host of the cluster; Datastore a datastore of the cluster
	// (default: the vSAN datastore, else the first one).
	Host        string `json:"host"`
	Datastore   string `json:"datastore,omitempty"`
	Template    bool   `json:"template,omitempty"`
	LinkedClone bool   `json:"linkedClone,omitempty"`
	VTPM        bool   `json:"vtpm,omitempty"`
	// HomeBytes is the size of the home object (default 1536, a multiple of 16).
	HomeBytes int                 `json:"homeBytes,omitempty"`
	Disks     []InventoryDisk     `json:"disks,omitempty"`
	Snapshots []InventorySnapshot `json:"snapshots,omitempty"`
	// CurrentSnapshot names the current snapshot (default: the newest along
	// the last branch).
	CurrentSnapshot string               `json:"currentSnapshot,omitempty"`
	Encryption      *InventoryEncryption `json:"encryption,omitempty"`
}

// InventoryDisk describes a virtual disk; labels are "Hard disk N" in order.
type InventoryDisk struct {
	CapacityGB int64  `json:"capacityGB"`
	DataBytes  int    `json:"dataBytes,omitempty"` // default 4096, a multiple of 16
	Datastore  string `json:"datastore,omitempty"`
}

// InventorySnapshot describes a snapshot and its children.
type InventorySnapshot struct {
	ID          string              `json:"id,omitempty"`
	Name        string              `json:"name"`
	Description string              `json:"description,omitempty"`
	Created     time.Time           `json:"created,omitzero"`
	Children    []InventorySnapshot `json:"children,omitempty"`
}

// ParseInventory decodes an inventory description, rejecting unknown fields
// so that typos do not pass silently.
func ParseInventory(data []byte) (Inventory, error) {
	var inv Inventory
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&inv); err != nil {
		return Inventory{}, fmt.Errorf("parse inventory: %w", err)
	}
	if dec.More() {
		return Inventory{}, fmt.Errorf("parse inventory: trailing data after the inventory object")
	}
	return inv, nil
}
