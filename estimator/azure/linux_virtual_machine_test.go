package azure

import "testing"

func TestLinuxVirtualMachine(t *testing.T) {
	const vmq = "Virtual Machines/Compute/westeurope"
	tests := []struct {
		name, values, unknown string
		usage                 map[string]any
		want                  []string
	}{
		{
			name:   "premium os disk with size",
			values: `{"size": "Standard_D2s_v3", "os_disk": [{"storage_account_type": "Premium_LRS", "disk_size_gb": 100}]}`,
			want: []string{
				"Instance usage (Linux, pay as you go, Standard_D2s_v3); m=730; " + vmq + "; armSkuName=Standard_D2s_v3,os=Linux,priority=regular; on_demand 1 Hour; assumed=0",
				"Storage (P10, LRS); m=1; Storage/Storage/westeurope; meterName=P10 LRS Disk,productName=Premium SSD Managed Disks,skuName=P10 LRS; on_demand 1/Month; assumed=0",
			},
		},
		{
			name:    "os disk size unknown takes the Linux image size",
			values:  `{"size": "Standard_B2s", "os_disk": [{"storage_account_type": "StandardSSD_LRS"}]}`,
			unknown: `{"os_disk": [{"disk_size_gb": true}]}`,
			want: []string{
				"Instance usage (Linux, pay as you go, Standard_B2s); m=730; " + vmq + "; armSkuName=Standard_B2s,os=Linux,priority=regular; on_demand 1 Hour; assumed=0",
				"Storage (E4, LRS); m=1; Storage/Storage/westeurope; meterName=E4 LRS Disk,productName=Standard SSD Managed Disks,skuName=E4 LRS; on_demand 1/Month; assumed=1",
				"Disk operations; usage; Storage/Storage/westeurope; meterName=E4 LRS Disk Operations,productName=Standard SSD Managed Disks,skuName=E4 LRS; on_demand 10K; assumed=0",
			},
		},
		{
			name:   "spot, size without prefix, usage hours and disk operations",
			values: `{"size": "D4s_v5", "priority": "Spot", "os_disk": [{"storage_account_type": "Standard_LRS", "disk_size_gb": 64}]}`,
			usage:  map[string]any{"monthly_hrs": 100.0, "os_disk": map[string]any{"monthly_disk_operations": 20000.0}},
			want: []string{
				"Instance usage (Linux, spot, Standard_D4s_v5); m=100; " + vmq + "; armSkuName=Standard_D4s_v5,os=Linux,priority=spot; spot 1 Hour; assumed=0",
				"Storage (S6, LRS); m=1; Storage/Storage/westeurope; meterName=S6 LRS Disk,productName=Standard HDD Managed Disks,skuName=S6 LRS; on_demand 1/Month; assumed=0",
				"Disk operations; m=2; Storage/Storage/westeurope; meterName=S6 LRS Disk Operations,productName=Standard HDD Managed Disks,skuName=S6 LRS; on_demand 10K; assumed=0",
			},
		},
		{
			name:   "ephemeral os disk costs nothing",
			values: `{"size": "Standard_D2s_v3", "os_disk": [{"storage_account_type": "Standard_LRS", "diff_disk_settings": [{"option": "Local"}]}]}`,
			want: []string{
				"Instance usage (Linux, pay as you go, Standard_D2s_v3); m=730; " + vmq + "; armSkuName=Standard_D2s_v3,os=Linux,priority=regular; on_demand 1 Hour; assumed=0",
			},
		},
		{
			name:    "unknown size: no price, said so",
			values:  `{"os_disk": [{"storage_account_type": "Premium_ZRS", "disk_size_gb": 1024}]}`,
			unknown: `{"size": true}`,
			want: []string{
				"Instance usage (Linux, pay as you go, unknown size); m=730; " + vmq + "; armSkuName=,os=Linux,priority=regular; on_demand 1 Hour; assumed=1",
				"Storage (P30, ZRS); m=1; Storage/Storage/westeurope; meterName=P30 ZRS Disk,productName=Premium SSD Managed Disks,skuName=P30 ZRS; on_demand 1/Month; assumed=0",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := resource(t, "azurerm_linux_virtual_machine", tt.values, tt.unknown, tt.usage)
			checkLines(t, build(t, linuxVirtualMachine(), r), tt.want)
		})
	}
}
