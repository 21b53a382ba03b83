package budget

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/costgate/costgate/estimator"
)

// issueTotals are the totals of the issue's example message (a formatting
// fixture: totals, not prices).
func issueTotals() *estimator.Estimate {
	return &estimator.Estimate{
		Currency:            "USD",
		PriorMonthlyCost:    decv("2242.30"),
		ProposedMonthlyCost: decv("2655.10"),
		DeltaMonthlyCost:    decv("412.80"),
		Summary:             estimator.Summary{Resources: 3, Estimated: 3, UnpricedComponents: 2},
	}
}

func TestMessageIssueExample(t *testing.T) {
	in := Input{Run: webProd, Estimate: issueTotals(), Policies: []Policy{ws(Policy{MaxMonthlyCost: dec("2500.00")})}}
	got := Message(in, Decide(in))
	want := "Monthly cost +$412.80 (+18.4%): $2,242.30 → $2,655.10 — over the web-prod budget of $2,500.00 by $155.10. 2 components could not be priced."
	if got != want {
		t.Errorf("message\n got %q\nwant %q", got, want)
	}
}

func TestMessage(t *testing.T) {
	speculative := webProd
	speculative.Speculative = true
	applied := webProd
	applied.Stage = "post_apply"
	tests := []struct {
		name  string
		in    Input
		lines []string // exact lines
	}{
		{
			name: "passed within budget",
			in:   Input{Run: webProd, Estimate: grow(t), Policies: []Policy{ws(Policy{MaxMonthlyCost: dec("2000")})}},
			lines: []string{
				"Monthly cost +$367.92 (+26.3%): $1,401.60 → $1,769.52 — within the web-prod budget.",
			},
		},
		{
			name:  "no policy",
			in:    Input{Run: webProd, Estimate: grow(t)},
			lines: []string{"Monthly cost +$367.92 (+26.3%): $1,401.60 → $1,769.52 — no budget policy applies."},
		},
		{
			name:  "preview wording for speculative plans",
			in:    Input{Run: speculative, Estimate: grow(t), Policies: []Policy{ws(Policy{MaxMonthlyIncrease: dec("100")})}},
			lines: []string{"Preview: monthly cost +$367.92 (+26.3%): $1,401.60 → $1,769.52 — increase of +$367.92 is over the web-prod limit of $100.00 by $267.92."},
		},
		{
			name:  "applied wording after apply",
			in:    Input{Run: applied, Estimate: shrink(t), Policies: []Policy{ws(Policy{MaxMonthlyCost: dec("2000")})}},
			lines: []string{"Applied: monthly cost -$140.16 (-10.0%): $1,401.60 → $1,261.44 — within the web-prod budget."},
		},
		{
			name: "warning",
			in:   Input{Run: webProd, Estimate: grow(t), Policies: []Policy{ws(Policy{MaxMonthlyCost: dec("2000"), WarnMonthlyCost: dec("1500")})}},
			lines: []string{
				"Monthly cost +$367.92 (+26.3%): $1,401.60 → $1,769.52 — passes with a warning: above the web-prod warning level of $1,500.00 by $269.52.",
			},
		},
		{
			name: "several reasons, warnings and an undefined percentage",
			in: Input{Run: webProd, Estimate: withUnsupported(fresh(t), "aws_msk_cluster.events", "aws_msk_cluster"),
				OrganizationCosts: []WorkspaceCost{{WorkspaceID: "ws-api", MonthlyCost: decv("1000")}},
				Policies: []Policy{
					orgDefault(Policy{OrganizationMonthlyBudget: dec("1000")}),
					ws(Policy{MaxMonthlyCost: dec("50"), MaxMonthlyIncrease: dec("60"), WarnIncreasePercent: dec("5")}),
				}},
			lines: []string{
				"Monthly cost +$70.08: $0.00 → $70.08 — over the web-prod budget of $50.00 by $20.08 (and 2 more failed rules). 1 resource is not supported.",
				"✗ Increase of +$70.08 is over the web-prod limit of $60.00 by $10.08 (max_monthly_increase).",
				"✗ Organization acme would total $1,070.08 a month, over its budget of $1,000.00 by $70.08 (organization_monthly_budget).",
				"· The web-prod percent warning level of 5.0% was not evaluated: no prior cost, so the percentage is undefined (warn_increase_percent).",
			},
		},
		{
			name:  "estimation failed, no policy",
			in:    Input{Run: webProd, EstimateError: "fetching plan: TFC answered 404"},
			lines: []string{"Cost estimation failed: fetching plan: TFC answered 404 — failing: no budget policy applies, and without one a failed estimate fails."},
		},
		{
			name:  "estimation failed, on_error pass, preview",
			in:    Input{Run: speculative, EstimateError: "plan is not valid JSON", Policies: []Policy{ws(Policy{OnError: "pass"})}},
			lines: []string{"Preview: cost estimation failed: plan is not valid JSON — passing with a warning because the web-prod policy's on_error is pass."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Message(tt.in, Decide(tt.in))
			if want := strings.Join(tt.lines, "\n"); got != want {
				t.Errorf("message\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestMessageFitsLimit(t *testing.T) {
	long := strings.Repeat("very-long-workspace-name-", 9) // 225 bytes
	var policies []Policy
	p := Policy{ID: "p", Organization: "acme", WorkspaceName: str(long),
		MaxMonthlyCost: dec("1"), MaxMonthlyIncrease: dec("1"), MaxIncreasePercent: dec("1"), FailOnUnpriced: true}
	policies = append(policies, p, orgDefault(Policy{OrganizationMonthlyBudget: dec("1")}))
	run := Run{Organization: "acme", WorkspaceID: "ws-x", WorkspaceName: long, Stage: "post_plan"}
	in := Input{Run: run, Estimate: withUnpriced(grow(t), "aws_nat_gateway.main", "NAT gateway"), Policies: policies}
	d := Decide(in)
	if len(d.Reasons) != 5 {
		t.Fatalf("want 5 reasons, got %d", len(d.Reasons))
	}
	msg := Message(in, d)
	if n := utf8.RuneCountInString(msg); n > MaxMessage {
		t.Fatalf("message has %d characters", n)
	}
	lines := strings.Split(msg, "\n")
	if !strings.HasPrefix(lines[0], "Monthly cost +$367.92") {
		t.Errorf("first line lost: %q", lines[0])
	}
	if last := lines[len(lines)-1]; !strings.HasSuffix(last, "more in the outcomes)") {
		t.Errorf("cut lines are not counted; last line %q", last)
	}

	// An absurdly long estimation error is clipped, still within the limit.
	errIn := Input{Run: run, EstimateError: strings.Repeat("é", 5000)}
	if n := utf8.RuneCountInString(Message(errIn, Decide(errIn))); n > MaxMessage {
		t.Errorf("error message has %d characters", n)
	}
}

func TestFitLines(t *testing.T) {
	tests := []struct {
		first   string
		details []string
		limit   int
		want    string
	}{
		{"a", []string{"bb", "cc"}, 100, "a\nbb\ncc"},
		{"a", []string{"bb", "cc"}, 4, "a"},
		{"a", []string{"bbbbbbbbbb", "cccccccccc"}, 40, "a\nbbbbbbbbbb\ncccccccccc"},
		{"a", []string{"bbbbbbbbbb", "cccccccccc"}, 30, "a\n(2 more in the outcomes)"},
		{"a", []string{"bbbbbbbbbb", "cccccccccc"}, 22, "a"},
		{"a", []string{"bbbbbbbbbb", "cccccccccc", "d"}, 40, "a\nbbbbbbbbbb\n(2 more in the outcomes)"},
		{"first", []string{strings.Repeat("x", 50)}, 40, "first\n(1 more in the outcomes)"},
		{strings.Repeat("y", 20), nil, 10, strings.Repeat("y", 9) + "…"},
	}
	for _, tt := range tests {
		got := fitLines(tt.first, tt.details, tt.limit)
		if got != tt.want {
			t.Errorf("fitLines(%q, %q, %d) = %q, want %q", tt.first, tt.details, tt.limit, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > tt.limit {
			t.Errorf("fitLines result has %d > %d characters", n, tt.limit)
		}
	}
}
