package budget

import (
	"fmt"
	"testing"
)

// BenchmarkDecideAndReport judges a 5,000-resource estimate (real prices,
// see fixtures_test.go) against a full policy and an organization of 500
// workspaces, and builds the message and outcomes.
func BenchmarkDecideAndReport(b *testing.B) {
	types := []string{"t3.micro", "t3.medium", "c5.large", "m5.large", "m5.xlarge", "r5.2xlarge"}
	var changes []change
	for i := range 5000 {
		changes = append(changes, change{address: fmt.Sprintf("module.fleet.aws_instance.node[%d]", i), before: types[i%3], after: types[3+i%3]})
	}
	e := estimateOf(b, changes...)
	for i := range 200 {
		withUnpriced(e, fmt.Sprintf("aws_nat_gateway.gw[%d]", i), "NAT gateway")
	}
	var costs []WorkspaceCost
	for i := range 500 {
		costs = append(costs, WorkspaceCost{WorkspaceID: fmt.Sprintf("ws-%d", i), MonthlyCost: monthly(b, "m5.xlarge", 3)})
	}
	in := Input{
		Run: webProd, Estimate: e, OrganizationCosts: costs,
		Policies: []Policy{
			orgDefault(Policy{OrganizationMonthlyBudget: dec("100000")}),
			ws(Policy{MaxMonthlyCost: dec("1000"), WarnMonthlyCost: dec("500"), MaxMonthlyIncrease: dec("100"),
				MaxIncreasePercent: dec("10"), WarnIncreasePercent: dec("5"), FailOnUnpriced: true}),
		},
	}
	b.ReportAllocs()
	for b.Loop() {
		r := BuildReport(in, Decide(in))
		if r.Status != "failed" {
			b.Fatal(r.Status)
		}
	}
}
