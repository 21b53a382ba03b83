package gcpcalculator

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/importertest"
	"github.com/shopspring/decimal"
)

const excerpt = "testdata/excerpt-2026-07-30.yml"

// corpusFile is a file of the shared corpus (importertest.CorpusDir).
func corpusFile(t *testing.T, rel string) string {
	t.Helper()
	p := importertest.CorpusPath(t, rel)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("corpus file needed by this test: %v (set COSTGATE_CORPUS)", err)
	}
	return p
}

func importFile(t *testing.T, path string, filter pricing.Filter) ([]pricing.Price, string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var logs bytes.Buffer
	im := Importer{Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	var rows []pricing.Price
	err = im.Import(context.Background(), path, f, filter, func(p pricing.Price) error {
		rows = append(rows, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows, logs.String()
}

func importString(input string) ([]pricing.Price, error) {
	var rows []pricing.Price
	err := Importer{}.Import(context.Background(), "bad.yml", strings.NewReader(input), pricing.Filter{}, func(p pricing.Price) error {
		rows = append(rows, p)
		return nil
	})
	return rows, err
}

// find returns the one row matching service, family, region, purchase option, term and attributes.
func find(t *testing.T, rows []pricing.Price, service, family, region, option, term string, attrs map[string]string) pricing.Price {
	t.Helper()
	var got []pricing.Price
	for _, p := range rows {
		if p.Service != service || p.Family != family || p.Region != region || p.PurchaseOption != option || p.TermLength != term {
			continue
		}
		ok := true
		for k, v := range attrs {
			ok = ok && p.Attributes[k] == v
		}
		if ok {
			got = append(got, p)
		}
	}
	if len(got) != 1 {
		t.Fatalf("%s/%s/%s %s %s %v: %d rows, want 1", service, family, region, option, term, attrs, len(got))
	}
	return got[0]
}

// checks are the SOURCES.md check values and other rows read by eye in pricing.yml 2026-07-30.
var checks = []struct {
	name, service, family, region, option, term string
	attrs                                       map[string]string
	usd, unit                                   string
}{
	{"n1-standard-1 on demand", "Compute Engine", "Compute Instance", "us-central1", "on_demand", "", map[string]string{"machineType": "n1-standard-1"}, "0.04749975", "h"},
	{"n1-standard-1 spot", "Compute Engine", "Compute Instance", "us-central1", "spot", "", map[string]string{"machineType": "n1-standard-1"}, "0.0167525", "h"},
	{"n1-standard-1 1y CUD", "Compute Engine", "Compute Instance", "us-central1", "reserved", "1yr", map[string]string{"machineType": "n1-standard-1"}, "21.8443375", "mo"},
	{"g2-standard-4 europe-west1", "Compute Engine", "Compute Instance", "europe-west1", "on_demand", "", map[string]string{"machineType": "g2-standard-4", "gpuType": "nvidia-l4", "gpuCount": "1"}, "0.778293004", "h"},
	{"pd-ssd", "Compute Engine", "Storage", "us-central1", "on_demand", "", map[string]string{"diskType": "pd-ssd", "replication": "zonal"}, "0.17", "GiBy.mo"},
	{"regional pd-ssd", "Compute Engine", "Storage", "us-central1", "on_demand", "", map[string]string{"diskType": "pd-ssd", "replication": "regional"}, "0.34", "GiBy.mo"},
	{"local SSD spot", "Compute Engine", "Storage", "us-central1", "spot", "", map[string]string{"diskType": "local-ssd"}, "0.0428", "GiBy.mo"},
	{"NAT gateway", "Networking", "Network", "us-central1", "on_demand", "", map[string]string{"natCharge": "gateway"}, "0.0448", "h"},
	{"NAT data", "Networking", "Network", "us-central1", "on_demand", "", map[string]string{"natCharge": "data-processing"}, "0.045", "GiBy"},
	{"IP on VM", "Compute Engine", "Network", "us-central1", "on_demand", "", map[string]string{"addressUse": "vm"}, "0.005", "h"},
	{"IP unused", "Compute Engine", "Network", "us-central1", "on_demand", "", map[string]string{"addressUse": "unused"}, "0.01", "h"},
	{"windows licence", "Compute Engine", "License", "", "on_demand", "", map[string]string{"machineType": "n1-standard-1", "os": "windows"}, "0.046", "h"},
	{"GCS standard regional", "Cloud Storage", "Storage", "us-central1", "on_demand", "", map[string]string{"storageClass": "STANDARD", "charge": "storage"}, "0.02", "GiBy.mo"},
	{"GCS standard US multi", "Cloud Storage", "Storage", "us", "on_demand", "", map[string]string{"storageClass": "STANDARD", "locationType": "multi-region"}, "0.026", "GiBy.mo"},
	{"GCS nearline retrieval", "Cloud Storage", "Storage", "us-central1", "on_demand", "", map[string]string{"storageClass": "NEARLINE", "charge": "retrieval"}, "0.01", "GiBy"},
}

func TestImportExcerpt(t *testing.T) {
	rows, logs := importFile(t, excerpt, pricing.Filter{})
	// instances 2 types × 2 regions × 4 prices + f1-micro 2 regions × 2 (its
	// commitment prices equal its on-demand month: no commitment SKU),
	// licences 7, network 4, disks 6, buckets 3
	if len(rows) != 40 {
		t.Errorf("got %d rows, want 40", len(rows))
	}
	if !strings.Contains(logs, "commitments_equal_to_on_demand=4") {
		t.Errorf("skipped commitments not reported: %s", logs)
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			p := find(t, rows, c.service, c.family, c.region, c.option, c.term, c.attrs)
			if !p.USD.Equal(decimal.RequireFromString(c.usd)) || p.Unit != c.unit {
				t.Errorf("got %s %s, want %s %s", p.USD, p.Unit, c.usd, c.unit)
			}
			if p.EffectiveDate.Format("2006-01-02") != "2026-07-30" || p.Provider != "google" || !strings.HasPrefix(p.SKU, "x-") {
				t.Errorf("row %+v", p)
			}
		})
	}
}

// TestImportRealFiles imports the older pricing.yml; the 2026 file is
// imported by TestRebuildMatchesCommittedFiles and checked against the
// committed data file there.
func TestImportRealFiles(t *testing.T) {
	tests := []struct {
		file     string
		date     string
		minRows  int
		regions  int
		check    string // n1-standard-1 us-central1 on demand, the same in both files
		e2spot   string // e2-small us-central1 spot: differs between the files
		skipsLog string
	}{
		{"google-cloud-pricing-cost-calculator/2024-01-26/pricing.yml", "2024-01-26", 30000, 40, "0.04749975", "0.0050258565", "zero_prices="},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			rows, logs := importFile(t, corpusFile(t, tt.file), pricing.Filter{})
			if len(rows) < tt.minRows {
				t.Errorf("got %d rows, want at least %d", len(rows), tt.minRows)
			}
			regions := map[string]bool{}
			for _, p := range rows {
				if p.Family == "Compute Instance" {
					regions[p.Region] = true
				}
				if p.USD.IsZero() {
					t.Fatalf("zero price imported: %+v", p)
				}
				if p.EffectiveDate.Format("2006-01-02") != tt.date {
					t.Fatalf("effective date %s", p.EffectiveDate)
				}
			}
			if len(regions) != tt.regions {
				t.Errorf("machine types in %d regions, want %d", len(regions), tt.regions)
			}
			p := find(t, rows, "Compute Engine", "Compute Instance", "us-central1", "on_demand", "", map[string]string{"machineType": "n1-standard-1"})
			if p.USD.String() != tt.check {
				t.Errorf("n1-standard-1: got %s", p.USD)
			}
			p = find(t, rows, "Compute Engine", "Compute Instance", "us-central1", "spot", "", map[string]string{"machineType": "e2-small"})
			if p.USD.String() != tt.e2spot {
				t.Errorf("e2-small spot: got %s", p.USD)
			}
			if !strings.Contains(logs, tt.skipsLog) {
				t.Errorf("skips not reported: %s", logs)
			}
		})
	}
}

