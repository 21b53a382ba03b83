package aws

import "testing"

func TestBuildInstance(t *testing.T) {
	const rootDefault = "root_block_device: Storage (general purpose SSD, gp2); m=8; " + ec2Storage + "; volumeApiName=gp2; on_demand"
	tests := []struct {
		name, values, unknown, usage string
		want                         []string
	}{
		{
			name:    "t3 defaults: unlimited credits, root volume unknown, tenancy unknown",
			values:  `{"instance_type": "t3.medium", "ebs_block_device": []}`,
			unknown: `{"tenancy": true, "root_block_device": true, "credit_specification": true}`,
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, t3.medium); h=1; " + ec2Compute + "; " + linuxInstance("t3.medium") + "; on_demand; assumed: tenancy unknown until apply: assumed default (shared) | " + noOSNote,
				"CPU credits; usage; AmazonEC2/CPU Credits/us-east-1; operatingSystem=Linux,usagetype=CPUCredits:t3; on_demand; usage-based",
				rootDefault + "; assumed: root_block_device unknown until apply: assumed 8 GB gp2 (the AMI's root volume may differ)",
			},
		},
		{
			name: "dedicated m5 with monitoring, gp3 root above the included IOPS and throughput, io2 in three tiers",
			values: `{"instance_type": "m5.large", "tenancy": "dedicated", "monitoring": true, "ebs_optimized": true,
				"root_block_device": [{"volume_type": "gp3", "volume_size": 50, "iops": 4000, "throughput": 250}],
				"ebs_block_device": [{"device_name": "/dev/sdf", "volume_type": "io2", "volume_size": 100, "iops": 70000}]}`,
			usage: `{"operating_system": "linux"}`,
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, dedicated, m5.large); h=1; " + ec2Compute + "; capacitystatus=Used,instanceType=m5.large,licenseModel=No License required,operatingSystem=Linux,preInstalledSw=NA,tenancy=Dedicated; on_demand",
				"EC2 detailed monitoring; m=7; AmazonCloudWatch//us-east-1; pricingPageLabel=Metric; on_demand",
				"root_block_device: Storage (general purpose SSD, gp3); m=50; " + ec2Storage + "; volumeApiName=gp3; on_demand",
				"root_block_device: Provisioned IOPS (above 3,000); m=1000; " + ec2SysOp + "; group=EBS IOPS,volumeApiName=gp3; on_demand",
				"root_block_device: Provisioned throughput (above 125 MiB/s); m=0.1220703125; AmazonEC2/Provisioned Throughput/us-east-1; volumeApiName=gp3; on_demand x0.0009765625",
				"ebs_block_device[/dev/sdf]: Storage (provisioned IOPS SSD, io2); m=100; " + ec2Storage + "; volumeApiName=io2; on_demand",
				"ebs_block_device[/dev/sdf]: Provisioned IOPS; m=32000; " + ec2SysOp + "; group=EBS IOPS,volumeApiName=io2; on_demand",
				"ebs_block_device[/dev/sdf]: Provisioned IOPS (32,001-64,000); m=32000; " + ec2SysOp + "; group=EBS IOPS Tier 2,volumeApiName=io2; on_demand",
				"ebs_block_device[/dev/sdf]: Provisioned IOPS (above 64,000); m=6000; " + ec2SysOp + "; group=EBS IOPS Tier 3,volumeApiName=io2; on_demand",
			},
		},
		{
			name:   "windows, 3-year convertible partial-upfront reservation from usage, part of the month",
			values: `{"instance_type": "m5.xlarge", "tenancy": "default", "root_block_device": [{"volume_type": "gp2", "volume_size": 30}]}`,
			usage: `{"operating_system": "windows", "reserved_instance_type": "convertible", "reserved_instance_term": "3_year",
				"reserved_instance_payment_option": "partial_upfront", "monthly_hrs": 500}`,
			want: []string{
				"Instance usage (Windows, reserved 3yr convertible Partial Upfront, m5.xlarge); m=500; " + ec2Compute + "; capacitystatus=Used,instanceType=m5.xlarge,licenseModel=No License required,operatingSystem=Windows,preInstalledSw=NA,tenancy=Shared; reserved Hrs 3yr/Partial Upfront/convertible",
				"Reservation upfront fee (3yr Partial Upfront, spread over 36 months); m=0.0277777777777778; " + ec2Compute + "; capacitystatus=Used,instanceType=m5.xlarge,licenseModel=No License required,operatingSystem=Windows,preInstalledSw=NA,tenancy=Shared; reserved Quantity 3yr/Partial Upfront/convertible",
				"root_block_device: Storage (general purpose SSD, gp2); m=30; " + ec2Storage + "; volumeApiName=gp2; on_demand",
			},
		},
		{
			name:   "reservation with only the type given; unknown OS kept so that it is not found",
			values: `{"instance_type": "m5.large", "root_block_device": [{"volume_type": "gp2", "volume_size": 8}]}`,
			usage:  `{"operating_system": "beos", "reserved_instance_type": "standard"}`,
			want: []string{
				"Instance usage (beos, reserved 1yr standard No Upfront, m5.large); h=1; " + ec2Compute + "; capacitystatus=Used,instanceType=m5.large,licenseModel=No License required,operatingSystem=beos,preInstalledSw=NA,tenancy=Shared; reserved Hrs 1yr/No Upfront/standard; assumed: usage operating_system \"beos\" is not linux, windows, rhel or suse: no price | usage reserved_instance_term not set: assumed 1_year | usage reserved_instance_payment_option not set: assumed no_upfront",
				"root_block_device: Storage (general purpose SSD, gp2); m=8; " + ec2Storage + "; volumeApiName=gp2; on_demand",
			},
		},
		{
			name:   "spot market; a reservation in usage does not apply",
			values: `{"instance_type": "c5.large", "instance_market_options": [{"market_type": "spot"}], "root_block_device": [{"volume_size": 20}]}`,
			usage:  `{"reserved_instance_type": "standard", "reserved_instance_term": "1_year", "reserved_instance_payment_option": "no_upfront"}`,
			want: []string{
				"Instance usage (Linux/UNIX, spot, c5.large); h=1; " + ec2Compute + "; " + linuxInstance("c5.large") + "; spot; assumed: " + noOSNote + " | usage reserved_instance_* ignored: the instances are spot",
				"root_block_device: Storage (general purpose SSD, gp2); m=20; " + ec2Storage + "; volumeApiName=gp2; on_demand; assumed: root_block_device.volume_type not set: assumed gp2",
			},
		},
		{
			name:   "t2 is standard by default: no credits",
			values: `{"instance_type": "t2.micro", "credit_specification": [], "root_block_device": [{"volume_type": "gp2", "volume_size": 8}]}`,
			usage:  `{"operating_system": "linux"}`,
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, t2.micro); h=1; " + ec2Compute + "; " + linuxInstance("t2.micro") + "; on_demand",
				"root_block_device: Storage (general purpose SSD, gp2); m=8; " + ec2Storage + "; volumeApiName=gp2; on_demand",
			},
		},
		{
			name:   "t2 unlimited with burst hours: 1 vCPU",
			values: `{"instance_type": "t2.micro", "credit_specification": [{"cpu_credits": "unlimited"}], "root_block_device": [{"volume_type": "gp2", "volume_size": 8}]}`,
			usage:  `{"operating_system": "linux", "monthly_cpu_credit_hrs": 100}`,
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, t2.micro); h=1; " + ec2Compute + "; " + linuxInstance("t2.micro") + "; on_demand",
				"CPU credits; m=100; AmazonEC2/CPU Credits/us-east-1; operatingSystem=Linux,usagetype=CPUCredits:t2; on_demand; usage-based",
				"root_block_device: Storage (general purpose SSD, gp2); m=8; " + ec2Storage + "; volumeApiName=gp2; on_demand",
			},
		},
		{
			name:   "t3 set to standard: no credits; vcpu_count overrides the table",
			values: `{"instance_type": "t3.large", "credit_specification": [{"cpu_credits": "standard"}], "root_block_device": [{"volume_type": "gp2", "volume_size": 8}]}`,
			usage:  `{"operating_system": "linux", "monthly_cpu_credit_hrs": 100, "vcpu_count": 4}`,
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, t3.large); h=1; " + ec2Compute + "; " + linuxInstance("t3.large") + "; on_demand",
				"root_block_device: Storage (general purpose SSD, gp2); m=8; " + ec2Storage + "; volumeApiName=gp2; on_demand",
			},
		},
		{
			name:   "previous-generation EBS-optimized fee; dedicated host",
			values: `{"instance_type": "c3.xlarge", "ebs_optimized": true, "host_id": "h-0123", "root_block_device": [{"volume_type": "standard", "volume_size": 8}]}`,
			usage:  `{"operating_system": "linux", "monthly_standard_io_requests": 2000000}`,
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, dedicated host, c3.xlarge); h=1; " + ec2Compute + "; capacitystatus=Used,instanceType=c3.xlarge,licenseModel=No License required,operatingSystem=Linux,preInstalledSw=NA,tenancy=Host; on_demand",
				"EBS-optimized usage; h=1; " + ec2Compute + "; instanceType=c3.xlarge,usagetype=EBSOptimized:c3.xlarge; on_demand",
				"root_block_device: Storage (magnetic); m=8; " + ec2Storage + "; volumeApiName=standard; on_demand",
				"root_block_device: I/O requests; m=2000000; " + ec2SysOp + "; group=EBS I/O Requests,volumeApiName=standard; on_demand x1000000; usage-based",
			},
		},
		{
			name:    "EBS optimization of a current type is free; io1 IOPS unknown",
			values:  `{"instance_type": "m5.large", "ebs_optimized": true, "root_block_device": [{"volume_type": "gp2", "volume_size": 8}], "ebs_block_device": [{"volume_type": "io1", "volume_size": 10}]}`,
			unknown: `{"ebs_block_device": [{"iops": true}]}`,
			usage:   `{"operating_system": "linux"}`,
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, m5.large); h=1; " + ec2Compute + "; " + linuxInstance("m5.large") + "; on_demand",
				"root_block_device: Storage (general purpose SSD, gp2); m=8; " + ec2Storage + "; volumeApiName=gp2; on_demand",
				"ebs_block_device[0]: Storage (provisioned IOPS SSD, io1); m=10; " + ec2Storage + "; volumeApiName=io1; on_demand; assumed: ebs_block_device[0].iops unknown until apply: provisioned IOPS not estimated",
				"ebs_block_device[0]: Provisioned IOPS; usage; " + ec2SysOp + "; group=EBS IOPS,volumeApiName=io1; on_demand",
			},
		},
		{
			name:    "instance type unknown: not found, said why",
			values:  `{"root_block_device": [{"volume_type": "gp2", "volume_size": 8}]}`,
			unknown: `{"instance_type": true}`,
			usage:   `{"operating_system": "linux"}`,
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, unknown instance type); h=1; " + ec2Compute + "; " + linuxInstance("") + "; on_demand; assumed: instance_type unknown until apply: instance type unknown, no price",
				"root_block_device: Storage (general purpose SSD, gp2); m=8; " + ec2Storage + "; volumeApiName=gp2; on_demand",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkComputeLines(t, buildInstance(computeResource(t, "aws_instance", tt.values, tt.unknown, tt.usage)), tt.want)
		})
	}
}

