package aws

import (
	"testing"
	"time"

	"github.com/costgate/costgate/estimator/schema"
)

// TestComputeTypesTolerateBadValues feeds every compute and networking
// definition attribute values, references and usage of the wrong shapes: a
// definition must never panic, and every resource that costs money still
// lists its main line (priced or not found), never nothing.
func TestComputeTypesTolerateBadValues(t *testing.T) {
	types := []schema.ResourceType{
		instanceResource(), ebsVolumeResource(), autoscalingGroupResource(),
		eksClusterResource(func() time.Time { return time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC) }),
		eksNodeGroupResource(), natGatewayResource(), lbResource("aws_lb"), elbResource(), eipResource(),
	}
	docs := []string{`null`, `{}`, `[]`, `"text"`, `7`,
		`{"instance_type": 1, "size": "big", "type": ["gp2"], "desired_capacity": -3, "min_size": 1.5,
		  "launch_template": "x", "mixed_instances_policy": [{"launch_template": [{"override": [{"instance_type": 5, "weighted_capacity": "0"}]}],
		  "instances_distribution": [{"on_demand_base_capacity": -1, "on_demand_percentage_above_base_capacity": 250}]}],
		  "scaling_config": [{"desired_size": "two"}], "instance_types": [null], "version": 1.29, "load_balancer_type": 3,
		  "root_block_device": [null], "ebs_block_device": "x", "block_device_mappings": [{"ebs": [null]}], "credit_specification": {}}`,
	}
	usages := []string{``, `{"instances": -2, "operating_system": 4, "monthly_cpu_credit_hrs": "x", "vcpu_count": -1,
		"reserved_instance_type": "weird", "monthly_hrs": [], "monthly_data_processed_gb": {}, "new_connections": "many"}`}
	for _, rt := range types {
		for _, doc := range docs {
			for _, usage := range usages {
				r := computeResource(t, rt.Name, doc, doc, usage)
				r = withComputeRefs(t, r, map[string]string{
					"launch_template": doc, "launch_configuration": doc,
					"mixed_instances_policy.0.launch_template.0.launch_template_specification": doc,
				})
				func() {
					defer func() {
						if v := recover(); v != nil {
							t.Fatalf("%s panicked on %s / %s: %v", rt.Name, doc, usage, v)
						}
					}()
					if comps := rt.Build(r); len(comps) == 0 {
						t.Errorf("%s on %s / %s: no components", rt.Name, doc, usage)
					}
				}()
			}
		}
	}
}
