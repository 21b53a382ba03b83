package budget

import (
	"testing"

	"github.com/costgate/costgate/estimator"
)

// Workload fixtures, priced with the real rows of fixtures_test.go:
// m5.xlarge $140.16/mo, r5.2xlarge $367.92/mo, m5.large $70.08/mo.
func grow(t *testing.T) *estimator.Estimate {
	// 10 × m5.xlarge kept, one r5.2xlarge added: $1,401.60 → $1,769.52 (+$367.92, +26.25%).
	return estimateOf(t, append(fleet(t, "aws_instance.app", "m5.xlarge", 10), change{address: "aws_instance.db", after: "r5.2xlarge"})...)
}

func shrink(t *testing.T) *estimator.Estimate {
	// 10 × m5.xlarge, one deleted: $1,401.60 → $1,261.44 (-$140.16).
	c := fleet(t, "aws_instance.app", "m5.xlarge", 10)
	c[9].after = ""
	return estimateOf(t, c...)
}

func flat(t *testing.T) *estimator.Estimate {
	return estimateOf(t, fleet(t, "aws_instance.app", "m5.xlarge", 10)...)
}

func fresh(t *testing.T) *estimator.Estimate {
	// Nothing before, one m5.large: $0.00 → $70.08.
	return estimateOf(t, change{address: "aws_instance.new", after: "m5.large"})
}

var webProd = Run{Organization: "acme", WorkspaceID: "ws-web", WorkspaceName: "web-prod", Stage: "post_plan"}

func ws(p Policy) Policy {
	p.ID, p.Organization, p.WorkspaceName = "ws-policy", "acme", str("web-prod")
	return p
}

func orgDefault(p Policy) Policy {
	p.ID, p.Organization = "org-policy", "acme"
	return p
}

