package main

import (
	"flag"
	"fmt"
)

// verify implements `keyhost verify`: every encrypted object is decrypted
// with the keys the world holds and checked against its plaintext checksum.
func (a *app) verify(args []string) int {
	w, code, ok := a.worldFromFlags(flag.NewFlagSet("keyhost verify", flag.ContinueOnError), args)
	if !ok {
		return code
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
