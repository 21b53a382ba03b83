package azure_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/pricing"
	pricingdata "github.com/costgate/costgate/pricing-data"
	"github.com/costgate/costgate/pricing/importer/azuretest"
	tfjson "github.com/hashicorp/terraform-json"
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

var (
	catalogOnce sync.Once
	catalog     *pricing.MemoryCatalog
	catalogErr  error
)

// embedded loads the Azure files of the embedded pricing-data (only Azure
// rows answer Azure queries; the other providers' files only cost time).
func embedded(t *testing.T) *pricing.MemoryCatalog {
	t.Helper()
	catalogOnce.Do(func() { catalog, catalogErr = pricing.LoadMemoryCatalog(azureFiles{pricingdata.FS()}) })
	if catalogErr != nil {
		t.Fatal(catalogErr)
	}
	return catalog
}

// azureFiles lists only the azure-* files of a data directory.
type azureFiles struct{ fs.FS }

func (a azureFiles) ReadDir(name string) ([]fs.DirEntry, error) {
	all, err := fs.ReadDir(a.FS, name)
	var out []fs.DirEntry
	for _, e := range all {
		if strings.HasPrefix(e.Name(), "azure-") {
			out = append(out, e)
		}
	}
	return out, err
}

// want is one resource's expected monthly cost and its components' monthly
// costs by name, with the source each price must come from.
type want struct {
	total      string
	components map[string]string // name → "cost source", "not found", or "usage source"
}

