package aws

import "testing"

func TestBuildEBSSnapshots(t *testing.T) {
	tests := []struct {
		name, typ, values, unknown string
		refs                       map[string]string
		want                       []string
	}{
		{"own size", "aws_ebs_snapshot", `{"volume_size": 20}`, "", nil,
			[]string{"EBS snapshot storage; m=20; AmazonEC2/Storage Snapshot/us-east-1; ; on_demand GB-Mo"}},
		{"size of the referenced volume", "aws_ebs_snapshot", `{}`, `{"volume_size": true}`,
			map[string]string{"volume_id": `{"size": 30, "type": "gp3"}`},
			[]string{"EBS snapshot storage; m=30; AmazonEC2/Storage Snapshot/us-east-1; ; on_demand GB-Mo"}},
		{"referenced volume of unknown size", "aws_ebs_snapshot", `{}`, `{"volume_size": true}`,
			map[string]string{"volume_id": `{"type": "gp3"}`},
			[]string{"EBS snapshot storage; m=8; AmazonEC2/Storage Snapshot/us-east-1; ; on_demand GB-Mo; assumed: " +
				"volume_size unknown until apply and the size of the volume not known: assumed 8 GB"}},
		{"archive tier", "aws_ebs_snapshot", `{"volume_size": 100, "storage_tier": "archive"}`, "", nil,
			[]string{"EBS snapshot storage; m=100; AmazonEC2/Storage Snapshot/us-east-1; ; on_demand GB-Mo; assumed: " +
				"storage_tier archive: the archive rate is not in the price data, priced at the standard rate (an over-estimate)"}},
		{"negative size is not a size", "aws_ebs_snapshot", `{"volume_size": -5}`, "", nil,
			[]string{"EBS snapshot storage; m=8; AmazonEC2/Storage Snapshot/us-east-1; ; on_demand GB-Mo; assumed: " +
				"volume_size not set and the size of the volume not known: assumed 8 GB"}},
		{"copy: size of the source snapshot", "aws_ebs_snapshot_copy", `{"source_region": "eu-west-1"}`, `{"volume_size": true}`,
			map[string]string{"source_snapshot_id": `{"volume_size": 40}`},
			[]string{"EBS snapshot storage; m=40; AmazonEC2/Storage Snapshot/us-east-1; ; on_demand GB-Mo"}},
		{"copy: a volume's size is not a snapshot's", "aws_ebs_snapshot_copy", `{}`, `{"volume_size": true}`,
			map[string]string{"source_snapshot_id": `{"size": 40}`},
			[]string{"EBS snapshot storage; m=8; AmazonEC2/Storage Snapshot/us-east-1; ; on_demand GB-Mo; assumed: " +
				"volume_size unknown until apply and the size of the source snapshot not known: assumed 8 GB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := computeResource(t, tt.typ, tt.values, tt.unknown, "")
			if tt.refs != nil {
				r = withComputeRefs(t, r, tt.refs)
			}
			build := buildEBSSnapshot
			if tt.typ == "aws_ebs_snapshot_copy" {
				build = buildEBSSnapshotCopy
			}
			checkComputeLines(t, build(r), tt.want)
		})
	}
}
