package aws_test

import "testing"

// Rows used (aws-vpc-2025-11): "Hourly charge for In use Public IPv4
// Addresses per Hrs" and "… Idle …", 0.005 per hour in us-east-1 and
// eu-west-1.
func TestEIPPlan(t *testing.T) {
	runComputePlans(t, []cpPlan{{
		file: "aws_eip.plan.json",
		resources: map[string]cpResource{
			// 0.005 × 730 = 3.65.
			"aws_eip.nat": {proposed: "3.65", components: map[string]string{"Public IPv4 address (in use)": "3.65 vpc"},
				assumed: map[string]string{"Public IPv4 address (in use)": "association unknown until apply"}},
			"aws_eip.web":   {proposed: "3.65", components: map[string]string{"Public IPv4 address (in use)": "3.65 vpc"}},
			"aws_eip.spare": {prior: "3.65", proposed: "3.65", components: map[string]string{"Public IPv4 address (idle)": "3.65 vpc"}},
			// A BYOIP address has no public IPv4 charge.
			"aws_eip.byoip": {proposed: "0", components: map[string]string{}},
		},
		proposed: "10.95",
	}})
}
