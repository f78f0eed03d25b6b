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

//go:embed demo/vcsa02.json
var demoVcsa02Inventory []byte

// DemoVCenterNames lists the demo vCenters a Fleet can build on demand:
// vcsa01.lab.local (the demo, NewDemo) and vcsa02.lab.local, a second site
// (datacenter DC2, cluster DR with two TPM hosts and unencrypted vSAN,
// key provider NKP-DR as its default; VMs dr-web01, encrypted by NKP-DR,
// and dr-util01), to which scripts migrate key providers and VMs.
func DemoVCenterNames() []string { return []string{"vcsa01.lab.local", "vcsa02.lab.local"} }

// demoVCenterInventory returns the inventory of the demo vCenter called
// name (full name or first label).
func demoVCenterInventory(name string) (Inventory, bool) {
	var data []byte
	switch {
	case vcenterNamed("vcsa01.lab.local", name):
		data = demoInventory
	case vcenterNamed("vcsa02.lab.local", name):
		data = demoVcsa02Inventory
	default:
		return Inventory{}, false
	}
	inv, err := ParseInventory(data)
	if err != nil {
		return Inventory{}, false // the embedded inventories parse; demo_test checks
	}
	return inv, true
}
