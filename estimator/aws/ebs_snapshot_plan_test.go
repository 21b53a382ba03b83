package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-ebs-2024-07, label "Storage Snapshot Amazon S3 GB Mo"):
// snapshot storage us-east-1 0.05 (SKU 7U7TWP44UP36AT3R) and eu-central-1
// 0.054 (42HPMPRPNWRJYGZM) per GB-month; gp3 storage us-east-1 0.08.
func TestEBSSnapshotPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_ebs_snapshot.plan.json",
		Resources: map[string]estimatortest.Resource{
			// 100 × 0.08 = 8.
			"aws_ebs_volume.data": {Proposed: "8", Components: map[string]string{
				"Storage (general purpose SSD, gp3)": "8 ebs"}},
			// The size of the volume its volume_id names: 100 × 0.05 = 5.
			"aws_ebs_snapshot.data": {Proposed: "5", Components: map[string]string{"EBS snapshot storage": "5 ebs"}},
			// A volume outside the plan: 8 × 0.05 = 0.40.
			"aws_ebs_snapshot.external": {Proposed: "0.4", Components: map[string]string{"EBS snapshot storage": "0.4 ebs"},
				Assumed: map[string]string{"EBS snapshot storage": "assumed 8 GB"}},
			// Existing, known size, archive tier at the standard rate: 50 × 0.05 = 2.5.
			"aws_ebs_snapshot.archived": {Prior: "2.5", Proposed: "2.5", Components: map[string]string{"EBS snapshot storage": "2.5 ebs"},
				Assumed: map[string]string{"EBS snapshot storage": "over-estimate"}},
			// Copy in eu-central-1 of a snapshot whose size is known at apply: 8 × 0.054 = 0.432.
			"aws_ebs_snapshot_copy.frankfurt": {Proposed: "0.432", Components: map[string]string{"EBS snapshot storage": "0.432 ebs"},
				Assumed: map[string]string{"EBS snapshot storage": "the source snapshot not known: assumed 8 GB"}},
		},
		Proposed: "16.332",
	}})
}
