package main

import (
	"flag"
	"fmt"
)

// verify implements `keyhost verify`: every encrypted object, and every
// snapshot link of the disk chains, is decrypted with the keys the world
// holds and checked against its plaintext checksum. Chains that mix an old
// and a new KEK after an interrupted shallow rekey verify (every link
// opens with its own key) but are named on stderr: rekey them again.
func (a *app) verify(args []string) int {
	f, code, ok := a.fleetFromFlags(flag.NewFlagSet("keyhost verify", flag.ContinueOnError), args)
	if !ok {
		return code
	}
	defer f.Close()
	worlds := f.Worlds()
	var objects, encrypted, plaintext, failed, links, failedLinks int
	for _, w := range worlds {
		// With several vCenters, each object is named with its vCenter.
		where := ""
		if len(worlds) > 1 {
			where = w.VCenter().Name + ": "
		}
		rep := w.Verify()
		for _, vm := range rep.MixedChains {
			fmt.Fprintf(a.stderr, "warning: the disk chains of %s%s mix an old and a new KEK after an interrupted shallow rekey; rekey it again before any snapshot operation\n", where, vm)
		}
		for _, fl := range append(rep.Failures, rep.LinkFailures...) {
			fmt.Fprintf(a.stderr, "FAILED %s%s: %s\n", where, fl.Object, fl.Reason)
		}
		objects, encrypted, plaintext = objects+rep.Objects, encrypted+rep.Encrypted, plaintext+rep.Plaintext
		failed, links, failedLinks = failed+len(rep.Failures), links+rep.Links, failedLinks+len(rep.LinkFailures)
	}
	if failed > 0 || failedLinks > 0 {
		if failed > 0 {
			fmt.Fprintf(a.stderr, "%d of %d objects failed verification\n", failed, objects)
		}
		if failedLinks > 0 {
			fmt.Fprintf(a.stderr, "%d of %d snapshot links failed verification\n", failedLinks, links)
		}
		return 1
	}
	fmt.Fprintf(a.stdout, "verified %d objects (%d encrypted, %d plaintext)", objects, encrypted, plaintext)
	if len(worlds) > 1 {
		fmt.Fprintf(a.stdout, " on %d vCenters", len(worlds))
	}
	fmt.Fprintln(a.stdout)
	return 0
}
