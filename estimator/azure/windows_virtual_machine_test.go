package azure

import "testing"

func TestWindowsVirtualMachine(t *testing.T) {
	const vmq = "Virtual Machines/Compute/westeurope"
	tests := []struct {
		name, values, unknown string
		want                  []string
	}{
		{
			name:   "licence included, image-size os disk",
			values: `{"size": "Standard_D2s_v3", "license_type": null, "os_disk": [{"storage_account_type": "Premium_LRS"}]}`,
			want: []string{
				"Instance usage (Windows, pay as you go, Standard_D2s_v3); m=730; " + vmq + "; armSkuName=Standard_D2s_v3,os=Windows,priority=regular; on_demand 1 Hour; assumed=0",
				"Storage (P10, LRS); m=1; Storage/Storage/westeurope; meterName=P10 LRS Disk,productName=Premium SSD Managed Disks,skuName=P10 LRS; on_demand 1/Month; assumed=1",
			},
		},
		{
			name:   "hybrid benefit is billed at the Linux rate",
			values: `{"size": "Standard_D4s_v5", "license_type": "Windows_Server", "os_disk": [{"storage_account_type": "StandardSSD_ZRS", "disk_size_gb": 256}]}`,
			want: []string{
				"Instance usage (Windows, hybrid benefit, Standard_D4s_v5); m=730; " + vmq + "; armSkuName=Standard_D4s_v5,os=Linux,priority=regular; on_demand 1 Hour; assumed=0",
				"Storage (E15, ZRS); m=1; Storage/Storage/westeurope; meterName=E15 ZRS Disk,productName=Standard SSD Managed Disks,skuName=E15 ZRS; on_demand 1/Month; assumed=0",
				"Disk operations; usage; Storage/Storage/westeurope; meterName=E15 ZRS Disk Operations,productName=Standard SSD Managed Disks,skuName=E15 ZRS; on_demand 10K; assumed=0",
			},
		},
		{
			name:    "spot with unknown licence",
			values:  `{"size": "Standard_D2s_v3", "priority": "Spot", "os_disk": [{"storage_account_type": "Premium_LRS", "disk_size_gb": 127}]}`,
			unknown: `{"license_type": true}`,
			want: []string{
				"Instance usage (Windows, spot, Standard_D2s_v3); m=730; " + vmq + "; armSkuName=Standard_D2s_v3,os=Windows,priority=spot; spot 1 Hour; assumed=1",
				"Storage (P10, LRS); m=1; Storage/Storage/westeurope; meterName=P10 LRS Disk,productName=Premium SSD Managed Disks,skuName=P10 LRS; on_demand 1/Month; assumed=0",
			},
		},
		{
			name:   "spot under hybrid benefit: Linux spot rate",
			values: `{"size": "Standard_D2s_v3", "priority": "Spot", "license_type": "Windows_Client", "os_disk": [{"storage_account_type": "Premium_LRS", "disk_size_gb": 127}]}`,
			want: []string{
				"Instance usage (Windows, spot, hybrid benefit, Standard_D2s_v3); m=730; " + vmq + "; armSkuName=Standard_D2s_v3,os=Linux,priority=spot; spot 1 Hour; assumed=0",
				"Storage (P10, LRS); m=1; Storage/Storage/westeurope; meterName=P10 LRS Disk,productName=Premium SSD Managed Disks,skuName=P10 LRS; on_demand 1/Month; assumed=0",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := resource(t, "azurerm_windows_virtual_machine", tt.values, tt.unknown, nil)
			checkLines(t, build(t, windowsVirtualMachine(), r), tt.want)
		})
	}
}
