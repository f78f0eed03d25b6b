package cmdlets

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
)

// importKeyProvider is Import-KeyProvider (VMware.VimAutomation.Security):
//
//	Import-KeyProvider [-FilePath] <String> [-Password <SecureString>] [-TpmRequired] [-DryRun]
//
// It restores a Native Key Provider from a .p12 that Export-KeyProvider
// wrote (keyhost's own layout; vCenter's exports are refused as not keyhost
// backups) and writes the KeyProvider. The provider keeps its name, key_id
// and KDK, so VMs and disks it encrypted anywhere open here, and objects
// locked for lack of it unlock. -TpmRequired (or -TpmRequired:$false) sets
// the "use only with TPM protected hosts" constraint; without it the
// constraint recorded in the file applies. -DryRun checks the file, the
// password and the import and changes nothing (the REST API's dry_run); it
// writes the provider as it would be imported. Importing a provider that is
// already there changes nothing. A wrong password, a damaged or foreign
// file, or a different provider of the same name is an error and changes
// nothing. The output type is PowerCLI's most likely one (best reading).
func (s *Session) importKeyProvider() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Import-KeyProvider",
		Module:                "VMware.VimAutomation.Security",
		ImplementingType:      "VMware.VimAutomation.Security.Commands.ImportKeyProvider",
		Synopsis:              "Restores a Native Key Provider from a .p12 backup.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		OutputType:            []string{"VMware.VimAutomation.ViCore.Types.V1.Security.KeyProvider"},
		Parameters: []*eval.Parameter{
			{Name: "FilePath", Type: eval.StringType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0}},
				Help: "The .p12 backup to import."},
			{Name: "Password", Type: secureStringParamType, Help: "The backup's password."},
			{Name: "TpmRequired", Switch: true, Help: "Use the provider only with TPM protected hosts (default: as recorded in the backup)."},
			{Name: "DryRun", Switch: true, Help: "Validate the file, the password and the import without changing anything."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				if len(targets) != 1 {
					// Importing into every connected vCenter at once is
					// never what a script means (best reading).
					return c.ThrowTerminatingError(viError(c, "Connected to more than one server: specify the server to import into with -Server.",
						"Security_ImportKeyProvider_AmbiguousServer", eval.InvalidArgument, nil, ""))
				}
				return targets[0].importOne(c)
			})
		},
	}
}

// importOne reads the file and imports it.
func (s *Session) importOne(c *eval.Call) error {
	path := c.ResolvePath(c.String("FilePath"))
	data, err := c.FS().ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return c.WriteError(viError(c, fmt.Sprintf("Could not find file '%s'.", path), "Security_ImportKeyProvider_FileNotFound", eval.ObjectNotFound, path, "System.IO.FileNotFoundException"))
		}
		return c.WriteError(viError(c, fmt.Sprintf("Could not read '%s': %v", path, unwrapPath(err)), "Security_ImportKeyProvider_ReadFailed", eval.ReadError, path, "System.IO.IOException"))
	}
	opts := engine.ImportOptions{DryRun: c.Switch("DryRun")}
	if c.Has("TpmRequired") {
		tpm := c.Switch("TpmRequired")
		opts.TpmRequired = &tpm
	}
	if !opts.DryRun {
		ok, err := c.ShouldProcess(path, "Import key provider")
		if err != nil || !ok {
			return err
		}
	}
	res, err := s.World.ImportNativeKeyProviderBackup(data, password(c, "Password"), opts)
	if err != nil {
		return c.WriteError(importError(c, path, err))
	}
	switch {
	case res.AlreadyPresent:
		c.WriteVerbose(fmt.Sprintf("Key provider %s is already present; nothing was changed.", res.Provider.Name))
	case res.DryRun:
		c.WriteVerbose(fmt.Sprintf("Dry run: '%s' holds key provider %s (key_id %s, exported %s); importing it would unlock %d objects. Nothing was changed.",
			path, res.Provider.Name, res.Provider.KeyID, res.ExportTime.Format("2006-01-02 15:04:05Z"), res.Unlocked))
	case res.Unlocked > 0:
		c.WriteVerbose(fmt.Sprintf("Key provider %s imported; %d locked objects now open.", res.Provider.Name, res.Unlocked))
	}
	o := s.keyProviderObject(res.Provider)
	if res.DryRun && !res.AlreadyPresent {
		o.Add("IsRegistered", false)
	}
	return c.WriteObject(o)
}

// importError words a failed import for the error stream.
func importError(c *eval.Call, path string, err error) *eval.ErrorRecord {
	f, ok := engine.AsFault(err)
	if !ok {
		return faultError(c, path, err)
	}
	cat := eval.InvalidData
	if f.Name == engine.FaultAlreadyExists {
		cat = eval.ResourceExists
	}
	return viError(c, fmt.Sprintf("Cannot import '%s': %s", path, f.Message), "Security_ImportKeyProvider_"+f.Name, cat, path,
		"VMware.VimAutomation.ViCore.Types.V1.ErrorHandling."+f.Name)
}
