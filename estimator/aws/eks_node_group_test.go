package aws

import "testing"

func TestBuildEKSNodeGroup(t *testing.T) {
	const credits = "CPU credits; usage; AmazonEC2/CPU Credits/us-east-1; operatingSystem=Linux,usagetype=CPUCredits:t3; on_demand; usage-based"
	tests := []struct {
		name, values, unknown, usage string
		refs                         map[string]string
		want                         []string
	}{
		{
			name:    "defaults: t3.medium, 20 GB gp2 disk",
			values:  `{"scaling_config": [{"desired_size": 2, "min_size": 1, "max_size": 3}]}`,
			unknown: `{"instance_types": true, "disk_size": true, "capacity_type": true}`,
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, t3.medium); h=2; " + ec2Compute + "; " + linuxInstance("t3.medium") + "; on_demand; assumed: instance_types unknown until apply: assumed t3.medium (the EKS default)",
				credits,
				"disk_size: Storage (general purpose SSD, gp2); m=40; " + ec2Storage + "; volumeApiName=gp2; on_demand; assumed: disk_size unknown until apply: assumed 20 GB gp2 (the EKS default)",
			},
		},
		{
			name:   "spot m5.xlarge with a 100 GB disk; usage instances",
			values: `{"instance_types": ["m5.xlarge", "m5a.xlarge"], "capacity_type": "SPOT", "disk_size": 100, "ami_type": "AL2_x86_64", "scaling_config": [{"desired_size": 2, "min_size": 1}]}`,
			usage:  `{"instances": 4}`,
			want: []string{
				"Instance usage (Linux/UNIX, spot, m5.xlarge); h=4; " + ec2Compute + "; " + linuxInstance("m5.xlarge") + "; spot",
				"disk_size: Storage (general purpose SSD, gp2); m=400; " + ec2Storage + "; volumeApiName=gp2; on_demand",
			},
		},
		{
			name:   "Windows nodes: 50 GB default disk",
			values: `{"instance_types": ["m5.large"], "ami_type": "WINDOWS_CORE_2022_x86_64", "scaling_config": [{"desired_size": 1, "min_size": 1}]}`,
			want: []string{
				"Instance usage (Windows, on-demand, m5.large); h=1; " + ec2Compute + "; capacitystatus=Used,instanceType=m5.large,licenseModel=No License required,operatingSystem=Windows,preInstalledSw=NA,tenancy=Shared; on_demand",
				"disk_size: Storage (general purpose SSD, gp2); m=50; " + ec2Storage + "; volumeApiName=gp2; on_demand; assumed: disk_size not set: assumed 50 GB gp2 (the EKS default)",
			},
		},
		{
			name:    "launch template: its type, volumes and monitoring; root assumed at the EKS AMI's 20 GB; custom AMI",
			values:  `{"ami_type": "CUSTOM", "launch_template": [{"version": "1"}], "scaling_config": [{"desired_size": 3, "min_size": 1}]}`,
			unknown: `{"launch_template": [{"id": true}]}`,
			refs: map[string]string{"launch_template": `{"instance_type": "c5.large", "monitoring": [{"enabled": true}],
				"block_device_mappings": [{"device_name": "/dev/sdf", "ebs": [{"volume_type": "gp3", "volume_size": 200}]}]}`},
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, c5.large); h=3; " + ec2Compute + "; " + linuxInstance("c5.large") + "; on_demand; assumed: " + noOSNote,
				"EC2 detailed monitoring; m=21; AmazonCloudWatch//us-east-1; pricingPageLabel=Metric; on_demand",
				"root volume: Storage (general purpose SSD, gp2); m=60; " + ec2Storage + "; volumeApiName=gp2; on_demand; assumed: no block device mapping for the root device: assumed 20 GB gp2 (the EKS AMI's default)",
				"block_device_mappings[/dev/sdf]: Storage (general purpose SSD, gp3); m=600; " + ec2Storage + "; volumeApiName=gp3; on_demand",
			},
		},
		{
			name:   "instance_types win over the template's type (the template's credit mode stays)",
			values: `{"instance_types": ["t3.large"], "launch_template": [{"version": "1"}], "scaling_config": [{"desired_size": 1, "min_size": 1}]}`,
			refs: map[string]string{"launch_template": `{"instance_type": "t2.micro", "credit_specification": [{"cpu_credits": "unlimited"}],
				"block_device_mappings": [{"device_name": "/dev/xvda", "ebs": [{"volume_size": 200}]}]}`},
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, t3.large); h=1; " + ec2Compute + "; " + linuxInstance("t3.large") + "; on_demand",
				credits,
				"block_device_mappings[/dev/xvda]: Storage (general purpose SSD, gp2); m=200; " + ec2Storage + "; volumeApiName=gp2; on_demand; assumed: block_device_mappings[/dev/xvda].ebs.volume_type not set: assumed gp2",
			},
		},
		{
			name:   "launch template not in the plan, instance type given",
			values: `{"instance_types": ["m5.large"], "launch_template": [{"name": "external"}], "scaling_config": [{"desired_size": 1, "min_size": 1}]}`,
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, m5.large); h=1; " + ec2Compute + "; " + linuxInstance("m5.large") + "; on_demand; assumed: launch template not in the plan: its volumes and settings are not priced",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := withComputeRefs(t, computeResource(t, "aws_eks_node_group", tt.values, tt.unknown, tt.usage), tt.refs)
			checkComputeLines(t, buildEKSNodeGroup(r), tt.want)
		})
	}
}
