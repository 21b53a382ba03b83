package worker

import (
	"context"
	"fmt"
	"strings"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/internal/usd"
	"github.com/costgate/costgate/runtask"
	"github.com/costgate/costgate/store"
	"github.com/shopspring/decimal"
)

// Decider turns an estimate into the verdict reported to TFC. The budget
// package supplies the real one; DefaultDecider passes every run with a
// cost summary.
type Decider interface {
	Decide(ctx context.Context, run store.Run, est *estimator.Estimate) (Decision, error)
	// FailOpen reports whether a run costgate could not price should pass
	// with a warning (true) or fail (false).
	FailOpen(ctx context.Context, run store.Run) (bool, error)
}

// Decision is a verdict: status passed or failed, a one-paragraph message,
// the reasons for a failure and the outcomes shown in TFC's run page.
type Decision struct {
	Status   string
	Message  string
	Reasons  []string
	Outcomes []runtask.Outcome
}

// DefaultDecider passes every priced run; FailOpenDefault answers FailOpen.
type DefaultDecider struct {
	FailOpenDefault bool
}

// Decide passes with a summary of the cost change.
func (d DefaultDecider) Decide(_ context.Context, _ store.Run, est *estimator.Estimate) (Decision, error) {
	return Decision{
		Status:   runtask.StatusPassed,
		Message:  CostSummary(est),
		Outcomes: []runtask.Outcome{runtask.NewOutcome("COST-SUMMARY", CostSummary(est), CostTable(est), nil)},
	}, nil
}

// FailOpen returns the configured default.
func (d DefaultDecider) FailOpen(context.Context, store.Run) (bool, error) {
	return d.FailOpenDefault, nil
}

// CostSummary is one line such as "Monthly cost +$12.40: $100.00 → $112.40
// (3 resources, 1 component not priced)".
func CostSummary(est *estimator.Estimate) string {
	var notes []string
	notes = append(notes, plural(est.Summary.Resources, "resource"))
	if n := est.Summary.UnpricedComponents; n > 0 {
		notes = append(notes, plural(n, "component")+" not priced")
	}
	if n := est.Summary.Unsupported; n > 0 {
		notes = append(notes, plural(n, "resource")+" of unsupported type")
	}
	if n := est.Summary.UsageUnknownComponents; n > 0 {
		notes = append(notes, plural(n, "usage-based component")+" without usage")
	}
	return fmt.Sprintf("Monthly cost %s: %s → %s (%s)", signedUSD(est.DeltaMonthlyCost),
		usd.Format(est.PriorMonthlyCost), usd.Format(est.ProposedMonthlyCost), strings.Join(notes, ", "))
}

// CostTable is a markdown table of the priced resources, for the outcome body.
func CostTable(est *estimator.Estimate) string {
	var b strings.Builder
	b.WriteString("| Resource | Action | Before | After | Delta |\n|---|---|---:|---:|---:|\n")
	for _, r := range est.Resources {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", mdCell(r.Address), r.Action, usd.Format(r.PriorMonthlyCost),
			usd.Format(r.ProposedMonthlyCost), signedUSD(r.ProposedMonthlyCost.Sub(r.PriorMonthlyCost)))
	}
	fmt.Fprintf(&b, "\nMonthly totals: %s → %s (%s). Prices on demand, 730 hours a month.",
		usd.Format(est.PriorMonthlyCost), usd.Format(est.ProposedMonthlyCost), signedUSD(est.DeltaMonthlyCost))
	return b.String()
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// signedUSD prints a change with its sign; unlike usd.FormatSigned, no
// change prints as "+$0.00".
func signedUSD(d decimal.Decimal) string {
	if d.Round(2).IsNegative() {
		return usd.Format(d)
	}
	return "+" + usd.Format(d)
}
