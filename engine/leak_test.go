package engine

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// worldSecrets lists every KDK and in-process KMS key of a world.
func worldSecrets(w *World) [][]byte {
	w.mu.RLock()
	defer w.mu.RUnlock()
	var out [][]byte
	for _, p := range w.st.Providers {
		if p.kdk != nil {
			out = append(out, bytes.Clone(p.kdk))
		}
		if p.local != nil {
			for _, k := range p.local.keys {
				out = append(out, bytes.Clone(k))
			}
		}
	}
	return out
}

// assertNoSecrets fails if text holds any of the keys in any encoding.
func assertNoSecrets(t *testing.T, text string, secrets [][]byte, what string) {
	t.Helper()
	for _, k := range secrets {
		for _, enc := range keyEncodings(k) {
			require.False(t, strings.Contains(text, enc), "%s leaks key material", what)
		}
		require.False(t, strings.Contains(text, string(k)), "%s leaks raw key material", what)
		require.False(t, strings.Contains(text, fmt.Sprint([]byte(k))), "%s leaks key bytes as a Go slice", what)
	}
}

func TestKeyMaterialNeverPrinted(t *testing.T) {
	w := demo(t)
	secrets := worldSecrets(w)
	require.Len(t, secrets, 4, "three KDKs and one KMS key")

	var printed strings.Builder
	w.mu.RLock()
	for _, p := range w.st.Providers {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%X", "%q", "%d"} {
			fmt.Fprintf(&printed, verb+"\n", *p)
			if p.local != nil {
				fmt.Fprintf(&printed, verb+"\n", *p.local)
			}
		}
	}
	fmt.Fprintf(&printed, "%+v %#v\n", w.st, w.st.Providers)
	w.mu.RUnlock()
	m, err := w.NativeKeyMaterial("NKP-Primary")
	require.NoError(t, err)
	fmt.Fprintf(&printed, "%v %+v %#v\n", m, m, m)
	assertNoSecrets(t, printed.String(), secrets, "formatting records")

	// Errors of failing operations.
	var errs strings.Builder
	collect := func(err error) {
		if err != nil {
			fmt.Fprintf(&errs, "%v | %+v | %#v\n", err, err, err)
		}
	}
	_, err = w.ExportNativeKeyProvider("KMS-Standard", "", func([]byte) error { return nil })
	collect(err)
	_, err = w.ImportNativeKeyProviderBackup([]byte("junk"), "pw", ImportOptions{})
	collect(err)
	_, err = w.ImportNativeKeyProviderBackup(backup(t, demo(t), "NKP-Primary", ""), "", ImportOptions{})
	collect(err)
	collect(w.ReconfigureCrypto(vmID(t, w, "dev04"), CryptoChange{Home: CryptoShallowRecrypt}))
	_, err = w.RemoveKeyProvider("KMS-Standard")
	collect(err)
	_, err = w.RemoveKeyProvider("NKP-Primary")
	require.NoError(t, err)
	collect(w.ReconfigureCrypto(vmID(t, w, "web01"), CryptoChange{Home: CryptoShallowRecrypt, Provider: "NKP-Secondary"}))
	for _, f := range w.Verify().Failures {
		errs.WriteString(f.Reason + "\n")
	}
	for _, o := range w.CryptoObjects() {
		fmt.Fprintf(&errs, "%+v\n", o)
	}
	_, err = ParseStateKey("not a key", "KEYHOST_STATE_KEY")
	collect(err)
	assert.NotEmpty(t, errs.String())
	assertNoSecrets(t, errs.String(), secrets, "errors, reports and inspection")
}
