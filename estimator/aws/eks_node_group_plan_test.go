package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (us-east-1): aws-ec2-ondemand-2025-11 Linux Shared t3.medium
// 0.0416, c5.large 0.085 per hour; aws-ebs-2024-07 gp2 0.10, gp3 0.08 per
// GB-month. Spot and us-east-1 CPU credits have no source (not found).
func TestEKSNodeGroupPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_eks_node_group.plan.json",
		Resources: map[string]estimatortest.Resource{
			// Defaults: 2 × t3.medium = 2 × 0.0416 × 730 = 60.736; 2 × 20 GB × 0.10 = 4.
			"aws_eks_node_group.default": {Proposed: "64.736", Components: map[string]string{
				"Instance usage (Linux/UNIX, on-demand, t3.medium)": "60.736 ec2",
				"CPU credits": "not found",
				"disk_size: Storage (general purpose SSD, gp2)": "4 ebs",
			}, Assumed: map[string]string{
				"Instance usage (Linux/UNIX, on-demand, t3.medium)": "assumed t3.medium (the EKS default)",
				"disk_size: Storage (general purpose SSD, gp2)":     "assumed 20 GB gp2",
			}},
			// 3 spot m5.large (no spot prices); 3 × 50 GB × 0.10 = 15.
			"aws_eks_node_group.spot": {Proposed: "15", Components: map[string]string{
				"Instance usage (Linux/UNIX, spot, m5.large)":   "not found",
				"disk_size: Storage (general purpose SSD, gp2)": "15 ebs",
			}},
			// From the launch template: 2 × c5.large = 2 × 0.085 × 730 = 124.1; 2 × 30 GB gp3 × 0.08 = 4.8.
			"aws_eks_node_group.templated": {Proposed: "128.9", Components: map[string]string{
				"Instance usage (Linux/UNIX, on-demand, c5.large)":                     "124.1 ec2",
				"block_device_mappings[/dev/xvda]: Storage (general purpose SSD, gp3)": "4.8 ebs",
			}},
		},
		Free:     []string{"aws_launch_template.nodes"},
		Proposed: "208.636",
	}})
}
