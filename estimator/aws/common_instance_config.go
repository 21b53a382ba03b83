package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/shopspring/decimal"
)

// isRootDeviceName reports whether a device is the root device of common
// AMIs (Amazon Linux /dev/xvda, most others /dev/sda1): a launch template
// mapping it describes the root volume.
func isRootDeviceName(name string) bool {
	return name == "/dev/xvda" || name == "/dev/sda1"
}

// tenancyOf maps Terraform's tenancy (default, dedicated, host) to the offer
// files' value; a host_id at hostPath ("" when there is none) also means a
// dedicated host.
func tenancyOf(vals schema.Values, tenancyPath, hostPath string) (tenancy string, note string) {
	if _, ok := stringAt(vals, hostPath); ok && hostPath != "" {
		return tenancyHost, ""
	}
	switch s, _ := vals.StringOK(tenancyPath); s {
	case "dedicated":
		return tenancyDedicated, ""
	case "host":
		return tenancyHost, ""
	case "default":
		return tenancyShared, ""
	case "":
		if vals.Unknown(tenancyPath) {
			return tenancyShared, tenancyPath + " unknown until apply: assumed default (shared)"
		}
		return tenancyShared, ""
	default:
		return s, fmt.Sprintf("%s %q is not default, dedicated or host: no price", tenancyPath, s)
	}
}

// creditModeOf reads a burstable type's credit mode at path, else its
// family's default; other families have none.
func creditModeOf(vals schema.Values, path, instanceType string) string {
	def := defaultCreditMode(instanceType)
	if def == "" {
		return ""
	}
	switch s, _ := vals.StringOK(path); s {
	case creditsUnlimited, creditsStandard:
		return s
	}
	return def
}

// instanceTypeAt reads the instance type; when it is missing, the returned
// note says why (what names the configuration, e.g. "launch template").
func instanceTypeAt(vals schema.Values, path, what string) (instanceType, note string) {
	if t, ok := stringAt(vals, path); ok {
		return t, ""
	}
	shown := path
	if what != "" {
		shown = what + " " + path
	}
	return "", fmt.Sprintf("%s %s", shown, absentReason(vals, path))
}

// instanceFromInstance reads an aws_instance: type, tenancy, spot market,
// EBS optimization, monitoring, CPU credits, root and EBS block devices.
// tmpl is its launch template's values (empty without one): what the
// instance does not set itself comes from the template.
func instanceFromInstance(vals, tmpl schema.Values) ec2Instance {
	i := ec2Instance{purchase: ec2OnDemand(), tenancy: tenancyShared}
	hasTemplate := tmpl.Raw() != nil
	if hasTemplate {
		i = instanceFromLaunchTemplate(tmpl, defaultRootVolume("root volume", "no block device mapping for the root device"))
	}
	i.count = decimal.NewFromInt(1)
	if t, note := instanceTypeAt(vals, "instance_type", ""); t != "" || !hasTemplate {
		i.instanceType, i.typeNote = t, note
	}
	if _, host := stringAt(vals, "host_id"); host || !hasTemplate || vals.String("tenancy") != "" {
		var note string
		if i.tenancy, note = tenancyOf(vals, "tenancy", "host_id"); note != "" {
			i.assumed = append(i.assumed, note)
		}
	}
	if s, _ := vals.StringOK("instance_market_options.0.market_type"); s == "spot" {
		i.purchase = ec2Spot()
	}
	if _, ok := stringAt(vals, "spot_price"); ok {
		i.purchase = ec2Spot()
	}
	if on, ok := vals.Bool("ebs_optimized"); ok {
		i.ebsOptimized = on
	}
	if on, ok := vals.Bool("monitoring"); ok {
		i.monitoring = on
	}
	i.creditMode = defaultCreditMode(i.instanceType)
	if i.creditMode != "" {
		for _, src := range []schema.Values{tmpl, vals} {
			if s, _ := src.StringOK("credit_specification.0.cpu_credits"); s == creditsUnlimited || s == creditsStandard {
				i.creditMode = s
			}
		}
	}
	if len(vals.List("root_block_device")) > 0 || !hasTemplate {
		i.volumes = instanceBlockDevices(vals)
	} else {
		i.volumes = append(i.volumes, ebsBlockDevices(vals)...)
	}
	return i
}

