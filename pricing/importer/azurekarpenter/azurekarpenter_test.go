package azurekarpenter

import (
	"errors"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/costgate/costgate/pricing"
	pricingdata "github.com/costgate/costgate/pricing-data"
	"github.com/costgate/costgate/pricing/importer/importertest"
)

func newImporter(l *slog.Logger) pricing.Importer { return Importer{Logger: l} }

func importData(t *testing.T, name string, data []byte) ([]pricing.Price, string, error) {
	t.Helper()
	return importertest.Import(t, newImporter, name, data, pricing.Filter{})
}

// testdata/sample.csv: real lines of the corpus CSV (2026-06-18), see README.md.
func TestImportSample(t *testing.T) {
	rows, log, err := importData(t, "sample.csv", importertest.ReadTestdata(t, "sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range rows {
		got[p.Region+" "+p.Attributes["armSkuName"]] = p.USD.String()
		if p.Provider != "azure" || p.Service != "Virtual Machines" || p.Family != "Compute" ||
			p.Attributes["os"] != "Linux" || p.Attributes["priority"] != "regular" || len(p.Attributes) != 3 ||
			p.PurchaseOption != "on_demand" || p.Unit != "1 Hour" || !strings.HasPrefix(p.SKU, "x-") {
			t.Errorf("unexpected row %+v", p)
		}
	}
	want := map[string]string{
		"australiacentral Basic_A1":  "0.032",
		"eastus Standard_D2s_v3":     "0.096",
		"eastus Standard_D4s_v5":     "0.192",
		"eastus2 Standard_D4s_v5":    "0.192",
		"northeurope Standard_B2s":   "0.045",
		"westeurope Standard_D2s_v3": "0.12",
		"westeurope Standard_D4s_v5": "0.23",
	}
	if len(got) != len(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %s", k, got[k], v)
		}
	}
	// Dsv5_Type1 (host), and B2s_v2, E2as_v5, E16-4ads_v5 (Cloud Services series) ×2 regions.
	if !strings.Contains(log, "dedicated host") || !strings.Contains(log, "rows=1") ||
		!strings.Contains(log, "Cloud Services") || !strings.Contains(log, "rows=6") {
		t.Errorf("skips not reported: %q", log)
	}
}

func TestImportMalformed(t *testing.T) {
	const h = "armRegionName,armSkuName,retailPrice_usd_per_hour\n"
	tests := []struct{ name, data, want string }{
		{"empty", "", "empty input"},
		{"header only", h, "no price rows"},
		{"bad header", "region,sku,price\neastus,Standard_D2s_v3,0.096\n", "line 1"},
		{"field count", h + "eastus,Standard_D2s_v3\n", "line 2"},
		{"bad price", h + "eastus,Standard_D2s_v3,0.096\neastus,Standard_D4s_v3,abc\n", "line 3"},
		{"negative", h + "eastus,Standard_D2s_v3,-0.096\n", "line 2"},
		{"no region", h + ",Standard_D2s_v3,0.096\n", "line 2"},
		{"duplicate", h + "eastus,Standard_D2s_v3,0.096\neastus,Standard_D2s_v3,0.096\n", "line 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := importData(t, "bad.csv", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), "bad.csv") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v should name bad.csv and contain %q", err, tt.want)
			}
		})
	}
}

// TestAgreesWithRadar imports the whole table and compares every kept row
// with the newer radar rows shipped in pricing-data (azure-vm-radar-2026-08)
// where both cover a size: the Linux regular price must be the same, except
// for the two sizes whose price changed between 2026-06-18 and 2026-08-22.
func TestAgreesWithRadar(t *testing.T) {
	data, err := os.ReadFile(importertest.CorpusPath(t, "karpenter-provider-azure/derived/azure-vm-linux-payg-ondemand-2026-06-18.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, log, err := importData(t, "karpenter.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	// 67,672 lines: 2,551 dedicated-host keys and 4,629 rows of the Cloud Services series are left out.
	if len(rows) != 60492 || !strings.Contains(log, "rows=2551") || !strings.Contains(log, "rows=4629") {
		t.Errorf("%d rows kept; log %q", len(rows), log)
	}
	radar := radarLinuxPrices(t)
	changed := map[string]bool{"Standard_E192ibs_v6": true, "Standard_E192ibds_v6": true}
	compared := 0
	for _, p := range rows {
		size := p.Attributes["armSkuName"]
		r, ok := radar[p.Region+" "+size]
		if !ok {
			continue
		}
		compared++
		if r != p.USD.String() && !changed[size] {
			t.Errorf("%s %s: karpenter %s, radar %s", p.Region, size, p.USD, r)
		}
	}
	if compared != 4883 {
		t.Errorf("%d rows compared, want 4883", compared)
	}
}

// radarLinuxPrices reads the shipped radar file: Linux regular on-demand
// price by "region armSkuName".
func radarLinuxPrices(t *testing.T) map[string]string {
	t.Helper()
	f, err := pricingdata.FS().Open("azure-vm-radar-2026-08.csv.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dr, err := pricing.NewDataFileReader("azure-vm-radar-2026-08.csv.gz", f)
	if err != nil {
		t.Fatal(err)
	}
	defer dr.Close()
	out := map[string]string{}
	for {
		p, err := dr.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		a := p.Attributes
		if a["os"] == "Linux" && a["priority"] == "regular" && a["armSkuName"] != "" && p.PurchaseOption == "on_demand" {
			out[p.Region+" "+a["armSkuName"]] = p.USD.String()
		}
	}
}
