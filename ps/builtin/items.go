package builtin

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// getChildItem is Get-ChildItem (aliases gci, ls, dir): the items of a
// folder (FileInfo and DirectoryInfo objects, folders first), recursively
// with -Recurse, or their names with -Name.
func getChildItem() *eval.CommandInfo {
	params := append(pathParams("Items", "LiteralItems", false),
		&eval.Parameter{Name: "Filter", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 1}}},
		&eval.Parameter{Name: "Include", Type: eval.StringArrayType},
		&eval.Parameter{Name: "Exclude", Type: eval.StringArrayType},
		&eval.Parameter{Name: "Recurse", Aliases: []string{"s", "r"}, Switch: true},
		&eval.Parameter{Name: "Depth", Type: eval.Int32Type},
		&eval.Parameter{Name: "Force", Switch: true},
		&eval.Parameter{Name: "Name", Switch: true},
		&eval.Parameter{Name: "Directory", Aliases: []string{"ad", "d"}, Switch: true},
		&eval.Parameter{Name: "File", Aliases: []string{"af"}, Switch: true},
		&eval.Parameter{Name: "Hidden", Aliases: []string{"ah", "h"}, Switch: true},
		&eval.Parameter{Name: "FollowSymlink", Switch: true},
	)
	return &eval.CommandInfo{
		Name:                "Get-ChildItem",
		Module:              "Microsoft.PowerShell.Management",
		ImplementingType:    "Microsoft.PowerShell.Commands.GetChildItemCommand",
		Synopsis:            "Gets the items and child items in one or more specified locations.",
		DefaultParameterSet: "Items",
		Parameters:          params,
		New:                 func() eval.Processor { return eval.ProcessFunc(childItems) },
	}
}

// childOptions are Get-ChildItem's filters.
type childOptions struct {
	filter           string
	include, exclude []string
	recurse          bool
	depth            int
	names            bool
	dirsOnly, files  bool
	force            bool
}

func childItems(c *eval.Call) error {
	o := childOptions{filter: c.String("Filter"), include: c.Strings("Include"), exclude: c.Strings("Exclude"),
		recurse: c.Switch("Recurse") || c.Has("Depth"), depth: -1, names: c.Switch("Name"),
		dirsOnly: c.Switch("Directory"), files: c.Switch("File"), force: c.Switch("Force") || c.Switch("Hidden")}
	if c.Has("Depth") {
		n, _ := value.ToInt32(c.Value("Depth"))
		o.depth = int(n)
	}
	paths, literal, err := targetPaths(c)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		paths, literal = []string{c.Location()}, true
	}
	for _, p := range paths {
		if handled, err := sessionItemsFor(c, p); handled {
			if err != nil {
				return err
			}
			continue
		}
		matches := expandPath(c, p, literal)
		if len(matches) == 0 {
			if err := c.WriteError(itemNotFound(c, absPath(c, p))); err != nil {
				return err
			}
			continue
		}
		for _, m := range matches {
			fi, err := c.FS().Stat(m)
			if err != nil {
				if err := c.WriteError(itemNotFound(c, m)); err != nil {
					return err
				}
				continue
			}
			if !fi.IsDir() {
				if o.keep(fi) {
					if err := o.emit(c, m, m, fi); err != nil {
						return err
					}
				}
				continue
			}
			if err := o.list(c, m, m, 0); err != nil {
				return err
			}
		}
	}
	return nil
}

// keep applies -Filter, -Include, -Exclude, -File, -Directory and the
// hidden-file rule to an item.
func (o *childOptions) keep(fi fs.FileInfo) bool {
	name := fi.Name()
	if o.dirsOnly && !fi.IsDir() || o.files && fi.IsDir() {
		return false
	}
	if !o.force && strings.HasPrefix(name, ".") {
		return false
	}
	if o.filter != "" && !wildcard.Match(o.filter, name, false) {
		return false
	}
	if len(o.include) > 0 && !anyMatch(o.include, name) {
		return false
	}
	return !anyMatch(o.exclude, name)
}

func anyMatch(patterns []string, name string) bool {
	for _, p := range patterns {
		if wildcard.Match(p, name, false) {
			return true
		}
	}
	return false
}

// list writes a folder's items, folders first, then recurses.
func (o *childOptions) list(c *eval.Call, root, dir string, level int) error {
	entries, err := c.FS().ReadDir(dir)
	if err != nil {
		return c.WriteError(ioError(c, err, dir, "DirIOError", eval.ReadError))
	}
	var dirs, files []fs.FileInfo
	for _, e := range entries {
		fi, err := e.Info()
		if err != nil {
			continue
		}
		if fi.IsDir() {
			dirs = append(dirs, fi)
		} else {
			files = append(files, fi)
		}
	}
	for _, group := range [][]fs.FileInfo{dirs, files} {
		for _, fi := range group {
			if o.keep(fi) {
				if err := o.emit(c, root, path.Join(dir, fi.Name()), fi); err != nil {
					return err
				}
			}
		}
	}
	if !o.recurse || (o.depth >= 0 && level >= o.depth) {
		return nil
	}
	for _, fi := range dirs {
		if !o.force && strings.HasPrefix(fi.Name(), ".") {
			continue
		}
		if err := o.list(c, root, path.Join(dir, fi.Name()), level+1); err != nil {
			return err
		}
	}
	return nil
}

