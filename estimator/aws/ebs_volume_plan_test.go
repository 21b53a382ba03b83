package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-ebs-2024-07, ec2.shop ebs.json): us-east-1 gp2 0.10, gp3
// 0.08, io2 0.125, st1 0.045, sc1 0.015, magnetic 0.05 per GB-month; gp3 IOPS
// 0.005, io2 IOPS 0.065 (tier 2: 0.0455) per IOPS-month; gp3 throughput 40.96
// per GiBps-month; magnetic I/O 0.00000005 per request; eu-west-1 gp3 0.088.
func TestEBSVolumePlan(t *testing.T) {
	const usage = `version: 0.1
resource_usage:
  aws_ebs_volume.magnetic:
    monthly_standard_io_requests: 10000000
`
	checkAWSPlans(t, []estimatortest.Plan{{
		File:  "aws_ebs_volume.plan.json",
		Usage: usage,
		Resources: map[string]estimatortest.Resource{
			"aws_ebs_volume.gp2": {Proposed: "10", Components: map[string]string{"Storage (general purpose SSD, gp2)": "10 ebs"}},
			// 500 × 0.08 = 40; (6000 − 3000) × 0.005 = 15; (500 − 125) / 1024 GiB/s × 40.96 = 15.
			"aws_ebs_volume.gp3": {Proposed: "70", Components: map[string]string{
				"Storage (general purpose SSD, gp3)":       "40 ebs",
				"Provisioned IOPS (above 3,000)":           "15 ebs",
				"Provisioned throughput (above 125 MiB/s)": "15 ebs",
			}},
			// 100 × 0.125 = 12.5; 32,000 × 0.065 = 2,080; 8,000 × 0.0455 = 364.
			"aws_ebs_volume.io2": {Proposed: "2456.5", Components: map[string]string{
				"Storage (provisioned IOPS SSD, io2)": "12.5 ebs",
				"Provisioned IOPS":                    "2080 ebs",
				"Provisioned IOPS (32,001-64,000)":    "364 ebs",
			}},
			"aws_ebs_volume.st1": {Proposed: "22.5", Components: map[string]string{"Storage (throughput optimized HDD, st1)": "22.5 ebs"}},
			"aws_ebs_volume.sc1": {Proposed: "15", Components: map[string]string{"Storage (cold HDD, sc1)": "15 ebs"}},
			// 15 × 0.05 = 0.75; 10,000,000 × 0.00000005 = 0.5.
			"aws_ebs_volume.magnetic": {Proposed: "1.25", Components: map[string]string{
				"Storage (magnetic)": "0.75 ebs",
				"I/O requests":       "0.5 ebs",
			}},
			// Size and type unknown: 8 GB gp2 × 0.10.
			"aws_ebs_volume.from_snapshot": {Proposed: "0.8", Components: map[string]string{
				"Storage (general purpose SSD, gp2)": "0.8 ebs",
			}, Assumed: map[string]string{
				"Storage (general purpose SSD, gp2)": "size unknown until apply: assumed 8 GB (the snapshot's size may differ)",
			}},
			"aws_ebs_volume.ireland": {Proposed: "8.8", Components: map[string]string{"Storage (general purpose SSD, gp3)": "8.8 ebs"}},
		},
		Proposed: "2584.85",
	}})
}
