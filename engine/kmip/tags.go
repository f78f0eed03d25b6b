package kmip

import "github.com/keyhost/keyhost/engine/kmip/ttlv"

// Tags of the KMIP 1.x fields keyhost reads or writes (KMIP 1.2
// specification, section 9.1.3.1; the same values in 1.0-1.4).
const (
	TagActivationDate           ttlv.Tag = 0x420001
	TagAttribute                ttlv.Tag = 0x420008
	TagAttributeIndex           ttlv.Tag = 0x420009
	TagAttributeName            ttlv.Tag = 0x42000A
	TagAttributeValue           ttlv.Tag = 0x42000B
	TagAuthentication           ttlv.Tag = 0x42000C
	TagBatchCount               ttlv.Tag = 0x42000D
	TagBatchErrorContinuation   ttlv.Tag = 0x42000E
	TagBatchItem                ttlv.Tag = 0x42000F
	TagBatchOrderOption         ttlv.Tag = 0x420010
	TagCompromiseDate           ttlv.Tag = 0x420020
	TagCompromiseOccurrenceDate ttlv.Tag = 0x420021
	TagCryptographicAlgorithm   ttlv.Tag = 0x420028
	TagCryptographicLength      ttlv.Tag = 0x42002A
	TagCryptographicParameters  ttlv.Tag = 0x42002B
	TagCryptographicUsageMask   ttlv.Tag = 0x42002C
	TagDeactivationDate         ttlv.Tag = 0x42002F
	TagDestroyDate              ttlv.Tag = 0x420033
	TagInitialDate              ttlv.Tag = 0x420039
	TagKey                      ttlv.Tag = 0x42003F
	TagKeyBlock                 ttlv.Tag = 0x420040
	TagKeyCompressionType       ttlv.Tag = 0x420041
	TagKeyFormatType            ttlv.Tag = 0x420042
	TagKeyMaterial              ttlv.Tag = 0x420043
	TagKeyValue                 ttlv.Tag = 0x420045
	TagKeyWrappingData          ttlv.Tag = 0x420046
	TagKeyWrappingSpecification ttlv.Tag = 0x420047
	TagLastChangeDate           ttlv.Tag = 0x420048
	TagMaximumItems             ttlv.Tag = 0x42004F
	TagMaximumResponseSize      ttlv.Tag = 0x420050
	TagName                     ttlv.Tag = 0x420053
	TagNameType                 ttlv.Tag = 0x420054
	TagNameValue                ttlv.Tag = 0x420055
	TagObjectType               ttlv.Tag = 0x420057
	TagOperation                ttlv.Tag = 0x42005C
	TagOperationPolicyName      ttlv.Tag = 0x42005D
	TagProtocolVersion          ttlv.Tag = 0x420069
	TagProtocolVersionMajor     ttlv.Tag = 0x42006A
	TagProtocolVersionMinor     ttlv.Tag = 0x42006B
	TagRequestHeader            ttlv.Tag = 0x420077
	TagRequestMessage           ttlv.Tag = 0x420078
	TagRequestPayload           ttlv.Tag = 0x420079
	TagResponseHeader           ttlv.Tag = 0x42007A
	TagResponseMessage          ttlv.Tag = 0x42007B
	TagResponsePayload          ttlv.Tag = 0x42007C
	TagResultMessage            ttlv.Tag = 0x42007D
	TagResultReason             ttlv.Tag = 0x42007E
	TagResultStatus             ttlv.Tag = 0x42007F
	TagRevocationMessage        ttlv.Tag = 0x420080
	TagRevocationReason         ttlv.Tag = 0x420081
	TagRevocationReasonCode     ttlv.Tag = 0x420082
	TagState                    ttlv.Tag = 0x42008D
	TagStorageStatusMask        ttlv.Tag = 0x42008E
	TagSymmetricKey             ttlv.Tag = 0x42008F
	TagTemplate                 ttlv.Tag = 0x420090
	TagTemplateAttribute        ttlv.Tag = 0x420091
	TagTimeStamp                ttlv.Tag = 0x420092
	TagUniqueBatchItemID        ttlv.Tag = 0x420093
	TagUniqueIdentifier         ttlv.Tag = 0x420094
	TagObjectGroupMember        ttlv.Tag = 0x4200AC
)

var tagNames = map[ttlv.Tag]string{
	TagActivationDate:           "Activation Date",
	TagAttribute:                "Attribute",
	TagAttributeIndex:           "Attribute Index",
	TagAttributeName:            "Attribute Name",
	TagAttributeValue:           "Attribute Value",
	TagAuthentication:           "Authentication",
	TagBatchCount:               "Batch Count",
	TagBatchErrorContinuation:   "Batch Error Continuation Option",
	TagBatchItem:                "Batch Item",
	TagBatchOrderOption:         "Batch Order Option",
	TagCompromiseDate:           "Compromise Date",
	TagCompromiseOccurrenceDate: "Compromise Occurrence Date",
	TagCryptographicAlgorithm:   "Cryptographic Algorithm",
	TagCryptographicLength:      "Cryptographic Length",
	TagCryptographicParameters:  "Cryptographic Parameters",
	TagCryptographicUsageMask:   "Cryptographic Usage Mask",
	TagDeactivationDate:         "Deactivation Date",
	TagDestroyDate:              "Destroy Date",
	TagInitialDate:              "Initial Date",
	TagKey:                      "Key",
	TagKeyBlock:                 "Key Block",
	TagKeyCompressionType:       "Key Compression Type",
	TagKeyFormatType:            "Key Format Type",
	TagKeyMaterial:              "Key Material",
	TagKeyValue:                 "Key Value",
	TagKeyWrappingData:          "Key Wrapping Data",
	TagKeyWrappingSpecification: "Key Wrapping Specification",
	TagLastChangeDate:           "Last Change Date",
	TagMaximumItems:             "Maximum Items",
	TagMaximumResponseSize:      "Maximum Response Size",
	TagName:                     "Name",
	TagNameType:                 "Name Type",
	TagNameValue:                "Name Value",
	TagObjectType:               "Object Type",
	TagOperation:                "Operation",
	TagOperationPolicyName:      "Operation Policy Name",
	TagProtocolVersion:          "Protocol Version",
	TagProtocolVersionMajor:     "Protocol Version Major",
	TagProtocolVersionMinor:     "Protocol Version Minor",
	TagRequestHeader:            "Request Header",
	TagRequestMessage:           "Request Message",
	TagRequestPayload:           "Request Payload",
	TagResponseHeader:           "Response Header",
	TagResponseMessage:          "Response Message",
	TagResponsePayload:          "Response Payload",
	TagResultMessage:            "Result Message",
	TagResultReason:             "Result Reason",
	TagResultStatus:             "Result Status",
	TagRevocationMessage:        "Revocation Message",
	TagRevocationReason:         "Revocation Reason",
	TagRevocationReasonCode:     "Revocation Reason Code",
	TagState:                    "State",
	TagStorageStatusMask:        "Storage Status Mask",
	TagSymmetricKey:             "Symmetric Key",
	TagTemplate:                 "Template",
	TagTemplateAttribute:        "Template Attribute",
	TagTimeStamp:                "Time Stamp",
	TagUniqueBatchItemID:        "Unique Batch Item ID",
	TagUniqueIdentifier:         "Unique Identifier",
	TagObjectGroupMember:        "Object Group Member",
}

// TagString returns the specification's name of a tag, or its hex form for a
// tag keyhost does not use. Pass it to ttlv.Item.Format for readable dumps.
func TagString(t ttlv.Tag) string {
	if n, ok := tagNames[t]; ok {
		return n
	}
	return t.String()
}