// emit writes one item, or its name relative to the listed folder.
func (o *childOptions) emit(c *eval.Call, root, full string, fi fs.FileInfo) error {
	if o.names {
		rel := strings.TrimPrefix(strings.TrimPrefix(full, root), "/")
		if rel == "" {
			rel = fi.Name()
		}
		return c.WriteObject(rel)
	}
	return c.WriteObject(fileItem(c, full, fi))
}

// newItem is New-Item (alias ni): creates a file (with -Value as its
// content) or a folder.
func newItem() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "New-Item",
		Module:                "Microsoft.PowerShell.Management",
		ImplementingType:      "Microsoft.PowerShell.Commands.NewItemCommand",
		Synopsis:              "Creates a new item.",
		DefaultParameterSet:   "pathSet",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		Parameters: []*eval.Parameter{
			{Name: "Path", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "pathSet", Mandatory: true, Position: 0, ValueFromPipelineByPropertyName: true}, {Name: "nameSet", Position: 0, ValueFromPipelineByPropertyName: true}}},
			{Name: "Name", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "nameSet", Mandatory: true, Position: -1, ValueFromPipelineByPropertyName: true}}},
			{Name: "ItemType", Aliases: []string{"Type"}, Type: eval.StringType},
			{Name: "Value", Aliases: []string{"Target"}, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: -1, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}}},
			{Name: "Force", Switch: true},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error { return createItems(c, c.String("ItemType")) })
		},
	}
}

// mkdir is PowerShell's mkdir function (alias md): New-Item -ItemType
// Directory.
func mkdir() *eval.CommandInfo {
	ci := newItem()
	ci.Name = "mkdir"
	ci.Synopsis = "Creates a new directory."
	ci.Parameters = []*eval.Parameter{
		{Name: "Path", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "pathSet", Mandatory: true, Position: 0, ValueFromPipelineByPropertyName: true}, {Name: "nameSet", Position: 0, ValueFromPipelineByPropertyName: true}}},
		{Name: "Name", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "nameSet", Mandatory: true, Position: -1, ValueFromPipelineByPropertyName: true}}},
		{Name: "Value", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: -1, ValueFromPipeline: true}}},
		{Name: "Force", Switch: true},
	}
	ci.New = func() eval.Processor {
		return eval.ProcessFunc(func(c *eval.Call) error { return createItems(c, "Directory") })
	}
	return ci
}

// createItems creates the items New-Item and mkdir ask for.
func createItems(c *eval.Call, itemType string) error {
	kind := strings.ToLower(itemType)
	switch kind {
	case "", "file":
		kind = "file"
	case "directory", "dir", "folder":
		kind = "directory"
	default:
		ex := eval.NewException("System.Management.Automation.PSArgumentException", fmt.Sprintf("The %s item type is not supported by keyhost; use File or Directory.", itemType))
		return c.WriteError(c.NewError(ex, "NewItemTypeNotSupported", eval.InvalidArgument, itemType))
	}
	paths := c.Strings("Path")
	if len(paths) == 0 {
		paths = []string{c.Location()}
	}
	for _, p := range paths {
		full := absPath(c, p)
		if c.Has("Name") {
			full = path.Join(full, normalizePath(c, c.String("Name")))
		}
		if err := createItem(c, full, kind); err != nil {
			return err
		}
	}
	return nil
}

// createItem creates one file or folder.
func createItem(c *eval.Call, full, kind string) error {
	force := c.Switch("Force")
	existing, statErr := c.FS().Stat(full)
	action := "Create File"
	if kind == "directory" {
		action = "Create Directory"
	}
	if ok, err := c.ShouldProcess("Destination: "+full, action); err != nil || !ok {
		return err
	}
	if kind == "directory" {
		if statErr == nil {
			if !existing.IsDir() || !force {
				ex := eval.NewException("System.IO.IOException", fmt.Sprintf("An item with the specified name %s already exists.", full))
				return c.WriteError(c.NewError(ex, "DirectoryExist", eval.ResourceExists, full))
			}
		} else if err := c.FS().MkdirAll(full); err != nil {
			return c.WriteError(ioError(c, err, full, "CreateDirectoryIOError", eval.WriteError))
		}
	} else {
		if statErr == nil && !force {
			ex := eval.NewException("System.IO.IOException", fmt.Sprintf("The file '%s' already exists.", full))
			return c.WriteError(c.NewError(ex, "NewItemIOError", eval.WriteError, full))
		}
		if statErr == nil && existing.IsDir() {
			ex := eval.NewException("System.UnauthorizedAccessException", fmt.Sprintf("Access to the path '%s' is denied.", full))
			return c.WriteError(c.NewError(ex, "NewItemUnauthorizedAccessError", eval.PermissionDenied, full))
		}
		if force {
			if err := c.FS().MkdirAll(path.Dir(full)); err != nil {
				return c.WriteError(ioError(c, err, full, "NewItemIOError", eval.WriteError))
			}
		}
		content := ""
		if c.Has("Value") && !value.IsNull(c.Value("Value")) {
			content = value.ToString(c.Value("Value"))
		}
		if err := c.FS().WriteFile(full, []byte(content), false); err != nil {
			return c.WriteError(ioError(c, err, full, "NewItemIOError", eval.WriteError))
		}
	}
	fi, err := c.FS().Stat(full)
	if err != nil {
		return c.WriteError(itemNotFound(c, full))
	}
	return c.WriteObject(fileItem(c, full, fi))
}

