package azure

import "testing"

func TestKubernetesCluster(t *testing.T) {
	const vmq = "Virtual Machines/Compute/westeurope"
	const sq = "Storage/Storage/westeurope"
	tests := []struct {
		name, values, unknown string
		usage                 map[string]any
		want                  []string
	}{
		{
			name:   "free tier, 3 premium-capable nodes, default os disk",
			values: `{"sku_tier": "Free", "default_node_pool": [{"name": "default", "vm_size": "Standard_D2s_v3", "node_count": 3, "os_disk_type": "Managed"}]}`,
			want: []string{
				"Instance usage (Linux, pay as you go, Standard_D2s_v3); m=2190; " + vmq + "; armSkuName=Standard_D2s_v3,os=Linux,priority=regular; on_demand 1 Hour; assumed=0",
				"Storage (P10, LRS); m=3; " + sq + "; meterName=P10 LRS Disk,productName=Premium SSD Managed Disks,skuName=P10 LRS; on_demand 1/Month; assumed=2",
			},
		},
		{
			name:   "standard tier fee is global; ephemeral os disk",
			values: `{"sku_tier": "Standard", "default_node_pool": [{"vm_size": "Standard_D4s_v5", "node_count": 2, "os_disk_type": "Ephemeral"}]}`,
			want: []string{
				"Cluster management (Standard tier); h=1; Azure Kubernetes Service//; skuTier=Standard; on_demand 1 Hour; assumed=0",
				"Instance usage (Linux, pay as you go, Standard_D4s_v5); m=1460; " + vmq + "; armSkuName=Standard_D4s_v5,os=Linux,priority=regular; on_demand 1 Hour; assumed=0",
			},
		},
		{
			name:    "paid is the old name of standard; autoscaled pool takes min_count",
			values:  `{"sku_tier": "Paid", "default_node_pool": [{"vm_size": "Standard_D2_v2", "enable_auto_scaling": true, "min_count": 2, "max_count": 5, "os_disk_size_gb": 30}]}`,
			unknown: `{"default_node_pool": [{"node_count": true}]}`,
			want: []string{
				"Cluster management (Standard tier); h=1; Azure Kubernetes Service//; skuTier=Standard; on_demand 1 Hour; assumed=0",
				"Instance usage (Linux, pay as you go, Standard_D2_v2); m=1460; " + vmq + "; armSkuName=Standard_D2_v2,os=Linux,priority=regular; on_demand 1 Hour; assumed=1",
				"Storage (S4, LRS); m=2; " + sq + "; meterName=S4 LRS Disk,productName=Standard HDD Managed Disks,skuName=S4 LRS; on_demand 1/Month; assumed=1",
				"Disk operations; usage; " + sq + "; meterName=S4 LRS Disk Operations,productName=Standard HDD Managed Disks,skuName=S4 LRS; on_demand 10K; assumed=0",
			},
		},
		{
			name:   "premium tier; usage gives the node count",
			values: `{"sku_tier": "Premium", "default_node_pool": [{"vm_size": "Standard_E8s_v5", "node_count": 1, "os_disk_type": "Ephemeral"}]}`,
			usage:  map[string]any{"default_node_pool": map[string]any{"nodes": 4.0}},
			want: []string{
				"Cluster management (Premium tier); h=1; Azure Kubernetes Service//; skuTier=Premium; on_demand 1 Hour; assumed=0",
				"Instance usage (Linux, pay as you go, Standard_E8s_v5); m=2920; " + vmq + "; armSkuName=Standard_E8s_v5,os=Linux,priority=regular; on_demand 1 Hour; assumed=0",
			},
		},
		{
			name:   "no tier, no count: free tier and one node assumed",
			values: `{"default_node_pool": [{"vm_size": "Standard_B2ms", "os_disk_type": "Ephemeral"}]}`,
			want: []string{
				"Instance usage (Linux, pay as you go, Standard_B2ms); m=730; " + vmq + "; armSkuName=Standard_B2ms,os=Linux,priority=regular; on_demand 1 Hour; assumed=1",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := resource(t, "azurerm_kubernetes_cluster", tt.values, tt.unknown, tt.usage)
			checkLines(t, build(t, kubernetesCluster(), r), tt.want)
		})
	}
}

func TestPremiumCapable(t *testing.T) {
	for size, want := range map[string]bool{
		"Standard_D2s_v3": true, "Standard_DS2_v2": true, "Standard_B2ms": true, "Standard_E16-4ads_v5": true,
		"Standard_M128": true, "Standard_GS1": true, "Standard_D2_v2": false, "Standard_D16d_v5": false,
		"Standard_F8": false, "Standard_A2_v2": false,
	} {
		if got := premiumCapable.MatchString(size); got != want {
			t.Errorf("premiumCapable(%s) = %v, want %v", size, got, want)
		}
	}
}

func TestArmSize(t *testing.T) {
	for in, want := range map[string]string{
		"Standard_D2s_v3": "Standard_D2s_v3", "D2s_v3": "Standard_D2s_v3", "standard_D2s_v3": "Standard_D2s_v3",
		"Basic_A1": "Basic_A1", " Standard_B1s ": "Standard_B1s", "": "",
	} {
		if got := armSize(in); got != want {
			t.Errorf("armSize(%q) = %q, want %q", in, got, want)
		}
	}
}
