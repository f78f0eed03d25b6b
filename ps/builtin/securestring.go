package builtin

import (
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// convertToSecureString is ConvertTo-SecureString (Microsoft.PowerShell.
// Security). keyhost supports the plain-text form scripts use to pass
// passwords (-AsPlainText -Force); the encrypted-standard-string form
// depends on Windows DPAPI or a key and is refused with a clear error.
func convertToSecureString() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "ConvertTo-SecureString",
		Module:              "Microsoft.PowerShell.Security",
		ImplementingType:    "Microsoft.PowerShell.Commands.ConvertToSecureStringCommand",
		Synopsis:            "Converts plain text or encrypted strings to secure strings.",
		DefaultParameterSet: "Secure",
		OutputType:          []string{"System.Security.SecureString"},
		Parameters: []*eval.Parameter{
			{Name: "String", Type: eval.StringType, Sets: []eval.ParameterSet{
				{Name: "Secure", Mandatory: true, Position: 0, ValueFromPipeline: true},
				{Name: "PlainText", Mandatory: true, Position: 0, ValueFromPipeline: true},
			}},
			{Name: "AsPlainText", Switch: true, Sets: []eval.ParameterSet{{Name: "PlainText", Position: 1}}},
			{Name: "Force", Switch: true, Sets: []eval.ParameterSet{{Name: "PlainText", Position: 2}}},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if c.ParameterSetName() != "PlainText" {
					rec := c.NewError(eval.NewException("System.NotSupportedException",
						"keyhost cannot decrypt encrypted standard strings (they need Windows DPAPI or a key); use ConvertTo-SecureString -String <text> -AsPlainText -Force."),
						"ImportSecureString", eval.NotImplemented, nil)
					return c.WriteError(rec)
				}
				return c.WriteObject(value.NewSecureString(c.String("String")))
			})
		},
	}
}
