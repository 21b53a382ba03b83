package aws

import "github.com/costgate/costgate/estimator/schema"

// instanceResource prices aws_instance: instance hours by operating system
// (usage operating_system; the AMI is not in the plan), tenancy and purchase
// option (spot market, or a reservation from usage), the EBS-optimized fee of
// previous-generation types, detailed monitoring, CPU credits of unlimited
// burstable instances (usage monthly_cpu_credit_hrs), root and EBS block
// devices. Settings the instance leaves to its launch template come from
// the template when the plan has it.
func instanceResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_instance", Build: buildInstance}
}

func buildInstance(r schema.Resource) []schema.Component {
	var tmpl schema.Values
	templated := len(r.Values.List("launch_template")) > 0
	if refs := r.Referenced("launch_template"); templated && len(refs) > 0 {
		tmpl = refs[0]
	}
	i := instanceFromInstance(r.Values, tmpl)
	if templated && tmpl.Raw() == nil && i.instanceType == "" {
		i.typeNote = "launch template not in the plan"
	}
	i.region = r.Region
	i.applyUsage(r.Usage, linuxOS(), false)
	return i.components(r.Usage)
}
