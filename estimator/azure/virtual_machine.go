package azure

import (
	"fmt"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing/importer/azurevocab"
)

// virtualMachine prices the legacy azurerm_virtual_machine: instance hours
// (OS from storage_os_disk.os_type, else the os_profile_*_config block
// present, else the image offer; Linux by default) and its managed OS and
// data disks. Disks attached by id (create_option Attach) are separate
// azurerm_managed_disk resources, priced there; unmanaged disks (vhd_uri)
// are page blobs of a storage account, priced with that account.
func virtualMachine() schema.ResourceType {
	return schema.ResourceType{
		Name: "azurerm_virtual_machine",
		Build: func(r schema.Resource) []schema.Component {
			a := &attrs{v: r.Values}
			v := vm{size: armSize(r.Values.String("vm_size"))}
			if v.size == "" {
				a.assumed = append(a.assumed, "vm_size "+a.why("vm_size")+": no price")
			}
			v.os = legacyOS(a)
			if v.os == azurevocab.OSWindows {
				v.hybrid = hybridBenefit(r.Values.String("license_type"))
				if r.Values.Unknown("license_type") {
					a.assumed = append(a.assumed, "license_type unknown until apply: assumed none (Windows licence included)")
				}
			}
			out := []schema.Component{v.instance(r, r.Region, one, a.assumed)}
			if blocks := r.Values.List("storage_os_disk"); len(blocks) > 0 {
				da := &attrs{v: blocks[0], path: "storage_os_disk."}
				if d, ok := legacyDisk(da, osDiskDefault(v.os)); ok {
					d.opsUsage = nestedUsage(r.Usage, "storage_os_disk", monthlyDiskOpsUsage)
					out = append(out, d.components(r.Region)...)
				}
			}
			for i, b := range r.Values.List("storage_data_disk") {
				da := &attrs{v: b, path: fmt.Sprintf("storage_data_disk.%d.", i)}
				if d, ok := legacyDisk(da, defaultDiskGiB); ok {
					d.prefix = "Data disk"
					d.opsUsage = nestedUsage(r.Usage, "storage_data_disk", monthlyDiskOpsUsage)
					out = append(out, d.components(r.Region)...)
				}
			}
			return out
		},
	}
}

// legacyOS reads the VM's operating system; a is the VM's attributes.
func legacyOS(a *attrs) string {
	if os, ok := a.v.StringOK("storage_os_disk.0.os_type"); ok && os != "" {
		if strings.EqualFold(os, "Windows") {
			return azurevocab.OSWindows
		}
		return azurevocab.OSLinux
	}
	switch {
	case len(a.v.List("os_profile_windows_config")) > 0:
		return azurevocab.OSWindows
	case len(a.v.List("os_profile_linux_config")) > 0:
		return azurevocab.OSLinux
	case strings.Contains(strings.ToLower(a.v.String("storage_image_reference.0.offer")), "windows"):
		return azurevocab.OSWindows
	}
	a.assumed = append(a.assumed, "operating system not given (no os_type, os_profile_*_config or Windows image): assumed Linux")
	return azurevocab.OSLinux
}

// legacyDisk reads a storage_os_disk / storage_data_disk block; ok is false
// for disks priced elsewhere (attached by id, or unmanaged).
func legacyDisk(a *attrs, defaultSize int64) (disk, bool) {
	if strings.EqualFold(a.v.String("create_option"), "Attach") {
		return disk{}, false
	}
	if a.v.String("managed_disk_type") == "" && a.v.String("vhd_uri") != "" {
		return disk{}, false
	}
	return readDisk(a, "managed_disk_type", defaultSize), true
}
