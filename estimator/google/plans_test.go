package google_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/estimator/estimatortest"
	"github.com/costgate/costgate/pricing"
	"github.com/shopspring/decimal"
)

// googleCatalog is the memory catalog over the embedded gcp-* price files
// (pricing-data/SOURCES.md, Google section), loaded once.
var googleCatalog = sync.OnceValues(func() (*pricing.MemoryCatalog, error) {
	return estimatortest.LoadCatalog("gcp-")
})

// line is one expected component: its monthly cost worked out by hand from
// the price rows, or notFound.
type line struct {
	address, name string
	monthly       string // "" when the price is not found
	unitPrice     string // the catalog price expected ("" when not found)
}

const notFound = ""

// estimatePlan prices testdata/planFile with the usage file
// testdata/usageFile ("" for none).
func estimatePlan(t *testing.T, planFile, usageFile string) *estimator.Estimate {
	t.Helper()
	catalog, err := googleCatalog()
	if err != nil {
		t.Fatalf("loading the Google price files: %v", err)
	}
	var usage []byte
	if usageFile != "" {
		if usage, err = os.ReadFile(filepath.Join("testdata", usageFile)); err != nil {
			t.Fatal(err)
		}
	}
	return estimatortest.Estimate(t, catalog, filepath.Join("testdata", planFile), string(usage))
}

// checkLines compares every component of the estimate with the expected
// lines (and fails on components not listed), then the resource totals.
func checkLines(t *testing.T, est *estimator.Estimate, lines []line, totals map[string]string) {
	t.Helper()
	seen := map[string]bool{}
	for _, rc := range est.Resources {
		for _, c := range rc.Components {
			key := rc.Address + " / " + c.Name
			seen[key] = true
			var want *line
			for i := range lines {
				if lines[i].address == rc.Address && lines[i].name == c.Name {
					want = &lines[i]
				}
			}
			if want == nil {
				t.Errorf("unexpected component %s (cost %s)", key, c.MonthlyCost)
				continue
			}
			if (want.monthly != notFound) != c.PriceFound {
				t.Errorf("%s: price found %v, want %v", key, c.PriceFound, want.monthly != notFound)
				continue
			}
			if want.monthly == notFound {
				if !c.MonthlyCost.IsZero() {
					t.Errorf("%s: unpriced component costs %s", key, c.MonthlyCost)
				}
				continue
			}
			if !c.MonthlyCost.Equal(decimal.RequireFromString(want.monthly)) {
				t.Errorf("%s: monthly cost %s, want %s", key, c.MonthlyCost, want.monthly)
			}
			if c.UnitPrice == nil || !c.UnitPrice.Equal(decimal.RequireFromString(want.unitPrice)) {
				t.Errorf("%s: unit price %v, want %s", key, c.UnitPrice, want.unitPrice)
			}
			if c.Source == "" || c.PriceDate == "" {
				t.Errorf("%s: no price provenance", key)
			}
		}
	}
	for _, l := range lines {
		if !seen[l.address+" / "+l.name] {
			t.Errorf("missing component %s / %s", l.address, l.name)
		}
	}
	for _, rc := range est.Resources {
		want, ok := totals[rc.Address]
		if !ok {
			t.Errorf("no expected total for %s", rc.Address)
			continue
		}
		if !rc.ProposedMonthlyCost.Equal(decimal.RequireFromString(want)) {
			t.Errorf("%s: proposed monthly cost %s, want %s", rc.Address, rc.ProposedMonthlyCost, want)
		}
	}
}

// Prices below are rows of pricing-data/data/gcp-calculator-2026-07 (Cyclenerd
// pricing.yml generated 2026-07-30) unless marked otherwise; 730 h per month.

