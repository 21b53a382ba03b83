package google

import "testing"

func TestBuildComputeGlobalAddress(t *testing.T) {
	tests := []struct {
		name, values, unknown string
		want                  []want
	}{
		{"VPC peering range is free", `{"address_type":"INTERNAL","purpose":"VPC_PEERING","prefix_length":16}`, "", nil},
		{"internal, lower case", `{"address_type":"internal"}`, "", nil},
		{"external by default", `{"name":"lb-ip"}`, `{"address":true}`,
			[]want{{name: "Global IP address (unused)", quantity: "730", region: "-",
				attrs: map[string]string{"addressUse": "unused", "resourceGroup": "IpAddress"}, assumed: []string{"global forwarding rule"}}}},
		{"external, IPv6", `{"address_type":"EXTERNAL","ip_version":"IPV6"}`, "",
			[]want{{name: "Global IP address (unused)", quantity: "730", region: "-",
				attrs: map[string]string{"addressUse": "unused"}, assumed: []string{"reserved and unused"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, buildComputeGlobalAddress(resource(t, "google_compute_global_address", tt.values, tt.unknown)), tt.want)
		})
	}
}
