package builtin

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// CSV writing (ConvertTo-Csv, Export-Csv) and reading (ConvertFrom-Csv,
// Import-Csv) with pwsh 7's rules: no #TYPE line unless
// -IncludeTypeInformation, every field quoted unless -UseQuotes or
// -QuoteFields say otherwise, imported values are strings.

// charType converts to [char]: a one-character string or a character
// code.
var charType = &eval.Type{Name: "System.Char", Convert: func(v any) (any, error) {
	switch x := v.(type) {
	case value.Char:
		return x, nil
	case string:
		r := []rune(x)
		if len(r) != 1 {
			return nil, fmt.Errorf("Cannot convert value \"%s\" to type \"System.Char\". Error: \"String must be exactly one character long.\"", x)
		}
		return value.Char(r[0]), nil
	}
	if value.IsNumber(v) {
		n, err := value.ToInt32(v)
		if err == nil && n >= 0 && n <= 0xFFFF {
			return value.Char(rune(n)), nil
		}
	}
	return nil, fmt.Errorf("Cannot convert value \"%s\" to type \"System.Char\". Error: \"String must be exactly one character long.\"", value.ToString(v))
}}

// quoteKindType is BaseCsvWritingCommand.QuoteKind.
var quoteKindType = enumParamType("Microsoft.PowerShell.Commands.BaseCsvWritingCommand+QuoteKind", "Never", "Always", "AsNeeded")

// csvWriteParams are the parameters ConvertTo-Csv and Export-Csv share;
// delimiterSet and cultureSet name the two delimiter parameter sets.
func csvWriteParams() []*eval.Parameter {
	return []*eval.Parameter{
		{Name: "Delimiter", Type: charType, Sets: []eval.ParameterSet{{Name: "Delimiter", Position: 1}}},
		{Name: "UseCulture", Switch: true, Sets: []eval.ParameterSet{{Name: "UseCulture", Position: -1}}},
		{Name: "IncludeTypeInformation", Aliases: []string{"ITI"}, Switch: true},
		{Name: "NoTypeInformation", Aliases: []string{"NTI"}, Switch: true},
		{Name: "QuoteFields", Aliases: []string{"QF"}, Type: eval.StringArrayType},
		{Name: "UseQuotes", Aliases: []string{"UQ"}, Type: quoteKindType},
		{Name: "NoHeader", Switch: true},
	}
}

// csvWriter turns objects into CSV lines as pwsh's ExportCsvHelper does.
type csvWriter struct {
	delim       rune
	quote       string // Always, AsNeeded or Never
	quoteFields map[string]bool
	typeInfo    bool
	noHeader    bool
	names       []string
}

// newCSVWriter reads the shared parameters, refusing the combinations
// pwsh refuses.
func newCSVWriter(c *eval.Call) (*csvWriter, error) {
	if c.Has("QuoteFields") && c.Has("UseQuotes") {
		return nil, c.ThrowTerminatingError(c.NewError(eval.NewException("System.InvalidOperationException", "Cannot specify both QuoteFields and UseQuotes."), "CannotSpecifyQuoteFieldsAndUseQuotes", eval.InvalidData, nil))
	}
	if c.Has("IncludeTypeInformation") && c.Has("NoTypeInformation") {
		return nil, c.ThrowTerminatingError(c.NewError(eval.NewException("System.InvalidOperationException", "Cannot specify both IncludeTypeInformation and NoTypeInformation."), "CannotSpecifyIncludeTypeInformationAndNoTypeInformation", eval.InvalidData, nil))
	}
	w := &csvWriter{delim: csvDelimiter(c), quote: "Always", typeInfo: c.Switch("IncludeTypeInformation"), noHeader: c.Switch("NoHeader")}
	if c.Has("UseQuotes") {
		w.quote = value.ToString(c.Value("UseQuotes"))
	}
	if c.Has("QuoteFields") {
		w.quoteFields = map[string]bool{}
		for _, f := range c.Strings("QuoteFields") {
			w.quoteFields[strings.ToLower(f)] = true
		}
	}
	return w, nil
}

