package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/shopspring/decimal"
)

// Usage key overriding an autoscaling group's or node group's instance count.
const usageInstances = "instances"

// autoscalingGroupResource prices aws_autoscaling_group as desired_capacity
// (else min_size, or usage instances) instances of what its launch template,
// mixed instances policy or launch configuration describes, each with the
// components of an aws_instance.
func autoscalingGroupResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_autoscaling_group", Build: buildAutoscalingGroup}
}

func buildAutoscalingGroup(r schema.Resource) []schema.Component {
	vals := r.Values
	count, countNotes := groupSize(vals, r.Usage, "desired_capacity", "min_size")
	var i ec2Instance
	if policies := vals.List("mixed_instances_policy"); len(policies) > 0 {
		i = mixedInstances(r, policies[0], count)
	} else {
		i = groupInstance(r)
		i.count = count
	}
	i.region = r.Region
	i.assumed = append(countNotes, i.assumed...)
	i.applyUsage(r.Usage, linuxOS(), false)
	return i.components(r.Usage)
}

// groupSize reads a group's instance count from usage instances, else its
// desired attribute, else its minimum; 1 when neither is known.
func groupSize(vals schema.Values, u schema.Usage, desired, minimum string) (decimal.Decimal, []string) {
	var notes []string
	if n, ok, note := usageNumber(u, usageInstances); ok {
		return n.Ceil(), nil
	} else if note != "" {
		notes = append(notes, note)
	}
	if n, ok := countAt(vals, desired); ok {
		return n, notes
	}
	if n, ok := countAt(vals, minimum); ok {
		return n, append(notes, fmt.Sprintf("%s %s: %s %s used", desired, absentReason(vals, desired), minimum, n))
	}
	return decimal.NewFromInt(1), append(notes, fmt.Sprintf("%s and %s unknown: assumed 1 instance", desired, minimum))
}

// groupInstance reads the instances of a group's launch template, else its
// launch configuration, both resolved through the configuration's references.
func groupInstance(r schema.Resource) ec2Instance {
	if len(r.Values.List("launch_template")) > 0 || r.Values.Unknown("launch_template") {
		if refs := r.Referenced("launch_template"); len(refs) > 0 {
			return instanceFromLaunchTemplate(refs[0], templateRootVolume())
		}
		return unresolvedInstance("launch template not in the plan")
	}
	if refs := r.Referenced("launch_configuration"); len(refs) > 0 {
		return instanceFromLaunchConfiguration(refs[0])
	}
	if _, ok := stringAt(r.Values, "launch_configuration"); ok || r.Values.Unknown("launch_configuration") {
		return unresolvedInstance("launch configuration not in the plan")
	}
	return unresolvedInstance("no launch template or launch configuration")
}

// templateRootVolume is the root volume of a launch template that maps none.
func templateRootVolume() ebsVolume {
	return defaultRootVolume("root volume", "no block device mapping for the root device")
}

// unresolvedInstance is an instance whose configuration is not in the plan:
// its hours are reported as price not found, nothing else is assumed.
func unresolvedInstance(why string) ec2Instance {
	return ec2Instance{purchase: ec2OnDemand(), tenancy: tenancyShared, typeNote: why}
}

// mixedInstances reads a mixed instances policy: the launch template of its
// specification, the first override's instance type and weight, and the
// on-demand base and percentage that split units between on-demand and spot.
func mixedInstances(r schema.Resource, policy schema.Values, units decimal.Decimal) ec2Instance {
	var tmpl schema.Values
	i := unresolvedInstance("launch template not in the plan")
	if refs := r.Referenced("mixed_instances_policy.0.launch_template.0.launch_template_specification"); len(refs) > 0 {
		tmpl = refs[0]
		i = instanceFromLaunchTemplate(tmpl, templateRootVolume())
	}
	weight := decimal.NewFromInt(1)
	if o, ok := firstOverride(policy); ok {
		if tmpl.Raw() == nil {
			i.assumed = append(i.assumed, "launch template not in the plan: only the override's instance hours are priced")
		}
		i.instanceType, _ = stringAt(o, "instance_type")
		i.creditMode = creditModeOf(tmpl, "credit_specification.0.cpu_credits", i.instanceType)
		if w, ok := positiveAt(o, "weighted_capacity"); ok && !r.Usage.Has(usageInstances) {
			weight = w
		}
	}
	base, pct := onDemandShare(policy)
	onDemandUnits := decimal.Min(units, base)
	if above := units.Sub(base); above.IsPositive() {
		onDemandUnits = onDemandUnits.Add(above.Mul(pct).Div(decimal.NewFromInt(100)).Ceil())
	}
	onDemandCount := onDemandUnits.Div(weight).Ceil()
	i.spotCount = units.Sub(onDemandUnits).Div(weight).Ceil()
	i.count = onDemandCount.Add(i.spotCount)
	if !weight.Equal(decimal.NewFromInt(1)) {
		i.assumed = append(i.assumed, fmt.Sprintf("%s capacity units at weighted_capacity %s: %s instances",
			units, weight, i.count))
	}
	return i
}

// firstOverride is the policy's first override naming an instance type:
// the type the group launches first.
func firstOverride(policy schema.Values) (schema.Values, bool) {
	for _, o := range policy.List("launch_template.0.override") {
		if _, ok := stringAt(o, "instance_type"); ok {
			return o, true
		}
	}
	return schema.Values{}, false
}

// onDemandShare reads instances_distribution: the on-demand base capacity
// (default 0) and the on-demand percentage above it (default 100).
func onDemandShare(policy schema.Values) (base, pct decimal.Decimal) {
	base, pct = decimal.Zero, decimal.NewFromInt(100)
	dist := policy.List("instances_distribution")
	if len(dist) == 0 {
		return base, pct
	}
	if b, ok := countAt(dist[0], "on_demand_base_capacity"); ok {
		base = b
	}
	if p, ok := dist[0].Decimal("on_demand_percentage_above_base_capacity"); ok && !p.IsNegative() && p.LessThanOrEqual(pct) {
		pct = p
	}
	return base, pct
}
