package aws

import "testing"

func TestBuildEIP(t *testing.T) {
	const (
		inUse = "Public IPv4 address (in use); h=1; AmazonVPC//us-east-1; pricingPageLabel=Hourly charge for In use Public IPv4 Addresses per Hrs; on_demand"
		idle  = "Public IPv4 address (idle); h=1; AmazonVPC//us-east-1; pricingPageLabel=Hourly charge for Idle Public IPv4 Addresses per Hrs; on_demand"
	)
	tests := []struct {
		name, values, unknown string
		want                  []string
	}{
		{"new address, association decided at apply", `{"domain": "vpc"}`, `{"instance": true, "association_id": true}`,
			[]string{inUse + "; assumed: association unknown until apply: assumed in use"}},
		{"attached to an instance", `{"instance": "i-0123", "domain": "vpc"}`, "", []string{inUse}},
		{"attached to a network interface", `{"network_interface": "eni-1"}`, "", []string{inUse}},
		{"idle", `{"domain": "vpc", "instance": "", "network_interface": null, "association_id": ""}`, "", []string{idle}},
		{"Amazon pool", `{"public_ipv4_pool": "amazon", "instance": "i-1"}`, "", []string{inUse}},
		{"BYOIP pool: no public IPv4 charge", `{"public_ipv4_pool": "ipv4pool-ec2-012345"}`, "", nil},
		{"customer-owned pool: no public IPv4 charge", `{"customer_owned_ipv4_pool": "ipv4pool-coip-1"}`, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkComputeLines(t, buildEIP(computeResource(t, "aws_eip", tt.values, tt.unknown, "")), tt.want)
		})
	}
}
