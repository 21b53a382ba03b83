package azure_test

import (
	"sync"
	"testing"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/estimator/estimatortest"
	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/importertest"
	"github.com/shopspring/decimal"
)

// The focused plans in testdata/ are priced with the memory catalog over the
// real embedded pricing-data. Every expected figure is worked out by hand
// from the rows of the source it names (pricing-data/SOURCES.md, "Azure"):
//
//	radar-vm   azure-vm-radar-2026-08            (azure-pricing-radar, 2026-08-22)
//	radar-disk azure-disk-radar-2026-08          (azure-pricing-radar, 2026-08-22)
//	karpenter  azure-vm-linux-karpenter-2026-06  (Karpenter price table, 2026-06-18)
//	facts      azure-aks-facts-2026-08           (price facts: AKS tiers)
//
// A component figure of "not found" means the catalog has no price (a data
// gap, e.g. managed disks outside the 5 European regions); "usage" means a
// usage-based component without usage (price found, no quantity).

func azureSources() map[string]string {
	return map[string]string{
		"radar-vm": "azure-vm-radar-2026-08", "radar-disk": "azure-disk-radar-2026-08",
		"karpenter": "azure-vm-linux-karpenter-2026-06", "facts": "azure-aks-facts-2026-08",
	}
}

// azureCatalog is the memory catalog of the Azure files of the embedded
// pricing-data (only Azure rows answer Azure queries).
var azureCatalog = sync.OnceValues(func() (*pricing.MemoryCatalog, error) {
	return estimatortest.LoadCatalog("azure-")
})

