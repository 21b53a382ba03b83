package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-euw1-terracost-2023-02, AWSELB, eu-west-1, the only ELB
// prices in the data): Load Balancer-Application 0.0252 per hour and 0.008
// per LCU-hour (the Outposts LCU row of the same date is 0: ambiguous, the
// highest wins), Load Balancer-Network 0.0252 and 0.006, Load
// Balancer-Gateway 0.014 and 0.004. us-east-1 has no ELB price.
func TestLBPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_lb.plan.json",
		Usage: `version: 0.1
resource_usage:
  aws_lb.web:
    new_connections: 50
    processed_bytes_gb: 0.5
`,
		Resources: map[string]estimatortest.Resource{
			// 0.0252 × 730 = 18.396; 50 new connections/s = 2 LCU (0.5 GB/h = 0.5): 2 × 730 × 0.008 = 11.68.
			"aws_lb.web": {Proposed: "30.076", Components: map[string]string{
				"Application load balancer":    "18.396 euw1",
				"Load balancer capacity units": "11.68 euw1 ambiguous",
			}},
			"aws_lb.tcp": {Proposed: "18.396", Components: map[string]string{
				"Network load balancer":        "18.396 euw1",
				"Load balancer capacity units": "usage euw1",
			}},
			// 0.014 × 730 = 10.22.
			"aws_lb.inspect": {Proposed: "10.22", Components: map[string]string{
				"Gateway load balancer":        "10.22 euw1",
				"Load balancer capacity units": "usage euw1",
			}},
			"aws_alb.legacy": {Proposed: "18.396", Components: map[string]string{
				"Application load balancer":    "18.396 euw1",
				"Load balancer capacity units": "usage euw1 ambiguous",
			}, Assumed: map[string]string{"Application load balancer": "assumed application"}},
			"aws_lb.virginia": {Proposed: "0", Components: map[string]string{
				"Application load balancer":    "not found",
				"Load balancer capacity units": "not found",
			}},
		},
		Proposed: "77.088",
	}})
}
