package cmdlets

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
)

// exportKeyProvider is Export-KeyProvider (VMware.VimAutomation.Security):
//
//	Export-KeyProvider [-FilePath] <String> -KeyProvider <KeyProvider> [-Password <SecureString>] [-Force]
//
// It backs a Native Key Provider up to a .p12 file and writes a FileInfo
// for it; the provider is then backed up and serves keys (vSphere's
// backup-before-use rule). The file is keyhost's own "keyhost NKP backup
// v1" layout (engine/nkpbackup), not vCenter's, which is not published.
// If FilePath names a folder (an existing one, or a path ending in a
// separator) the file is <provider>.p12 inside it. An existing file is an
// error unless -Force, which overwrites it and also creates missing
// folders. A Standard provider is refused: PowerCLI exports Native Key
// Providers only. Failures are non-terminating errors per provider (best
// reading; PowerCLI's exact texts are not published).
func (s *Session) exportKeyProvider() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Export-KeyProvider",
		Module:                "VMware.VimAutomation.Security",
		ImplementingType:      "VMware.VimAutomation.Security.Commands.ExportKeyProvider",
		Synopsis:              "Backs up a Native Key Provider to a .p12 file.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		OutputType:            []string{"System.IO.FileInfo"},
		Parameters: []*eval.Parameter{
			{Name: "FilePath", Type: eval.StringType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0}},
				Help: "The file to write, or a folder to write <provider>.p12 in."},
			{Name: "KeyProvider", Type: keyProviderParamType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: -1, ValueFromPipeline: true}},
				Help: "The Native Key Provider to back up."},
			{Name: "Password", Type: secureStringParamType, Help: "Protects the file; without it the key in the file is not protected."},
			{Name: "Force", Switch: true, Help: "Overwrite an existing file and create missing folders."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				providers, err := s.resolveProviders(c, c.Value("KeyProvider"), targets)
				if err != nil {
					return err
				}
				if len(providers) != 1 {
					if len(providers) == 0 {
						return nil // not found: already reported
					}
					return c.ThrowTerminatingError(viError(c, "Exactly one key provider must be specified.", "Core_ObnSelector_SelectObjectsByName", eval.InvalidArgument, nil, ""))
				}
				return providers[0].s.exportOne(c, providers[0].KeyProvider)
			})
		},
	}
}

// exportOne backs up one provider.
func (s *Session) exportOne(c *eval.Call, p engine.KeyProvider) error {
	if p.Type != engine.ProviderNative {
		return c.WriteError(viError(c, fmt.Sprintf("Key provider '%s' is not a Native Key Provider. Only Native Key Providers can be exported.", p.Name),
			"Security_ExportKeyProvider_NotNative", eval.InvalidArgument, p.Name, ""))
	}
	target, mkdir, rec := exportTarget(c, c.String("FilePath"), p.Name, c.Switch("Force"))
	if rec != nil {
		return c.WriteError(rec)
	}
	ok, err := c.ShouldProcess(target, fmt.Sprintf("Export key provider '%s'", p.Name))
	if err != nil || !ok {
		return err
	}
	var size int
	_, err = s.World.ExportNativeKeyProvider(p.Name, password(c, "Password"), func(data []byte) error {
		if mkdir != "" {
			if err := c.FS().MkdirAll(mkdir); err != nil {
				return err
			}
		}
		size = len(data)
		return writeFile(c, target, data, true)
	})
	if err != nil {
		if _, isFault := engine.AsFault(err); isFault {
			return c.WriteError(faultError(c, p.Name, err))
		}
		return c.WriteError(viError(c, fmt.Sprintf("Could not write the backup of key provider '%s' to '%s': %v", p.Name, target, unwrapPath(err)),
			"Security_ExportKeyProvider_WriteFailed", eval.WriteError, target, "System.IO.IOException"))
	}
	return c.WriteObject(fileInfoObject(target, size, c.Now()))
}

// exportTarget works out the file to write and the folder to create first
// ("" for none), applying -Force's rules.
func exportTarget(c *eval.Call, filePath, provider string, force bool) (target, mkdir string, rec *eval.ErrorRecord) {
	fsys := c.FS()
	target = c.ResolvePath(filePath)
	folder := strings.HasSuffix(filePath, "/") || strings.HasSuffix(filePath, `\`)
	info, err := fsys.Stat(target)
	if (err == nil && info.IsDir()) || (err != nil && folder) {
		if err != nil {
			mkdir = target
		}
		target = filepath.Join(target, fileNameFor(provider)+".p12")
		if mkdir == "" {
			info, err = fsys.Stat(target)
		}
	}
	switch {
	case err == nil && info.IsDir():
		return "", "", viError(c, fmt.Sprintf("'%s' is a folder.", target), "Security_ExportKeyProvider_PathIsFolder", eval.InvalidArgument, target, "System.IO.IOException")
	case err == nil && !force:
		return "", "", viError(c, fmt.Sprintf("The file '%s' already exists. Use -Force to overwrite it.", target),
			"Security_ExportKeyProvider_FileExists", eval.ResourceExists, target, "System.IO.IOException")
	case err == nil:
		return target, "", nil
	case !errors.Is(err, fs.ErrNotExist):
		return "", "", viError(c, fmt.Sprintf("Cannot access '%s': %v", target, unwrapPath(err)), "Security_ExportKeyProvider_WriteFailed", eval.WriteError, target, "System.IO.IOException")
	}
	if mkdir == "" {
		if _, err := fsys.Stat(filepath.Dir(target)); err != nil {
			mkdir = filepath.Dir(target)
		}
	}
	if mkdir != "" && !force {
		// .NET's DirectoryNotFoundException text.
		return "", "", viError(c, fmt.Sprintf("Could not find a part of the path '%s'. Use -Force to create missing folders.", target),
			"Security_ExportKeyProvider_FolderMissing", eval.ObjectNotFound, target, "System.IO.DirectoryNotFoundException")
	}
	return target, mkdir, nil
}

// unwrapPath drops a *fs.PathError's operation and path, which the
// message names already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