// instanceBlockDevices reads root_block_device (8 GB gp2 when not
// described) and every ebs_block_device, as aws_instance and
// aws_launch_configuration declare them.
func instanceBlockDevices(vals schema.Values) []ebsVolume {
	var out []ebsVolume
	if roots := vals.List("root_block_device"); len(roots) > 0 {
		out = append(out, readEBSVolume(roots[0], blockDeviceAttributeNames(), "root_block_device.", "root_block_device"))
	} else {
		out = append(out, defaultRootVolume("root_block_device", "root_block_device "+absentReason(vals, "root_block_device")))
	}
	return append(out, ebsBlockDevices(vals)...)
}

// ebsBlockDevices reads every ebs_block_device.
func ebsBlockDevices(vals schema.Values) []ebsVolume {
	var out []ebsVolume
	for idx, dev := range vals.List("ebs_block_device") {
		name, ok := stringAt(dev, "device_name")
		if !ok {
			name = fmt.Sprint(idx)
		}
		label := fmt.Sprintf("ebs_block_device[%s]", name)
		out = append(out, readEBSVolume(dev, blockDeviceAttributeNames(), label+".", label))
	}
	return out
}

// instanceFromLaunchTemplate reads the instances an aws_launch_template
// describes: placement tenancy, spot market, EBS optimization ("true" is a
// string there), monitoring, CPU credits and block device mappings; root is
// the volume assumed when no mapping names a root device.
func instanceFromLaunchTemplate(vals schema.Values, root ebsVolume) ec2Instance {
	i := ec2Instance{purchase: ec2OnDemand()}
	i.instanceType, i.typeNote = instanceTypeAt(vals, "instance_type", "launch template")
	var note string
	if i.tenancy, note = tenancyOf(vals, "placement.0.tenancy", "placement.0.host_id"); note != "" {
		i.assumed = append(i.assumed, note)
	}
	if s, _ := vals.StringOK("instance_market_options.0.market_type"); s == "spot" {
		i.purchase = ec2Spot()
	}
	i.ebsOptimized, _ = vals.Bool("ebs_optimized")
	i.monitoring, _ = vals.Bool("monitoring.0.enabled")
	i.creditMode = creditModeOf(vals, "credit_specification.0.cpu_credits", i.instanceType)
	i.volumes = launchTemplateVolumes(vals, root)
	return i
}

// launchTemplateVolumes reads block_device_mappings with an ebs block, and
// adds defaultRoot when none of them is the root device.
func launchTemplateVolumes(vals schema.Values, defaultRoot ebsVolume) []ebsVolume {
	var out []ebsVolume
	root := false
	for idx, m := range vals.List("block_device_mappings") {
		ebs := m.List("ebs")
		if len(ebs) == 0 {
			continue // instance store or no_device
		}
		name, ok := stringAt(m, "device_name")
		if !ok {
			name = fmt.Sprint(idx)
		}
		root = root || isRootDeviceName(name)
		label := fmt.Sprintf("block_device_mappings[%s]", name)
		out = append(out, readEBSVolume(ebs[0], blockDeviceAttributeNames(), label+".ebs.", label))
	}
	if !root {
		out = append([]ebsVolume{defaultRoot}, out...)
	}
	return out
}

// instanceFromLaunchConfiguration reads an aws_launch_configuration; its
// detailed monitoring is on unless enable_monitoring is false.
func instanceFromLaunchConfiguration(vals schema.Values) ec2Instance {
	i := ec2Instance{purchase: ec2OnDemand()}
	i.instanceType, i.typeNote = instanceTypeAt(vals, "instance_type", "launch configuration")
	var note string
	if i.tenancy, note = tenancyOf(vals, "placement_tenancy", ""); note != "" {
		i.assumed = append(i.assumed, note)
	}
	if _, ok := stringAt(vals, "spot_price"); ok {
		i.purchase = ec2Spot()
	}
	i.ebsOptimized, _ = vals.Bool("ebs_optimized")
	i.monitoring = true
	if on, ok := vals.Bool("enable_monitoring"); ok {
		i.monitoring = on
	}
	i.creditMode = defaultCreditMode(i.instanceType)
	i.volumes = instanceBlockDevices(vals)
	return i
}
