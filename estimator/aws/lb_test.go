package aws

import "testing"

func TestBuildLB(t *testing.T) {
	lcu := func(family, qty string) string {
		return "Load balancer capacity units; " + qty + "; AWSELB/" + family + "/us-east-1; ; on_demand LCU-Hrs x730; usage-based"
	}
	tests := []struct {
		name, values, unknown, usage string
		want                         []string
	}{
		{"application by default, no usage", `{"name": "web"}`, "", "", []string{
			"Application load balancer; h=1; AWSELB/Load Balancer-Application/us-east-1; ; on_demand Hrs",
			lcu("Load Balancer-Application", "usage"),
		}},
		{"type unknown", `{"name": "web"}`, `{"load_balancer_type": true}`, "", []string{
			"Application load balancer; h=1; AWSELB/Load Balancer-Application/us-east-1; ; on_demand Hrs; assumed: load_balancer_type unknown until apply: assumed application",
			lcu("Load Balancer-Application", "usage"),
		}},
		// ALB: 50 new/s = 2 LCU, 6000 active/min = 2, 0.5 GB/h = 0.5, 4500 rules/s = 4.5: the largest is 4.5.
		{"application with traffic", `{"load_balancer_type": "application"}`, "",
			`{"new_connections": 50, "active_connections": 6000, "processed_bytes_gb": 0.5, "rule_evaluations": 4500}`, []string{
				"Application load balancer; h=1; AWSELB/Load Balancer-Application/us-east-1; ; on_demand Hrs",
				lcu("Load Balancer-Application", "h=4.5"),
			}},
		// NLB: 1600 new/s = 2 NLCU, 50,000 active/min = 0.5, 3 GB/h = 3: the largest is 3; rules do not apply.
		{"network with traffic", `{"load_balancer_type": "network"}`, "",
			`{"new_connections": 1600, "active_connections": 50000, "processed_bytes_gb": 3, "rule_evaluations": 10}`, []string{
				"Network load balancer; h=1; AWSELB/Load Balancer-Network/us-east-1; ; on_demand Hrs",
				"Load balancer capacity units; h=3; AWSELB/Load Balancer-Network/us-east-1; ; on_demand LCU-Hrs x730; usage-based; assumed: usage rule_evaluations does not apply to this load balancer: ignored",
			}},
		// GWLB: 1200 new/s = 2 GLCU.
		{"gateway with one dimension", `{"load_balancer_type": "gateway"}`, "", `{"new_connections": 1200}`, []string{
			"Gateway load balancer; h=1; AWSELB/Load Balancer-Gateway/us-east-1; ; on_demand Hrs",
			lcu("Load Balancer-Gateway", "h=2"),
		}},
		{"unknown type: not found", `{"load_balancer_type": "quantum"}`, "", `{"new_connections": 1}`, []string{
			"Load balancer (quantum); h=1; AWSELB/Load Balancer-quantum/us-east-1; ; on_demand Hrs; assumed: load_balancer_type \"quantum\" is not application, network or gateway: no price",
			lcu("Load Balancer-quantum", "usage"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, typ := range []string{"aws_lb", "aws_alb"} {
				rt := lbResource(typ)
				if rt.Name != typ {
					t.Fatalf("lbResource(%q).Name = %q", typ, rt.Name)
				}
				checkComputeLines(t, rt.Build(computeResource(t, typ, tt.values, tt.unknown, tt.usage)), tt.want)
			}
		})
	}
}
