package azure

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestManagedDisk(t *testing.T) {
	const sq = "Storage/Storage/westeurope"
	tests := []struct {
		name, values, unknown string
		usage                 map[string]any
		want                  []string
	}{
		{
			name:   "premium size rounds up to the tier",
			values: `{"storage_account_type": "Premium_LRS", "disk_size_gb": 129}`,
			want:   []string{"Storage (P15, LRS); m=1; " + sq + "; meterName=P15 LRS Disk,productName=Premium SSD Managed Disks,skuName=P15 LRS; on_demand 1/Month; assumed=0"},
		},
		{
			name:   "premium performance tier above the size is billed",
			values: `{"storage_account_type": "Premium_LRS", "disk_size_gb": 100, "tier": "P30"}`,
			want:   []string{"Storage (P30, LRS); m=1; " + sq + "; meterName=P30 LRS Disk,productName=Premium SSD Managed Disks,skuName=P30 LRS; on_demand 1/Month; assumed=0"},
		},
		{
			name:   "standard ssd 1000 GB is E30 (anchors)",
			values: `{"storage_account_type": "StandardSSD_LRS", "disk_size_gb": 1000}`,
			usage:  map[string]any{"monthly_disk_operations": 1500000.0},
			want: []string{
				"Storage (E30, LRS); m=1; " + sq + "; meterName=E30 LRS Disk,productName=Standard SSD Managed Disks,skuName=E30 LRS; on_demand 1/Month; assumed=0",
				"Disk operations; m=150; " + sq + "; meterName=E30 LRS Disk Operations,productName=Standard SSD Managed Disks,skuName=E30 LRS; on_demand 10K; assumed=0",
			},
		},
		{
			name:   "small standard ssd has no per-tier operations meter",
			values: `{"storage_account_type": "StandardSSD_LRS", "disk_size_gb": 4}`,
			want:   []string{"Storage (E1, LRS); m=1; " + sq + "; meterName=E1 LRS Disk,productName=Standard SSD Managed Disks,skuName=E1 LRS; on_demand 1/Month; assumed=0"},
		},
		{
			name:    "size unknown",
			values:  `{"storage_account_type": "Standard_LRS", "create_option": "Copy"}`,
			unknown: `{"disk_size_gb": true}`,
			want: []string{
				"Storage (S4, LRS); m=1; " + sq + "; meterName=S4 LRS Disk,productName=Standard HDD Managed Disks,skuName=S4 LRS; on_demand 1/Month; assumed=1",
				"Disk operations; usage; " + sq + "; meterName=S4 LRS Disk Operations,productName=Standard HDD Managed Disks,skuName=S4 LRS; on_demand 10K; assumed=0",
			},
		},
		{
			name:   "too large for any tier",
			values: `{"storage_account_type": "Premium_LRS", "disk_size_gb": 40000}`,
			want:   []string{"Storage (over P80, LRS); m=1; " + sq + "; meterName=over P80 LRS Disk,productName=Premium SSD Managed Disks,skuName=over P80 LRS; on_demand 1/Month; assumed=1"},
		},
		{
			name:   "premium v2: capacity, IOPS and throughput above the baseline",
			values: `{"storage_account_type": "PremiumV2_LRS", "disk_size_gb": 256, "disk_iops_read_write": 5000, "disk_mbps_read_write": 200}`,
			want: []string{
				"Storage (Premium SSD v2, LRS); h=256; " + sq + "; meterName=Premium LRS Provisioned Capacity,productName=Azure Premium SSD v2,skuName=Premium LRS; on_demand 1 GiB/Hour; assumed=0",
				"Provisioned IOPS (above 3,000); h=2000; " + sq + "; meterName=Premium LRS Provisioned IOPS,productName=Azure Premium SSD v2,skuName=Premium LRS; on_demand 1/Hour; assumed=0",
				"Provisioned throughput (above 125 MB/s); h=75; " + sq + "; meterName=Premium LRS Provisioned Throughput (MBps),productName=Azure Premium SSD v2,skuName=Premium LRS; on_demand 1/Hour; assumed=0",
			},
		},
		{
			name:   "premium v2 at the baseline bills capacity only",
			values: `{"storage_account_type": "PremiumV2_LRS", "disk_size_gb": 64}`,
			want: []string{
				"Storage (Premium SSD v2, LRS); h=64; " + sq + "; meterName=Premium LRS Provisioned Capacity,productName=Azure Premium SSD v2,skuName=Premium LRS; on_demand 1 GiB/Hour; assumed=2",
			},
		},
		{
			name:   "ultra rounds the billed size",
			values: `{"storage_account_type": "UltraSSD_LRS", "disk_size_gb": 2000, "disk_iops_read_write": 4000, "disk_mbps_read_write": 100}`,
			want: []string{
				"Storage (Ultra, 2048 GiB); h=2048; " + sq + "; meterName=Ultra LRS Provisioned Capacity,productName=Ultra Disks,skuName=Ultra LRS; on_demand 1 GiB/Hour; assumed=0",
				"Provisioned IOPS; h=4000; " + sq + "; meterName=Ultra LRS Provisioned IOPS,productName=Ultra Disks,skuName=Ultra LRS; on_demand 1/Hour; assumed=0",
				"Provisioned throughput; h=100; " + sq + "; meterName=Ultra LRS Provisioned Throughput (MBps),productName=Ultra Disks,skuName=Ultra LRS; on_demand 1/Hour; assumed=0",
			},
		},
		{
			name:    "unknown type is assumed premium",
			values:  `{"disk_size_gb": 32}`,
			unknown: `{"storage_account_type": true}`,
			want:    []string{"Storage (P4, LRS); m=1; " + sq + "; meterName=P4 LRS Disk,productName=Premium SSD Managed Disks,skuName=P4 LRS; on_demand 1/Month; assumed=1"},
		},
		{
			name:   "unrecognised type: no price, said so",
			values: `{"storage_account_type": "Magnetic_GRS", "disk_size_gb": 32}`,
			want:   []string{"Storage (Magnetic_GRS); m=1; " + sq + "; productName=unknown storage_account_type Magnetic_GRS; on_demand 1/Month; assumed=1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := resource(t, "azurerm_managed_disk", tt.values, tt.unknown, tt.usage)
			checkLines(t, build(t, managedDisk(), r), tt.want)
		})
	}
}