func TestBuildInstanceFromLaunchTemplate(t *testing.T) {
	const tmpl = `{"instance_type": "t3.large", "credit_specification": [{"cpu_credits": "standard"}], "placement": [{"tenancy": "dedicated"}],
		"block_device_mappings": [{"device_name": "/dev/xvda", "ebs": [{"volume_type": "gp3", "volume_size": 30}]}]}`
	tests := []struct {
		name, values, unknown string
		refs                  map[string]string
		want                  []string
	}{
		{
			name:    "type, credits, tenancy and volumes from the template; monitoring from the instance",
			values:  `{"launch_template": [{"version": "$Latest"}], "monitoring": true, "ebs_block_device": []}`,
			unknown: `{"instance_type": true, "tenancy": true, "root_block_device": true, "credit_specification": true}`,
			refs:    map[string]string{"launch_template": tmpl},
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, dedicated, t3.large); h=1; " + ec2Compute + "; capacitystatus=Used,instanceType=t3.large,licenseModel=No License required,operatingSystem=Linux,preInstalledSw=NA,tenancy=Dedicated; on_demand",
				"EC2 detailed monitoring; m=7; AmazonCloudWatch//us-east-1; pricingPageLabel=Metric; on_demand",
				"block_device_mappings[/dev/xvda]: Storage (general purpose SSD, gp3); m=30; " + ec2Storage + "; volumeApiName=gp3; on_demand",
			},
		},
		{
			name:   "the instance's own type, credits and root volume win",
			values: `{"launch_template": [{"version": "$Latest"}], "instance_type": "t3.medium", "tenancy": "default", "credit_specification": [{"cpu_credits": "unlimited"}], "root_block_device": [{"volume_type": "gp2", "volume_size": 10}]}`,
			refs:   map[string]string{"launch_template": tmpl},
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, t3.medium); h=1; " + ec2Compute + "; " + linuxInstance("t3.medium") + "; on_demand",
				"CPU credits; usage; AmazonEC2/CPU Credits/us-east-1; operatingSystem=Linux,usagetype=CPUCredits:t3; on_demand; usage-based",
				"root_block_device: Storage (general purpose SSD, gp2); m=10; " + ec2Storage + "; volumeApiName=gp2; on_demand",
			},
		},
		{
			name:    "template not in the plan",
			values:  `{"launch_template": [{"name": "external"}], "tenancy": "default"}`,
			unknown: `{"instance_type": true, "root_block_device": true}`,
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, unknown instance type); h=1; " + ec2Compute + "; " + linuxInstance("") + "; on_demand; assumed: launch template not in the plan: instance type unknown, no price",
				"root_block_device: Storage (general purpose SSD, gp2); m=8; " + ec2Storage + "; volumeApiName=gp2; on_demand; assumed: root_block_device unknown until apply: assumed 8 GB gp2 (the AMI's root volume may differ)",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := withComputeRefs(t, computeResource(t, "aws_instance", tt.values, tt.unknown, `{"operating_system": "linux"}`), tt.refs)
			checkComputeLines(t, buildInstance(r), tt.want)
		})
	}
}

func TestBuildInstanceBadInputDoesNotPanic(t *testing.T) {
	for _, values := range []string{`null`, `[]`, `"x"`, `{"instance_type": 5, "root_block_device": "x", "ebs_block_device": [null, 3]}`,
		`{"instance_type": "t3.micro", "credit_specification": [{"cpu_credits": 7}], "monitoring": "maybe"}`} {
		comps := buildInstance(computeResource(t, "aws_instance", values, "", `{"monthly_hrs": -5, "vcpu_count": "x", "operating_system": 3}`))
		if len(comps) == 0 {
			t.Errorf("%s: no components: the instance hours must still be listed (as not found)", values)
		}
	}
}
