package google

import (
	"testing"

	"github.com/costgate/costgate/estimator/schema"
)

func TestBuildStorageBucket(t *testing.T) {
	tests := []struct {
		name, values string
		usage        map[string]any
		want         []want
	}{
		{"US multi-region standard without usage", `{"location":"US"}`, nil,
			[]want{{name: "Storage (standard)", region: "us", attrs: map[string]string{"storageClass": "STANDARD", "locationType": "multi-region", "charge": "storage"}}}},
		{"legacy REGIONAL class in a region with usage", `{"location":"US-CENTRAL1","storage_class":"REGIONAL"}`, map[string]any{"storage_gb": 150.0},
			[]want{{name: "Storage (standard)", quantity: "150", attrs: map[string]string{"storageClass": "STANDARD", "locationType": "region"}}}},
		{"nearline dual-region with retrieval usage", `{"location":"NAM4","storage_class":"NEARLINE"}`, map[string]any{"storage_gb": 1000.0, "monthly_data_retrieval_gb": 20.0},
			[]want{
				{name: "Storage (nearline)", quantity: "1000", region: "nam4", attrs: map[string]string{"locationType": "dual-region"}},
				{name: "Data retrieval (nearline)", quantity: "20", region: "nam4", attrs: map[string]string{"charge": "retrieval"}},
			}},
		{"archive in EU", `{"location":"EU","storage_class":"ARCHIVE"}`, nil,
			[]want{
				{name: "Storage (archive)", region: "eu", attrs: map[string]string{"storageClass": "ARCHIVE"}},
				{name: "Data retrieval (archive)", region: "eu"},
			}},
		{"custom dual-region", `{"location":"US","custom_placement_config":[{"data_locations":["US-EAST1","US-WEST1"]}]}`, nil,
			[]want{{name: "Storage (standard)", region: "us", attrs: map[string]string{"locationType": "dual-region"}, assumed: []string{"custom dual-region"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := resource(t, "google_storage_bucket", tt.values, "")
			r.Usage = schema.NewUsage(tt.usage)
			got := buildStorageBucket(r)
			check(t, got, tt.want)
			for _, c := range got {
				if !c.UsageBased {
					t.Errorf("%s: not usage-based", c.Name)
				}
			}
		})
	}
}