func TestTierFor(t *testing.T) {
	tests := []struct {
		kind string
		size int64
		want string
	}{
		{kindPremium, 1, "P1"}, {kindPremium, 4, "P1"}, {kindPremium, 5, "P2"}, {kindPremium, 128, "P10"},
		{kindPremium, 32767, "P80"}, {kindPremium, 32768, ""},
		{kindStandardHDD, 1, "S4"}, {kindStandardHDD, 30, "S4"}, {kindStandardHDD, 127, "S10"},
		{kindStandardSSD, 1000, "E30"}, {kindStandardSSD, 1024, "E30"}, {kindStandardSSD, 1025, "E40"},
	}
	for _, tt := range tests {
		got, ok := tierFor(tt.kind, decimal.NewFromInt(tt.size))
		if ok != (tt.want != "") || got.name != tt.want {
			t.Errorf("tierFor(%s, %d) = %q, %v; want %q", tt.kind, tt.size, got.name, ok, tt.want)
		}
	}
}

func TestUltraBilledSize(t *testing.T) {
	for in, want := range map[int64]int64{1: 4, 4: 4, 5: 8, 512: 512, 513: 1024, 1025: 2048, 2000: 2048, 70000: 65536} {
		if got := ultraBilledSize(decimal.NewFromInt(in)); !got.Equal(decimal.NewFromInt(want)) {
			t.Errorf("ultraBilledSize(%d) = %s, want %d", in, got, want)
		}
	}
}

func TestSplitAccountType(t *testing.T) {
	for in, want := range map[string]string{
		"Premium_LRS": "Premium LRS", "premium_zrs": "Premium ZRS", "StandardSSD_LRS": "StandardSSD LRS",
		"Standard_LRS": "Standard LRS", "PremiumV2_LRS": "PremiumV2 LRS", "UltraSSD_LRS": "UltraSSD LRS",
	} {
		k, r := splitAccountType(in)
		if got := k + " " + r; got != want {
			t.Errorf("splitAccountType(%q) = %q, want %q", in, got, want)
		}
	}
	if k, _ := splitAccountType("Magnetic_GRS"); strings.ToLower(k) != "magnetic" {
		t.Errorf("unknown kinds pass through, got %q", k)
	}
}
