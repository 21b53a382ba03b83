package azurefacts

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/importertest"
)

// testdata/facts.csv is the corpus's public-price-facts/facts.csv, unchanged
// (13 rows: 8 gcp, 3 azure, 2 aws).
func importString(t *testing.T, data string) ([]pricing.Price, string, error) {
	t.Helper()
	newImporter := func(l *slog.Logger) pricing.Importer { return Importer{Logger: l} }
	return importertest.Import(t, newImporter, "facts.csv", []byte(data), pricing.Filter{})
}

func fixture(t *testing.T) string {
	t.Helper()
	return string(importertest.ReadTestdata(t, "facts.csv"))
}

func TestImportFacts(t *testing.T) {
	rows, log, err := importString(t, fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range rows {
		got[p.Attributes["factsProduct"]] = p.Attributes["skuTier"] + " " + p.USD.String()
		if p.Provider != "azure" || p.Service != "Azure Kubernetes Service" || p.Region != "" || p.Unit != "1 Hour" ||
			p.PurchaseOption != "on_demand" || !p.EffectiveDate.IsZero() || !strings.HasPrefix(p.SKU, "x-") ||
			!strings.Contains(p.Description, "https://") {
			t.Errorf("unexpected row %+v", p)
		}
	}
	want := map[string]string{
		"AKS Uptime SLA add-on": "Standard 0.1",
		"AKS Standard tier":     "Standard 0.1",
		"AKS Free tier":         "Free 0",
	}
	if len(got) != len(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
	if !strings.Contains(log, "provider=gcp rows=8") || !strings.Contains(log, "provider=aws rows=2") {
		t.Errorf("other providers not reported: %q", log)
	}
}

func TestImportMalformed(t *testing.T) {
	good := fixture(t)
	tests := []struct{ name, data, want string }{
		{"bad header", strings.Replace(good, "usd_price", "price", 1), "line 1"},
		{"unknown product", strings.Replace(good, "AKS Free tier,", "AKS Gold tier,", 1), "line 12 (AKS Gold tier): no Azure vocabulary"},
		{"bad price", strings.Replace(good, ",USD per cluster-hour,0,", ",USD per cluster-hour,zero,", 1), "line 12"},
		{"other unit", strings.Replace(good, "AKS Standard tier,tier=standard;sla=99.95% financially backed for availability zones,USD per cluster-hour", "AKS Standard tier,tier=standard;sla=99.95% financially backed for availability zones,USD per node-hour", 1), "line 11"},
		{"regional", strings.Replace(good, "azure,kubernetes-service,all regions (not region-specific in source),AKS Free", "azure,kubernetes-service,westeurope,AKS Free", 1), "line 12"},
		{"short row", good + "azure,kubernetes-service\n", "facts.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := importString(t, tt.data)
			if err == nil || !strings.HasPrefix(err.Error(), "facts.csv") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v should start with facts.csv and contain %q", err, tt.want)
			}
		})
	}
}