// csvDelimiter is -Delimiter, or the culture's list separator (a comma
// in the cultures keyhost uses), or a comma.
func csvDelimiter(c *eval.Call) rune {
	if ch, ok := c.Value("Delimiter").(value.Char); ok {
		return rune(ch)
	}
	return ','
}

// csvPropertyNames are the columns an object gives: a dictionary's keys,
// or its properties.
func csvPropertyNames(obj any) []string {
	if h, ok := obj.(*value.Hashtable); ok {
		keys := h.Keys()
		names := make([]string, len(keys))
		for i, k := range keys {
			names[i] = value.ToString(k)
		}
		return names
	}
	if o, ok := obj.(value.Object); ok {
		return o.PropertyNames()
	}
	if _, ok := obj.(string); ok {
		return []string{"Length"}
	}
	return nil
}

// typeLine is the #TYPE line for an object (without an imported
// object's CSV: prefix).
func typeLine(obj any) string {
	names := value.TypeNames(obj)
	if len(names) == 0 {
		return "#TYPE"
	}
	t := names[0]
	if len(t) >= 4 && strings.EqualFold(t[:4], "CSV:") {
		t = t[4:]
	}
	return "#TYPE " + t
}

// header returns the lines that start the output for the first object:
// the #TYPE line (when asked for) and the column names.
func (w *csvWriter) header(obj any) []string {
	if w.noHeader {
		return nil
	}
	var lines []string
	if w.typeInfo {
		lines = append(lines, typeLine(obj))
	}
	var b strings.Builder
	for i, n := range w.names {
		if i > 0 {
			b.WriteRune(w.delim)
		}
		w.field(&b, n, n)
	}
	return append(lines, b.String())
}

// row is the CSV line for an object. A property that is missing or
// $null writes nothing, not even quotes.
func (w *csvWriter) row(obj any) string {
	var b strings.Builder
	h, isDict := obj.(*value.Hashtable)
	for i, n := range w.names {
		if i > 0 {
			b.WriteRune(w.delim)
		}
		var v any
		var ok bool
		if isDict {
			v, ok = h.Get(n)
		} else {
			v, ok = value.GetProperty(obj, n)
		}
		if !ok || value.IsNull(v) {
			continue
		}
		w.field(&b, n, dotnetString(v))
	}
	return b.String()
}

// field writes one field, quoted as -UseQuotes or -QuoteFields ask.
func (w *csvWriter) field(b *strings.Builder, column, text string) {
	quote := false
	switch {
	case w.quoteFields != nil:
		quote = w.quoteFields[strings.ToLower(column)]
	case w.quote == "Always":
		quote = true
	case w.quote == "AsNeeded":
		quote = strings.ContainsRune(text, w.delim) || strings.ContainsAny(text, "\n\"")
	}
	if !quote {
		b.WriteString(text)
		return
	}
	b.WriteByte('"')
	b.WriteString(strings.ReplaceAll(text, `"`, `""`))
	b.WriteByte('"')
}

// dotnetString is a value's .NET ToString(), which the CSV cmdlets use
// rather than PowerShell's conversion: an array is its type name, a date
// is in the current culture's short form.
func dotnetString(v any) string {
	switch x := v.(type) {
	case []any:
		return "System.Object[]"
	case *value.List:
		return x.TypeName
	case value.DateTime:
		return x.DisplayString()
	}
	return value.ToString(v)
}

// convertToCSV is ConvertTo-Csv: objects as CSV lines.
func convertToCSV() *eval.CommandInfo {
	params := append([]*eval.Parameter{
		{Name: "InputObject", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}}},
	}, csvWriteParams()...)
	return &eval.CommandInfo{
		Name:                "ConvertTo-Csv",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.ConvertToCsvCommand",
		Synopsis:            "Converts .NET objects into a series of character-separated value (CSV) strings.",
		DefaultParameterSet: "Delimiter",
		OutputType:          []string{"System.String"},
		Parameters:          params,
		New:                 func() eval.Processor { return &toCSV{} },
	}
}

type toCSV struct{ w *csvWriter }

func (t *toCSV) Begin(c *eval.Call) (err error) {
	t.w, err = newCSVWriter(c)
	return err
}