func TestPlanComputeInstance(t *testing.T) {
	est := estimatePlan(t, "google_compute_instance.plan.json", "")
	checkLines(t, est, []line{
		// n1-standard-1 us-central1 0.04749975 × 730 = 34.6748175
		{"google_compute_instance.web", "Instance usage (Linux/UNIX, on-demand, n1-standard-1)", "34.6748175", "0.04749975"},
		// pd-ssd us-central1 0.17 × 20 GB = 3.4
		{"google_compute_instance.web", "SSD provisioned storage (pd-ssd)", "3.4", "0.17"},
		// n1-standard-4 europe-west1 spot 0.08716 × 730 = 63.6268
		{"google_compute_instance.batch", "Instance usage (Linux/UNIX, spot, n1-standard-4)", "63.6268", "0.08716"},
		// pd-balanced europe-west1 0.1 × 50 = 5
		{"google_compute_instance.batch", "Balanced provisioned storage (pd-balanced)", "5", "0.1"},
		// local SSD europe-west1 spot 0.0428 × (2 × 375) = 32.1
		{"google_compute_instance.batch", "Local SSD provisioned storage", "32.1", "0.0428"},
		// no T4 price in any Google source: price not found
		{"google_compute_instance.batch", "NVIDIA Tesla T4 (spot)", notFound, ""},
		// e2-standard-2 us-central1 0.06701142 × 730 = 48.9183366
		{"google_compute_instance.win", "Instance usage (Windows, on-demand, e2-standard-2)", "48.9183366", "0.06701142"},
		// windows licence for e2-standard-2 (global) 0.092 × 730 = 67.16
		{"google_compute_instance.win", "OS licence (windows, e2-standard-2)", "67.16", "0.092"},
		// pd-balanced us-central1 0.1 × 64 = 6.4
		{"google_compute_instance.win", "Balanced provisioned storage (pd-balanced)", "6.4", "0.1"},
	}, map[string]string{
		"google_compute_instance.web":   "38.0748175",  // 34.6748175 + 3.4
		"google_compute_instance.batch": "100.7268",    // 63.6268 + 5 + 32.1
		"google_compute_instance.win":   "122.4783366", // 48.9183366 + 67.16 + 6.4
	})
}

func TestPlanComputeDisk(t *testing.T) {
	est := estimatePlan(t, "google_compute_disk.plan.json", "")
	checkLines(t, est, []line{
		// size unknown: pd-standard default 500 GB × 0.04 (us-central1) = 20
		{"google_compute_disk.data", "Standard provisioned storage (pd-standard)", "20", "0.04"},
		// pd-ssd europe-west1 0.17 × 100 = 17
		{"google_compute_disk.fast", "SSD provisioned storage (pd-ssd)", "17", "0.17"},
		// hyperdisk-balanced is not in pricing.yml: price not found
		{"google_compute_disk.hyper", "Hyperdisk provisioned storage (hyperdisk-balanced)", notFound, ""},
		// no IOPS price in any source
		{"google_compute_disk.hyper", "Provisioned IOPS", notFound, ""},
	}, map[string]string{
		"google_compute_disk.data":  "20",
		"google_compute_disk.fast":  "17",
		"google_compute_disk.hyper": "0",
	})
}

func TestPlanComputeAddress(t *testing.T) {
	est := estimatePlan(t, "google_compute_address.plan.json", "")
	checkLines(t, est, []line{
		// unused static IP us-central1 0.01 × 730 = 7.3
		{"google_compute_address.ip", "IP address (unused)", "7.3", "0.01"},
		// pricing.yml has no unused-IP price for europe-north2 (both versions): price not found
		{"google_compute_address.nordic", "IP address (unused)", notFound, ""},
	}, map[string]string{
		"google_compute_address.ip":       "7.3",
		"google_compute_address.internal": "0", // internal addresses are free
		"google_compute_address.nordic":   "0",
	})
}

