package estimator

import (
	"context"
	"testing"

	"github.com/shopspring/decimal"
)

func TestReferences(t *testing.T) {
	est, err := estimatePlan(context.Background(), loadPlan(t, "testdata/plans/references.json"), testCatalog(t), Options{}, testRegistry())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		address         string
		prior, proposed decimal.Decimal
	}{
		// launch_template { id = aws_launch_template.lt.id }, 2 instances.
		{"aws_autoscaling_group.asg", decimal.Zero, m5large.Mul(dec("2"))},
		// launch_template { id = aws_launch_template.per[count.index].id }: same index.
		{"aws_autoscaling_group.per[0]", decimal.Zero, t3micro},
		{"aws_autoscaling_group.per[1]", decimal.Zero, t3medium},
		// aws_launch_template.per[1].id: the keyed instance only.
		{"aws_autoscaling_group.second", decimal.Zero, t3medium.Mul(dec("3"))},
		// The prior side reads the template's before, the proposed side its after.
		{"aws_autoscaling_group.follows", t3micro, m5large},
		// Module-relative: module.m's own launch configuration, not the root one.
		{"module.m.aws_autoscaling_group.lc", decimal.Zero, t3medium.Mul(dec("2"))},
	}
	for _, tt := range tests {
		t.Run(tt.address, func(t *testing.T) {
			r := resourceByAddress(t, est, tt.address)
			if !r.PriorMonthlyCost.Equal(tt.prior) || !r.ProposedMonthlyCost.Equal(tt.proposed) {
				t.Errorf("prior/proposed = %s/%s, want %s/%s", r.PriorMonthlyCost, r.ProposedMonthlyCost, tt.prior, tt.proposed)
			}
		})
	}
}

func TestParseResourceReference(t *testing.T) {
	tests := []struct {
		ref, typ, name, key string
		ok                  bool
	}{
		{"aws_launch_template.web.id", "aws_launch_template", "web", "", true},
		{"aws_launch_template.web", "aws_launch_template", "web", "", true},
		{"aws_instance.web[0].id", "aws_instance", "web", "0", true},
		{`aws_instance.web["a.b]"]`, "aws_instance", "web", `"a.b]"`, true},
		{"var.region", "", "", "", false},
		{"data.aws_ami.ubuntu.id", "", "", "", false},
		{"module.vpc.subnet_ids", "", "", "", false},
		{"count.index", "", "", "", false},
		{"local.x", "", "", "", false},
		{"aws_instance", "", "", "", false},
		{"aws_instance.", "", "", "", false},
	}
	for _, tt := range tests {
		typ, name, key, ok := parseResourceReference(tt.ref)
		if typ != tt.typ || name != tt.name || key != tt.key || ok != tt.ok {
			t.Errorf("parseResourceReference(%q) = %q %q %q %v", tt.ref, typ, name, key, ok)
		}
	}
}

func TestSplitIndexes(t *testing.T) {
	tests := []struct{ in, bare string }{
		{`module.a["x"].module.b[0]`, "module.a.module.b"},
		{`module.a["x.y[1]"]`, "module.a"},
		{`module.a["q\"]"]`, "module.a"},
		{"module.a", "module.a"},
		{"", ""},
		{"module.a[", "module.a["},
	}
	for _, tt := range tests {
		if got := stripIndexes(tt.in); got != tt.bare {
			t.Errorf("stripIndexes(%q) = %q, want %q", tt.in, got, tt.bare)
		}
	}
}