func (t *toCSV) Process(c *eval.Call) error {
	obj, ok := csvInput(c)
	if !ok {
		return nil
	}
	if t.w.names == nil {
		t.w.names = csvPropertyNames(obj)
		for _, l := range t.w.header(obj) {
			if l == "" {
				continue
			}
			if err := c.WriteObject(l); err != nil {
				return err
			}
		}
	}
	if line := t.w.row(obj); line != "" {
		return c.WriteObject(line)
	}
	return nil
}

func (t *toCSV) End(*eval.Call) error { return nil }

// csvInput is the current input object, or false for $null (which the
// CSV writers skip).
func csvInput(c *eval.Call) (any, bool) {
	obj, has := c.Input()
	if !has {
		obj = c.Value("InputObject")
	}
	if value.IsNull(obj) {
		return nil, false
	}
	return obj, true
}

// exportCSV is Export-Csv: objects as CSV lines in a file.
func exportCSV() *eval.CommandInfo {
	params := append([]*eval.Parameter{
		{Name: "InputObject", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: -1, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}}},
		{Name: "Path", Type: eval.StringType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0}}},
		{Name: "LiteralPath", Aliases: []string{"PSPath", "LP"}, Type: eval.StringType, NotNullOrEmpty: true},
		{Name: "Force", Switch: true},
		{Name: "NoClobber", Aliases: []string{"NoOverwrite"}, Switch: true},
		{Name: "Encoding", Type: encodingType},
		{Name: "Append", Switch: true},
	}, csvWriteParams()...)
	return &eval.CommandInfo{
		Name:                  "Export-Csv",
		Module:                utilityModule,
		ImplementingType:      "Microsoft.PowerShell.Commands.ExportCsvCommand",
		Synopsis:              "Converts objects into a series of character-separated value (CSV) strings and saves the strings to a file.",
		DefaultParameterSet:   "Delimiter",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		Parameters:            params,
		New:                   func() eval.Processor { return &exportCSVCmd{} },
	}
}

type exportCSVCmd struct {
	w         *csvWriter
	path      string
	skip      bool
	appending bool
	existing  []string
	lines     []string
}

func (e *exportCSVCmd) Begin(c *eval.Call) error {
	var err error
	if e.w, err = newCSVWriter(c); err != nil {
		return err
	}
	if c.Has("Path") == c.Has("LiteralPath") {
		msg := "You must specify either the -Path or -LiteralPath parameters, but not both."
		return c.ThrowTerminatingError(c.NewError(eval.NewException("System.InvalidOperationException", msg), "CannotSpecifyPathAndLiteralPath", eval.InvalidData, nil))
	}
	e.path = c.String("Path")
	if c.Has("LiteralPath") {
		e.path = c.String("LiteralPath")
	}
	abs := absPath(c, e.path)
	ok, err := c.ShouldProcess(abs, "Export-Csv")
	if err != nil {
		return err
	}
	e.skip = !ok
	if e.skip {
		return nil
	}
	data, readErr := c.FS().ReadFile(abs)
	exists := readErr == nil
	if exists && c.Switch("NoClobber") && !c.Switch("Append") {
		msg := fmt.Sprintf("The file '%s' already exists.", abs)
		return c.ThrowTerminatingError(c.NewError(eval.NewException("System.IO.IOException", msg), "NoClobber", eval.ResourceExists, abs))
	}
	if c.Switch("Append") && exists && len(data) > 0 {
		e.appending = true
		r := &csvReader{src: strings.TrimPrefix(string(data), "\uFEFF"), delim: e.w.delim}
		e.existing, _ = r.readHeader()
	}
	return nil
}

func (e *exportCSVCmd) Process(c *eval.Call) error {
	obj, ok := csvInput(c)
	if !ok || e.skip {
		return nil
	}
	if e.w.names == nil {
		e.w.names = csvPropertyNames(obj)
		if e.appending && e.existing != nil {
			if err := e.reconcile(c); err != nil {
				return err
			}
		}
		if !e.appending {
			e.lines = append(e.lines, e.w.header(obj)...)
		}
	}
	e.lines = append(e.lines, e.w.row(obj))
	return nil
}

