package azureradar

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/importertest"
)

func newImporter(l *slog.Logger) pricing.Importer { return Importer{Logger: l} }

func importFile(t *testing.T, name string, data []byte) ([]pricing.Price, string, error) {
	t.Helper()
	return importertest.Import(t, newImporter, name, data, pricing.Filter{})
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	return importertest.ReadTestdata(t, name)
}

// describe renders the fields a query can see, for table comparisons.
func describe(p pricing.Price) string {
	return fmt.Sprintf("%s|%s|%s|%s|arm=%s os=%s pr=%s|%s|%s %s", p.Service, p.Family, p.Region,
		p.Attributes["meterName"], p.Attributes["armSkuName"], p.Attributes["os"], p.Attributes["priority"],
		p.PurchaseOption, p.USD, p.Unit)
}

// The samples are records copied from the radar's westeurope snapshots
// (2026-08-22); see testdata/README.md.
func TestImportVMSample(t *testing.T) {
	rows, _, err := importFile(t, "vm-westeurope-sample.json", readTestdata(t, "vm-westeurope-sample.json"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, p := range rows {
		got[describe(p)] = true
		if p.EffectiveDate.IsZero() != true {
			t.Errorf("%s: the snapshot has no dates; the command's --price-date applies", p.SKU)
		}
	}
	want := []string{
		"Virtual Machines|Compute|westeurope|D2s v3|arm=Standard_D2s_v3 os=Linux pr=regular|on_demand|0.12 1 Hour",
		"Virtual Machines|Compute|westeurope|D2s v3|arm=Standard_D2s_v3 os=Windows pr=regular|on_demand|0.212 1 Hour",
		"Virtual Machines|Compute|westeurope|D2s v3 Spot|arm=Standard_D2s_v3 os=Linux pr=spot|spot|0.022176 1 Hour",
		"Virtual Machines|Compute|westeurope|D2s v3 Low Priority|arm=Standard_D2s_v3 os=Linux pr=low|spot|0.024 1 Hour",
		"Virtual Machines|Compute|westeurope|E2as v5|arm=Standard_E2as_v5 os=Linux pr=regular|on_demand|0.137 1 Hour",
		// Cloud Services meter of the same size: kept, but no armSkuName/os.
		"Virtual Machines|Compute|westeurope|E2as v5|arm= os= pr=regular|on_demand|0.229 1 Hour",
		// Expired promotion: kept as published, nothing derived.
		"Virtual Machines|Compute|westeurope|D14 v2/DS14 v2 - Expired|arm= os= pr=|on_demand|2.228 1 Hour",
		// Irregular skuName: os and priority derived, armSkuName not.
		"Virtual Machines|Compute|westeurope|EC96asv6|arm= os=Windows pr=regular|on_demand|11.338 1 Hour",
		"Virtual Machines|Compute|westeurope|E2 v5|arm=Standard_E2_v5 os=Linux pr=regular|on_demand|0.152 1 Hour",
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("missing row %s", w)
		}
	}
	if len(rows) != len(want) {
		t.Errorf("got %d rows, want %d:\n%v", len(rows), len(want), got)
	}
}

func TestImportStorageSample(t *testing.T) {
	rows, log, err := importFile(t, "storage-westeurope-sample.json", readTestdata(t, "storage-westeurope-sample.json"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, p := range rows {
		got[describe(p)] = true
	}
	want := []string{
		"Storage|Storage|westeurope|P10 LRS Disk|arm= os= pr=|on_demand|21.68 1/Month",
		"Storage|Storage|westeurope|P10 LRS Disk Mount|arm= os= pr=|on_demand|1.183 1/Month",
		"Storage|Storage|westeurope|E10 LRS Disk|arm= os= pr=|on_demand|9.6 1/Month",
		"Storage|Storage|westeurope|S10 LRS Disk|arm= os= pr=|on_demand|5.888 1/Month",
		"Storage|Storage|westeurope|S10 LRS Disk Operations|arm= os= pr=|on_demand|0.0005 10K",
		"Storage|Storage|westeurope|Premium LRS Provisioned Capacity|arm= os= pr=|on_demand|0.00013 1 GiB/Hour",
		"Storage|Storage|westeurope|Ultra LRS Provisioned IOPS|arm= os= pr=|on_demand|0.000088 1/Hour",
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("missing row %s", w)
		}
	}
	if len(rows) != len(want) {
		t.Errorf("got %d rows, want %d (the Blob record is skipped):\n%v", len(rows), len(want), got)
	}
	if !strings.Contains(log, "managed disks") || !strings.Contains(log, "records=1") {
		t.Errorf("skipped Blob record not reported: %q", log)
	}
}

func TestImportMalformed(t *testing.T) {
	good := string(readTestdata(t, "storage-westeurope-sample.json"))
	tests := []struct {
		name, file, data, want string
	}{
		{"unknown scope", "prices.json", good, "vm- or storage-"},
		{"empty", "vm-x.json", "", "empty input"},
		{"no record", "vm-x.json", "{}", "no record"},
		{"array", "vm-x.json", "[]", "want a JSON object"},
		{"truncated", "storage-x.json", good[:len(good)/2], "storage-x.json"},
		{"trailing data", "storage-x.json", good + "{}", "after the snapshot"},
		{"bad key", "storage-x.json", strings.Replace(good, "|Consumption|", "|Consumption", 1), "record 1"},
		{"bad price", "storage-x.json", strings.Replace(good, `"retailPrice": 21.68`, `"retailPrice": "abc"`, 1), "record 2"},
		{"negative price", "storage-x.json", strings.Replace(good, `"retailPrice": 21.68`, `"retailPrice": -21.68`, 1), "record 2"},
		{"no region", "storage-x.json", strings.Replace(good, `"armRegionName": "westeurope"`, `"armRegionName": ""`, 1), "record 1"},
		{"unknown type", "storage-x.json", strings.Replace(good, "|Consumption|", "|Bargain|", 1), "record 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := importFile(t, tt.file, []byte(tt.data))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.file) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q should name %s and contain %q", err, tt.file, tt.want)
			}
		})
	}
}

