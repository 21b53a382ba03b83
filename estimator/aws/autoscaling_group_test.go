package aws

import "testing"

func TestBuildAutoscalingGroup(t *testing.T) {
	const (
		lt     = "launch_template"
		lc     = "launch_configuration"
		mixed  = "mixed_instances_policy.0.launch_template.0.launch_template_specification"
		gp2    = "volumeApiName=gp2; on_demand"
		ltRoot = "root volume: Storage (general purpose SSD, gp2)"
		ltNote = "assumed: no block device mapping for the root device: assumed 8 GB gp2 (the AMI's root volume may differ)"
	)
	tests := []struct {
		name, values, unknown, usage string
		refs                         map[string]string
		want                         []string
	}{
		{
			name:   "launch template: 3 instances, its monitoring, a data volume and the assumed root",
			values: `{"desired_capacity": 3, "min_size": 1, "launch_template": [{"version": "$Latest"}]}`,
			usage:  `{"operating_system": "linux"}`,
			refs: map[string]string{lt: `{"instance_type": "m5.large", "monitoring": [{"enabled": true}],
				"block_device_mappings": [{"device_name": "/dev/sdf", "ebs": [{"volume_type": "gp3", "volume_size": 100}]}]}`},
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, m5.large); h=3; " + ec2Compute + "; " + linuxInstance("m5.large") + "; on_demand",
				"EC2 detailed monitoring; m=21; AmazonCloudWatch//us-east-1; pricingPageLabel=Metric; on_demand",
				ltRoot + "; m=24; " + ec2Storage + "; " + gp2 + "; " + ltNote,
				"block_device_mappings[/dev/sdf]: Storage (general purpose SSD, gp3); m=300; " + ec2Storage + "; volumeApiName=gp3; on_demand",
			},
		},
		{
			name:    "launch template with its root mapping, dedicated, spot market; desired unknown: min_size",
			values:  `{"min_size": 2, "launch_template": [{"version": "$Latest"}]}`,
			unknown: `{"desired_capacity": true}`,
			usage:   `{"operating_system": "linux"}`,
			refs: map[string]string{lt: `{"instance_type": "c5.large", "placement": [{"tenancy": "dedicated"}],
				"instance_market_options": [{"market_type": "spot"}],
				"block_device_mappings": [{"device_name": "/dev/xvda", "ebs": [{"volume_type": "gp2", "volume_size": 30}]}]}`},
			want: []string{
				"Instance usage (Linux/UNIX, spot, dedicated, c5.large); h=2; " + ec2Compute + "; capacitystatus=Used,instanceType=c5.large,licenseModel=No License required,operatingSystem=Linux,preInstalledSw=NA,tenancy=Dedicated; spot; assumed: desired_capacity unknown until apply: min_size 2 used",
				"block_device_mappings[/dev/xvda]: Storage (general purpose SSD, gp2); m=60; " + ec2Storage + "; " + gp2,
			},
		},
		{
			name:   "launch configuration: monitoring on by default, t3 credits, usage instances",
			values: `{"desired_capacity": 2, "min_size": 1}`,
			usage:  `{"instances": 5, "operating_system": "linux"}`,
			refs: map[string]string{lc: `{"instance_type": "t3.small", "root_block_device": [{"volume_type": "gp2", "volume_size": 10}],
				"ebs_block_device": [{"device_name": "xvdf", "volume_size": 10}]}`},
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, t3.small); h=5; " + ec2Compute + "; " + linuxInstance("t3.small") + "; on_demand",
				"EC2 detailed monitoring; m=35; AmazonCloudWatch//us-east-1; pricingPageLabel=Metric; on_demand",
				"CPU credits; usage; AmazonEC2/CPU Credits/us-east-1; operatingSystem=Linux,usagetype=CPUCredits:t3; on_demand; usage-based",
				"root_block_device: Storage (general purpose SSD, gp2); m=50; " + ec2Storage + "; " + gp2,
				"ebs_block_device[xvdf]: Storage (general purpose SSD, gp2); m=50; " + ec2Storage + "; " + gp2 + "; assumed: ebs_block_device[xvdf].volume_type not set: assumed gp2",
			},
		},
		{
			name:   "launch configuration with monitoring off and a spot price",
			values: `{"desired_capacity": 1, "min_size": 1}`,
			usage:  `{"operating_system": "linux"}`,
			refs:   map[string]string{lc: `{"instance_type": "m4.large", "enable_monitoring": false, "spot_price": "0.05", "root_block_device": [{"volume_type": "gp2", "volume_size": 8}]}`},
			want: []string{
				"Instance usage (Linux/UNIX, spot, m4.large); h=1; " + ec2Compute + "; " + linuxInstance("m4.large") + "; spot",
				"root_block_device: Storage (general purpose SSD, gp2); m=8; " + ec2Storage + "; " + gp2,
			},
		},
		{
			name:   "launch configuration not in the plan",
			values: `{"desired_capacity": 2, "min_size": 1, "launch_configuration": "existing-lc"}`,
			usage:  `{"operating_system": "linux"}`,
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, unknown instance type); h=2; " + ec2Compute + "; " + linuxInstance("") + "; on_demand; assumed: launch configuration not in the plan: instance type unknown, no price",
			},
		},
		{
			name:    "launch template not in the plan",
			values:  `{"desired_capacity": 1, "min_size": 1, "launch_template": [{"version": "$Latest"}]}`,
			unknown: `{"launch_template": [{"id": true}]}`,
			usage:   `{"operating_system": "linux"}`,
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, unknown instance type); h=1; " + ec2Compute + "; " + linuxInstance("") + "; on_demand; assumed: launch template not in the plan: instance type unknown, no price",
			},
		},
		{
			name: "mixed instances: 6 units, weight 2, base 1, 50% on demand above: 2 on-demand and 1 spot instance",
			values: `{"desired_capacity": 6, "min_size": 1, "mixed_instances_policy": [{
				"instances_distribution": [{"on_demand_base_capacity": 1, "on_demand_percentage_above_base_capacity": 50}],
				"launch_template": [{"launch_template_specification": [{"version": "$Default"}],
					"override": [{"instance_type": "t3.medium", "weighted_capacity": "2"}, {"instance_type": "t3.large", "weighted_capacity": "4"}]}]}]}`,
			usage: `{"operating_system": "linux"}`,
			refs:  map[string]string{mixed: `{"instance_type": "t3.small", "credit_specification": [{"cpu_credits": "standard"}], "block_device_mappings": []}`},
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, t3.medium); h=2; " + ec2Compute + "; " + linuxInstance("t3.medium") + "; on_demand; assumed: 6 capacity units at weighted_capacity 2: 3 instances",
				"Instance usage (Linux/UNIX, spot, t3.medium); h=1; " + ec2Compute + "; " + linuxInstance("t3.medium") + "; spot; assumed: 6 capacity units at weighted_capacity 2: 3 instances",
				ltRoot + "; m=24; " + ec2Storage + "; " + gp2 + "; " + ltNote,
			},
		},
		{
			name:   "mixed instances, defaults: all on demand; template not in the plan but the override names the type",
			values: `{"desired_capacity": 4, "min_size": 1, "mixed_instances_policy": [{"launch_template": [{"override": [{"instance_type": "m5.large"}]}]}]}`,
			usage:  `{"operating_system": "linux"}`,
			want: []string{
				"Instance usage (Linux/UNIX, on-demand, m5.large); h=4; " + ec2Compute + "; " + linuxInstance("m5.large") + "; on_demand; assumed: launch template not in the plan: only the override's instance hours are priced",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := withComputeRefs(t, computeResource(t, "aws_autoscaling_group", tt.values, tt.unknown, tt.usage), tt.refs)
			checkComputeLines(t, buildAutoscalingGroup(r), tt.want)
		})
	}
}
