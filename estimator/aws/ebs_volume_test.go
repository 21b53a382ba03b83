package aws

import "testing"

func TestBuildEBSVolume(t *testing.T) {
	tests := []struct {
		name, values, unknown, usage string
		want                         []string
	}{
		{"gp2", `{"type": "gp2", "size": 100}`, "", "",
			[]string{"Storage (general purpose SSD, gp2); m=100; " + ec2Storage + "; volumeApiName=gp2; on_demand"}},
		{"size and type missing: 8 GB gp2 assumed", `{"availability_zone": "us-east-1a"}`, `{"type": true}`, "",
			[]string{"Storage (general purpose SSD, gp2); m=8; " + ec2Storage + "; volumeApiName=gp2; on_demand; assumed: type unknown until apply: assumed gp2 | size not set: assumed 8 GB"}},
		{"size from a snapshot", `{"type": "gp3", "snapshot_id": "snap-1"}`, `{"size": true}`, "",
			[]string{"Storage (general purpose SSD, gp3); m=8; " + ec2Storage + "; volumeApiName=gp3; on_demand; assumed: size unknown until apply: assumed 8 GB (the snapshot's size may differ)"}},
		{"gp3 at the included IOPS and throughput: storage only", `{"type": "gp3", "size": 10, "iops": 3000, "throughput": 125}`, "", "",
			[]string{"Storage (general purpose SSD, gp3); m=10; " + ec2Storage + "; volumeApiName=gp3; on_demand"}},
		{"gp3 IOPS and throughput unknown: the included amounts", `{"type": "gp3", "size": 10}`, `{"iops": true, "throughput": true}`, "",
			[]string{"Storage (general purpose SSD, gp3); m=10; " + ec2Storage + "; volumeApiName=gp3; on_demand; assumed: iops unknown until apply: assumed the 3000 included IOPS | throughput unknown until apply: assumed the 125 MiB/s included"}},
		{"gp3 above both", `{"type": "gp3", "size": 200, "iops": 6000, "throughput": 1000}`, "", "",
			[]string{
				"Storage (general purpose SSD, gp3); m=200; " + ec2Storage + "; volumeApiName=gp3; on_demand",
				"Provisioned IOPS (above 3,000); m=3000; " + ec2SysOp + "; group=EBS IOPS,volumeApiName=gp3; on_demand",
				"Provisioned throughput (above 125 MiB/s); m=0.8544921875; AmazonEC2/Provisioned Throughput/us-east-1; volumeApiName=gp3; on_demand x0.0009765625",
			}},
		{"io1", `{"type": "io1", "size": 10, "iops": 500}`, "", "",
			[]string{
				"Storage (provisioned IOPS SSD, io1); m=10; " + ec2Storage + "; volumeApiName=io1; on_demand",
				"Provisioned IOPS; m=500; " + ec2SysOp + "; group=EBS IOPS,volumeApiName=io1; on_demand",
			}},
		{"io2 below the second tier", `{"type": "io2", "size": 10, "iops": 32000}`, "", "",
			[]string{
				"Storage (provisioned IOPS SSD, io2); m=10; " + ec2Storage + "; volumeApiName=io2; on_demand",
				"Provisioned IOPS; m=32000; " + ec2SysOp + "; group=EBS IOPS,volumeApiName=io2; on_demand",
			}},
		{"io2 IOPS not set", `{"type": "io2", "size": 10}`, "", "",
			[]string{
				"Storage (provisioned IOPS SSD, io2); m=10; " + ec2Storage + "; volumeApiName=io2; on_demand; assumed: iops not set: provisioned IOPS not estimated",
				"Provisioned IOPS; usage; " + ec2SysOp + "; group=EBS IOPS,volumeApiName=io2; on_demand",
			}},
		{"st1", `{"type": "st1", "size": 500}`, "", "",
			[]string{"Storage (throughput optimized HDD, st1); m=500; " + ec2Storage + "; volumeApiName=st1; on_demand"}},
		{"sc1", `{"type": "sc1", "size": 500}`, "", "",
			[]string{"Storage (cold HDD, sc1); m=500; " + ec2Storage + "; volumeApiName=sc1; on_demand"}},
		{"magnetic without usage", `{"type": "standard", "size": 15}`, "", "",
			[]string{
				"Storage (magnetic); m=15; " + ec2Storage + "; volumeApiName=standard; on_demand",
				"I/O requests; usage; " + ec2SysOp + "; group=EBS I/O Requests,volumeApiName=standard; on_demand x1000000; usage-based",
			}},
		{"magnetic with usage", `{"type": "standard", "size": 15}`, "", `{"monthly_standard_io_requests": 10000000}`,
			[]string{
				"Storage (magnetic); m=15; " + ec2Storage + "; volumeApiName=standard; on_demand",
				"I/O requests; m=10000000; " + ec2SysOp + "; group=EBS I/O Requests,volumeApiName=standard; on_demand x1000000; usage-based",
			}},
		{"magnetic with bad usage", `{"type": "standard", "size": 15}`, "", `{"monthly_standard_io_requests": "lots"}`,
			[]string{
				"Storage (magnetic); m=15; " + ec2Storage + "; volumeApiName=standard; on_demand",
				"I/O requests; usage; " + ec2SysOp + "; group=EBS I/O Requests,volumeApiName=standard; on_demand x1000000; usage-based; assumed: usage monthly_standard_io_requests is not a non-negative number: ignored",
			}},
		{"unknown type: kept, so that it is not found", `{"type": "gp9", "size": 5}`, "", "",
			[]string{"Storage (gp9); m=5; " + ec2Storage + "; volumeApiName=gp9; on_demand"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkComputeLines(t, buildEBSVolume(computeResource(t, "aws_ebs_volume", tt.values, tt.unknown, tt.usage)), tt.want)
		})
	}
}
