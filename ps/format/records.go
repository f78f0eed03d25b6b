package format

import "strings"

// The format records: what Format-Table, Format-List and Format-Wide write
// to the pipeline and what the output step lays out. Their type names are
// PowerShell's, so `Format-Table | Get-Member` shows the familiar
// Microsoft.PowerShell.Commands.Internal.Format types.

const recordNamespace = "Microsoft.PowerShell.Commands.Internal.Format."

// HeaderColumn is one column of a table's header.
type HeaderColumn struct {
	Label string
	// Width is the column width; 0 lets the layout decide.
	Width int
	Align Align
}

// FormatStart opens a formatted sequence: its shape and, for a table,
// the columns.
type FormatStart struct {
	Shape   Shape
	Columns []HeaderColumn
	// HideHeaders suppresses the table header.
	HideHeaders bool
	// AutoSize sizes table columns (or wide columns) from all the entries.
	AutoSize bool
	// WideColumns is Format-Wide's -Column (0: decide).
	WideColumns int
}

// GroupStart opens a group; Label, when set, is printed above it.
type GroupStart struct {
	Label string
}

// Entry is one formatted object, or out-of-band text.
type Entry struct {
	// Cells are a table row's cells.
	Cells []string
	// Wrap lays a table row out on several lines where cells are long.
	Wrap bool
	// Labels and Values are a list entry's items.
	Labels, Values []string
	// Text is a wide entry's value, or the text of a custom entry.
	Text string
	// OutOfBand entries print where they appear without being part of
	// the table or list around them; Raw ones are plain text (strings,
	// numbers), others custom views (error records).
	OutOfBand, Raw bool
	// List marks an out-of-band list entry (an object that does not fit
	// the table in progress).
	List bool
}

// GroupEnd closes a group.
type GroupEnd struct{}

// FormatEnd closes a formatted sequence.
type FormatEnd struct{}

// TypeNames implements value.Object.
func (*FormatStart) TypeNames() []string {
	return []string{recordNamespace + "FormatStartData", recordNamespace + "StartData", recordNamespace + "PacketInfoData", "System.Object"}
}

// TypeNames implements value.Object.
func (*GroupStart) TypeNames() []string {
	return []string{recordNamespace + "GroupStartData", recordNamespace + "StartData", recordNamespace + "PacketInfoData", "System.Object"}
}

// TypeNames implements value.Object.
func (*Entry) TypeNames() []string {
	return []string{recordNamespace + "FormatEntryData", recordNamespace + "PacketInfoData", "System.Object"}
}

// TypeNames implements value.Object.
func (*GroupEnd) TypeNames() []string {
	return []string{recordNamespace + "GroupEndData", recordNamespace + "PacketInfoData", "System.Object"}
}

// TypeNames implements value.Object.
func (*FormatEnd) TypeNames() []string {
	return []string{recordNamespace + "FormatEndData", recordNamespace + "PacketInfoData", "System.Object"}
}

// classID is the property every format record has in PowerShell.
const classID = "ClassId2e4f51ef21dd47e99d3c952918aff9cd"

var classIDs = map[string]string{
	"FormatStartData": "033ecb2bc07a4d43b5ef94ed5a35d280",
	"GroupStartData":  "9e210fe47d09416682b841769c78b8a3",
	"FormatEntryData": "27c87ef9bbda4f709f6b4002fa4af63c",
	"GroupEndData":    "4ec4f0187cb04f4cb6973460dfe252df",
	"FormatEndData":   "cf522b78d86c486691226b40aa69e95c",
}

func recordProperty(kind, name string) (any, bool) {
	if strings.EqualFold(name, classID) {
		return classIDs[kind], true
	}
	return nil, false
}

// Property implements value.Object.
func (*FormatStart) Property(n string) (any, bool) { return recordProperty("FormatStartData", n) }

// Property implements value.Object.
func (*GroupStart) Property(n string) (any, bool) { return recordProperty("GroupStartData", n) }

// Property implements value.Object.
func (*Entry) Property(n string) (any, bool) { return recordProperty("FormatEntryData", n) }

// Property implements value.Object.
func (*GroupEnd) Property(n string) (any, bool) { return recordProperty("GroupEndData", n) }

// Property implements value.Object.
func (*FormatEnd) Property(n string) (any, bool) { return recordProperty("FormatEndData", n) }

// PropertyNames implements value.Object.
func (*FormatStart) PropertyNames() []string { return []string{classID} }

// PropertyNames implements value.Object.
func (*GroupStart) PropertyNames() []string { return []string{classID} }

// PropertyNames implements value.Object.
func (*Entry) PropertyNames() []string { return []string{classID} }

// PropertyNames implements value.Object.
func (*GroupEnd) PropertyNames() []string { return []string{classID} }

// PropertyNames implements value.Object.
func (*FormatEnd) PropertyNames() []string { return []string{classID} }

// IsRecord reports whether v is a format record (already formatted output).
func IsRecord(v any) bool {
	switch v.(type) {
	case *FormatStart, *GroupStart, *Entry, *GroupEnd, *FormatEnd:
		return true
	}
	return false
}
