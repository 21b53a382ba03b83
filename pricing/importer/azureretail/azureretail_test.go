package azureretail

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/importertest"
)

func newImporter(l *slog.Logger) pricing.Importer { return Importer{Logger: l} }

// importBytes runs the importer on data and returns the rows and the log.
func importBytes(t *testing.T, name string, data []byte, filter pricing.Filter) ([]pricing.Price, string, error) {
	t.Helper()
	return importertest.Import(t, newImporter, name, data, filter)
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	return importertest.ReadTestdata(t, name)
}

// testdata/francecentral-d2sv3.json holds eight real items of terracost's
// francecentral Retail Prices capture (2021), wrapped in one API page.
func TestImportPage(t *testing.T) {
	rows, log, err := importBytes(t, "francecentral-d2sv3.json", readTestdata(t, "francecentral-d2sv3.json"), pricing.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		usd, option, term, os, priority, arm, date string
	}
	wants := map[string]want{ // by SKU
		"DZH318Z0BQ50/00VK|b0f25467-8c43-41cc-ba81-65dac2534682": {"0.112", "on_demand", "", "Linux", "regular", "Standard_D2s_v3", "2018-01-16"},
		"DZH318Z0BPWD/00DN|341c7779-fd52-403d-ac4c-9bd3a46c2227": {"0.204", "on_demand", "", "Windows", "regular", "Standard_D2s_v3", "2018-01-16"},
		"DZH318Z0BQ50/02NR|2c938098-ccd1-519e-b37a-50cb0692acc0": {"0.024696", "spot", "", "Linux", "spot", "Standard_D2s_v3", "2021-12-01"},
		"DZH318Z0BQ50/00WC|a7333240-abf5-42c1-92e7-d00179b0610e": {"0.0224", "spot", "", "Linux", "low", "Standard_D2s_v3", "2019-04-01"},
		"DZH318Z0BQ50/003X|b0f25467-8c43-41cc-ba81-65dac2534682": {"644", "reserved", "1yr", "Linux", "regular", "Standard_D2s_v3", "2018-04-01"},
		"DZH318Z0BQ35/00T0|8260cba2-4437-47d1-a31e-2561cd370f50": {"0", "on_demand", "", "", "", "Standard_B1s", "2017-09-25"},
		// The API spells this armSkuName "Standard_E16-4ads v5".
		"DZH318Z093X0/02JX|9dd3a424-39ac-50e5-a7d6-5e1ea9502a36": {"1.224", "on_demand", "", "Linux", "regular", "Standard_E16-4ads_v5", "2021-11-01"},
	}
	if len(rows) != len(wants) {
		t.Fatalf("got %d rows, want %d (the Dev/Test item is skipped)", len(rows), len(wants))
	}
	for _, p := range rows {
		w, ok := wants[p.SKU]
		if !ok {
			t.Errorf("unexpected row %s", p.SKU)
			continue
		}
		got := want{p.USD.String(), p.PurchaseOption, p.TermLength, p.Attributes["os"], p.Attributes["priority"],
			p.Attributes["armSkuName"], p.EffectiveDate.Format("2006-01-02")}
		if got != w {
			t.Errorf("%s: got %+v, want %+v", p.SKU, got, w)
		}
		if p.Provider != "azure" || p.Service != "Virtual Machines" || p.Family != "Compute" || p.Region != "francecentral" || p.Unit != "1 Hour" {
			t.Errorf("%s: unexpected product %+v", p.SKU, p)
		}
	}
	if !strings.Contains(log, "DevTestConsumption") || !strings.Contains(log, "items=1") {
		t.Errorf("the skipped Dev/Test item is not reported: %q", log)
	}
}