// TestImportSnapshots imports the ten real snapshots and checks the values
// SOURCES.md names, and that the derived VM vocabulary is unambiguous: one
// row per region, size, OS and priority.
func TestImportSnapshots(t *testing.T) {
	dir := importertest.CorpusPath(t, "azure-pricing-radar/data/latest")
	files, err := filepath.Glob(filepath.Join(dir, "*-*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var all []pricing.Price
	for _, f := range files {
		if filepath.Base(f) == "last-checked.json" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rows, _, err := importFile(t, filepath.Base(f), data)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, rows...)
	}
	check := map[string]string{
		"westeurope|Virtual Machines|Standard_D2s_v3|Linux|regular|on_demand":   "0.12",
		"westeurope|Virtual Machines|Standard_D2s_v3|Windows|regular|on_demand": "0.212",
		"westeurope|Storage|P10 LRS Disk|||on_demand":                           "21.68",
		"westeurope|Storage|E10 LRS Disk|||on_demand":                           "9.6",
		"westeurope|Storage|S10 LRS Disk|||on_demand":                           "5.888",
	}
	seen := map[string]string{}
	vmKeys := map[string]int{}
	for _, p := range all {
		a := p.Attributes
		name := a["armSkuName"]
		if p.Service == "Storage" {
			name = a["meterName"]
		}
		k := strings.Join([]string{p.Region, p.Service, name, a["os"], a["priority"], p.PurchaseOption}, "|")
		if _, ok := check[k]; ok {
			seen[k] = p.USD.String()
		}
		if a["armSkuName"] != "" && a["os"] != "" {
			vmKeys[k]++
		}
	}
	for k, want := range check {
		if seen[k] != want {
			t.Errorf("%s: got %q, want %s", k, seen[k], want)
		}
	}
	for k, n := range vmKeys {
		if n > 1 {
			t.Errorf("%d rows answer the VM query %s", n, k)
		}
	}
	if len(vmKeys) < 25000 {
		t.Errorf("only %d VM sizes × OS × priority", len(vmKeys))
	}
}
