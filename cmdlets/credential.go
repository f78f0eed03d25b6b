package cmdlets

import (
	"fmt"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// credentialParamType takes a System.Management.Automation.PSCredential
// (Get-Credential, [pscredential]::new(...)).
var credentialParamType = &eval.Type{Name: "System.Management.Automation.PSCredential", Convert: func(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case value.Object:
		if hasTypeName(x, "System.Management.Automation.PSCredential") {
			return x, nil
		}
	}
	return nil, fmt.Errorf("Cannot convert the \"%s\" value of type \"%s\" to type \"System.Management.Automation.PSCredential\".", value.ToString(v), value.TypeName(v))
}}

// getCredential is PowerShell's Get-Credential, which keyhost's
// interpreter does not provide and PowerCLI scripts call to fill
// -Credential (Connect-VIServer, Add-KeyManagementServer):
//
//	Get-Credential [[-Credential] <PSCredential>]
//	Get-Credential [-Message <String>] [[-UserName] <String>] [-Title <String>]
//
// Like pwsh on a console it prompts on the host ("PowerShell credential
// request", the message, "User: ", "Password for user NAME: ") and reads
// the answers from standard input, also when it is a pipe or a file, the
// password echoed as asterisks; with no input left it fails as pwsh
// -NonInteractive does. Given a credential, it returns it.
func (s *Session) getCredential() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-Credential",
		Module:              "Microsoft.PowerShell.Security",
		ImplementingType:    "Microsoft.PowerShell.Commands.GetCredentialCommand",
		Synopsis:            "Gets a credential object based on a user name and password.",
		DefaultParameterSet: "MessageSet",
		OutputType:          []string{"System.Management.Automation.PSCredential"},
		Parameters: []*eval.Parameter{
			{Name: "Credential", Type: credentialParamType, Sets: []eval.ParameterSet{{Name: "CredentialSet", Mandatory: true, Position: 0}},
				Help: "A credential to return as it is."},
			{Name: "Message", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "MessageSet", Position: -1}},
				Help: "The message shown in the prompt."},
			{Name: "UserName", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "MessageSet", Position: 0}},
				Help: "The user name; only the password is asked for."},
			{Name: "Title", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "MessageSet", Position: -1}},
				Help: "The title of the prompt."},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if c.ParameterSetName() == "CredentialSet" {
					return c.WriteObject(c.Value("Credential"))
				}
				title, msg := "PowerShell credential request", "Enter your credentials."
				if c.Has("Title") {
					title = c.String("Title")
				}
				if c.Has("Message") {
					msg = c.String("Message")
				}
				c.WriteHost(title+"\n"+msg, eval.NoColor, eval.NoColor, true)
				user := c.String("UserName")
				if user == "" {
					v, err := c.ReadHost("User", true, false)
					if err != nil {
						return err
					}
					user = value.ToString(v)
				}
				pw, err := c.ReadHost("Password for user "+user, true, true)
				if err != nil {
					return err
				}
				sec, _ := pw.(*value.SecureString)
				return c.WriteObject(eval.NewCredential(user, sec))
			})
		},
	}
}
