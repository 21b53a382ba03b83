package aws_test

import "testing"

// Rows used (aws-ebs-2024-07, label "Storage Snapshot Amazon S3 GB Mo"):
// snapshot storage us-east-1 0.05 (SKU 7U7TWP44UP36AT3R) and eu-central-1
// 0.054 (42HPMPRPNWRJYGZM) per GB-month; gp3 storage us-east-1 0.08.
func TestEBSSnapshotPlan(t *testing.T) {
	runComputePlans(t, []cpPlan{{
		file: "aws_ebs_snapshot.plan.json",
		resources: map[string]cpResource{
			// 100 × 0.08 = 8.
			"aws_ebs_volume.data": {proposed: "8", components: map[string]string{
				"Storage (general purpose SSD, gp3)": "8 ebs"}},
			// The size of the volume its volume_id names: 100 × 0.05 = 5.
			"aws_ebs_snapshot.data": {proposed: "5", components: map[string]string{"EBS snapshot storage": "5 ebs"}},
			// A volume outside the plan: 8 × 0.05 = 0.40.
			"aws_ebs_snapshot.external": {proposed: "0.4", components: map[string]string{"EBS snapshot storage": "0.4 ebs"},
				assumed: map[string]string{"EBS snapshot storage": "assumed 8 GB"}},
			// Existing, known size, archive tier at the standard rate: 50 × 0.05 = 2.5.
			"aws_ebs_snapshot.archived": {prior: "2.5", proposed: "2.5", components: map[string]string{"EBS snapshot storage": "2.5 ebs"},
				assumed: map[string]string{"EBS snapshot storage": "over-estimate"}},
			// Copy in eu-central-1 of a snapshot whose size is known at apply: 8 × 0.054 = 0.432.
			"aws_ebs_snapshot_copy.frankfurt": {proposed: "0.432", components: map[string]string{"EBS snapshot storage": "0.432 ebs"},
				assumed: map[string]string{"EBS snapshot storage": "the source snapshot not known: assumed 8 GB"}},
		},
		proposed: "16.332",
	}})
}
