package google

import "testing"

func TestBuildComputeAddress(t *testing.T) {
	tests := []struct {
		name, values, unknown string
		want                  []want
	}{
		{"new external address: users unknown", `{"address_type":"EXTERNAL","region":"us-central1"}`, `{"users":true}`,
			[]want{{name: "IP address (unused)", quantity: "730", attrs: map[string]string{"addressUse": "unused", "resourceGroup": "IpAddress"}, assumed: []string{"users unknown"}}}},
		{"default type, in use", `{"users":["projects/p/zones/us-central1-a/instances/vm"]}`, "",
			[]want{{name: "IP address (in use by a VM)", quantity: "730", attrs: map[string]string{"addressUse": "vm"}}}},
		{"known unused", `{"users":[]}`, "",
			[]want{{name: "IP address (unused)", quantity: "730", attrs: map[string]string{"addressUse": "unused"}}}},
		{"internal is free", `{"address_type":"INTERNAL"}`, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, buildComputeAddress(resource(t, "google_compute_address", tt.values, tt.unknown)), tt.want)
		})
	}
}
