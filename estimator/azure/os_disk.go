package azure

import (
	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing/importer/azurevocab"
)

// Default OS disk sizes when the plan leaves the image's size: marketplace
// Linux images have 30 GiB OS disks, Windows Server images 127 GiB.
const (
	defaultLinuxOSDiskGiB   = 30
	defaultWindowsOSDiskGiB = 127
)

// osDiskDefault is the image's OS disk size assumed for an OS.
func osDiskDefault(os string) int64 {
	if os == azurevocab.OSWindows {
		return defaultWindowsOSDiskGiB
	}
	return defaultLinuxOSDiskGiB
}

// osDisk prices the os_disk block of azurerm_linux/windows_virtual_machine;
// an ephemeral OS disk (diff_disk_settings) lives on the VM's local storage
// and costs nothing by itself.
func osDisk(r schema.Resource, os string) []schema.Component {
	blocks := r.Values.List("os_disk")
	if len(blocks) == 0 || len(blocks[0].List("diff_disk_settings")) > 0 {
		return nil
	}
	a := &attrs{v: blocks[0], path: "os_disk."}
	d := readDisk(a, "storage_account_type", osDiskDefault(os))
	d.opsUsage = nestedUsage(r.Usage, "os_disk", monthlyDiskOpsUsage)
	return d.components(r.Region)
}
