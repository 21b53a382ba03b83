package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-vpc-2025-11): "Hourly charge for In use Public IPv4
// Addresses per Hrs" and "… Idle …", 0.005 per hour in us-east-1 and
// eu-west-1.
func TestEIPPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_eip.plan.json",
		Resources: map[string]estimatortest.Resource{
			// 0.005 × 730 = 3.65.
			"aws_eip.nat": {Proposed: "3.65", Components: map[string]string{"Public IPv4 address (in use)": "3.65 vpc"},
				Assumed: map[string]string{"Public IPv4 address (in use)": "association unknown until apply"}},
			"aws_eip.web":   {Proposed: "3.65", Components: map[string]string{"Public IPv4 address (in use)": "3.65 vpc"}},
			"aws_eip.spare": {Prior: "3.65", Proposed: "3.65", Components: map[string]string{"Public IPv4 address (idle)": "3.65 vpc"}},
			// A BYOIP address has no public IPv4 charge.
			"aws_eip.byoip": {Proposed: "0", Components: map[string]string{}},
		},
		Proposed: "10.95",
	}})
}
