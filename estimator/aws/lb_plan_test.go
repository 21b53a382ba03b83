package aws_test

import "testing"

// Rows used (aws-euw1-terracost-2023-02, AWSELB, eu-west-1, the only ELB
// prices in the data): Load Balancer-Application 0.0252 per hour and 0.008
// per LCU-hour (the Outposts LCU row of the same date is 0: ambiguous, the
// highest wins), Load Balancer-Network 0.0252 and 0.006, Load
// Balancer-Gateway 0.014 and 0.004. us-east-1 has no ELB price.
func TestLBPlan(t *testing.T) {
	runComputePlans(t, []cpPlan{{
		file: "aws_lb.plan.json",
		usage: `version: 0.1
resource_usage:
  aws_lb.web:
    new_connections: 50
    processed_bytes_gb: 0.5
`,
		resources: map[string]cpResource{
			// 0.0252 × 730 = 18.396; 50 new connections/s = 2 LCU (0.5 GB/h = 0.5): 2 × 730 × 0.008 = 11.68.
			"aws_lb.web": {proposed: "30.076", components: map[string]string{
				"Application load balancer":    "18.396 euw1",
				"Load balancer capacity units": "11.68 euw1 ambiguous",
			}},
			"aws_lb.tcp": {proposed: "18.396", components: map[string]string{
				"Network load balancer":        "18.396 euw1",
				"Load balancer capacity units": "usage euw1",
			}},
			// 0.014 × 730 = 10.22.
			"aws_lb.inspect": {proposed: "10.22", components: map[string]string{
				"Gateway load balancer":        "10.22 euw1",
				"Load balancer capacity units": "usage euw1",
			}},
			"aws_alb.legacy": {proposed: "18.396", components: map[string]string{
				"Application load balancer":    "18.396 euw1",
				"Load balancer capacity units": "usage euw1 ambiguous",
			}, assumed: map[string]string{"Application load balancer": "assumed application"}},
			"aws_lb.virginia": {proposed: "0", components: map[string]string{
				"Application load balancer":    "not found",
				"Load balancer capacity units": "not found",
			}},
		},
		proposed: "77.088",
	}})
}
