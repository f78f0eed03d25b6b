package engine

import (
	"errors"
	"fmt"
)

// Limits Generate enforces: vCenter 8's maxima for registered VMs and hosts
// per vCenter and hosts per cluster.
const (
	MaxVMs             = 45000
	MaxHosts           = 2500
	MaxHostsPerCluster = 96
)

// GenerateOptions sizes a generated world.
type GenerateOptions struct {
	// VMs is the number of VMs (named vm00001, vm00002, ...), at most MaxVMs.
	VMs int
	// Clusters and HostsPerCluster shape the inventory (default 1 and 4).
	Clusters        int
	HostsPerCluster int
	// EncryptedFraction (0..1) of the VMs is encrypted by NKP-Primary, home
	// and disk, spread evenly through the inventory.
	EncryptedFraction float64
	// PayloadBytes is the size of each VM home and disk (default 512).
	PayloadBytes int
}

// Generate builds a large world for benchmarks and scale tests: datacenter
// DC1 with Clusters clusters of HostsPerCluster TPM hosts, each cluster with
// an unencrypted vSAN datastore, VMs with one disk placed round-robin on the
// hosts of their cluster (every other one powered on), and the demo's key providers.
func Generate(opts GenerateOptions, options ...Option) (*World, error) {
	inv, err := GenerateInventory(opts)
	if err != nil {
		return nil, err
	}
	w, err := build(&inv, newConfig(options))
	if err != nil {
		return nil, fmt.Errorf("generate: %w", err)
	}
	return w, nil
}

// GenerateInventory returns the description Generate builds.
func GenerateInventory(opts GenerateOptions) (Inventory, error) {
	if opts.Clusters == 0 {
		opts.Clusters = 1
	}
	if opts.HostsPerCluster == 0 {
		opts.HostsPerCluster = 4
	}
	if opts.PayloadBytes == 0 {
		opts.PayloadBytes = 512
	}
	switch {
	case opts.VMs < 0 || opts.VMs > MaxVMs:
		return Inventory{}, fmt.Errorf("generate: %d VMs: want 0 to %d", opts.VMs, MaxVMs)
	case opts.Clusters < 0:
		return Inventory{}, fmt.Errorf("generate: %d clusters: want at least 1", opts.Clusters)
	case opts.HostsPerCluster < 0 || opts.HostsPerCluster > MaxHostsPerCluster:
		return Inventory{}, fmt.Errorf("generate: %d hosts per cluster: want 1 to %d", opts.HostsPerCluster, MaxHostsPerCluster)
	case opts.Clusters*opts.HostsPerCluster > MaxHosts:
		return Inventory{}, fmt.Errorf("generate: %d hosts: want at most %d", opts.Clusters*opts.HostsPerCluster, MaxHosts)
	case !(opts.EncryptedFraction >= 0 && opts.EncryptedFraction <= 1):
		return Inventory{}, errors.New("generate: encrypted fraction must be between 0 and 1")
	}
	demo, err := DemoInventory()
	if err != nil {
		return Inventory{}, err
	}
	inv := Inventory{
		VCenter:            demo.VCenter,
		KeyProviders:       demo.KeyProviders,
		DefaultKeyProvider: demo.DefaultKeyProvider,
	}
	dc := InventoryDatacenter{Name: "DC1", Clusters: make([]InventoryCluster, opts.Clusters)}
	for c := range opts.Clusters {
		cl := &dc.Clusters[c]
		cl.Name = fmt.Sprintf("Cluster%02d", c+1)
		cl.Vsan = &InventoryVsan{CapacityGB: 8192, DiskGroupBytes: opts.PayloadBytes}
		for h := range opts.HostsPerCluster {
			name := fmt.Sprintf("esx-%02d-%02d.gen.local", c+1, h+1)
			cl.Hosts = append(cl.Hosts, InventoryHost{Name: name, TPM: true})
		}
	}
	for i := range opts.VMs {
		// Contiguous blocks of VMs per cluster keep inventory order vm00001,
		// vm00002, ...; within a cluster, hosts take turns.
		cl := &dc.Clusters[i*opts.Clusters/opts.VMs]
		vm := InventoryVM{
			Name: fmt.Sprintf("vm%05d", i+1), Host: cl.Hosts[i%opts.HostsPerCluster].Name,
			NumCPU: 2, MemoryMB: 4096, GuestID: "ubuntu64Guest", HomeBytes: opts.PayloadBytes,
			Disks: []InventoryDisk{{CapacityGB: 40, DataBytes: opts.PayloadBytes}},
		}
		if i%2 == 0 {
			vm.PowerState = PoweredOn
		}
		// VM i is encrypted when the running count floor(F*(i+1)) steps up,
		// which spreads the encrypted VMs evenly.
		if int(opts.EncryptedFraction*float64(i+1)) > int(opts.EncryptedFraction*float64(i)) {
			vm.Encryption = &InventoryEncryption{Provider: "NKP-Primary", Disks: true}
		}
		cl.VMs = append(cl.VMs, vm)
	}
	inv.Datacenters = []InventoryDatacenter{dc}
	return inv, nil
}