// reconcile checks that the appended objects have the file's columns
// (unless -Force) and writes in the file's column order.
func (e *exportCSVCmd) reconcile(c *eval.Call) error {
	have := map[string]bool{}
	for _, n := range e.w.names {
		have[strings.ToLower(n)] = true
	}
	for _, n := range e.existing {
		if !have[strings.ToLower(n)] && !c.Switch("Force") {
			msg := fmt.Sprintf("Cannot append CSV content to the following file: %s. The appended object does not have a property that corresponds to the following column: %s. To continue with mismatched properties, add the -Force parameter, and then retry the command.", e.path, n)
			return c.ThrowTerminatingError(c.NewError(eval.NewException("System.InvalidOperationException", msg), "CannotAppendCsvWithMismatchedPropertyNames", eval.InvalidData, n))
		}
	}
	e.w.names = e.existing
	return nil
}

func (e *exportCSVCmd) End(c *eval.Call) error {
	if e.skip {
		return nil
	}
	var b strings.Builder
	for _, l := range e.lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return writeTextFile(c, e.path, string(encodeText(c, b.String())), c.Switch("Append"))
}

// csvReader parses CSV text as pwsh's ImportCsvHelper does, leniently:
// text after a closing quote is kept, blanks around unquoted fields are
// trimmed, lines starting with # before the header are skipped.
type csvReader struct {
	src   string
	pos   int
	delim rune
}

func (r *csvReader) eof() bool { return r.pos >= len(r.src) }

func (r *csvReader) next() rune {
	ch := rune(r.src[r.pos])
	if ch < 0x80 {
		r.pos++
		return ch
	}
	rs := []rune(r.src[r.pos:min(len(r.src), r.pos+4)])
	r.pos += len(string(rs[0]))
	return rs[0]
}

func (r *csvReader) peekIs(ch byte) bool { return r.pos < len(r.src) && r.src[r.pos] == ch }

// newline consumes a line break starting with ch; it returns the break.
func (r *csvReader) newline(ch rune) (string, bool) {
	switch ch {
	case '\r':
		if r.peekIs('\n') {
			r.pos++
			return "\r\n", true
		}
		return "\r", true
	case '\n':
		return "\n", true
	}
	return "", false
}

// typeInfo reads a leading #TYPE line, returning its type name.
func (r *csvReader) typeInfo() string {
	if !r.peekIs('#') {
		return ""
	}
	end := strings.IndexAny(r.src[r.pos:], "\r\n")
	line := r.src[r.pos:]
	if end >= 0 {
		line = r.src[r.pos : r.pos+end]
	}
	if len(line) < 5 || !strings.EqualFold(line[:5], "#Type") {
		return ""
	}
	r.pos += len(line)
	if r.peekIs('\r') {
		r.pos++
	}
	if r.peekIs('\n') {
		r.pos++
	}
	return strings.TrimSpace(line[5:])
}

// readHeader reads the column names, skipping comment lines; the type
// name comes from a #TYPE line.
func (r *csvReader) readHeader() (names []string, typeName string) {
	typeName = r.typeInfo()
	for !r.eof() {
		values := r.record()
		for len(values) > 1 && values[len(values)-1] == "" {
			values = values[:len(values)-1]
		}
		switch {
		case len(values) > 0 && strings.HasPrefix(values[0], "#Fields: "):
			values[0] = values[0][len("#Fields: "):]
			return values, typeName
		case len(values) > 0 && strings.HasPrefix(values[0], "#"):
			continue
		}
		return values, typeName
	}
	return nil, typeName
}

