package main

import (
	"flag"
	"fmt"
)

// verify implements `keyhost verify`: every encrypted object is decrypted
// with the keys the world holds and checked against its plaintext checksum.
func (a *app) verify(args []string) int {
	fl := flag.NewFlagSet("keyhost verify", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	statePath := fl.String("state", "", "state `FILE` to verify (default: a fresh demo inventory)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	w, _, err := openWorld(*statePath)
	if err != nil {
		fmt.Fprintf(a.stderr, "keyhost: %v\n", err)
		return 1
	}
	rep := w.Verify()
	if !rep.OK() {
		for _, f := range rep.Failures {
			fmt.Fprintf(a.stderr, "FAILED %s: %s\n", f.Object, f.Reason)
		}
		fmt.Fprintf(a.stderr, "%d of %d objects failed verification\n", len(rep.Failures), rep.Objects)
		return 1
	}
	fmt.Fprintf(a.stdout, "verified %d objects (%d encrypted, %d plaintext)\n", rep.Objects, rep.Encrypted, rep.Plaintext)
	return 0
}
