package kmip

import (
	"fmt"
	"strings"
)

// Enumeration values from the KMIP 1.2 specification, section 9.1.3.2
// (identical in 1.0-1.4 for the values listed here).

// Operation is the Operation enumeration.
type Operation uint32

// Operations keyhost speaks, plus the few a server may name in a reply.
const (
	OpCreate           Operation = 0x01
	OpRegister         Operation = 0x03
	OpLocate           Operation = 0x08
	OpGet              Operation = 0x0A
	OpGetAttributes    Operation = 0x0B
	OpActivate         Operation = 0x12
	OpRevoke           Operation = 0x13
	OpDestroy          Operation = 0x14
	OpQuery            Operation = 0x18
	OpDiscoverVersions Operation = 0x1E
)

var operationNames = map[Operation]string{
	OpCreate: "Create", OpRegister: "Register", OpLocate: "Locate", OpGet: "Get",
	OpGetAttributes: "Get Attributes", OpActivate: "Activate", OpRevoke: "Revoke",
	OpDestroy: "Destroy", OpQuery: "Query", OpDiscoverVersions: "Discover Versions",
}

// String returns the specification's name of the value.
func (o Operation) String() string { return enumName(operationNames, o, "Operation") }

// ObjectType is the Object Type enumeration.
type ObjectType uint32

// Object types.
const (
	ObjectCertificate  ObjectType = 0x01
	ObjectSymmetricKey ObjectType = 0x02
	ObjectPublicKey    ObjectType = 0x03
	ObjectPrivateKey   ObjectType = 0x04
	ObjectSecretData   ObjectType = 0x07
)

var objectTypeNames = map[ObjectType]string{
	ObjectCertificate: "Certificate", ObjectSymmetricKey: "Symmetric Key", ObjectPublicKey: "Public Key",
	ObjectPrivateKey: "Private Key", ObjectSecretData: "Secret Data",
}

// String returns the specification's name of the value.
func (o ObjectType) String() string { return enumName(objectTypeNames, o, "ObjectType") }

// Algorithm is the Cryptographic Algorithm enumeration.
type Algorithm uint32

// Algorithms; keyhost creates only AES keys.
const (
	AlgorithmTripleDES Algorithm = 0x02
	AlgorithmAES       Algorithm = 0x03
	AlgorithmRSA       Algorithm = 0x04
)

var algorithmNames = map[Algorithm]string{AlgorithmTripleDES: "3DES", AlgorithmAES: "AES", AlgorithmRSA: "RSA"}

// String returns the specification's name of the value.
func (a Algorithm) String() string { return enumName(algorithmNames, a, "Algorithm") }

// KeyFormatType is the Key Format Type enumeration.
type KeyFormatType uint32

// Key formats a symmetric key can come in.
const (
	KeyFormatRaw                     KeyFormatType = 0x01
	KeyFormatOpaque                  KeyFormatType = 0x02
	KeyFormatTransparentSymmetricKey KeyFormatType = 0x07
)

var keyFormatNames = map[KeyFormatType]string{
	KeyFormatRaw: "Raw", KeyFormatOpaque: "Opaque", KeyFormatTransparentSymmetricKey: "Transparent Symmetric Key",
}

// String returns the specification's name of the value.
func (k KeyFormatType) String() string { return enumName(keyFormatNames, k, "KeyFormatType") }

// UsageMask is the Cryptographic Usage Mask bit field (an Integer).
type UsageMask uint32

// Usage mask bits.
const (
	UsageSign      UsageMask = 0x0001
	UsageVerify    UsageMask = 0x0002
	UsageEncrypt   UsageMask = 0x0004
	UsageDecrypt   UsageMask = 0x0008
	UsageWrapKey   UsageMask = 0x0010
	UsageUnwrapKey UsageMask = 0x0020
	UsageExport    UsageMask = 0x0040
)

// UsageKEK is the usage of a key-encryption key: vCenter's Standard
// provider keys wrap VM and host keys, and a KMS may check either pair.
const UsageKEK = UsageEncrypt | UsageDecrypt | UsageWrapKey | UsageUnwrapKey

var usageNames = []struct {
	bit  UsageMask
	name string
}{
	{UsageSign, "Sign"}, {UsageVerify, "Verify"}, {UsageEncrypt, "Encrypt"}, {UsageDecrypt, "Decrypt"},
	{UsageWrapKey, "Wrap Key"}, {UsageUnwrapKey, "Unwrap Key"}, {UsageExport, "Export"},
}

// String returns the specification's name of the value.
func (m UsageMask) String() string {
	var parts []string
	rest := m
	for _, u := range usageNames {
		if m&u.bit != 0 {
			parts = append(parts, u.name)
			rest &^= u.bit
		}
	}
	if rest != 0 || len(parts) == 0 {
		parts = append(parts, fmt.Sprintf("0x%X", uint32(rest)))
	}
	return strings.Join(parts, "|")
}

// ResultStatus is the Result Status enumeration.
type ResultStatus uint32

// Result statuses.
const (
	StatusSuccess          ResultStatus = 0
	StatusOperationFailed  ResultStatus = 1
	StatusOperationPending ResultStatus = 2
	StatusOperationUndone  ResultStatus = 3
)