// removeItem is Remove-Item (aliases rm, del, ri, erase, rd, rmdir).
func removeItem() *eval.CommandInfo {
	params := append(pathParams("Path", "LiteralPath", true),
		&eval.Parameter{Name: "Recurse", Aliases: []string{"r"}, Switch: true},
		&eval.Parameter{Name: "Force", Switch: true},
		&eval.Parameter{Name: "Filter", Type: eval.StringType},
		&eval.Parameter{Name: "Include", Type: eval.StringArrayType},
		&eval.Parameter{Name: "Exclude", Type: eval.StringArrayType},
	)
	return &eval.CommandInfo{
		Name:                  "Remove-Item",
		Module:                "Microsoft.PowerShell.Management",
		ImplementingType:      "Microsoft.PowerShell.Commands.RemoveItemCommand",
		Synopsis:              "Deletes the specified items.",
		DefaultParameterSet:   "Path",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		Parameters:            params,
		New:                   func() eval.Processor { return eval.ProcessFunc(removeItems) },
	}
}

func removeItems(c *eval.Call) error {
	paths, literal, err := targetPaths(c)
	if err != nil {
		return err
	}
	for _, p := range paths {
		if handled, err := removeSessionItem(c, p); handled {
			if err != nil {
				return err
			}
			continue
		}
		matches := expandPath(c, p, literal)
		if len(matches) == 0 {
			if err := c.WriteError(itemNotFound(c, absPath(c, p))); err != nil {
				return err
			}
			continue
		}
		for _, m := range matches {
			fi, err := c.FS().Stat(m)
			if err != nil {
				if err := c.WriteError(itemNotFound(c, m)); err != nil {
					return err
				}
				continue
			}
			if c.Has("Filter") && !wildcard.Match(c.String("Filter"), fi.Name(), false) ||
				c.Has("Include") && !anyMatch(c.Strings("Include"), fi.Name()) || anyMatch(c.Strings("Exclude"), fi.Name()) {
				continue
			}
			action := "Remove File"
			if fi.IsDir() {
				action = "Remove Directory"
			}
			ok, err := c.ShouldProcess(m, action)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if err := c.FS().Remove(m, fi.IsDir() && c.Switch("Recurse")); err != nil {
				if errors.Is(err, fs.ErrExist) {
					ex := eval.NewException("System.IO.IOException", fmt.Sprintf("The item at %s has children and the Recurse parameter was not specified. If you continue, all children will be removed with the item. Are you sure you want to continue?", m))
					if err := c.WriteError(c.NewError(ex, "DirectoryNotEmpty", eval.WriteError, m)); err != nil {
						return err
					}
					continue
				}
				if err := c.WriteError(ioError(c, err, m, "RemoveItemIOError", eval.WriteError)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// getItem is Get-Item (alias gi): the FileInfo or DirectoryInfo of each
// path (wildcards expanded).
func getItem() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-Item",
		Module:              "Microsoft.PowerShell.Management",
		ImplementingType:    "Microsoft.PowerShell.Commands.GetItemCommand",
		Synopsis:            "Gets the item at the specified location.",
		DefaultParameterSet: "Path",
		OutputType:          []string{"System.IO.FileInfo", "System.IO.DirectoryInfo"},
		Parameters: append(pathParams("Path", "LiteralPath", true),
			&eval.Parameter{Name: "Filter", Type: eval.StringType},
			&eval.Parameter{Name: "Include", Type: eval.StringArrayType},
			&eval.Parameter{Name: "Exclude", Type: eval.StringArrayType},
			&eval.Parameter{Name: "Force", Switch: true}),
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				paths, literal, err := targetPaths(c)
				if err != nil {
					return err
				}
				for _, p := range paths {
					if handled, err := sessionItemsFor(c, p); handled {
						if err != nil {
							return err
						}
						continue
					}
					matches := expandPath(c, p, literal)
					if len(matches) == 0 {
						if err := c.WriteError(itemNotFound(c, absPath(c, p))); err != nil {
							return err
						}
						continue
					}
					for _, m := range matches {
						fi, err := c.FS().Stat(m)
						if err != nil {
							err = c.WriteError(itemNotFound(c, m))
						} else {
							err = c.WriteObject(fileItem(c, m, fi))
						}
						if err != nil {
							return err
						}
					}
				}
				return nil
			})
		},
	}
}
