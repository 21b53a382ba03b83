package aws

import (
	"fmt"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
)

// EKS managed node group defaults (EKS CreateNodegroup API reference): the
// t3.medium instance type, and a 20 GiB root disk (50 GiB for Windows).
const (
	eksDefaultInstanceType  = "t3.medium"
	eksDefaultDiskGB        = 20
	eksDefaultWindowsDiskGB = 50
)

// eksNodeGroupResource prices aws_eks_node_group as scaling_config
// desired_size (or usage instances) instances of instance_types[0] (else its
// launch template's type, else t3.medium), on demand or spot by
// capacity_type, with a disk_size gp2 root volume or the launch template's
// block devices.
func eksNodeGroupResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_eks_node_group", Build: buildEKSNodeGroup}
}

func buildEKSNodeGroup(r schema.Resource) []schema.Component {
	vals := r.Values
	count, countNotes := groupSize(vals, r.Usage, "scaling_config.0.desired_size", "scaling_config.0.min_size")
	os, osKnown, osNote := eksNodeOS(vals)
	i, tmpl := eksNodeInstance(r, os)
	if t, ok := stringAt(vals, "instance_types.0"); ok {
		i.instanceType = t
		i.creditMode = creditModeOf(tmpl, "credit_specification.0.cpu_credits", t)
	} else if i.instanceType == "" && tmpl.Raw() == nil {
		i.instanceType = eksDefaultInstanceType
		i.creditMode = defaultCreditMode(eksDefaultInstanceType)
		i.assumed = append(i.assumed, fmt.Sprintf("instance_types %s: assumed %s (the EKS default)",
			absentReason(vals, "instance_types"), eksDefaultInstanceType))
	}
	if s, _ := vals.StringOK("capacity_type"); s == "SPOT" {
		i.purchase = ec2Spot()
	}
	i.region = r.Region
	i.count = count
	notes := countNotes
	if osNote != "" {
		notes = append(notes, osNote)
	}
	i.assumed = append(notes, i.assumed...)
	i.applyUsage(r.Usage, os, osKnown)
	return i.components(r.Usage)
}

// eksNodeInstance reads the node group's launch template, if any and found
// in the plan, else a node of the group's own disk_size; tmpl is the
// template's values (empty without one).
func eksNodeInstance(r schema.Resource, os ec2OS) (i ec2Instance, tmpl schema.Values) {
	vals := r.Values
	rootGB := int64(eksDefaultDiskGB)
	if os.offer == windowsOS().offer {
		rootGB = eksDefaultWindowsDiskGB
	}
	if len(vals.List("launch_template")) > 0 {
		if refs := r.Referenced("launch_template"); len(refs) > 0 {
			root := assumedGP2Volume("root volume", "no block device mapping for the root device", rootGB, "the EKS AMI's default")
			return instanceFromLaunchTemplate(refs[0], root), refs[0]
		}
		i = unresolvedInstance("launch template not in the plan")
		i.assumed = []string{"launch template not in the plan: its volumes and settings are not priced"}
		return i, schema.Values{}
	}
	i = ec2Instance{purchase: ec2OnDemand(), tenancy: tenancyShared}
	if size, ok := positiveAt(vals, "disk_size"); ok {
		i.volumes = []ebsVolume{{label: "disk_size", volumeType: "gp2", sizeGB: size, count: whole(1), iopsKnown: true}}
	} else {
		i.volumes = []ebsVolume{assumedGP2Volume("disk_size", "disk_size "+absentReason(vals, "disk_size"), rootGB, "the EKS default")}
	}
	return i, schema.Values{}
}

// eksNodeOS reads the operating system from ami_type: WINDOWS_* is Windows,
// the Amazon Linux and Bottlerocket types are Linux, CUSTOM says nothing.
func eksNodeOS(vals schema.Values) (os ec2OS, known bool, note string) {
	s, ok := stringAt(vals, "ami_type")
	switch {
	case !ok && !vals.Unknown("ami_type"):
		return linuxOS(), true, "" // the default, AL2_x86_64
	case !ok:
		return linuxOS(), true, "ami_type unknown until apply: assumed Linux"
	case strings.HasPrefix(s, "WINDOWS_"):
		return windowsOS(), true, ""
	case s == "CUSTOM":
		return linuxOS(), false, ""
	}
	return linuxOS(), true, ""
}
