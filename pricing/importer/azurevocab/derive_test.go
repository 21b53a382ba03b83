package azurevocab

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/costgate/costgate/pricing/importer/importertest"
)

// Names below are real skuName/meterName/productName triples from the
// Retail Prices API (azure-pricing-radar 2026-08-22 and terracost's
// francecentral items, 2021).
func TestDeriveArmSkuName(t *testing.T) {
	tests := []struct {
		sku, meter, product string
		want                string // "" means nothing may be derived
	}{
		{"D2s v3", "D2s v3", "Virtual Machines DSv3 Series", "Standard_D2s_v3"},
		{"D2s v3 Spot", "D2s v3 Spot", "Virtual Machines DSv3 Series Windows", "Standard_D2s_v3"},
		{"D2s v3 Low Priority", "D2s v3 Low Priority", "Virtual Machines DSv3 Series", "Standard_D2s_v3"},
		{"D2 v3", "D2 v3/D2s v3", "Virtual Machines Dv3 Series", "Standard_D2_v3"},
		{"E32-8s v4 Spot", "E32-8s v4 Spot", "Virtual Machines Esv4 Series", "Standard_E32-8s_v4"},
		{"DS12-2 v2", "DS12 v2", "Virtual Machines DSv2 Series", "Standard_DS12-2_v2"},
		{"HB120-16rs_v3", "HB120-16rs_v3", "Virtual Machines HBrsv3 Series", "Standard_HB120-16rs_v3"},
		{"Standard_E2_v5", "E2 v5", "Virtual Machines Ev5 Series", "Standard_E2_v5"},
		{"Standard_D2s_v5 Spot", "D2s v5 Spot", "Virtual Machines Dsv5 Series", "Standard_D2s_v5"},
		{"standard_DC8s_v3", "DC8s v3", "DCsv3 Series Linux", "Standard_DC8s_v3"},
		{"Standard_M416-208s_6_v3", "Standard_M416-208s_6_v3", "Virtual Machines Msv3 High Memory Series Linux", "Standard_M416-208s_6_v3"},
		{"A0", "A0", "Virtual Machines A Series Basic", "Basic_A0"},
		{"A0", "A0", "Virtual Machines A Series Basic Windows", "Basic_A0"},
		{"NC12", "NC12", "Virtual Machines NC Promo Series", "Standard_NC12_Promo"},
		{"B1ls", "B1ls", "Virtual Machines BS Series", "Standard_B1ls"},
		{"F2s", "F2s", "Virtual Machines FS Series", "Standard_F2s"},
		{"D2lds v5", "D2lds v5", "Virtual Machines Dldsv5 Series", "Standard_D2lds_v5"},
		// Irregular or contradictory names: nothing is derived.
		{"EC96asv6", "EC96asv6", "Virtual Machines ECasv6 series", ""},
		{"ND96amsA100v4", "ND96amsA100v4", "Virtual Machines NDamsr A100 v4 Series Linux", ""},
		{"NC16asT4 v3", "NC16asT4 v3", "Virtual Machines NCasT4 v3 Series", ""},
		{"M416_8_v2 Spot", "M416_8_v2 Spot", "Virtual Machines MSv2 Series", ""},
		{"standard_D24ds_v3", "DC24ds_v3", "DCdsv3 Series Linux", ""},
		{"Standard_EC4ads_cc_v5", "EC4adscc v5", "Virtual Machines ECadsccv5 Series Windows", ""},
		{"Dsv3 Type1", "Dsv3 Type1", "DSv3 Series Dedicated Host", ""},
		{"", "", "Virtual Machines DSv3 Series", ""},
	}
	for _, tt := range tests {
		t.Run(tt.sku+"|"+tt.meter, func(t *testing.T) {
			got, ok := DeriveArmSkuName(tt.sku, tt.meter, tt.product)
			if ok != (tt.want != "") || got != tt.want {
				t.Errorf("DeriveArmSkuName(%q, %q, %q) = %q, %v; want %q", tt.sku, tt.meter, tt.product, got, ok, tt.want)
			}
		})
	}
}