func TestDecide(t *testing.T) {
	others := []WorkspaceCost{
		{WorkspaceID: "ws-api", WorkspaceName: "api-prod", MonthlyCost: decv("1000")},
		{WorkspaceID: "ws-data", WorkspaceName: "data-prod", MonthlyCost: decv("500")},
	}
	tests := []struct {
		name     string
		estimate func(*testing.T) *estimator.Estimate
		err      string
		policies []Policy
		org      []WorkspaceCost
		status   Status
		checks   map[Rule]Result
	}{
		{name: "no policy passes", estimate: grow, status: Passed, checks: map[Rule]Result{}},

		// max_monthly_cost / warn_monthly_cost (proposed $1,769.52).
		{name: "cost under maximum", estimate: grow, policies: []Policy{ws(Policy{MaxMonthlyCost: dec("2000")})},
			status: Passed, checks: map[Rule]Result{RuleMaxMonthlyCost: ResultPassed}},
		{name: "cost exactly at maximum passes", estimate: grow, policies: []Policy{ws(Policy{MaxMonthlyCost: dec("1769.52")})},
			status: Passed, checks: map[Rule]Result{RuleMaxMonthlyCost: ResultPassed}},
		{name: "cost one cent over maximum fails", estimate: grow, policies: []Policy{ws(Policy{MaxMonthlyCost: dec("1769.51")})},
			status: Failed, checks: map[Rule]Result{RuleMaxMonthlyCost: ResultFailed}},
		{name: "cost over maximum but decreasing warns", estimate: shrink, policies: []Policy{ws(Policy{MaxMonthlyCost: dec("1000")})},
			status: Passed, checks: map[Rule]Result{RuleMaxMonthlyCost: ResultWarning}},
		{name: "cost over maximum unchanged warns", estimate: flat, policies: []Policy{ws(Policy{MaxMonthlyCost: dec("1000")})},
			status: Passed, checks: map[Rule]Result{RuleMaxMonthlyCost: ResultWarning}},
		{name: "cost over warning level", estimate: grow, policies: []Policy{ws(Policy{MaxMonthlyCost: dec("2000"), WarnMonthlyCost: dec("1500")})},
			status: Passed, checks: map[Rule]Result{RuleMaxMonthlyCost: ResultPassed, RuleWarnMonthlyCost: ResultWarning}},
		{name: "cost exactly at warning level passes", estimate: grow, policies: []Policy{ws(Policy{WarnMonthlyCost: dec("1769.52")})},
			status: Passed, checks: map[Rule]Result{RuleWarnMonthlyCost: ResultPassed}},
		{name: "warning level superseded by failed maximum", estimate: grow, policies: []Policy{ws(Policy{MaxMonthlyCost: dec("1500"), WarnMonthlyCost: dec("1000")})},
			status: Failed, checks: map[Rule]Result{RuleMaxMonthlyCost: ResultFailed, RuleWarnMonthlyCost: ResultNotEvaluated}},

		// max_monthly_increase / warn_monthly_increase (delta +$367.92).
		{name: "increase exactly at maximum passes", estimate: grow, policies: []Policy{ws(Policy{MaxMonthlyIncrease: dec("367.92")})},
			status: Passed, checks: map[Rule]Result{RuleMaxMonthlyIncrease: ResultPassed}},
		{name: "increase over maximum fails", estimate: grow, policies: []Policy{ws(Policy{MaxMonthlyIncrease: dec("367.91")})},
			status: Failed, checks: map[Rule]Result{RuleMaxMonthlyIncrease: ResultFailed}},
		{name: "decrease never fails a zero increase limit", estimate: shrink, policies: []Policy{ws(Policy{MaxMonthlyIncrease: dec("0"), WarnMonthlyIncrease: dec("0")})},
			status: Passed, checks: map[Rule]Result{RuleMaxMonthlyIncrease: ResultPassed, RuleWarnMonthlyIncrease: ResultPassed}},
		{name: "no change passes a zero increase limit", estimate: flat, policies: []Policy{ws(Policy{MaxMonthlyIncrease: dec("0")})},
			status: Passed, checks: map[Rule]Result{RuleMaxMonthlyIncrease: ResultPassed}},
		{name: "increase over warning level", estimate: grow, policies: []Policy{ws(Policy{MaxMonthlyIncrease: dec("500"), WarnMonthlyIncrease: dec("300")})},
			status: Passed, checks: map[Rule]Result{RuleMaxMonthlyIncrease: ResultPassed, RuleWarnMonthlyIncrease: ResultWarning}},

		// max_increase_percent / warn_increase_percent (+26.25% of $1,401.60).
		{name: "percent exactly at maximum passes", estimate: grow, policies: []Policy{ws(Policy{MaxIncreasePercent: dec("26.25")})},
			status: Passed, checks: map[Rule]Result{RuleMaxIncreasePercent: ResultPassed}},
		{name: "percent just over maximum fails", estimate: grow, policies: []Policy{ws(Policy{MaxIncreasePercent: dec("26.2499")})},
			status: Failed, checks: map[Rule]Result{RuleMaxIncreasePercent: ResultFailed}},
		{name: "percent over warning level", estimate: grow, policies: []Policy{ws(Policy{MaxIncreasePercent: dec("30"), WarnIncreasePercent: dec("20")})},
			status: Passed, checks: map[Rule]Result{RuleMaxIncreasePercent: ResultPassed, RuleWarnIncreasePercent: ResultWarning}},
		{name: "percent warning superseded", estimate: grow, policies: []Policy{ws(Policy{MaxIncreasePercent: dec("10"), WarnIncreasePercent: dec("5")})},
			status: Failed, checks: map[Rule]Result{RuleMaxIncreasePercent: ResultFailed, RuleWarnIncreasePercent: ResultNotEvaluated}},
		{name: "percent undefined without prior cost", estimate: fresh, policies: []Policy{ws(Policy{MaxIncreasePercent: dec("0"), WarnIncreasePercent: dec("0")})},
			status: Passed, checks: map[Rule]Result{RuleMaxIncreasePercent: ResultNotEvaluated, RuleWarnIncreasePercent: ResultNotEvaluated}},
		{name: "negative percent passes", estimate: shrink, policies: []Policy{ws(Policy{MaxIncreasePercent: dec("0")})},
			status: Passed, checks: map[Rule]Result{RuleMaxIncreasePercent: ResultPassed}},

		// Organization budget: others $1,500 + proposed $1,769.52 = $3,269.52.
		{name: "organization budget crossed", estimate: grow, org: others, policies: []Policy{orgDefault(Policy{OrganizationMonthlyBudget: dec("3000")})},
			status: Failed, checks: map[Rule]Result{RuleOrganizationBudget: ResultFailed}},
		{name: "organization budget exactly reached passes", estimate: grow, org: others, policies: []Policy{orgDefault(Policy{OrganizationMonthlyBudget: dec("3269.52")})},
			status: Passed, checks: map[Rule]Result{RuleOrganizationBudget: ResultPassed}},
		{name: "organization over budget does not block a decrease", estimate: shrink, org: others, policies: []Policy{orgDefault(Policy{OrganizationMonthlyBudget: dec("1000")})},
			status: Passed, checks: map[Rule]Result{RuleOrganizationBudget: ResultWarning}},
		{name: "own workspace's current cost is replaced by this run", estimate: grow,
			org:      append([]WorkspaceCost{{WorkspaceID: "ws-web", WorkspaceName: "web-prod", MonthlyCost: decv("1401.60")}}, others...),
			policies: []Policy{orgDefault(Policy{OrganizationMonthlyBudget: dec("3269.52")})},
			status:   Passed, checks: map[Rule]Result{RuleOrganizationBudget: ResultPassed}},
		{name: "organization budget applies under a workspace policy", estimate: grow, org: others,
			policies: []Policy{orgDefault(Policy{OrganizationMonthlyBudget: dec("3000"), MaxIncreasePercent: dec("1")}), ws(Policy{MaxMonthlyCost: dec("5000")})},
			status:   Failed, checks: map[Rule]Result{RuleMaxMonthlyCost: ResultPassed, RuleOrganizationBudget: ResultFailed}},

		// Precedence: the most specific policy applies whole.
		{name: "workspace policy replaces organization thresholds", estimate: grow,
			policies: []Policy{orgDefault(Policy{MaxIncreasePercent: dec("10")}), ws(Policy{MaxMonthlyCost: dec("5000")})},
			status:   Passed, checks: map[Rule]Result{RuleMaxMonthlyCost: ResultPassed}},
		{name: "organization default applies when no workspace policy", estimate: grow,
			policies: []Policy{orgDefault(Policy{MaxIncreasePercent: dec("10")})},
			status:   Failed, checks: map[Rule]Result{RuleMaxIncreasePercent: ResultFailed}},
		{name: "global default applies last", estimate: grow,
			policies: []Policy{{ID: "file:default", MaxMonthlyIncrease: dec("100")}},
			status:   Failed, checks: map[Rule]Result{RuleMaxMonthlyIncrease: ResultFailed}},

		// Unpriced components.
		{name: "fail on unpriced", estimate: func(t *testing.T) *estimator.Estimate {
			return withUnpriced(grow(t), "aws_nat_gateway.main", "NAT gateway")
		},
			policies: []Policy{ws(Policy{FailOnUnpriced: true})},
			status:   Failed, checks: map[Rule]Result{RuleFailOnUnpriced: ResultFailed}},
		{name: "fail on unpriced, everything priced", estimate: grow, policies: []Policy{ws(Policy{FailOnUnpriced: true})},
			status: Passed, checks: map[Rule]Result{RuleFailOnUnpriced: ResultPassed}},
		{name: "unpriced does not fail by default", estimate: func(t *testing.T) *estimator.Estimate {
			return withUnpriced(grow(t), "aws_nat_gateway.main", "NAT gateway")
		},
			policies: []Policy{ws(Policy{})},
			status:   Passed, checks: map[Rule]Result{}},

		// Estimation errors.
		{name: "error without policy fails", err: "plan JSON is not valid", status: Failed, checks: map[Rule]Result{RuleOnError: ResultFailed}},
		{name: "error with on_error fail", err: "plan JSON is not valid", policies: []Policy{ws(Policy{OnError: "fail", MaxMonthlyCost: dec("1")})},
			status: Failed, checks: map[Rule]Result{RuleOnError: ResultFailed}},
		{name: "error with on_error pass", err: "plan JSON is not valid", policies: []Policy{ws(Policy{OnError: "pass"})},
			status: Passed, checks: map[Rule]Result{RuleOnError: ResultWarning}},
		{name: "error with on_error pass from the organization default", err: "timeout", policies: []Policy{orgDefault(Policy{OnError: "pass"})},
			status: Passed, checks: map[Rule]Result{RuleOnError: ResultWarning}},
		{name: "missing estimate counts as an error", estimate: func(*testing.T) *estimator.Estimate { return nil },
			status: Failed, checks: map[Rule]Result{RuleOnError: ResultFailed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Input{Run: webProd, EstimateError: tt.err, Policies: tt.policies, OrganizationCosts: tt.org}
			if tt.estimate != nil {
				in.Estimate = tt.estimate(t)
			}
			d := Decide(in)
			if d.Status != tt.status {
				t.Errorf("status = %s, want %s; checks %+v", d.Status, tt.status, d.Checks)
			}
			got := map[Rule]Result{}
			for _, c := range d.Checks {
				if _, dup := got[c.Rule]; dup {
					t.Errorf("rule %s evaluated twice", c.Rule)
				}
				got[c.Rule] = c.Result
			}
			if len(got) != len(tt.checks) {
				t.Errorf("checks = %v, want %v", got, tt.checks)
			}
			for rule, want := range tt.checks {
				if got[rule] != want {
					t.Errorf("%s = %q, want %q", rule, got[rule], want)
				}
			}
			// Reasons and warnings are exactly the failed and warning checks.
			for _, c := range d.Reasons {
				if c.Result != ResultFailed {
					t.Errorf("reason %s has result %s", c.Rule, c.Result)
				}
			}
			for _, c := range d.Warnings {
				if c.Result != ResultWarning {
					t.Errorf("warning %s has result %s", c.Rule, c.Result)
				}
			}
			if (len(d.Reasons) > 0) != (d.Status == Failed) {
				t.Errorf("status %s with %d reasons", d.Status, len(d.Reasons))
			}
		})
	}
}

