// Package kmip speaks KMIP 1.x (OASIS Key Management Interoperability
// Protocol, versions 1.0 to 1.4; 1.2 on the wire by default) for keyhost's
// Standard key providers, which get their key-encryption keys from a key
// management server as vCenter does.
//
// It has three parts:
//
//   - messages: Request and Response with the payloads of Create, Activate,
//     Get, Locate, Revoke and Destroy for AES keys, over the TTLV codec of
//     package ttlv;
//   - Client: a client over mutual TLS that keeps connections open between
//     requests, reconnects when one was dropped, and turns failed
//     operations into *Error values ("kmip Get 1234: Item Not Found: ...");
//   - Server: an embedded server holding keys in memory (and saving them
//     through a Store) with KMIP's object state machine, so that keyhost
//     can run a real KMS with nothing installed. NewCerts makes the
//     throwaway CA and certificates it needs.
//
// The client is tested against PyKMIP's server and the server against
// PyKMIP's client. Key material is never logged or put in an error.
package kmip
