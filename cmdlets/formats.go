package cmdlets

import (
	"github.com/keyhost/keyhost/ps/format"
	"github.com/keyhost/keyhost/ps/value"
)

// prop renders a property for a table cell.
func prop(name string) func(any) string {
	return func(obj any) string {
		v, _ := value.GetProperty(obj, name)
		return format.Cell(v)
	}
}

// registerFormats registers the table views of PowerCLI's objects. The
// VirtualMachine view is PowerCLI's well-known one (Name, PowerState,
// Num CPUs, MemoryGB with three decimals), and the VIServer (Name, Port,
// User), Task (Name, State, % Complete, Start Time, Finish Time) and
// Datastore (Name, FreeSpaceGB, CapacityGB) columns are those PowerCLI
// prints; the widths, and the other views, are keyhost's readings of
// PowerCLI's format data, which is not published.
func registerFormats(f *format.Registry) {
	f.AddTable("VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine", &format.TableView{Columns: []format.Column{
		{Label: "Name", Width: 20, Value: prop("Name")},
		{Label: "PowerState", Width: 10, Value: prop("PowerState")},
		{Label: "Num CPUs", Width: 8, Value: prop("NumCpu")},
		{Label: "MemoryGB", Width: 8, Value: func(obj any) string {
			v, _ := value.GetProperty(obj, "MemoryGB")
			return formatFixed3(v)
		}},
	}})
	f.AddTable("VMware.VimAutomation.ViCore.Types.V1.Inventory.Cluster", &format.TableView{Columns: []format.Column{
		{Label: "Name", Width: 30, Value: prop("Name")},
		{Label: "HAEnabled", Width: 10, Value: prop("HAEnabled")},
		{Label: "HAFailoverLevel", Width: 15, Value: prop("HAFailoverLevel")},
		{Label: "DrsEnabled", Width: 10, Value: prop("DrsEnabled")},
		{Label: "DrsAutomationLevel", Width: 18, Value: prop("DrsAutomationLevel")},
	}})
	f.AddTable("VMware.VimAutomation.ViCore.Types.V1.Inventory.VMHost", &format.TableView{Columns: []format.Column{
		{Label: "Name", Width: 20, Value: prop("Name")},
		{Label: "ConnectionState", Width: 15, Value: prop("ConnectionState")},
		{Label: "PowerState", Width: 10, Value: prop("PowerState")},
		{Label: "CryptoState", Width: 11, Value: prop("CryptoState")},
		{Label: "Version", Width: 7, Value: prop("Version")},
	}})
	f.AddTable("VMware.VimAutomation.ViCore.Types.V1.Security.KeyProvider", &format.TableView{Columns: []format.Column{
		{Label: "Name", Width: 20, Value: prop("Name")},
		{Label: "Type", Width: 17, Value: prop("Type")},
		{Label: "DefaultForSystem", Width: 16, Value: prop("DefaultForSystem")},
		{Label: "IsActive", Width: 8, Value: prop("IsActive")},
	}})
	f.AddTable("VMware.VimAutomation.ViCore.Types.V1.VirtualDevice.HardDisk", &format.TableView{Columns: []format.Column{
		{Label: "CapacityGB", Width: 15, Value: func(obj any) string {
			v, _ := value.GetProperty(obj, "CapacityGB")
			return formatFixed3(v)
		}},
		{Label: "Persistence", Width: 20, Value: prop("Persistence")},
		{Label: "Filename", Width: 40, Value: prop("Filename")},
	}})
	f.AddTable("VMware.VimAutomation.ViCore.Types.V1.VM.Snapshot", &format.TableView{Columns: []format.Column{
		{Label: "Name", Width: 20, Value: prop("Name")},
		{Label: "Description", Width: 30, Value: prop("Description")},
		{Label: "PowerState", Width: 10, Value: prop("PowerState")},
	}})
	f.AddTable("VMware.VimAutomation.Security.Types.V1.Entity.VTpm", &format.TableView{Columns: []format.Column{
		{Label: "Name", Width: 15, Value: prop("Name")},
		{Label: "Key", Width: 6, Value: prop("Key")},
		{Label: "Parent", Width: 20, Value: prop("Parent")},
	}})
	f.AddTable("VMware.VimAutomation.ViCore.Types.V1.VIServer", &format.TableView{Columns: []format.Column{
		{Label: "Name", Width: 30, Value: prop("Name")},
		{Label: "Port", Width: 5, Value: prop("Port")},
		{Label: "User", Value: prop("User")},
	}})
	// PowerCLI's configuration table, its widths read off PowerCLI's
	// output (the last header wraps: "WebOperationTimeout" / "Seconds").
	f.AddTable("VMware.VimAutomation.ViCore.Types.V1.PowerCLIConfiguration", &format.TableView{Columns: []format.Column{
		{Label: "Scope", Width: 8, Value: prop("Scope")},
		{Label: "ProxyPolicy", Width: 15, Value: prop("ProxyPolicy")},
		{Label: "DefaultVIServerMode", Width: 19, Value: prop("DefaultVIServerMode")},
		{Label: "InvalidCertificateAction", Width: 25, Value: prop("InvalidCertificateAction")},
		{Label: "DisplayDeprecationWarnings", Width: 26, Value: prop("DisplayDeprecationWarnings")},
		{Label: "WebOperationTimeoutSeconds", Width: 19, Value: prop("WebOperationTimeoutSeconds")},
	}})
	f.AddTable("VMware.VimAutomation.Sdk.Types.V1.Task", &format.TableView{Columns: []format.Column{
		{Label: "Name", Width: 30, Value: prop("Name")},
		{Label: "State", Width: 10, Value: prop("State")},
		{Label: "% Complete", Width: 10, Align: format.Right, Value: prop("PercentComplete")},
		{Label: "Start Time", Width: 12, Value: timeOfDay("StartTime")},
		{Label: "Finish Time", Width: 12, Value: timeOfDay("FinishTime")},
	}})
	f.AddTable("VMware.VimAutomation.ViCore.Types.V1.Inventory.Datacenter", &format.TableView{Columns: []format.Column{
		{Label: "Name", Value: prop("Name")},
	}})
	f.AddTable("VMware.VimAutomation.ViCore.Types.V1.Inventory.Template", &format.TableView{Columns: []format.Column{
		{Label: "Name", Value: prop("Name")},
	}})
	f.AddTable("VMware.VimAutomation.ViCore.Types.V1.Inventory.Folder", &format.TableView{Columns: []format.Column{
		{Label: "Name", Width: 30, Value: prop("Name")},
		{Label: "Type", Value: prop("Type")},
	}})
	f.AddTable("VMware.VimAutomation.ViCore.Types.V1.DatastoreManagement.Datastore", &format.TableView{Columns: []format.Column{
		{Label: "Name", Width: 35, Value: prop("Name")},
		{Label: "FreeSpaceGB", Width: 15, Align: format.Right, Value: fixed3("FreeSpaceGB")},
		{Label: "CapacityGB", Width: 15, Align: format.Right, Value: fixed3("CapacityGB")},
	}})
	f.AddTable("VMware.VimAutomation.Storage.Types.V1.Encryption.KeyManagementServer", &format.TableView{Columns: []format.Column{
		{Label: "Name", Width: 20, Value: prop("Name")},
		{Label: "Address", Width: 25, Value: prop("Address")},
		{Label: "Port", Width: 5, Value: prop("Port")},
		{Label: "KeyProvider", Value: prop("KeyProvider")},
	}})
	f.AddTable("VMware.VimAutomation.Security.Types.V1.SecurityInfo.SecurityInfo", &format.TableView{Columns: []format.Column{
		{Label: "Name", Width: 20, Value: prop("Name")},
		{Label: "KeyProviderId", Width: 20, Value: prop("KeyProviderId")},
		{Label: "EncryptionKeyId", Value: prop("EncryptionKeyId")},
	}})
	f.AddTable("VMware.VimAutomation.Storage.Types.V1.Vsan.VsanDiskGroup", &format.TableView{Columns: []format.Column{
		{Label: "Name", Width: 50, Value: prop("Name")},
		{Label: "DiskGroupType", Width: 13, Value: prop("DiskGroupType")},
		{Label: "DiskFormatVersion", Value: prop("DiskFormatVersion")},
	}})
	f.AddTable("VMware.VimAutomation.Storage.Types.V1.Vsan.VsanClusterConfiguration", &format.TableView{Columns: []format.Column{
		{Label: "Cluster", Width: 20, Value: prop("Cluster")},
		{Label: "VsanEnabled", Width: 11, Value: prop("VsanEnabled")},
		{Label: "EncryptionEnabled", Width: 17, Value: prop("EncryptionEnabled")},
		{Label: "KeyProvider", Width: 20, Value: prop("KeyProvider")},
	}})
}

// fixed3 renders a number property with three decimals.
func fixed3(name string) func(any) string {
	return func(obj any) string {
		v, _ := value.GetProperty(obj, name)
		return formatFixed3(v)
	}
}

// timeOfDay renders a DateTime property as Get-Task shows it ("3:11:08 AM").
func timeOfDay(name string) func(any) string {
	return func(obj any) string {
		v, _ := value.GetProperty(obj, name)
		d, ok := v.(value.DateTime)
		if !ok {
			return ""
		}
		return d.Time().Format("3:04:05 PM")
	}
}

// formatFixed3 renders a number with three decimals ("4.000"), as
// PowerCLI's VM table shows MemoryGB.
func formatFixed3(v any) string {
	f, err := value.ToFloat64(v)
	if err != nil {
		return value.ToString(v)
	}
	return format.Fixed(f, 3)
}
