package google_test

import (
	"context"
	"testing"

	"github.com/costgate/costgate/pricing"
)

// TestGoogleData checks the embedded Google price files against the check
// values of the corpus's SOURCES.md and the rows left out on purpose.
func TestGoogleData(t *testing.T) {
	catalog, err := googleCatalog()
	if err != nil {
		t.Fatal(err)
	}
	q := func(service, family, region, option, unit string, attrs map[string]string) pricing.Query {
		return pricing.Query{Provider: "google", Service: service, Family: family, Region: region,
			Attributes: attrs, PurchaseOption: option, Unit: unit}
	}
	machine := func(mt string) map[string]string { return map[string]string{"machineType": mt} }
	tests := []struct {
		name   string
		query  pricing.Query
		usd    string // "" for not found
		source string
	}{
		{"n1-standard-1 us-central1", q("Compute Engine", "Compute Instance", "us-central1", "", "h", machine("n1-standard-1")), "0.04749975", "gcp-calculator-2026-07"},
		{"pd-ssd us-central1", q("Compute Engine", "Storage", "us-central1", "", "GiBy.mo", map[string]string{"diskType": "pd-ssd", "replication": "zonal"}), "0.17", "gcp-calculator-2026-07"},
		{"NAT gateway us-central1", q("Networking", "Network", "us-central1", "", "h", map[string]string{"natCharge": "gateway"}), "0.0448", "gcp-calculator-2026-07"},
		{"e2-small spot", q("Compute Engine", "Compute Instance", "us-central1", "spot", "h", machine("e2-small")), "0.010053", "gcp-calculator-2026-07"},
		// the 2024 file's A2 price here lacks the GPUs (0.814064): it is not shipped
		{"a2 where no A100 is sold", q("Compute Engine", "Compute Instance", "northamerica-northeast2", "", "h", machine("a2-highgpu-1g")), "", ""},
		// f1-micro has no commitment SKU (pricing.yml repeats its on-demand month)
		{"no f1-micro commitment", q("Compute Engine", "Compute Instance", "us-central1", "reserved", "mo", machine("f1-micro")), "", ""},
		{"1y commitment", q("Compute Engine", "Compute Instance", "us-central1", "reserved", "mo", machine("n1-standard-1")), "21.8443375", "gcp-calculator-2026-07"},
		{"A100 GPU (official format)", q("Compute Engine", "Compute", "us-east1", "", "h", map[string]string{"resourceGroup": "GPU", "gpuType": "nvidia-tesla-a100"}), "2.933908", "gcp-billing-opencost-2023-03"},
		{"IDR SKU not imported", q("Compute Engine", "Compute", "asia-southeast1", "", "h", map[string]string{"resourceGroup": "CPU"}), "", ""},
		{"GKE fee", q("Kubernetes Engine", "Cluster Management", "", "", "h", map[string]string{"charge": "cluster-management", "edition": "standard"}), "0.1", "gcp-facts-2026-08"},
		// the other example queries of FORMAT.md, "Google vocabulary"
		{"windows licence", q("Compute Engine", "License", "", "", "h", map[string]string{"machineType": "n1-standard-1", "os": "windows"}), "0.046", "gcp-calculator-2026-07"},
		{"local SSD spot", q("Compute Engine", "Storage", "us-central1", "spot", "GiBy.mo", map[string]string{"diskType": "local-ssd"}), "0.0428", "gcp-calculator-2026-07"},
		{"unused IP", q("Compute Engine", "Network", "us-central1", "", "h", map[string]string{"resourceGroup": "IpAddress", "addressUse": "unused"}), "0.01", "gcp-calculator-2026-07"},
		{"NAT data", q("Networking", "Network", "us-central1", "", "GiBy", map[string]string{"resourceGroup": "Nat", "natCharge": "data-processing"}), "0.045", "gcp-calculator-2026-07"},
		{"GCS US multi-region", q("Cloud Storage", "Storage", "us", "", "GiBy.mo", map[string]string{"storageClass": "STANDARD", "locationType": "multi-region", "charge": "storage"}), "0.026", "gcp-calculator-2026-07"},
		{"Cloud SQL vCPU", q("Cloud SQL", "Compute", "us-central1", "", "h", map[string]string{"edition": "enterprise", "resource": "vcpu"}), "0.0413", "gcp-facts-2026-08"},
		{"Cloud SQL memory", q("Cloud SQL", "Compute", "us-central1", "", "GiBy.h", map[string]string{"edition": "enterprise", "resource": "memory"}), "0.007", "gcp-facts-2026-08"},
		{"no machine price in another region's stead", q("Compute Engine", "Compute Instance", "mars-north1", "", "h", machine("n1-standard-1")), "", ""},
	}
	queries := make([]pricing.Query, len(tests))
	for i, tt := range tests {
		queries[i] = tt.query
	}
	answers, err := catalog.Lookup(context.Background(), queries)
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		a := answers[i]
		if (tt.usd != "") != a.Found {
			t.Errorf("%s: found %v", tt.name, a.Found)
			continue
		}
		if a.Found && (a.USD.String() != tt.usd || a.Source != tt.source) {
			t.Errorf("%s: got %s from %s, want %s from %s", tt.name, a.USD, a.Source, tt.usd, tt.source)
		}
	}
}
