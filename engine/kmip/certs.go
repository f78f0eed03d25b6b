package kmip

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// CertOptions configures NewCerts.
type CertOptions struct {
	// Hosts are the server certificate's names: IP addresses or DNS
	// names (127.0.0.1, ::1 and localhost if empty).
	Hosts []string
	// ClientName is the client certificate's Common Name, which servers
	// such as PyKMIP take as the client's identity ("keyhost" if empty).
	ClientName string
	// Validity is how long the certificates are valid (one year if 0).
	Validity time.Duration
	// Now is the clock (time.Now if nil).
	Now func() time.Time
}

// Certs is a throwaway PKI for an embedded server, tests and the demo: a CA
// and the server and client certificates it issued, all ECDSA P-256 (which
// PyKMIP's TLS 1.2 cipher list also needs). PEM forms are kept for servers
// that read files.
type Certs struct {
	CA            *x509.Certificate
	CAPEM         []byte
	Server        tls.Certificate
	ServerCertPEM []byte
	ServerKeyPEM  []byte
	Client        tls.Certificate
	ClientCertPEM []byte
	ClientKeyPEM  []byte
}

// NewCerts creates a new CA and issues a server certificate (server
// authentication, for opts.Hosts) and a client certificate (client
// authentication) from it. The keys come from crypto/rand.
func NewCerts(opts CertOptions) (*Certs, error) {
	if len(opts.Hosts) == 0 {
		opts.Hosts = []string{"127.0.0.1", "::1", "localhost"}
	}
	if opts.ClientName == "" {
		opts.ClientName = "keyhost"
	}
	if opts.Validity <= 0 {
		opts.Validity = 365 * 24 * time.Hour
	}
	now := time.Now()
	if opts.Now != nil {
		now = opts.Now()
	}
	// An hour's slack for clocks that disagree a little.
	notBefore, notAfter := now.Add(-time.Hour), now.Add(opts.Validity)

	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("kmip certs: CA key: %w", err)
	}
	caTmpl := &x509.Certificate{
		Subject:               pkix.Name{CommonName: "keyhost throwaway KMIP CA"},
		NotBefore:             notBefore,
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	caDER, ca, err := issue(caTmpl, nil, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, fmt.Errorf("kmip certs: CA: %w", err)
	}
	c := &Certs{CA: ca, CAPEM: pemBlock("CERTIFICATE", caDER)}

	serverTmpl := &x509.Certificate{
		Subject:     pkix.Name{CommonName: opts.Hosts[0]},
		NotBefore:   notBefore,
		NotAfter:    notAfter,
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, h := range opts.Hosts {
		if ip := net.ParseIP(h); ip != nil {
			serverTmpl.IPAddresses = append(serverTmpl.IPAddresses, ip)
		} else {
			serverTmpl.DNSNames = append(serverTmpl.DNSNames, h)
		}
	}
	if c.Server, c.ServerCertPEM, c.ServerKeyPEM, err = leaf(serverTmpl, ca, caKey); err != nil {
		return nil, fmt.Errorf("kmip certs: server: %w", err)
	}
	clientTmpl := &x509.Certificate{
		Subject:     pkix.Name{CommonName: opts.ClientName},
		NotBefore:   notBefore,
		NotAfter:    notAfter,
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	if c.Client, c.ClientCertPEM, c.ClientKeyPEM, err = leaf(clientTmpl, ca, caKey); err != nil {
		return nil, fmt.Errorf("kmip certs: client: %w", err)
	}
	return c, nil
}

// issue signs tmpl with a random serial number; a nil parent self-signs.
func issue(tmpl, parent *x509.Certificate, pub *ecdsa.PublicKey, signer *ecdsa.PrivateKey) ([]byte, *x509.Certificate, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, nil, err
	}
	tmpl.SerialNumber = serial
	if parent == nil {
		parent = tmpl
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, signer)
	if err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return der, cert, err
}

func leaf(tmpl, ca *x509.Certificate, caKey *ecdsa.PrivateKey) (tls.Certificate, []byte, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, nil, err
	}
	der, cert, err := issue(tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		return tls.Certificate{}, nil, nil, err
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return tls.Certificate{}, nil, nil, err
	}
	tc := tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}
	return tc, pemBlock("CERTIFICATE", der), pemBlock("PRIVATE KEY", pkcs8), nil
}

func pemBlock(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func (c *Certs) pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(c.CA)
	return p
}

// ServerTLS returns a server configuration: the server certificate, and
// client certificates required and verified against the CA.
func (c *Certs) ServerTLS() *tls.Config {
	return &tls.Config{
		Certificates: []tls.Certificate{c.Server},
		ClientCAs:    c.pool(),
		ClientAuth:   tls.RequireAndVerifyClientCert,
		MinVersion:   tls.VersionTLS12,
	}
}

// ClientTLS returns a client configuration: the client certificate, and the
// CA trusted for the server's.
func (c *Certs) ClientTLS() *tls.Config {
	return &tls.Config{
		Certificates: []tls.Certificate{c.Client},
		RootCAs:      c.pool(),
		MinVersion:   tls.VersionTLS12,
	}
}

// CertFiles are the paths WriteFiles wrote.
type CertFiles struct {
	CA, ServerCert, ServerKey, ClientCert, ClientKey string
}

// WriteFiles writes the PEM files into dir (private keys readable by the
// owner only), for servers configured by file such as PyKMIP.
func (c *Certs) WriteFiles(dir string) (CertFiles, error) {
	f := CertFiles{
		CA:         filepath.Join(dir, "ca.pem"),
		ServerCert: filepath.Join(dir, "server-cert.pem"),
		ServerKey:  filepath.Join(dir, "server-key.pem"),
		ClientCert: filepath.Join(dir, "client-cert.pem"),
		ClientKey:  filepath.Join(dir, "client-key.pem"),
	}
	var errs []error
	for _, w := range []struct {
		path string
		data []byte
		mode os.FileMode
	}{
		{f.CA, c.CAPEM, 0o644},
		{f.ServerCert, c.ServerCertPEM, 0o644},
		{f.ServerKey, c.ServerKeyPEM, 0o600},
		{f.ClientCert, c.ClientCertPEM, 0o644},
		{f.ClientKey, c.ClientKeyPEM, 0o600},
	} {
		if err := os.WriteFile(w.path, w.data, w.mode); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return CertFiles{}, fmt.Errorf("kmip certs: %w", err)
	}
	return f, nil
}