func TestFocusedPlans(t *testing.T) {
	tests := []struct {
		plan      string
		usage     string // usage file, YAML
		resources map[string]want
		free      []string
		total     string
	}{
		{
			plan: "azurerm_linux_virtual_machine.plan.json",
			resources: map[string]want{
				// westeurope ("West Europe"): D2s v3 Linux 0.12 × 730 = 87.6; P6 LRS Disk 11.2272 × 1.
				"azurerm_linux_virtual_machine.web": {"98.8272", map[string]string{
					"Instance usage (Linux, pay as you go, Standard_D2s_v3)": "87.6 radar-vm",
					"Storage (P6, LRS)": "11.2272 radar-disk",
				}},
				// D4s v5 Spot Linux 0.042504 × 730 = 31.02792; disk size unknown → 30 GiB → E4 LRS 2.4;
				// E4 LRS Disk Operations 0.002 per 10K, no usage.
				"azurerm_linux_virtual_machine.batch": {"33.42792", map[string]string{
					"Instance usage (Linux, spot, Standard_D4s_v5)": "31.02792 radar-vm",
					"Storage (E4, LRS)":                             "2.4 radar-disk",
					"Disk operations":                               "usage radar-disk",
				}},
				// eastus: D2s_v3 0.096 × 730 = 70.08 (Karpenter); no managed-disk prices in eastus.
				"azurerm_linux_virtual_machine.us": {"70.08", map[string]string{
					"Instance usage (Linux, pay as you go, Standard_D2s_v3)": "70.08 karpenter",
					"Storage (P4, LRS)": "not found",
				}},
			},
			free:  []string{"azurerm_resource_group.rg", "azurerm_network_interface.web", "azurerm_network_interface.batch", "azurerm_network_interface.us"},
			total: "202.33512",
		},
		{
			plan: "azurerm_windows_virtual_machine.plan.json",
			resources: map[string]want{
				// northeurope: D2s v3 Windows 0.199 × 730 = 145.27; image disk 127 GiB → P10 LRS 19.71.
				"azurerm_windows_virtual_machine.app": {"164.98", map[string]string{
					"Instance usage (Windows, pay as you go, Standard_D2s_v3)": "145.27 radar-vm",
					"Storage (P10, LRS)": "19.71 radar-disk",
				}},
				// Hybrid Benefit: D4s v5 at the Linux rate 0.214 × 730 = 156.22; 128 GiB → E10 LRS 9.6.
				"azurerm_windows_virtual_machine.ahb": {"165.82", map[string]string{
					"Instance usage (Windows, hybrid benefit, Standard_D4s_v5)": "156.22 radar-vm",
					"Storage (E10, LRS)": "9.6 radar-disk",
					"Disk operations":    "usage radar-disk",
				}},
			},
			free:  []string{"azurerm_resource_group.rg", "azurerm_network_interface.app", "azurerm_network_interface.ahb"},
			total: "330.8",
		},
		{
			plan: "azurerm_virtual_machine.plan.json",
			resources: map[string]want{
				// francecentral: DS1 v2 Linux 0.0877 × 730 = 64.021 (radar, newer than Karpenter
				// and terracost's 2021 rows); 5 GB → S4 LRS 1.69.
				"azurerm_virtual_machine.linux": {"65.711", map[string]string{
					"Instance usage (Linux, pay as you go, Standard_DS1_v2)": "64.021 radar-vm",
					"Storage (S4, LRS)": "1.69 radar-disk",
					"Disk operations":   "usage radar-disk",
				}},
				// D2s v3 Windows 0.204 × 730 = 148.92; OS disk size unknown → 127 → P10 23.848;
				// data disk 512 GB → P20 88.594; the disk attached by id is priced elsewhere.
				"azurerm_virtual_machine.windows": {"261.362", map[string]string{
					"Instance usage (Windows, pay as you go, Standard_D2s_v3)": "148.92 radar-vm",
					"Storage (P10, LRS)":           "23.848 radar-disk",
					"Data disk storage (P20, LRS)": "88.594 radar-disk",
				}},
			},
			free:  []string{"azurerm_resource_group.rg"},
			total: "327.073",
		},
		{
			plan:  "azurerm_managed_disk.plan.json",
			usage: "version: 0.1\nresource_usage:\n  azurerm_managed_disk.hdd:\n    monthly_disk_operations: 1000000\n",
			resources: map[string]want{
				// westeurope: 1024 GB → P30 LRS 148.68.
				"azurerm_managed_disk.premium": {"148.68", map[string]string{"Storage (P30, LRS)": "148.68 radar-disk"}},
				// 200 GB → E15 ZRS 28.8.
				"azurerm_managed_disk.ssd_zrs": {"28.8", map[string]string{
					"Storage (E15, ZRS)": "28.8 radar-disk",
					"Disk operations":    "usage radar-disk",
				}},
				// 500 GB → S20 LRS 21.76; 1,000,000 operations = 100 × 10K × 0.0005 = 0.05.
				"azurerm_managed_disk.hdd": {"21.81", map[string]string{
					"Storage (S20, LRS)": "21.76 radar-disk",
					"Disk operations":    "0.05 radar-disk",
				}},
				// Premium SSD v2 256 GiB × 730 h × 0.00013 = 24.2944; (5000 − 3000) IOPS × 730 ×
				// 0.000008 = 11.68; (200 − 125) MB/s × 730 × 0.000065 = 3.55875.
				"azurerm_managed_disk.v2": {"39.53315", map[string]string{
					"Storage (Premium SSD v2, LRS)":           "24.2944 radar-disk",
					"Provisioned IOPS (above 3,000)":          "11.68 radar-disk",
					"Provisioned throughput (above 125 MB/s)": "3.55875 radar-disk",
				}},
				// Ultra 2000 GiB billed as 2048: 2048 × 730 × 0.000213 = 318.44352;
				// 4000 IOPS × 730 × 0.000088 = 256.96; 100 MB/s × 730 × 0.000572 = 41.756.
				"azurerm_managed_disk.ultra": {"617.15952", map[string]string{
					"Storage (Ultra, 2048 GiB)": "318.44352 radar-disk",
					"Provisioned IOPS":          "256.96 radar-disk",
					"Provisioned throughput":    "41.756 radar-disk",
				}},
				// eastus: no managed-disk prices (data gap).
				"azurerm_managed_disk.us": {"0", map[string]string{"Storage (P10, LRS)": "not found"}},
			},
			free:  []string{"azurerm_resource_group.rg"},
			total: "855.98267",
		},
		{
			plan: "azurerm_kubernetes_cluster.plan.json",
			resources: map[string]want{
				// Standard tier 0.10 × 730 = 73 (facts, global); 3 × D4s v5 Linux westeurope
				// 0.23 × 730 × 3 = 503.7; OS disks 128 GiB on a premium-capable size → P10 LRS
				// 21.68 × 3 = 65.04.
				"azurerm_kubernetes_cluster.main": {"641.74", map[string]string{
					"Cluster management (Standard tier)":                     "73 facts",
					"Instance usage (Linux, pay as you go, Standard_D4s_v5)": "503.7 radar-vm",
					"Storage (P10, LRS)":                                     "65.04 radar-disk",
				}},
				// Free tier: no fee; node_count unknown → min_count 1; B2ms 0.096 × 730 = 70.08;
				// ephemeral OS disk.
				"azurerm_kubernetes_cluster.dev": {"70.08", map[string]string{
					"Instance usage (Linux, pay as you go, Standard_B2ms)": "70.08 radar-vm",
				}},
			},
			free:  []string{"azurerm_resource_group.rg"},
			total: "711.82",
		},
	}
	sources := map[string]string{
		"radar-vm": "azure-vm-radar-2026-08", "radar-disk": "azure-disk-radar-2026-08",
		"karpenter": "azure-vm-linux-karpenter-2026-06", "facts": "azure-aks-facts-2026-08",
	}
	cat := embedded(t)
	for _, tt := range tests {
		t.Run(tt.plan, func(t *testing.T) {
			est := estimate(t, cat, tt.plan, tt.usage)
			seen := map[string]bool{}
			for _, r := range est.Resources {
				seen[r.Address] = true
				w, priced := tt.resources[r.Address]
				if !priced {
					if r.Status != estimator.StatusFree || !contains(tt.free, r.Address) {
						t.Errorf("%s: status %s, not expected", r.Address, r.Status)
					}
					continue
				}
				if r.Status != estimator.StatusEstimated {
					t.Errorf("%s: status %s", r.Address, r.Status)
				}
				if !r.ProposedMonthlyCost.Equal(decimal.RequireFromString(w.total)) {
					t.Errorf("%s: monthly %s, want %s", r.Address, r.ProposedMonthlyCost, w.total)
				}
				if len(r.Components) != len(w.components) {
					t.Errorf("%s: %d components, want %d", r.Address, len(r.Components), len(w.components))
				}
				for _, c := range r.Components {
					exp, ok := w.components[c.Name]
					if !ok {
						t.Errorf("%s: unexpected component %q", r.Address, c.Name)
						continue
					}
					checkComponent(t, r.Address, c, exp, sources)
				}
			}
			for addr := range tt.resources {
				if !seen[addr] {
					t.Errorf("%s missing from the estimate", addr)
				}
			}
			if !est.ProposedMonthlyCost.Equal(decimal.RequireFromString(tt.total)) {
				t.Errorf("plan total %s, want %s", est.ProposedMonthlyCost, tt.total)
			}
			if est.Summary.Unsupported != 0 {
				t.Errorf("unsupported types: %v", est.Summary.UnsupportedTypes)
			}
		})
	}
}

