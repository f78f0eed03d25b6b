package builtin

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// Get-Culture and Get-UICulture. keyhost formats numbers and dates in one
// fixed style, the invariant culture's with en-US names (the style a
// pwsh session in en-US shows), and has no culture data besides, so both
// cmdlets report en-US: a System.Globalization.CultureInfo with its
// names, LCID and the format patterns keyhost follows. -Name knows en-US
// and the invariant culture ("").

// cultureInfo is a System.Globalization.CultureInfo.
type cultureInfo struct {
	name, displayName, nativeName, twoLetter, threeLetter, threeLetterWin string
	lcid                                                                  int32
	keyboard                                                              int32
	neutral                                                               bool
}

var (
	enUSCulture      = &cultureInfo{name: "en-US", displayName: "English (United States)", nativeName: "English (United States)", twoLetter: "en", threeLetter: "eng", threeLetterWin: "ENU", lcid: 1033, keyboard: 1033}
	invariantCulture = &cultureInfo{name: "", displayName: "Invariant Language (Invariant Country)", nativeName: "Invariant Language (Invariant Country)", twoLetter: "iv", threeLetter: "ivl", threeLetterWin: "IVL", lcid: 127, keyboard: 127}
	enCulture        = &cultureInfo{name: "en", displayName: "English", nativeName: "English", twoLetter: "en", threeLetter: "eng", threeLetterWin: "ENU", lcid: 9, keyboard: 1033, neutral: true}
)

var cultureProperties = []string{"Parent", "LCID", "KeyboardLayoutId", "Name", "IetfLanguageTag", "DisplayName", "NativeName", "EnglishName",
	"TwoLetterISOLanguageName", "ThreeLetterISOLanguageName", "ThreeLetterWindowsLanguageName", "CompareInfo", "TextInfo", "IsNeutralCulture",
	"CultureTypes", "NumberFormat", "DateTimeFormat", "Calendar", "OptionalCalendars", "UseUserOverride", "IsReadOnly"}

// TypeNames implements value.Object.
func (ci *cultureInfo) TypeNames() []string {
	return []string{"System.Globalization.CultureInfo", "System.Object"}
}

// PropertyNames implements value.Object.
func (ci *cultureInfo) PropertyNames() []string { return append([]string(nil), cultureProperties...) }

// DefaultDisplayPropertySet is pwsh's view of a CultureInfo: LCID, Name
// and DisplayName.
func (ci *cultureInfo) DefaultDisplayPropertySet() []string {
	return []string{"LCID", "Name", "DisplayName"}
}

// String is the culture's name, as CultureInfo.ToString() returns.
func (ci *cultureInfo) String() string { return ci.name }

// Property implements value.Object.
func (ci *cultureInfo) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "parent":
		switch ci {
		case enUSCulture:
			return enCulture, true
		}
		return invariantCulture, true
	case "lcid":
		return ci.lcid, true
	case "keyboardlayoutid":
		return ci.keyboard, true
	case "name", "ietflanguagetag":
		return ci.name, true
	case "displayname", "englishname":
		return ci.displayName, true
	case "nativename":
		return ci.nativeName, true
	case "twoletterisolanguagename":
		return ci.twoLetter, true
	case "threeletterisolanguagename":
		return ci.threeLetter, true
	case "threeletterwindowslanguagename":
		return ci.threeLetterWin, true
	case "compareinfo":
		o := value.NewPSObject("System.Globalization.CompareInfo")
		o.Add("Name", ci.name).Add("Version", nil).Add("LCID", ci.lcid)
		o.ToStringFunc = func() string { return "CompareInfo - " + ci.name }
		return o, true
	case "textinfo":
		o := value.NewPSObject("System.Globalization.TextInfo")
		o.Add("ANSICodePage", int32(1252)).Add("OEMCodePage", int32(437)).Add("MacCodePage", int32(10000)).Add("EBCDICCodePage", int32(37)).
			Add("LCID", ci.lcid).Add("CultureName", ci.name).Add("IsReadOnly", true).Add("ListSeparator", ",").Add("IsRightToLeft", false)
		o.ToStringFunc = func() string { return "TextInfo - " + ci.name }
		return o, true
	case "isneutralculture":
		return ci.neutral, true
	case "culturetypes":
		if ci.neutral {
			return "NeutralCultures", true
		}
		return "SpecificCultures, InstalledWin32Cultures", true
	case "numberformat":
		return numberFormatInfo(), true
	case "datetimeformat":
		return dateTimeFormatInfo(ci == invariantCulture), true
	case "calendar":
		return gregorianCalendar(), true
	case "optionalcalendars":
		return []any{gregorianCalendar()}, true
	case "useuseroverride":
		return true, true
	case "isreadonly":
		return true, true
	}
	return nil, false
}

