package engine

import (
	_ "embed"
	"fmt"
)

//go:embed demo/inventory.json
var demoInventory []byte

// DemoInventory returns the description of the demo world (a copy of the
// embedded demo/inventory.json).
func DemoInventory() (Inventory, error) {
	return ParseInventory(demoInventory)
}

// NewDemo builds the demo world with fresh real keys: vCenter
// vcsa01.lab.local, datacenter DC1, clusters Prod (3 TPM hosts, vSAN OSA
// encrypted by NKP-Primary; web01 web02 db01 db02 app01), Dev (2 hosts
// without TPM, vSAN unencrypted; dev01..dev04) and Mgmt (1 TPM host, no vSAN;
// jump01 util01), and the providers NKP-Primary (system default),
// NKP-Secondary, KMS-Standard and NKP-Unbacked (never backed up).
func NewDemo(opts ...Option) (*World, error) {
	inv, err := DemoInventory()
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	w, err := NewFromInventory(inv, opts...)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	return w, nil
}
