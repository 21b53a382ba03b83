package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (us-east-1): aws-ec2-ondemand-2025-11 Linux Shared m5.large
// 0.096, t3.small 0.0208, t3.large 0.0832 per hour; aws-cloudwatch-2025-09
// "Metric" 0.30 per metric-month; aws-ebs-2024-07 gp2 0.10, gp3 0.08 per
// GB-month. Spot and us-east-1 CPU credits have no source (not found).
func TestAutoscalingGroupPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_autoscaling_group.plan.json",
		Resources: map[string]estimatortest.Resource{
			// 3 × m5.large from the template: 3 × 0.096 × 730 = 210.24; monitoring 21 × 0.30 = 6.3;
			// assumed 8 GB root × 3 × 0.10 = 2.4; gp3 100 GB × 3 × 0.08 = 24.
			"aws_autoscaling_group.app": {Proposed: "242.94", Components: map[string]string{
				"Instance usage (Linux/UNIX, on-demand, m5.large)":                    "210.24 ec2",
				"EC2 detailed monitoring":                                             "6.3 cw",
				"root volume: Storage (general purpose SSD, gp2)":                     "2.4 ebs",
				"block_device_mappings[/dev/sdf]: Storage (general purpose SSD, gp3)": "24 ebs",
			}, Assumed: map[string]string{
				"root volume: Storage (general purpose SSD, gp2)": "no block device mapping for the root device",
			}},
			// 2 × t3.small from the launch configuration: 2 × 0.0208 × 730 = 30.368; monitoring
			// (on by default) 14 × 0.30 = 4.2; root 10 GB × 2 × 0.10 = 2.
			"aws_autoscaling_group.workers": {Proposed: "36.568", Components: map[string]string{
				"Instance usage (Linux/UNIX, on-demand, t3.small)":      "30.368 ec2",
				"EC2 detailed monitoring":                               "4.2 cw",
				"CPU credits":                                           "not found",
				"root_block_device: Storage (general purpose SSD, gp2)": "2 ebs",
			}},
			// 4 units, base 1, 50 % above on demand: 1 + ceil(1.5) = 3 on demand, 1 spot, of the
			// override t3.large: 3 × 0.0832 × 730 = 182.208; assumed root 8 GB × 4 × 0.10 = 3.2.
			"aws_autoscaling_group.mixed": {Proposed: "185.408", Components: map[string]string{
				"Instance usage (Linux/UNIX, on-demand, t3.large)": "182.208 ec2",
				"Instance usage (Linux/UNIX, spot, t3.large)":      "not found",
				"CPU credits": "not found",
				"root volume: Storage (general purpose SSD, gp2)": "3.2 ebs",
			}},
		},
		Free:     []string{"aws_launch_template.app", "aws_launch_configuration.workers", "aws_launch_template.burst"},
		Proposed: "464.916",
	}})
}