func TestDecideCheckValues(t *testing.T) {
	others := []WorkspaceCost{{WorkspaceID: "ws-api", MonthlyCost: decv("1000")}}
	in := Input{
		Run:               webProd,
		Estimate:          grow(t),
		OrganizationCosts: others,
		Policies: []Policy{
			orgDefault(Policy{OrganizationMonthlyBudget: dec("2500")}),
			ws(Policy{MaxMonthlyCost: dec("1500"), MaxIncreasePercent: dec("20")}),
		},
	}
	d := Decide(in)
	want := map[Rule]struct{ limit, actual, over string }{
		RuleMaxMonthlyCost:     {"1500", "1769.52", "269.52"},
		RuleMaxIncreasePercent: {"20", "26.25", "6.25"},
		RuleOrganizationBudget: {"2500", "2769.52", "269.52"},
	}
	if len(d.Reasons) != len(want) {
		t.Fatalf("reasons = %+v", d.Reasons)
	}
	for _, c := range d.Reasons {
		w := want[c.Rule]
		if !c.Limit.Equal(decv(w.limit)) || !c.Actual.Equal(decv(w.actual)) || !c.Over().Equal(decv(w.over)) {
			t.Errorf("%s: limit %s actual %s over %s, want %s %s %s", c.Rule, c.Limit, c.Actual, c.Over(), w.limit, w.actual, w.over)
		}
		wantPolicy := "ws-policy"
		if c.Rule == RuleOrganizationBudget {
			wantPolicy = "org-policy"
		}
		if c.Policy.ID != wantPolicy {
			t.Errorf("%s names policy %q, want %q", c.Rule, c.Policy.ID, wantPolicy)
		}
	}
	// Order is fixed: cost, increase, percent, organization, unpriced.
	if d.Reasons[0].Rule != RuleMaxMonthlyCost || d.Reasons[2].Rule != RuleOrganizationBudget {
		t.Errorf("reason order = %s, %s, %s", d.Reasons[0].Rule, d.Reasons[1].Rule, d.Reasons[2].Rule)
	}
}

func TestDecideStageDoesNotChangeVerdict(t *testing.T) {
	policies := []Policy{ws(Policy{MaxMonthlyIncrease: dec("100")})}
	for _, run := range []Run{
		webProd,
		{Organization: "acme", WorkspaceID: "ws-web", WorkspaceName: "web-prod", Stage: "post_plan", Speculative: true},
		{Organization: "acme", WorkspaceID: "ws-web", WorkspaceName: "web-prod", Stage: "pre_apply"},
		{Organization: "acme", WorkspaceID: "ws-web", WorkspaceName: "web-prod", Stage: "post_apply"},
	} {
		if d := Decide(Input{Run: run, Estimate: grow(t), Policies: policies}); d.Status != Failed {
			t.Errorf("stage %s speculative %v: status %s, want failed", run.Stage, run.Speculative, d.Status)
		}
	}
}
