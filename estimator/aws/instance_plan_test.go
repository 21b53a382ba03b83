package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (pricing-data/data):
//   - aws-ec2-ondemand-2025-11, Linux, Shared: us-east-1 t3.medium 0.0416,
//     t3.micro 0.0104, t3.small 0.0208 per hour; eu-west-1 t3.medium 0.0456,
//     c3.xlarge 0.239.
//   - aws-ec2-reserved-2025-04: us-east-1 m5.large 1yr standard No Upfront 0.06.
//   - aws-euw1-terracost-2023-02 (eu-west-1): m5.large Windows Shared 0.199,
//     t3.medium Linux Dedicated 0.0487; CPU Credits, usagetype
//     EU-CPUCredits:t3, Linux 0.05 per vCPU-hour; EU-EBSOptimized:c3.xlarge 0.02.
//   - aws-ebs-2024-07: us-east-1 gp2 0.10, gp3 0.08, io1 0.125 per GB-month,
//     io1 IOPS 0.065, gp3 IOPS 0.005 per IOPS-month, gp3 throughput 40.96 per
//     GiBps-month; eu-west-1 gp2 0.11, magnetic 0.055 per GB-month and
//     0.000000055 per I/O request.
//   - aws-cloudwatch-2025-09: us-east-1 "Metric" first tier 0.30 per metric-month.
//
// No source has spot prices or CPU credits outside eu-west-1: those lines
// are "price not found" (data gaps).
func TestInstancePlan(t *testing.T) {
	const usage = `version: 0.1
resource_usage:
  aws_instance.db:
    operating_system: linux
    reserved_instance_type: standard
    reserved_instance_term: 1_year
    reserved_instance_payment_option: no_upfront
  aws_instance.win:
    operating_system: windows
  aws_instance.burst:
    operating_system: linux
    monthly_cpu_credit_hrs: 100
  aws_instance.old:
    operating_system: linux
    monthly_standard_io_requests: 5000000
`
	checkAWSPlans(t, []estimatortest.Plan{{
		File:  "aws_instance.plan.json",
		Usage: usage,
		Resources: map[string]estimatortest.Resource{
			// 0.0416 × 730 = 30.368; 20 GB × 0.08 = 1.6.
			"aws_instance.web": {Proposed: "31.968", Components: map[string]string{
				"Instance usage (Linux/UNIX, on-demand, t3.medium)": "30.368 ec2",
				"CPU credits": "not found",
				"root_block_device: Storage (general purpose SSD, gp3)": "1.6 ebs",
			}, Assumed: map[string]string{
				"Instance usage (Linux/UNIX, on-demand, t3.medium)": "assumed Linux",
			}},
			// 0.06 × 730 = 43.8; 7 × 0.30 = 2.1; 50 × 0.10 = 5; io1 100 × 0.125 = 12.5 and
			// 1000 × 0.065 = 65; gp3 200 × 0.08 = 16, (4000 − 3000) × 0.005 = 5,
			// (250 − 125) MiB/s = 0.1220703125 GiB/s × 40.96 = 5.
			"aws_instance.db": {Proposed: "154.4", Components: map[string]string{
				"Instance usage (Linux/UNIX, reserved 1yr standard No Upfront, m5.large)": "43.8 ec2ri",
				"EC2 detailed monitoring":                                              "2.1 cw",
				"root_block_device: Storage (general purpose SSD, gp2)":                "5 ebs",
				"ebs_block_device[/dev/sdf]: Storage (provisioned IOPS SSD, io1)":      "12.5 ebs",
				"ebs_block_device[/dev/sdf]: Provisioned IOPS":                         "65 ebs",
				"ebs_block_device[/dev/sdg]: Storage (general purpose SSD, gp3)":       "16 ebs",
				"ebs_block_device[/dev/sdg]: Provisioned IOPS (above 3,000)":           "5 ebs",
				"ebs_block_device[/dev/sdg]: Provisioned throughput (above 125 MiB/s)": "5 ebs",
			}},
			// 0.199 × 730 = 145.27; root unknown: 8 GB × 0.11 = 0.88.
			"aws_instance.win": {Proposed: "146.15", Components: map[string]string{
				"Instance usage (Windows, on-demand, m5.large)":         "145.27 euw1",
				"root_block_device: Storage (general purpose SSD, gp2)": "0.88 ebs",
			}, Assumed: map[string]string{
				"root_block_device: Storage (general purpose SSD, gp2)": "root_block_device unknown until apply: assumed 8 GB gp2",
			}},
			// 0.0456 × 730 = 33.288; 100 h × 2 vCPUs × 0.05 = 10; 8 × 0.11 = 0.88.
			"aws_instance.burst": {Proposed: "44.168", Components: map[string]string{
				"Instance usage (Linux/UNIX, on-demand, t3.medium)": "33.288 ec2",
				"CPU credits": "10 euw1",
				"root_block_device: Storage (general purpose SSD, gp2)": "0.88 ebs",
			}},
			// 0.239 × 730 = 174.47; 0.02 × 730 = 14.6; 10 × 0.055 = 0.55; 5,000,000 × 0.000000055 = 0.275.
			"aws_instance.old": {Proposed: "189.895", Components: map[string]string{
				"Instance usage (Linux/UNIX, on-demand, c3.xlarge)": "174.47 ec2",
				"EBS-optimized usage":                               "14.6 euw1",
				"root_block_device: Storage (magnetic)":             "0.55 ebs",
				"root_block_device: I/O requests":                   "0.275 ebs",
			}},
			// Spot: no source has spot prices. 8 × 0.10 = 0.8.
			"aws_instance.spot": {Proposed: "0.8", Components: map[string]string{
				"Instance usage (Linux/UNIX, spot, c5.large)":           "not found",
				"root_block_device: Storage (general purpose SSD, gp2)": "0.8 ebs",
			}},
			// 0.0487 × 730 = 35.551; standard credits: no CPU credits line; 8 × 0.11 = 0.88.
			"aws_instance.dedicated": {Proposed: "36.431", Components: map[string]string{
				"Instance usage (Linux/UNIX, on-demand, dedicated, t3.medium)": "35.551 euw1",
				"root_block_device: Storage (general purpose SSD, gp2)":        "0.88 ebs",
			}},
			// t3.micro → t3.small: prior 0.0104 × 730 + 0.8 = 8.392, proposed 0.0208 × 730 + 0.8 = 15.984.
			"aws_instance.resize": {Prior: "8.392", Proposed: "15.984", Components: map[string]string{
				"Instance usage (Linux/UNIX, on-demand, t3.small)":      "15.184 ec2",
				"root_block_device: Storage (general purpose SSD, gp2)": "0.8 ebs",
			}},
		},
		Proposed: "619.796",
	}})
}