// testdata/automation-tiers.json is arm-estimator's mocked Retail Prices
// response for Automation (a format fixture): two meters of two tiers each.
func TestImportTiers(t *testing.T) {
	rows, _, err := importBytes(t, "automation-tiers.json", readTestdata(t, "automation-tiers.json"), pricing.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range rows {
		end := "open"
		if p.TierEnd.Valid {
			end = p.TierEnd.Decimal.String()
		}
		got[p.Attributes["meterName"]+" from "+p.TierStart.String()] = end + " @ " + p.USD.String()
	}
	want := map[string]string{
		"Basic Runtime from 0":   "500 @ 0",
		"Basic Runtime from 500": "open @ 0.002",
		"Watcher from 0":         "744 @ 0",
		"Watcher from 744":       "open @ 0.002",
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
}

func TestImportSeveralPagesAndLowerCaseItems(t *testing.T) {
	page1 := readTestdata(t, "francecentral-d2sv3.json")
	page2 := readTestdata(t, "automation-tiers.json")
	lower := bytes.Replace(page1, []byte(`"Items"`), []byte(`"items"`), 1)
	for name, data := range map[string][]byte{
		"two pages":   append(append(append([]byte{}, page1...), '\n'), page2...),
		"lower items": lower,
	} {
		t.Run(name, func(t *testing.T) {
			rows, _, err := importBytes(t, name, data, pricing.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			want := 7
			if name == "two pages" {
				want = 11
			}
			if len(rows) != want {
				t.Errorf("got %d rows, want %d", len(rows), want)
			}
		})
	}
}

func TestImportFilter(t *testing.T) {
	data := append(append([]byte{}, readTestdata(t, "francecentral-d2sv3.json")...), readTestdata(t, "automation-tiers.json")...)
	rows, _, err := importBytes(t, "f", data, pricing.Filter{Services: []string{"Automation"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Errorf("got %d rows, want the 4 Automation rows", len(rows))
	}
	rows, _, err = importBytes(t, "f", data, pricing.Filter{Regions: []string{"westeurope"}})
	if err != nil || len(rows) != 4 {
		t.Errorf("region filter: %d rows, %v", len(rows), err)
	}
}

func TestImportSkipsOtherCurrencies(t *testing.T) {
	data := bytes.ReplaceAll(readTestdata(t, "francecentral-d2sv3.json"), []byte(`"currencyCode": "USD"`), []byte(`"currencyCode": "EUR"`))
	rows, log, err := importBytes(t, "eur.json", data, pricing.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 0 || !strings.Contains(log, "EUR") {
		t.Errorf("EUR items: %d rows, log %q", len(rows), log)
	}
	// Items without currencyCode take the page's BillingCurrency.
	data = bytes.ReplaceAll(readTestdata(t, "automation-tiers.json"), []byte(`"currencyCode": "USD",`), nil)
	data = bytes.Replace(data, []byte(`"BillingCurrency": "USD"`), []byte(`"BillingCurrency": "EUR"`), 1)
	rows, _, err = importBytes(t, "eur-page.json", data, pricing.Filter{})
	if err != nil || len(rows) != 0 {
		t.Errorf("EUR page: %d rows, %v", len(rows), err)
	}
}

func TestImportMalformed(t *testing.T) {
	good := string(readTestdata(t, "automation-tiers.json"))
	tests := []struct {
		name, data, want string
	}{
		{"empty", "", "no page"},
		{"not an object", `[1,2]`, "want a JSON object"},
		{"items not an array", `{"Items": {}}`, "want an array"},
		{"truncated", good[:len(good)/2], "bad.json"},
		{"bad price", strings.Replace(good, `"retailPrice": 0.002`, `"retailPrice": "x"`, 1), "item 2"},
		{"negative price", strings.Replace(good, `"retailPrice": 0.002`, `"retailPrice": -0.002`, 1), "item 2"},
		{"no meter id", strings.Replace(good, `"meterId": "0fb93388-dbb5-46ec-ba5f-bde2b8da0891"`, `"meterId": ""`, 1), "item 3"},
		{"unknown type", strings.Replace(good, `"type": "Consumption"`, `"type": "Bargain"`, 1), "item 1"},
		{"bad date", strings.Replace(good, `"effectiveStartDate": "`, `"effectiveStartDate": "x`, 1), "item 1"},
		{"count mismatch", strings.Replace(good, `"Count": 4`, `"Count": 5`, 1), "Count is 5"},
		{"tier listed twice", strings.Replace(good, `"meterId": "0fb93388-dbb5-46ec-ba5f-bde2b8da0891"`, `"meterId": "95eca2c1-9519-4c55-baa1-9a0e0b201e25"`, 1), "item 3"},
		{"meter not adjacent", replaceLast(good, `"meterId": "0fb93388-dbb5-46ec-ba5f-bde2b8da0891"`, `"meterId": "95eca2c1-9519-4c55-baa1-9a0e0b201e25"`), "item 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := importBytes(t, "bad.json", []byte(tt.data), pricing.Filter{})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "bad.json") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q should name the file and contain %q", err, tt.want)
			}
		})
	}
}

// TestImportTerracostCapture imports the whole real francecentral capture.
func TestImportTerracostCapture(t *testing.T) {
	data, err := os.ReadFile(importertest.CorpusPath(t, "terracost/testdata/azurerm/api/retail_prices.json"))
	if err != nil {
		t.Fatal(err)
	}
	rows, log, err := importBytes(t, "retail_prices.json", data, pricing.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// 4,436 items: 2,426 Consumption + 810 Reservation kept, 1,200 Dev/Test skipped.
	if len(rows) != 3236 {
		t.Errorf("got %d rows, want 3236", len(rows))
	}
	if !strings.Contains(log, "items=1200") {
		t.Errorf("Dev/Test count not reported: %q", log)
	}
	found := false
	for _, p := range rows {
		if p.Attributes["armSkuName"] == "Standard_D2s_v3" && p.Attributes["os"] == "Linux" &&
			p.Attributes["priority"] == "regular" && p.PurchaseOption == "on_demand" {
			found = true
			if p.USD.String() != "0.112" {
				t.Errorf("D2s v3 Linux francecentral: %s, want 0.112 (SOURCES.md check value)", p.USD)
			}
		}
	}
	if !found {
		t.Error("no D2s v3 Linux on-demand row")
	}
}

// TestImportArmEstimatorFixtures runs every arm-estimator mock response: all
// parse, and the one whose Count (4) disagrees with its 3 items is refused.
func TestImportArmEstimatorFixtures(t *testing.T) {
	dir := importertest.CorpusPath(t, "arm-estimator/ace-tests/mocked-responses/retail-api")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	if err != nil || len(files) != 9 {
		t.Fatalf("want 9 fixtures, got %d (%v)", len(files), err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rows, _, err := importBytes(t, f, data, pricing.Filter{})
		if strings.HasSuffix(f, "inferred-3.json") {
			if err == nil || !strings.Contains(err.Error(), "Count is 4 but the page has 3 items") {
				t.Errorf("%s: want the Count mismatch error, got %v", f, err)
			}
			continue
		}
		if err != nil || len(rows) == 0 {
			t.Errorf("%s: %d rows, %v", f, len(rows), err)
		}
	}
}

func replaceLast(s, old, repl string) string {
	i := strings.LastIndex(s, old)
	if i < 0 {
		return s
	}
	return s[:i] + repl + s[i+len(old):]
}
