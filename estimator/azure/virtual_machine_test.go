package azure

import "testing"

func TestVirtualMachine(t *testing.T) {
	const vmq = "Virtual Machines/Compute/westeurope"
	const sq = "Storage/Storage/westeurope"
	tests := []struct {
		name, values, unknown string
		want                  []string
	}{
		{
			// The shape of terracost's testdata/azurerm/plan.json (francecentral there).
			name: "linux from os_profile_linux_config, 5 GB standard os disk",
			values: `{"vm_size": "Standard_DS1_v2", "os_profile_windows_config": [], "os_profile_linux_config": [{"disable_password_authentication": false}],
				"storage_os_disk": [{"create_option": "FromImage", "disk_size_gb": 5, "managed_disk_type": "Standard_LRS", "vhd_uri": null}], "storage_data_disk": null}`,
			unknown: `{"storage_os_disk": [{"managed_disk_id": true, "os_type": true}], "storage_data_disk": true, "license_type": true}`,
			want: []string{
				"Instance usage (Linux, pay as you go, Standard_DS1_v2); m=730; " + vmq + "; armSkuName=Standard_DS1_v2,os=Linux,priority=regular; on_demand 1 Hour; assumed=0",
				"Storage (S4, LRS); m=1; " + sq + "; meterName=S4 LRS Disk,productName=Standard HDD Managed Disks,skuName=S4 LRS; on_demand 1/Month; assumed=0",
				"Disk operations; usage; " + sq + "; meterName=S4 LRS Disk Operations,productName=Standard HDD Managed Disks,skuName=S4 LRS; on_demand 10K; assumed=0",
			},
		},
		{
			// The shape of terraform-compliance test_issue-294's vm-windows.
			name: "windows from os_profile_windows_config, os disk size unknown",
			values: `{"vm_size": "Standard_D2s_v3", "os_profile_windows_config": [{"provision_vm_agent": true}], "os_profile_linux_config": [],
				"storage_os_disk": [{"create_option": "FromImage", "managed_disk_type": "Premium_LRS"}]}`,
			unknown: `{"storage_os_disk": [{"disk_size_gb": true, "os_type": true}], "license_type": true}`,
			want: []string{
				"Instance usage (Windows, pay as you go, Standard_D2s_v3); m=730; " + vmq + "; armSkuName=Standard_D2s_v3,os=Windows,priority=regular; on_demand 1 Hour; assumed=1",
				"Storage (P10, LRS); m=1; " + sq + "; meterName=P10 LRS Disk,productName=Premium SSD Managed Disks,skuName=P10 LRS; on_demand 1/Month; assumed=1",
			},
		},
		{
			name: "os_type wins; hybrid benefit; data disks, one attached by id",
			values: `{"vm_size": "Standard_E4s_v3", "license_type": "Windows_Server", "os_profile_linux_config": [{}],
				"storage_os_disk": [{"os_type": "Windows", "create_option": "FromImage", "managed_disk_type": "StandardSSD_LRS", "disk_size_gb": 128}],
				"storage_data_disk": [
					{"create_option": "Empty", "managed_disk_type": "Premium_LRS", "disk_size_gb": 512, "lun": 0},
					{"create_option": "Attach", "managed_disk_type": "Premium_LRS", "disk_size_gb": 1024, "lun": 1},
					{"create_option": "Empty", "managed_disk_type": "Standard_LRS", "disk_size_gb": 1024, "lun": 2}]}`,
			want: []string{
				"Instance usage (Windows, hybrid benefit, Standard_E4s_v3); m=730; " + vmq + "; armSkuName=Standard_E4s_v3,os=Linux,priority=regular; on_demand 1 Hour; assumed=0",
				"Storage (E10, LRS); m=1; " + sq + "; meterName=E10 LRS Disk,productName=Standard SSD Managed Disks,skuName=E10 LRS; on_demand 1/Month; assumed=0",
				"Disk operations; usage; " + sq + "; meterName=E10 LRS Disk Operations,productName=Standard SSD Managed Disks,skuName=E10 LRS; on_demand 10K; assumed=0",
				"Data disk storage (P20, LRS); m=1; " + sq + "; meterName=P20 LRS Disk,productName=Premium SSD Managed Disks,skuName=P20 LRS; on_demand 1/Month; assumed=0",
				"Data disk storage (S30, LRS); m=1; " + sq + "; meterName=S30 LRS Disk,productName=Standard HDD Managed Disks,skuName=S30 LRS; on_demand 1/Month; assumed=0",
				"Data disk operations; usage; " + sq + "; meterName=S30 LRS Disk Operations,productName=Standard HDD Managed Disks,skuName=S30 LRS; on_demand 10K; assumed=0",
			},
		},
		{
			name: "unmanaged os disk is billed by its storage account; os unknown",
			values: `{"vm_size": "Standard_A2_v2",
				"storage_os_disk": [{"create_option": "FromImage", "vhd_uri": "https://acct.blob.core.windows.net/vhds/os.vhd"}]}`,
			want: []string{
				"Instance usage (Linux, pay as you go, Standard_A2_v2); m=730; " + vmq + "; armSkuName=Standard_A2_v2,os=Linux,priority=regular; on_demand 1 Hour; assumed=1",
			},
		},
		{
			name:   "windows image offer",
			values: `{"vm_size": "Standard_B2ms", "storage_image_reference": [{"publisher": "MicrosoftWindowsServer", "offer": "WindowsServer", "sku": "2019-Datacenter"}]}`,
			want: []string{
				"Instance usage (Windows, pay as you go, Standard_B2ms); m=730; " + vmq + "; armSkuName=Standard_B2ms,os=Windows,priority=regular; on_demand 1 Hour; assumed=0",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := resource(t, "azurerm_virtual_machine", tt.values, tt.unknown, nil)
			checkLines(t, build(t, virtualMachine(), r), tt.want)
		})
	}
}
