package aws_test

import "testing"

// Rows used (aws-euw1-terracost-2023-02, AWSELB "Load Balancer", eu-west-1):
// 0.028 per hour and 0.008 per GB processed. us-east-1 has no ELB price.
func TestELBPlan(t *testing.T) {
	runComputePlans(t, []cpPlan{{
		file: "aws_elb.plan.json",
		usage: `version: 0.1
resource_usage:
  aws_elb.classic:
    monthly_data_processed_gb: 1000
`,
		resources: map[string]cpResource{
			// 0.028 × 730 = 20.44; 1000 × 0.008 = 8.
			"aws_elb.classic": {proposed: "28.44", components: map[string]string{
				"Classic load balancer": "20.44 euw1", "Data processed": "8 euw1"}},
			"aws_elb.virginia": {proposed: "0", components: map[string]string{
				"Classic load balancer": "not found", "Data processed": "not found"}},
		},
		proposed: "28.44",
	}})
}
