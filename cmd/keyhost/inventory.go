package main

import (
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/keyhost/keyhost/engine"
)

// inventory implements `keyhost inventory generate|show`.
func (a *app) inventory(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(a.stderr, usage)
		return 2
	}
	switch args[0] {
	case "generate":
		return a.inventoryGenerate(args[1:])
	case "demo":
		return a.inventoryDemo(args[1:])
	case "show":
		return a.inventoryShow(args[1:])
	}
	fmt.Fprintf(a.stderr, "keyhost inventory: unknown subcommand %q\n", args[0])
	return 2
}

// inventoryGenerate writes the state file of a larger world.
func (a *app) inventoryGenerate(args []string) int {
	fl := flag.NewFlagSet("keyhost inventory generate", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	vms := fl.Int("vms", 0, "number of VMs (vm00001 ...)")
	clusters := fl.Int("clusters", 1, "number of clusters")
	hosts := fl.Int("hosts-per-cluster", 4, "hosts in each cluster")
	frac := fl.Float64("encrypted-fraction", 0.5, "fraction of VMs encrypted by NKP-Primary")
	out := fl.String("o", "", "state `FILE` to write")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *out == "" || *vms <= 0 {
		fmt.Fprintln(a.stderr, "keyhost inventory generate: --vms N (N > 0) and -o FILE are required")
		return 2
	}
	if code := a.writeWorld(*out, func(opts []engine.Option) (*engine.World, error) {
		return engine.Generate(engine.GenerateOptions{VMs: *vms, Clusters: *clusters, HostsPerCluster: *hosts, EncryptedFraction: *frac}, opts...)
	}); code != 0 {
		return code
	}
	fmt.Fprintf(a.stdout, "wrote %s: %d VMs in %d clusters\n", *out, *vms, *clusters)
	return 0
}

// writeWorld builds a world (with the state key the environment names)
// and saves it to path, returning the exit code.
func (a *app) writeWorld(path string, build func(opts []engine.Option) (*engine.World, error)) int {
	opts, err := a.stateOptions()
	if err != nil {
		fmt.Fprintf(a.stderr, "keyhost: %v\n", err)
		return 1
	}
	w, err := build(opts)
	if err != nil {
		fmt.Fprintf(a.stderr, "keyhost: %v\n", err)
		return 1
	}
	defer w.Close()
	if err := saveWorld(w, path); err != nil {
		fmt.Fprintln(a.stderr, err)
		return 1
	}
	return 0
}

// inventoryDemo writes the embedded demo inventory, with fresh keys, to a
// state file.
func (a *app) inventoryDemo(args []string) int {
	fl := flag.NewFlagSet("keyhost inventory demo", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	out := fl.String("o", "", "state `FILE` to write")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *out == "" {
		fmt.Fprintln(a.stderr, "keyhost inventory demo: -o FILE is required")
		return 2
	}
	return a.writeWorld(*out, func(opts []engine.Option) (*engine.World, error) { return engine.NewDemo(opts...) })
}

// inventoryShow lists every encrypted or plaintext object with the key
// provider and key that wrap its DEK, and short fingerprints of the DEK and
// the wrapped DEK: enough to see that a shallow rekey rewrapped a DEK
// without changing it. An object whose key provider is missing shows
// "locked" instead of its DEK fingerprint. Fingerprints are SHA-256 hashes;
// no key is ever printed.
func (a *app) inventoryShow(args []string) int {
	f, code, ok := a.fleetFromFlags(flag.NewFlagSet("keyhost inventory show", flag.ContinueOnError), args)
	if !ok {
		return code
	}
	defer f.Close()
	worlds := f.Worlds()
	for i, w := range worlds {
		if len(worlds) > 1 {
			if i > 0 {
				fmt.Fprintln(a.stdout)
			}
			fmt.Fprintf(a.stdout, "vCenter %s\n\n", w.VCenter().Name)
		}
		a.showObjects(w)
		a.showHosts(w)
	}
	return 0
}

// showObjects lists each VM home, disk and vSAN disk group of w with the
// provider and key id that wrap its DEK.
func (a *app) showObjects(w *engine.World) {
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "OBJECT\tPROVIDER\tKEY ID\tDEK\tWRAPPED DEK")
	for _, o := range w.CryptoObjects() {
		if !o.Encrypted {
			fmt.Fprintf(tw, "%s\t-\t-\t-\t-\n", o.Name)
			continue
		}
		dek := short(o.DEKFingerprint, 12)
		if o.Error != "" {
			dek = "locked"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", o.Name, o.ProviderID, short(o.KeyID, 8), dek, short(o.WrappedDEKHash, 12))
	}
	tw.Flush()
}

// showHosts lists where each host keeps the KDKs pushed to it (sealed by
// its TPM, or in its encrypted configuration), its crypto state and host
// key, and how many Standard KEKs it holds in memory.
func (a *app) showHosts(w *engine.World) {
	fmt.Fprintln(a.stdout)
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "HOST\tCRYPTO STATE\tHOST KEY\tKDKS SEALED IN\tCACHED KEKS")
	for _, h := range w.Hosts() {
		hostKey := "-"
		if h.CryptoKey != nil {
			hostKey = h.CryptoKey.ProviderID + " " + short(h.CryptoKey.KeyID, 8)
		}
		storage := "configuration"
		if h.KeyStorage == engine.KeystoreTPM {
			storage = "TPM"
		}
		kdks := storage + ": " + strings.Join(h.KeyProviders, ", ")
		if len(h.KeyProviders) == 0 {
			kdks = storage + ": -"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", h.Name, h.CryptoState, hostKey, kdks, h.CachedKeys)
	}
	tw.Flush()
}

// short abbreviates an id or hash for display.
func short(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
