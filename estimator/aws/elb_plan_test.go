package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-euw1-terracost-2023-02, AWSELB "Load Balancer", eu-west-1):
// 0.028 per hour and 0.008 per GB processed. us-east-1 has no ELB price.
func TestELBPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_elb.plan.json",
		Usage: `version: 0.1
resource_usage:
  aws_elb.classic:
    monthly_data_processed_gb: 1000
`,
		Resources: map[string]estimatortest.Resource{
			// 0.028 × 730 = 20.44; 1000 × 0.008 = 8.
			"aws_elb.classic": {Proposed: "28.44", Components: map[string]string{
				"Classic load balancer": "20.44 euw1", "Data processed": "8 euw1"}},
			"aws_elb.virginia": {Proposed: "0", Components: map[string]string{
				"Classic load balancer": "not found", "Data processed": "not found"}},
		},
		Proposed: "28.44",
	}})
}
