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
	w, code, ok := a.worldFromFlags(flag.NewFlagSet("keyhost verify", flag.ContinueOnError), args)
	if !ok {
		return code
	}
	defer w.Close()
	rep := w.Verify()
	for _, vm := range rep.MixedChains {
		fmt.Fprintf(a.stderr, "warning: the disk chains of %s mix an old and a new KEK after an interrupted shallow rekey; rekey it again before any snapshot operation\n", vm)
	}
	if !rep.OK() {
		for _, f := range append(rep.Failures, rep.LinkFailures...) {
			fmt.Fprintf(a.stderr, "FAILED %s: %s\n", f.Object, f.Reason)
		}
		if len(rep.Failures) > 0 {
			fmt.Fprintf(a.stderr, "%d of %d objects failed verification\n", len(rep.Failures), rep.Objects)
		}
		if len(rep.LinkFailures) > 0 {
			fmt.Fprintf(a.stderr, "%d of %d snapshot links failed verification\n", len(rep.LinkFailures), rep.Links)
		}
		return 1
	}
	fmt.Fprintf(a.stdout, "verified %d objects (%d encrypted, %d plaintext)\n", rep.Objects, rep.Encrypted, rep.Plaintext)
	return 0
}