// record reads the fields of the next record.
func (r *csvReader) record() []string {
	var result []string
	var cur strings.Builder
	inQuote := false
	for !r.eof() {
		ch := r.next()
		switch {
		case ch == r.delim:
			if inQuote {
				cur.WriteRune(ch)
			} else {
				result = append(result, cur.String())
				cur.Reset()
			}
		case ch == '"':
			switch {
			case inQuote && r.peekIs('"'):
				r.pos++
				cur.WriteByte('"')
			case inQuote:
				inQuote = false
				end := r.tillDelimiter(&cur, true)
				result = append(result, cur.String())
				cur.Reset()
				if end {
					return result
				}
			case cur.Len() == 0:
				inQuote = true
			default:
				cur.WriteRune(ch)
				end := r.tillDelimiter(&cur, false)
				result = append(result, cur.String())
				cur.Reset()
				if end {
					return result
				}
			}
		case ch == ' ' || ch == '\t':
			switch {
			case inQuote:
				cur.WriteRune(ch)
			case cur.Len() == 0:
			default:
				cur.WriteRune(ch)
				end := r.tillDelimiter(&cur, true)
				result = append(result, cur.String())
				cur.Reset()
				if end {
					return result
				}
			}
		default:
			if nl, ok := r.newline(ch); ok {
				if inQuote {
					cur.WriteString(nl)
					continue
				}
				return append(result, cur.String())
			}
			cur.WriteRune(ch)
		}
	}
	if cur.Len() > 0 {
		result = append(result, cur.String())
	}
	return result
}

// tillDelimiter appends the characters up to the next delimiter or line
// break, dropping them when they are only blanks and eatBlanks is set;
// it reports whether the record ended.
func (r *csvReader) tillDelimiter(cur *strings.Builder, eatBlanks bool) bool {
	var tmp strings.Builder
	nonBlank := false
	end := false
	for {
		if r.eof() {
			end = true
			break
		}
		ch := r.next()
		if ch == r.delim {
			break
		}
		if _, ok := r.newline(ch); ok {
			end = true
			break
		}
		tmp.WriteRune(ch)
		if ch != ' ' && ch != '\t' {
			nonBlank = true
		}
	}
	if eatBlanks && !nonBlank {
		cur.WriteString(strings.TrimSpace(tmp.String()))
	} else {
		cur.WriteString(tmp.String())
	}
	return end
}

// csvImport reads records into objects, one per data line.
type csvImport struct {
	header   []string
	typeName string
	warned   bool
}

// read parses one CSV text and writes its objects.
func (imp *csvImport) read(c *eval.Call, text string, delim rune) error {
	r := &csvReader{src: strings.TrimPrefix(text, "\uFEFF"), delim: delim}
	if imp.typeName == "" && !r.eof() {
		imp.typeName = r.typeInfo()
	}
	if imp.header == nil {
		h, _ := r.readHeader()
		if h == nil {
			return nil
		}
		if err := checkHeader(c, h); err != nil {
			return err
		}
		imp.header = h
	}
	for !r.eof() {
		values := r.record()
		if len(values) == 0 || len(values) == 1 && values[0] == "" {
			continue
		}
		if err := c.WriteObject(imp.object(c, values)); err != nil {
			return err
		}
	}
	return nil
}

// checkHeader refuses a header naming a column twice.
func checkHeader(c *eval.Call, names []string) error {
	seen := map[string]bool{}
	for _, n := range names {
		if n == "" {
			continue
		}
		if seen[strings.ToLower(n)] {
			return c.ThrowTerminatingError(c.NewError(eval.NewException("System.Management.Automation.ExtendedTypeSystemException", fmt.Sprintf("The member \"%s\" is already present.", n)), "AlreadyPresentPSMemberInfoInternalCollectionAdd", eval.NotSpecified, nil))
		}
		seen[strings.ToLower(n)] = true
	}
	return nil
}

// object builds the PSCustomObject for one record: a value per column
// ($null when the record is short), unnamed columns called H1, H2, ...
func (imp *csvImport) object(c *eval.Call, values []string) *value.PSObject {
	o := value.NewPSObject()
	if imp.typeName != "" {
		// pwsh replaces the type names with these two.
		o.SetTypeNames([]string{imp.typeName, "CSV:" + imp.typeName})
	}
	unnamed := 1
	for i, name := range imp.header {
		if name == "" {
			name = fmt.Sprintf("H%d", unnamed)
			unnamed++
		}
		var v any
		if i < len(values) {
			v = values[i]
		}
		o.Add(name, v)
	}
	if unnamed > 1 && !imp.warned {
		imp.warned = true
		_ = c.WriteWarning("One or more headers were not specified. Default names starting with \"H\" have been used in place of any missing headers.")
	}
	return o
}

