package gcpfacts

import (
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/importertest"
)

// testdata/facts.csv is the corpus's public-price-facts/facts.csv (13 rows: 8 gcp, 3 azure, 2 aws).
const fixture = "testdata/facts.csv"

func run(t *testing.T, input string, filter pricing.Filter) ([]pricing.Price, string, error) {
	t.Helper()
	newImporter := func(l *slog.Logger) pricing.Importer { return Importer{Logger: l} }
	return importertest.Import(t, newImporter, "facts.csv", []byte(input), filter)
}

func readFixture(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestImportRealFacts(t *testing.T) {
	rows, logs, err := run(t, readFixture(t), pricing.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 8 {
		t.Fatalf("got %d rows, want the 8 gcp rows", len(rows))
	}
	for _, want := range []string{"provider=azure rows=3", "provider=aws rows=2"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q: %s", want, logs)
		}
	}
	tests := []struct {
		service, family, region, unit, usd, date string
		attrs                                    map[string]string
	}{
		{"Kubernetes Engine", "Cluster Management", "", "h", "0.10", "", map[string]string{"charge": "cluster-management", "edition": "standard"}},
		{"Kubernetes Engine", "Free Tier Credit", "", "mo", "74.40", "", map[string]string{"charge": "free-tier-credit"}},
		{"Networking", "Network", "", "h", "0.025", "", map[string]string{"forwardingRules": "first-5"}},
		{"Cloud SQL", "Compute", "us-central1", "h", "0.0413", "2026-05-01", map[string]string{"edition": "enterprise", "resource": "vcpu"}},
		{"Cloud SQL", "Compute", "us-central1", "GiBy.h", "0.007", "2026-05-01", map[string]string{"edition": "enterprise", "resource": "memory"}},
	}
	for _, tt := range tests {
		var found []pricing.Price
		for _, p := range rows {
			match := p.Service == tt.service && p.Family == tt.family && p.Region == tt.region
			for k, v := range tt.attrs {
				match = match && p.Attributes[k] == v
			}
			if match {
				found = append(found, p)
			}
		}
		if len(found) == 0 {
			t.Errorf("no row for %s %v", tt.service, tt.attrs)
			continue
		}
		for _, p := range found {
			if p.USD.String() != tt.usd && p.USD.StringFixed(2) != tt.usd || p.Unit != tt.unit {
				t.Errorf("%s %v: got %s %s", tt.service, tt.attrs, p.USD, p.Unit)
			}
			date := ""
			if !p.EffectiveDate.IsZero() {
				date = p.EffectiveDate.Format("2006-01-02")
			}
			if date != tt.date {
				t.Errorf("%s %v: date %q, want %q", tt.service, tt.attrs, date, tt.date)
			}
			if !strings.Contains(p.Description, "source https://") || !strings.HasPrefix(p.SKU, "x-") {
				t.Errorf("provenance missing: %+v", p)
			}
		}
	}
}

func TestImportFilter(t *testing.T) {
	rows, _, err := run(t, readFixture(t), pricing.Filter{Services: []string{"Cloud SQL"}, Regions: []string{"europe-west1"}})
	if err != nil || len(rows) != 0 {
		t.Fatalf("got %d rows, %v", len(rows), err)
	}
	rows, _, err = run(t, readFixture(t), pricing.Filter{Services: []string{"Kubernetes Engine"}})
	if err != nil || len(rows) != 4 {
		t.Fatalf("got %d rows, %v; want 4 GKE rows", len(rows), err)
	}
}

func TestImportMalformed(t *testing.T) {
	good := readFixture(t)
	tests := []struct{ name, from, to, want string }{
		{"unknown product", "GKE Enterprise edition,", "GKE Ultra edition,", `facts.csv: line 3 (GKE Ultra edition): no Google vocabulary`},
		{"bad price", "USD per cluster-hour,0.10,https://cloud.google.com/kubernetes-engine/pricing?hl=nb", "USD per cluster-hour,ten cents,https://cloud.google.com/kubernetes-engine/pricing?hl=nb", `line 2 (GKE cluster management fee): usd_price "ten cents"`},
		{"unit changed", "USD per GB-hour", "USD per GB-month", `unit "USD per GB-month"`},
		{"region name", "gcp,cloud-sql,us-central1,Cloud SQL Enterprise edition vCPU", "gcp,cloud-sql,Iowa,Cloud SQL Enterprise edition vCPU", `region "Iowa"`},
		{"header", "usd_price,source_url", "price,source_url", "header is"},
		{"short row", "gcp,kubernetes-engine,global,GKE free tier credit,", "gcp,kubernetes-engine,global,GKE free tier credit\n", "wrong number of fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := strings.Replace(good, tt.from, tt.to, 1)
			if input == good {
				t.Fatalf("fixture has no %q", tt.from)
			}
			_, _, err := run(t, input, pricing.Filter{})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "facts.csv") {
				t.Fatalf("got %v, want an error with %q", err, tt.want)
			}
		})
	}
}
