package google

import "testing"

func TestBuildComputeDisk(t *testing.T) {
	tests := []struct {
		name, values, unknown string
		want                  []want
	}{
		{"pd-standard default size", `{"type":"pd-standard","zone":"us-central1-a"}`, "",
			[]want{{name: "Standard provisioned storage (pd-standard)", quantity: "500", attrs: map[string]string{"diskType": "pd-standard", "replication": "zonal"}, assumed: []string{"size unknown: assumed 500 GB"}}}},
		{"type unset", `{"size":20}`, "",
			[]want{{name: "Standard provisioned storage (pd-standard)", quantity: "20", assumed: []string{"type not set: assumed pd-standard"}}}},
		{"pd-ssd from an image, size unknown", `{"type":"pd-ssd","image":"debian-cloud/debian-12"}`, `{"size":true}`,
			[]want{{name: "SSD provisioned storage (pd-ssd)", quantity: "100", assumed: []string{"assumed 100 GB (the image or snapshot may be larger)"}}}},
		{"pd-balanced", `{"type":"pd-balanced","size":200}`, "",
			[]want{{name: "Balanced provisioned storage (pd-balanced)", quantity: "200", attrs: map[string]string{"diskType": "pd-balanced"}}}},
		{"pd-extreme with IOPS", `{"type":"pd-extreme","provisioned_iops":10000}`, "",
			[]want{
				{name: "Extreme provisioned storage (pd-extreme)", quantity: "1000", assumed: []string{"assumed 1000 GB"}},
				{name: "Provisioned IOPS", quantity: "10000", attrs: map[string]string{"diskType": "pd-extreme", "charge": "iops"}},
			}},
		{"hyperdisk-balanced", `{"type":"hyperdisk-balanced","size":50}`, "",
			[]want{{name: "Hyperdisk provisioned storage (hyperdisk-balanced)", quantity: "50"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, buildComputeDisk(resource(t, "google_compute_disk", tt.values, tt.unknown)), tt.want)
		})
	}
}