// convertFromCSV is ConvertFrom-Csv: CSV strings as objects. Each input
// string is read on its own; the header comes from the first (or
// -Header).
func convertFromCSV() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "ConvertFrom-Csv",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.ConvertFromCsvCommand",
		Synopsis:            "Converts object properties in character-separated value (CSV) format into CSV versions of the original objects.",
		DefaultParameterSet: "Delimiter",
		Parameters: []*eval.Parameter{
			{Name: "Delimiter", Type: charType, Sets: []eval.ParameterSet{{Name: "Delimiter", Position: 1}}},
			{Name: "UseCulture", Switch: true, Sets: []eval.ParameterSet{{Name: "UseCulture", Mandatory: true, Position: -1}}},
			{Name: "InputObject", Type: objectArrayType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}}},
			{Name: "Header", Type: eval.StringArrayType, NotNullOrEmpty: true},
		},
		New: func() eval.Processor { return &fromCSV{} },
	}
}

type fromCSV struct{ imp csvImport }

func (f *fromCSV) Begin(c *eval.Call) error {
	if c.Has("Header") {
		f.imp.header = c.Strings("Header")
	}
	return nil
}

func (f *fromCSV) Process(c *eval.Call) error {
	for _, in := range value.Enumerate(c.Value("InputObject")) {
		if err := f.imp.read(c, value.ToString(in), csvDelimiter(c)); err != nil {
			return err
		}
	}
	return nil
}

func (f *fromCSV) End(*eval.Call) error { return nil }

// importCSV is Import-Csv: a CSV file's records as objects.
func importCSV() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Import-Csv",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.ImportCsvCommand",
		Synopsis:            "Creates table-like custom objects from the items in a character-separated value (CSV) file.",
		DefaultParameterSet: "DelimiterPath",
		Parameters: []*eval.Parameter{
			{Name: "Delimiter", Type: charType, Sets: []eval.ParameterSet{{Name: "DelimiterPath", Position: 1}, {Name: "DelimiterLiteralPath", Position: 1}}},
			{Name: "Path", Type: eval.StringArrayType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{
				{Name: "DelimiterPath", Mandatory: true, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true},
				{Name: "CulturePath", Mandatory: true, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}}},
			{Name: "LiteralPath", Aliases: []string{"PSPath", "LP"}, Type: eval.StringArrayType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{
				{Name: "DelimiterLiteralPath", Mandatory: true, Position: -1, ValueFromPipelineByPropertyName: true},
				{Name: "CultureLiteralPath", Mandatory: true, Position: -1, ValueFromPipelineByPropertyName: true}}},
			{Name: "UseCulture", Switch: true, Sets: []eval.ParameterSet{{Name: "CulturePath", Mandatory: true, Position: -1}, {Name: "CultureLiteralPath", Mandatory: true, Position: -1}}},
			{Name: "Header", Type: eval.StringArrayType, NotNullOrEmpty: true},
			{Name: "Encoding", Type: encodingType},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				paths, literal, err := targetPaths(c)
				if err != nil {
					return err
				}
				warned := false
				for _, p := range paths {
					matches := expandPath(c, p, literal)
					if len(matches) == 0 {
						if err := c.WriteError(itemNotFound(c, absPath(c, p))); err != nil {
							return err
						}
						continue
					}
					for _, m := range matches {
						data, err := c.FS().ReadFile(m)
						if err != nil {
							if _, serr := c.FS().Stat(m); serr != nil {
								err = c.WriteError(itemNotFound(c, m))
							} else {
								err = c.WriteError(ioError(c, err, m, "FileOpenFailure", eval.ErrorCategory("OpenError")))
							}
							if err != nil {
								return err
							}
							continue
						}
						// Each file has its own header; the warning about
						// unnamed columns is given once.
						imp := &csvImport{warned: warned}
						if c.Has("Header") {
							imp.header = c.Strings("Header")
						}
						if err := imp.read(c, string(data), csvDelimiter(c)); err != nil {
							return err
						}
						warned = imp.warned
					}
				}
				return nil
			})
		},
	}
}