func TestNormalizeArmSkuName(t *testing.T) {
	tests := map[string]string{
		"Standard_E16-4ads v5": "Standard_E16-4ads_v5",
		"standard_DC2s_v3":     "Standard_DC2s_v3",
		"BASIC_A1":             "Basic_A1",
		"Standard_D2s_v3":      "Standard_D2s_v3",
		" Standard_B1s ":       "Standard_B1s",
		"Dsv3_Type1":           "Dsv3_Type1",
	}
	for in, want := range tests {
		if got := NormalizeArmSkuName(in); got != want {
			t.Errorf("NormalizeArmSkuName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOSPriorityAndVMProduct(t *testing.T) {
	tests := []struct {
		service, product, sku, meter string
		vm                           bool
		os, priority                 string
	}{
		{"Virtual Machines", "Virtual Machines DSv3 Series", "D2s v3", "D2s v3", true, OSLinux, PriorityRegular},
		{"Virtual Machines", "Virtual Machines DSv3 Series Windows", "D2s v3 Spot", "D2s v3 Spot", true, OSWindows, PrioritySpot},
		{"Virtual Machines", "Virtual Machines NCCadsv5 Srs Win", "NCC40ads H100 v5", "NCC40ads H100 v5", true, OSWindows, PriorityRegular},
		{"Virtual Machines", "Virtual Machines HBrsv5 Linux", "HB176rs v5 Low Priority", "HB176rs v5 Low Priority", true, OSLinux, PriorityLow},
		{"Virtual Machines", "Easv5 Series CloudServices", "E2as v5", "E2as v5", false, OSLinux, PriorityRegular},
		{"Virtual Machines", "Bsv2 Series Cloud Services", "B2s v2", "B2s v2", false, OSLinux, PriorityRegular},
		{"Virtual Machines", "DSv3 Series Dedicated Host", "Dsv3 Type1", "Dsv3 Type1", false, OSLinux, PriorityRegular},
		{"Virtual Machines", "Lasv3 Series DedicatedHost", "Lasv3 Type1", "Lasv3 Type1", false, OSLinux, PriorityRegular},
		{"Virtual Machines", "Virtual Machines BS Series", "B1s", "B1s - Free", false, OSLinux, PriorityRegular},
		{"Virtual Machines", "Virtual Machines Dv2 promo Series", "D2 v2", "D2 v2/DS2 v2 - Expired", false, OSLinux, PriorityRegular},
		{"Storage", "Premium SSD Managed Disks", "P10 LRS", "P10 LRS Disk", false, OSLinux, PriorityRegular},
	}
	for _, tt := range tests {
		t.Run(tt.product+"|"+tt.meter, func(t *testing.T) {
			if got := IsVMProduct(tt.service, tt.product, tt.meter); got != tt.vm {
				t.Errorf("IsVMProduct = %v, want %v", got, tt.vm)
			}
			if got := OS(tt.product); got != tt.os {
				t.Errorf("OS = %q, want %q", got, tt.os)
			}
			if got := Priority(tt.sku, tt.meter); got != tt.priority {
				t.Errorf("Priority = %q, want %q", got, tt.priority)
			}
		})
	}
}

// TestDeriveAgreesWithOfficialArmSkuName checks the derivation against every
// item of terracost's real Retail Prices API file, which has both skuName and
// the official armSkuName: a derived name must equal the official one.
func TestDeriveAgreesWithOfficialArmSkuName(t *testing.T) {
	f, err := os.Open(importertest.CorpusPath(t, "terracost/testdata/azurerm/api/retail_prices.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var doc struct {
		Items []struct {
			SkuName, MeterName, ProductName, ArmSkuName string
		} `json:"items"`
	}
	if err := json.NewDecoder(f).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	derived, skipped := 0, 0
	for i, it := range doc.Items {
		got, ok := DeriveArmSkuName(it.SkuName, it.MeterName, it.ProductName)
		if !ok {
			skipped++
			continue
		}
		derived++
		if want := NormalizeArmSkuName(it.ArmSkuName); got != want {
			t.Errorf("item %d: skuName %q meterName %q (%s): derived %q, official %q", i, it.SkuName, it.MeterName, it.ProductName, got, want)
		}
	}
	t.Logf("%d items derived, %d not derivable", derived, skipped)
	// 4,362 of 4,436 derive; the rest are dedicated hosts.
	if derived < 4300 {
		t.Errorf("only %d of %d items derived", derived, len(doc.Items))
	}
}