func azureEmbedded(t *testing.T) *pricing.MemoryCatalog {
	t.Helper()
	cat, err := azureCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// checkAzurePlans prices the focused plans against the Azure files and
// checks them (estimatortest.CheckPlans says how).
func checkAzurePlans(t *testing.T, plans []estimatortest.Plan) {
	t.Helper()
	estimatortest.CheckPlans(t, azureEmbedded(t), azureSources(), plans)
}

func TestFocusedPlans(t *testing.T) {
	checkAzurePlans(t, []estimatortest.Plan{
		{
			File: "azurerm_linux_virtual_machine.plan.json",
			Resources: map[string]estimatortest.Resource{
				// westeurope ("West Europe"): D2s v3 Linux 0.12 × 730 = 87.6; P6 LRS Disk 11.2272 × 1.
				"azurerm_linux_virtual_machine.web": {Proposed: "98.8272", Components: map[string]string{
					"Instance usage (Linux, pay as you go, Standard_D2s_v3)": "87.6 radar-vm",
					"Storage (P6, LRS)": "11.2272 radar-disk",
				}},
				// D4s v5 Spot Linux 0.042504 × 730 = 31.02792; disk size unknown → 30 GiB → E4 LRS 2.4;
				// E4 LRS Disk Operations 0.002 per 10K, no usage.
				"azurerm_linux_virtual_machine.batch": {Proposed: "33.42792", Components: map[string]string{
					"Instance usage (Linux, spot, Standard_D4s_v5)": "31.02792 radar-vm",
					"Storage (E4, LRS)":                             "2.4 radar-disk",
					"Disk operations":                               "usage radar-disk",
				}},
				// eastus: D2s_v3 0.096 × 730 = 70.08 (Karpenter); no managed-disk prices in eastus.
				"azurerm_linux_virtual_machine.us": {Proposed: "70.08", Components: map[string]string{
					"Instance usage (Linux, pay as you go, Standard_D2s_v3)": "70.08 karpenter",
					"Storage (P4, LRS)": "not found",
				}},
			},
			Free:     []string{"azurerm_resource_group.rg", "azurerm_network_interface.web", "azurerm_network_interface.batch", "azurerm_network_interface.us"},
			Proposed: "202.33512",
		},
		{
			File: "azurerm_windows_virtual_machine.plan.json",
			Resources: map[string]estimatortest.Resource{
				// northeurope: D2s v3 Windows 0.199 × 730 = 145.27; image disk 127 GiB → P10 LRS 19.71.
				"azurerm_windows_virtual_machine.app": {Proposed: "164.98", Components: map[string]string{
					"Instance usage (Windows, pay as you go, Standard_D2s_v3)": "145.27 radar-vm",
					"Storage (P10, LRS)": "19.71 radar-disk",
				}},
				// Hybrid Benefit: D4s v5 at the Linux rate 0.214 × 730 = 156.22; 128 GiB → E10 LRS 9.6.
				"azurerm_windows_virtual_machine.ahb": {Proposed: "165.82", Components: map[string]string{
					"Instance usage (Windows, hybrid benefit, Standard_D4s_v5)": "156.22 radar-vm",
					"Storage (E10, LRS)": "9.6 radar-disk",
					"Disk operations":    "usage radar-disk",
				}},
			},
			Free:     []string{"azurerm_resource_group.rg", "azurerm_network_interface.app", "azurerm_network_interface.ahb"},
			Proposed: "330.8",
		},
		{
			File: "azurerm_virtual_machine.plan.json",
			Resources: map[string]estimatortest.Resource{
				// francecentral: DS1 v2 Linux 0.0877 × 730 = 64.021 (radar, newer than Karpenter
				// and terracost's 2021 rows); 5 GB → S4 LRS 1.69.
				"azurerm_virtual_machine.linux": {Proposed: "65.711", Components: map[string]string{
					"Instance usage (Linux, pay as you go, Standard_DS1_v2)": "64.021 radar-vm",
					"Storage (S4, LRS)": "1.69 radar-disk",
					"Disk operations":   "usage radar-disk",
				}},
				// D2s v3 Windows 0.204 × 730 = 148.92; OS disk size unknown → 127 → P10 23.848;
				// data disk 512 GB → P20 88.594; the disk attached by id is priced elsewhere.
				"azurerm_virtual_machine.windows": {Proposed: "261.362", Components: map[string]string{
					"Instance usage (Windows, pay as you go, Standard_D2s_v3)": "148.92 radar-vm",
					"Storage (P10, LRS)":           "23.848 radar-disk",
					"Data disk storage (P20, LRS)": "88.594 radar-disk",
				}},
			},
			Free:     []string{"azurerm_resource_group.rg"},
			Proposed: "327.073",
		},
		{
			File:  "azurerm_managed_disk.plan.json",
			Usage: "version: 0.1\nresource_usage:\n  azurerm_managed_disk.hdd:\n    monthly_disk_operations: 1000000\n",
			Resources: map[string]estimatortest.Resource{
				// westeurope: 1024 GB → P30 LRS 148.68.
				"azurerm_managed_disk.premium": {Proposed: "148.68", Components: map[string]string{"Storage (P30, LRS)": "148.68 radar-disk"}},
				// 200 GB → E15 ZRS 28.8.
				"azurerm_managed_disk.ssd_zrs": {Proposed: "28.8", Components: map[string]string{
					"Storage (E15, ZRS)": "28.8 radar-disk",
					"Disk operations":    "usage radar-disk",
				}},
				// 500 GB → S20 LRS 21.76; 1,000,000 operations = 100 × 10K × 0.0005 = 0.05.
				"azurerm_managed_disk.hdd": {Proposed: "21.81", Components: map[string]string{
					"Storage (S20, LRS)": "21.76 radar-disk",
					"Disk operations":    "0.05 radar-disk",
				}},
				// Premium SSD v2 256 GiB × 730 h × 0.00013 = 24.2944; (5000 − 3000) IOPS × 730 ×
				// 0.000008 = 11.68; (200 − 125) MB/s × 730 × 0.000065 = 3.55875.
				"azurerm_managed_disk.v2": {Proposed: "39.53315", Components: map[string]string{
					"Storage (Premium SSD v2, LRS)":           "24.2944 radar-disk",
					"Provisioned IOPS (above 3,000)":          "11.68 radar-disk",
					"Provisioned throughput (above 125 MB/s)": "3.55875 radar-disk",
				}},
				// Ultra 2000 GiB billed as 2048: 2048 × 730 × 0.000213 = 318.44352;
				// 4000 IOPS × 730 × 0.000088 = 256.96; 100 MB/s × 730 × 0.000572 = 41.756.
				"azurerm_managed_disk.ultra": {Proposed: "617.15952", Components: map[string]string{
					"Storage (Ultra, 2048 GiB)": "318.44352 radar-disk",
					"Provisioned IOPS":          "256.96 radar-disk",
					"Provisioned throughput":    "41.756 radar-disk",
				}},
				// eastus: no managed-disk prices (data gap).
				"azurerm_managed_disk.us": {Proposed: "0", Components: map[string]string{"Storage (P10, LRS)": "not found"}},
			},
			Free:     []string{"azurerm_resource_group.rg"},
			Proposed: "855.98267",
		},
		{
			File: "azurerm_kubernetes_cluster.plan.json",
			Resources: map[string]estimatortest.Resource{
				// Standard tier 0.10 × 730 = 73 (facts, global); 3 × D4s v5 Linux westeurope
				// 0.23 × 730 × 3 = 503.7; OS disks 128 GiB on a premium-capable size → P10 LRS
				// 21.68 × 3 = 65.04.
				"azurerm_kubernetes_cluster.main": {Proposed: "641.74", Components: map[string]string{
					"Cluster management (Standard tier)":                     "73 facts",
					"Instance usage (Linux, pay as you go, Standard_D4s_v5)": "503.7 radar-vm",
					"Storage (P10, LRS)":                                     "65.04 radar-disk",
				}},
				// Free tier: no fee; node_count unknown → min_count 1; B2ms 0.096 × 730 = 70.08;
				// ephemeral OS disk.
				"azurerm_kubernetes_cluster.dev": {Proposed: "70.08", Components: map[string]string{
					"Instance usage (Linux, pay as you go, Standard_B2ms)": "70.08 radar-vm",
				}},
			},
			Free:     []string{"azurerm_resource_group.rg"},
			Proposed: "711.82",
		},
	})
}

// TestCorpusPlan prices terracost's real azurerm plan (francecentral, a legacy
// VM with a 5 GB Standard_LRS OS disk, next to its network glue): DS1 v2 Linux
// 0.0877 × 730 = 64.021 and S4 LRS 1.69 (radar rows, 2026-08-22).
func TestCorpusPlan(t *testing.T) {
	path := importertest.CorpusPath(t, "terracost/testdata/azurerm/plan.json")
	est := estimatortest.Estimate(t, azureEmbedded(t), path, "")
	for _, r := range est.Resources {
		switch r.Type {
		case "azurerm_virtual_machine":
			if r.Region != "francecentral" || !r.ProposedMonthlyCost.Equal(decimal.RequireFromString("65.711")) {
				t.Errorf("%s: %s in %s, want 65.711 in francecentral", r.Address, r.ProposedMonthlyCost, r.Region)
			}
		case "azurerm_public_ip":
			if r.Status != estimator.StatusUnsupported {
				t.Errorf("%s: %s", r.Address, r.Status)
			}
		default:
			if r.Status != estimator.StatusFree {
				t.Errorf("%s (%s): %s, want free", r.Address, r.Type, r.Status)
			}
		}
	}
}