var statusNames = map[ResultStatus]string{
	StatusSuccess: "Success", StatusOperationFailed: "Operation Failed",
	StatusOperationPending: "Operation Pending", StatusOperationUndone: "Operation Undone",
}

// String returns the specification's name of the value.
func (s ResultStatus) String() string { return enumName(statusNames, s, "ResultStatus") }

// ResultReason is the Result Reason enumeration. It is also an error, so
// that errors.Is(err, kmip.ReasonItemNotFound) tests a server's answer.
type ResultReason uint32

// Result reasons.
const (
	ReasonItemNotFound              ResultReason = 0x01
	ReasonResponseTooLarge          ResultReason = 0x02
	ReasonAuthenticationFailed      ResultReason = 0x03
	ReasonInvalidMessage            ResultReason = 0x04
	ReasonOperationNotSupported     ResultReason = 0x05
	ReasonMissingData               ResultReason = 0x06
	ReasonInvalidField              ResultReason = 0x07
	ReasonFeatureNotSupported       ResultReason = 0x08
	ReasonCanceledByRequester       ResultReason = 0x09
	ReasonCryptographicFailure      ResultReason = 0x0A
	ReasonIllegalOperation          ResultReason = 0x0B
	ReasonPermissionDenied          ResultReason = 0x0C
	ReasonObjectArchived            ResultReason = 0x0D
	ReasonIndexOutOfBounds          ResultReason = 0x0E
	ReasonNamespaceNotSupported     ResultReason = 0x0F
	ReasonKeyFormatNotSupported     ResultReason = 0x10
	ReasonKeyCompressionUnsupported ResultReason = 0x11
	ReasonGeneralFailure            ResultReason = 0x100
)

var reasonNames = map[ResultReason]string{
	ReasonItemNotFound: "Item Not Found", ReasonResponseTooLarge: "Response Too Large",
	ReasonAuthenticationFailed: "Authentication Not Successful", ReasonInvalidMessage: "Invalid Message",
	ReasonOperationNotSupported: "Operation Not Supported", ReasonMissingData: "Missing Data",
	ReasonInvalidField: "Invalid Field", ReasonFeatureNotSupported: "Feature Not Supported",
	ReasonCanceledByRequester: "Operation Canceled By Requester", ReasonCryptographicFailure: "Cryptographic Failure",
	ReasonIllegalOperation: "Illegal Operation", ReasonPermissionDenied: "Permission Denied",
	ReasonObjectArchived: "Object Archived", ReasonIndexOutOfBounds: "Index Out Of Bounds",
	ReasonNamespaceNotSupported:     "Application Namespace Not Supported",
	ReasonKeyFormatNotSupported:     "Key Format Type Not Supported",
	ReasonKeyCompressionUnsupported: "Key Compression Type Not Supported",
	ReasonGeneralFailure:            "General Failure",
}

// String returns the specification's name of the value.
func (r ResultReason) String() string { return enumName(reasonNames, r, "ResultReason") }

// Error makes a ResultReason usable as an errors.Is target.
func (r ResultReason) Error() string { return r.String() }

// State is the State enumeration: where an object is in its life cycle.
type State uint32

// Object states (KMIP 1.2 section 3.22).
const (
	StatePreActive            State = 1
	StateActive               State = 2
	StateDeactivated          State = 3
	StateCompromised          State = 4
	StateDestroyed            State = 5
	StateDestroyedCompromised State = 6
)

var stateNames = map[State]string{
	StatePreActive: "Pre-Active", StateActive: "Active", StateDeactivated: "Deactivated",
	StateCompromised: "Compromised", StateDestroyed: "Destroyed", StateDestroyedCompromised: "Destroyed Compromised",
}

// String returns the specification's name of the value.
func (s State) String() string { return enumName(stateNames, s, "State") }

// RevocationReasonCode is the Revocation Reason Code enumeration.
type RevocationReasonCode uint32

// Revocation reasons.
const (
	RevocationUnspecified          RevocationReasonCode = 1
	RevocationKeyCompromise        RevocationReasonCode = 2
	RevocationCACompromise         RevocationReasonCode = 3
	RevocationAffiliationChanged   RevocationReasonCode = 4
	RevocationSuperseded           RevocationReasonCode = 5
	RevocationCessationOfOperation RevocationReasonCode = 6
	RevocationPrivilegeWithdrawn   RevocationReasonCode = 7
)

var revocationNames = map[RevocationReasonCode]string{
	RevocationUnspecified: "Unspecified", RevocationKeyCompromise: "Key Compromise",
	RevocationCACompromise: "CA Compromise", RevocationAffiliationChanged: "Affiliation Changed",
	RevocationSuperseded: "Superseded", RevocationCessationOfOperation: "Cessation of Operation",
	RevocationPrivilegeWithdrawn: "Privilege Withdrawn",
}

// String returns the specification's name of the value.
func (r RevocationReasonCode) String() string {
	return enumName(revocationNames, r, "RevocationReasonCode")
}

// NameType is the Name Type enumeration.
type NameType uint32

// Name types.
const (
	NameUninterpretedText NameType = 1
	NameURI               NameType = 2
)

func enumName[E ~uint32](names map[E]string, v E, kind string) string {
	if n, ok := names[v]; ok {
		return n
	}
	return fmt.Sprintf("%s(0x%X)", kind, uint32(v))
}