func checkComponent(t *testing.T, addr string, c estimator.ComponentCost, exp string, sources map[string]string) {
	t.Helper()
	if exp == "not found" {
		if c.PriceFound || !c.MonthlyCost.IsZero() {
			t.Errorf("%s %q: want price not found, got %s from %s", addr, c.Name, c.MonthlyCost, c.Source)
		}
		return
	}
	cost, src, _ := strings.Cut(exp, " ")
	if !c.PriceFound || c.Source != sources[src] {
		t.Errorf("%s %q: price found %v from %q, want %s", addr, c.Name, c.PriceFound, c.Source, sources[src])
	}
	if c.Ambiguous {
		t.Errorf("%s %q: ambiguous price", addr, c.Name)
	}
	if cost == "usage" {
		if c.MonthlyQuantity != nil || !c.UsageBased {
			t.Errorf("%s %q: want a usage-based component without usage", addr, c.Name)
		}
		return
	}
	if !c.MonthlyCost.Equal(decimal.RequireFromString(cost)) {
		t.Errorf("%s %q: monthly %s, want %s", addr, c.Name, c.MonthlyCost, cost)
	}
}

func estimate(t *testing.T, cat pricing.Catalog, plan, usage string) *estimator.Estimate {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", plan))
	if err != nil {
		t.Fatal(err)
	}
	var p tfjson.Plan
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	var opts estimator.Options
	if usage != "" {
		if opts.Usage, err = estimator.ParseUsageFile("usage.yml", strings.NewReader(usage)); err != nil {
			t.Fatal(err)
		}
	}
	est, err := estimator.EstimatePlan(context.Background(), &p, cat, opts)
	if err != nil {
		t.Fatal(err)
	}
	return est
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestCorpusPlan prices terracost's real azurerm plan (francecentral, a legacy
// VM with a 5 GB Standard_LRS OS disk, next to its network glue): DS1 v2 Linux
// 0.0877 × 730 = 64.021 and S4 LRS 1.69 (radar rows, 2026-08-22).
func TestCorpusPlan(t *testing.T) {
	path := azuretest.Path(t, "terracost/testdata/azurerm/plan.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var p tfjson.Plan
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	est, err := estimator.EstimatePlan(context.Background(), &p, embedded(t), estimator.Options{})
	if err != nil {
		t.Fatal(err)
	}
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
