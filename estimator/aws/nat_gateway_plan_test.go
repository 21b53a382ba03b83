package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-natgateway-2025-10): us-east-1 0.045 per hour and 0.045 per
// GB processed; eu-west-1 0.048 and 0.048.
func TestNATGatewayPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_nat_gateway.plan.json",
		Usage: `version: 0.1
resource_usage:
  aws_nat_gateway.public:
    monthly_data_processed_gb: 100
`,
		Resources: map[string]estimatortest.Resource{
			// 0.045 × 730 = 32.85; 100 × 0.045 = 4.5.
			"aws_nat_gateway.public": {Proposed: "37.35", Components: map[string]string{
				"NAT gateway": "32.85 nat", "Data processed": "4.5 nat"}},
			// Private, in eu-west-1 through the aliased provider: 0.048 × 730 = 35.04.
			"aws_nat_gateway.ireland": {Proposed: "35.04", Components: map[string]string{
				"NAT gateway": "35.04 nat", "Data processed": "usage nat"}},
		},
		Proposed: "72.39",
	}})
}