func TestImportFilter(t *testing.T) {
	rows, _ := importFile(t, excerpt, pricing.Filter{Services: []string{"Networking"}, Regions: []string{"us-central1"}})
	if len(rows) != 2 {
		t.Fatalf("got %d rows, want the 2 NAT rows", len(rows))
	}
}

func TestImportMalformed(t *testing.T) {
	good, err := os.ReadFile(excerpt)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, from, to, want string
	}{
		{"not a number", "hour: 0.0448", "hour: cheap", `line 104: compute.network.nat.gateway.cost.us-central1.hour: "cheap" is not a number`},
		{"negative", "hour: 0.0448", "hour: -0.0448", "negative price -0.0448"},
		{"unknown price key", "hour_spot: 0.0167525", "hour_preemptible: 0.0167525", `compute.instance.n1-standard-1.cost.us-central1: unknown price key "hour_preemptible"`},
		{"unknown accelerator", "l4: 1", "tpu: 1", `compute.instance.g2-standard-4: unknown key "tpu"`},
		{"unknown storage class", "standard-multi:", "premium-multi:", "storage.bucket.premium-multi: unknown storage class"},
		{"disk without type", "type: pd-local", "kind: pd-local", "compute.storage.local: want type and cost"},
		{"bad timestamp", "timestamp: 1785391997", "timestamp: soon", "about.timestamp"},
		{"not yaml", "about:", "about: [", "bad.yml: yaml:"},
		{"no compute", "compute:", "kompute:", "no compute section"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := strings.Replace(string(good), tt.from, tt.to, 1)
			if input == string(good) {
				t.Fatalf("fixture has no %q", tt.from)
			}
			_, err := importString(input)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "bad.yml") {
				t.Fatalf("got %v, want an error naming bad.yml and %q", err, tt.want)
			}
		})
	}
}
