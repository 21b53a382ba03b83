package aws

import "github.com/costgate/costgate/estimator/schema"

// instanceResource prices aws_instance: instance hours by operating system
// (usage operating_system; the AMI is not in the plan), tenancy and purchase
// option (spot market, or a reservation from usage), the EBS-optimized fee of
// previous-generation types, detailed monitoring, CPU credits of unlimited
// burstable instances (usage monthly_cpu_credit_hrs), root and EBS block
// devices.
func instanceResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_instance", Build: buildInstance}
}

func buildInstance(r schema.Resource) []schema.Component {
	i := instanceFromInstance(r.Values)
	i.region = r.Region
	i.applyUsage(r.Usage, linuxOS(), false)
	return i.components(r.Usage)
}