// numberFormatInfo is the NumberFormatInfo keyhost formats numbers with.
func numberFormatInfo() *value.PSObject {
	o := value.NewPSObject("System.Globalization.NumberFormatInfo")
	o.Add("CurrencyDecimalDigits", int32(2)).Add("CurrencyDecimalSeparator", ".").Add("IsReadOnly", true).
		Add("CurrencyGroupSizes", []any{int32(3)}).Add("NumberGroupSizes", []any{int32(3)}).Add("PercentGroupSizes", []any{int32(3)}).
		Add("CurrencyGroupSeparator", ",").Add("CurrencySymbol", "$").Add("NaNSymbol", "NaN").
		Add("CurrencyNegativePattern", int32(1)).Add("NumberNegativePattern", int32(1)).Add("PercentPositivePattern", int32(1)).
		Add("PercentNegativePattern", int32(1)).Add("NegativeInfinitySymbol", "-∞").Add("NegativeSign", "-").
		Add("NumberDecimalDigits", int32(2)).Add("NumberDecimalSeparator", ".").Add("NumberGroupSeparator", ",").
		Add("CurrencyPositivePattern", int32(0)).Add("PositiveInfinitySymbol", "∞").Add("PositiveSign", "+").
		Add("PercentDecimalDigits", int32(2)).Add("PercentDecimalSeparator", ".").Add("PercentGroupSeparator", ",").
		Add("PercentSymbol", "%").Add("PerMilleSymbol", "‰").Add("NativeDigits", []any{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}).
		Add("DigitSubstitution", "None")
	return o
}

// dateTimeFormatInfo is en-US's DateTimeFormatInfo (the invariant
// culture's patterns when invariant is set).
func dateTimeFormatInfo(invariant bool) *value.PSObject {
	short, long, shortTime, longTime, monthDay, yearMonth := "M/d/yyyy", "dddd, MMMM d, yyyy", "h:mm tt", "h:mm:ss tt", "MMMM d", "MMMM yyyy"
	if invariant {
		short, long, shortTime, longTime, monthDay, yearMonth = "MM/dd/yyyy", "dddd, dd MMMM yyyy", "HH:mm", "HH:mm:ss", "MMMM dd", "yyyy MMMM"
	}
	o := value.NewPSObject("System.Globalization.DateTimeFormatInfo")
	o.Add("AMDesignator", "AM").Add("Calendar", gregorianCalendar()).Add("DateSeparator", "/").Add("FirstDayOfWeek", "Sunday").
		Add("CalendarWeekRule", "FirstDay").Add("FullDateTimePattern", long+" "+longTime).Add("LongDatePattern", long).
		Add("LongTimePattern", longTime).Add("MonthDayPattern", monthDay).Add("PMDesignator", "PM").
		Add("RFC1123Pattern", "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'").Add("ShortDatePattern", short).Add("ShortTimePattern", shortTime).
		Add("SortableDateTimePattern", "yyyy'-'MM'-'dd'T'HH':'mm':'ss").Add("TimeSeparator", ":").
		Add("UniversalSortableDateTimePattern", "yyyy'-'MM'-'dd HH':'mm':'ss'Z'").Add("YearMonthPattern", yearMonth).
		Add("AbbreviatedDayNames", []any{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}).
		Add("DayNames", []any{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}).
		Add("MonthNames", []any{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", ""}).
		Add("IsReadOnly", true).Add("NativeCalendarName", "Gregorian Calendar")
	return o
}

func gregorianCalendar() *value.PSObject {
	o := value.NewPSObject("System.Globalization.GregorianCalendar", "System.Globalization.Calendar")
	o.Add("MinSupportedDateTime", nil).Add("MaxSupportedDateTime", nil).Add("AlgorithmType", "SolarCalendar").
		Add("CalendarType", "Localized").Add("Eras", []any{int32(1)}).Add("TwoDigitYearMax", int32(2049)).Add("IsReadOnly", true)
	return o
}

// cultureByName finds a culture keyhost knows by name (any case).
func cultureByName(name string) (*cultureInfo, bool) {
	for _, ci := range []*cultureInfo{enUSCulture, invariantCulture, enCulture} {
		if strings.EqualFold(ci.name, name) {
			return ci, true
		}
	}
	return nil, false
}

// getCulture is Get-Culture: the current culture, a named one (-Name) or
// the list keyhost knows (-ListAvailable).
func getCulture() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-Culture",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.GetCultureCommand",
		Synopsis:            "Gets the current culture set in the operating system.",
		DefaultParameterSet: "Name",
		OutputType:          []string{"System.Globalization.CultureInfo"},
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "Name", Position: 0, ValueFromPipeline: true}}},
			{Name: "ListAvailable", Switch: true, Sets: []eval.ParameterSet{{Name: "ListAvailable", Position: -1}}},
			{Name: "NoUserOverrides", Switch: true},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				switch c.ParameterSetName() {
				case "ListAvailable":
					for _, ci := range []*cultureInfo{invariantCulture, enCulture, enUSCulture} {
						if err := c.WriteObject(ci); err != nil {
							return err
						}
					}
					return nil
				case "Name":
					if !c.Has("Name") {
						return c.WriteObject(enUSCulture)
					}
					name := c.String("Name")
					ci, ok := cultureByName(name)
					if !ok {
						ex := eval.NewException("System.Globalization.CultureNotFoundException",
							fmt.Sprintf("Culture is not supported. (Parameter 'name')\n%s is an invalid culture identifier.", name))
						return c.WriteError(c.NewError(ex, "ItemNotFoundException", eval.ObjectNotFound, name))
					}
					return c.WriteObject(ci)
				}
				return c.WriteObject(enUSCulture)
			})
		},
	}
}

// getUICulture is Get-UICulture: en-US, as Get-Culture.
func getUICulture() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Get-UICulture",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.GetUICultureCommand",
		Synopsis:         "Gets the current UI culture settings in the operating system.",
		OutputType:       []string{"System.Globalization.CultureInfo"},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error { return c.WriteObject(enUSCulture) })
		},
	}
}