func TestPlanContainerCluster(t *testing.T) {
	est := estimatePlan(t, "google_container_cluster.plan.json", "")
	checkLines(t, est, []line{
		// GKE management fee 0.10 × 730 = 73 (gcp-facts-2026-08, cloud.google.com page)
		{"google_container_cluster.zonal", "Cluster management fee", "73", "0.1"},
		// 2 nodes × e2-medium us-central1 0.03350571 × 730 = 48.9183366
		{"google_container_cluster.zonal", "default_pool: Instance usage (Linux/UNIX, on-demand, e2-medium)", "48.9183366", "0.03350571"},
		// 2 nodes × 100 GB pd-standard × 0.04 = 8
		{"google_container_cluster.zonal", "default_pool: Standard provisioned storage (pd-standard)", "8", "0.04"},
		{"google_container_cluster.autopilot", "Cluster management fee", "73", "0.1"},
	}, map[string]string{
		"google_container_cluster.zonal":     "129.9183366", // 73 + 48.9183366 + 8
		"google_container_cluster.autopilot": "73",
	})
}

func TestPlanContainerNodePool(t *testing.T) {
	est := estimatePlan(t, "google_container_node_pool.plan.json", "")
	checkLines(t, est, []line{
		{"google_container_cluster.primary", "Cluster management fee", "73", "0.1"},
		// 3 nodes per zone × 2 zones (the cluster's node_locations) = 6 nodes;
		// n2-standard-4 us-central1 0.194236 × 730 × 6 = 850.75368
		{"google_container_node_pool.workers", "Instance usage (Linux/UNIX, on-demand, n2-standard-4)", "850.75368", "0.194236"},
		// 6 × 100 GB pd-balanced × 0.1 = 60
		{"google_container_node_pool.workers", "Balanced provisioned storage (pd-balanced)", "60", "0.1"},
	}, map[string]string{
		"google_container_cluster.primary":   "73",
		"google_container_node_pool.workers": "910.75368", // 850.75368 + 60
	})
}

func TestPlanSQLDatabaseInstance(t *testing.T) {
	est := estimatePlan(t, "google_sql_database_instance.plan.json", "")
	checkLines(t, est, []line{
		// gcp-facts-2026-08, us-central1 Enterprise (third-party page usage.ai, 2026-05):
		// 2 vCPU × 730 × 0.0413 = 60.298
		{"google_sql_database_instance.main", "vCPUs (2, zonal)", "60.298", "0.0413"},
		// 7680 MiB = 7.5 GB × 730 × 0.007 = 38.325
		{"google_sql_database_instance.main", "Memory (7.5 GB, zonal)", "38.325", "0.007"},
		// no Cloud SQL storage price in any source
		{"google_sql_database_instance.main", "Storage (SSD, zonal)", notFound, ""},
		// no Cloud SQL price outside us-central1
		{"google_sql_database_instance.eu", "vCPUs (1, zonal)", notFound, ""},
		{"google_sql_database_instance.eu", "Memory (3.75 GB, zonal)", notFound, ""},
		{"google_sql_database_instance.eu", "Storage (SSD, zonal)", notFound, ""},
	}, map[string]string{
		"google_sql_database_instance.main": "98.623", // 60.298 + 38.325
		"google_sql_database_instance.eu":   "0",
	})
	if est.Summary.UnpricedComponents != 4 {
		t.Errorf("unpriced components %d, want 4", est.Summary.UnpricedComponents)
	}
}

func TestPlanStorageBucket(t *testing.T) {
	est := estimatePlan(t, "google_storage_bucket.plan.json", "google_storage_bucket.usage.yml")
	checkLines(t, est, []line{
		// usage storage_gb 150 × STANDARD US multi-region 0.026 = 3.9
		{"google_storage_bucket.assets", "Storage (standard)", "3.9", "0.026"},
		// no usage: unit prices only (NEARLINE europe-west1 0.01 per GiB-month, retrieval 0.01 per GiB)
		{"google_storage_bucket.archive", "Storage (nearline)", "0", "0.01"},
		{"google_storage_bucket.archive", "Data retrieval (nearline)", "0", "0.01"},
	}, map[string]string{
		"google_storage_bucket.assets":  "3.9",
		"google_storage_bucket.archive": "0",
	})
	if est.Summary.UsageUnknownComponents != 2 {
		t.Errorf("usage-unknown components %d, want 2", est.Summary.UsageUnknownComponents)
	}
}
