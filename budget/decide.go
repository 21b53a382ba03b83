package budget

import (
	"github.com/costgate/costgate/estimator"
	"github.com/shopspring/decimal"
)

// Status is the verdict reported to TFC.
type Status string

// Statuses of a decision, as the run task protocol spells them.
const (
	Passed Status = "passed"
	Failed Status = "failed"
)

// Stages whose wording differs in the message.
const (
	StagePostApply = "post_apply"
)

// Input is everything a decision depends on. Decide does no I/O.
type Input struct {
	Run Run
	// Estimate is the priced plan; nil when EstimateError is set.
	Estimate *estimator.Estimate
	// EstimateError says why no estimate could be made (plan fetch, bad
	// plan, internal error). It is shown to people: no secrets in it.
	EstimateError string
	// Policies are the candidate policies (any scope, any organization,
	// including the global default); Decide resolves which apply.
	Policies []Policy
	// OrganizationCosts is the current monthly cost of each workspace of
	// the run's organization (its latest run's cost). The run's own
	// workspace, if listed, is ignored: this run's proposed cost replaces it.
	OrganizationCosts []WorkspaceCost
	// RunURL is the run's page in costgate, linked from the callback.
	RunURL string
}

// WorkspaceCost is one workspace's current monthly cost.
type WorkspaceCost struct {
	WorkspaceID   string
	WorkspaceName string
	MonthlyCost   decimal.Decimal
}

// Decision is the verdict with every rule evaluated.
type Decision struct {
	Status Status
	// Policy applied to the workspace (nil when none) and the organization
	// default that carries the organization budget (nil when none).
	Policy             *Policy
	OrganizationPolicy *Policy
	// Checks lists every rule of the applied policies in a fixed order;
	// Reasons are the failed ones and Warnings the ones that warn.
	Checks   []Check
	Reasons  []Check
	Warnings []Check
	// EstimateError is copied from the input when estimation failed.
	EstimateError string
}

// Decide judges one run: the most specific policy's thresholds, the
// organization budget and the estimation outcome. See docs/budgets.md.
func Decide(in Input) Decision {
	res := Resolve(in.Policies, in.Run)
	d := Decision{Policy: res.Policy, OrganizationPolicy: res.Organization}

	if in.EstimateError != "" || in.Estimate == nil {
		d.EstimateError = in.EstimateError
		if d.EstimateError == "" {
			d.EstimateError = "no estimate was produced"
		}
		d.Checks = append(d.Checks, onErrorCheck(res.Policy))
		return d.finish()
	}

	e := in.Estimate
	if p := res.Policy; p != nil {
		ref := refOf(p)
		d.Checks = append(d.Checks, costChecks(ref, p.MaxMonthlyCost, p.WarnMonthlyCost, e)...)
		d.Checks = append(d.Checks, increaseChecks(ref, p.MaxMonthlyIncrease, p.WarnMonthlyIncrease, e)...)
		d.Checks = append(d.Checks, percentChecks(ref, p.MaxIncreasePercent, p.WarnIncreasePercent, e)...)
	}
	if op := res.Organization; op != nil && op.OrganizationMonthlyBudget != nil {
		d.Checks = append(d.Checks, organizationCheck(op, *op.OrganizationMonthlyBudget, in))
	}
	if p := res.Policy; p != nil && p.FailOnUnpriced {
		d.Checks = append(d.Checks, unpricedCheck(refOf(p), e.Summary.UnpricedComponents))
	}
	return d.finish()
}

func (d Decision) finish() Decision {
	d.Status = Passed
	for _, c := range d.Checks {
		switch c.Result {
		case ResultFailed:
			d.Reasons = append(d.Reasons, c)
			d.Status = Failed
		case ResultWarning:
			d.Warnings = append(d.Warnings, c)
		}
	}
	return d
}

func refOf(p *Policy) PolicyRef {
	return PolicyRef{ID: p.ID, Name: p.DisplayName(), Source: p.Source}
}

// costChecks: the proposed monthly cost against its maximum and warning
// level. A run that does not increase cost is never failed by the maximum
// (it would block the fix); it gets a warning while still over.
func costChecks(ref PolicyRef, max, warn *decimal.Decimal, e *estimator.Estimate) []Check {
	var out []Check
	maxFailed := false
	if max != nil {
		c := Check{Rule: RuleMaxMonthlyCost, Policy: ref, Limit: *max, Actual: e.ProposedMonthlyCost, Unit: UnitUSD, Result: ResultPassed}
		if e.ProposedMonthlyCost.GreaterThan(*max) {
			if e.DeltaMonthlyCost.IsPositive() {
				c.Result = ResultFailed
				maxFailed = true
			} else {
				c.Result = ResultWarning
				c.Detail = detailNotIncreasing
			}
		}
		out = append(out, c)
	}
	if warn != nil {
		out = append(out, warnCheck(RuleWarnMonthlyCost, ref, *warn, e.ProposedMonthlyCost, UnitUSD, maxFailed))
	}
	return out
}

// increaseChecks: the monthly delta against its maximum and warning level.
// A decrease or no change always passes.
func increaseChecks(ref PolicyRef, max, warn *decimal.Decimal, e *estimator.Estimate) []Check {
	var out []Check
	maxFailed := false
	if max != nil {
		c := Check{Rule: RuleMaxMonthlyIncrease, Policy: ref, Limit: *max, Actual: e.DeltaMonthlyCost, Unit: UnitUSD, Result: ResultPassed}
		if e.DeltaMonthlyCost.IsPositive() && e.DeltaMonthlyCost.GreaterThan(*max) {
			c.Result = ResultFailed
			maxFailed = true
		}
		out = append(out, c)
	}
	if warn != nil {
		out = append(out, warnCheck(RuleWarnMonthlyIncrease, ref, *warn, e.DeltaMonthlyCost, UnitUSD, maxFailed))
	}
	return out
}

// percentChecks: the delta as a percentage of the prior cost. Without a
// positive prior cost the percentage is undefined and the rule is reported
// as not evaluated, never failed. Compared exactly: delta×100 > limit×prior.
func percentChecks(ref PolicyRef, max, warn *decimal.Decimal, e *estimator.Estimate) []Check {
	pct, ok := percentChange(e.PriorMonthlyCost, e.DeltaMonthlyCost)
	over := func(limit decimal.Decimal) bool {
		return e.DeltaMonthlyCost.IsPositive() &&
			e.DeltaMonthlyCost.Mul(hundred).GreaterThan(limit.Mul(e.PriorMonthlyCost))
	}
	var out []Check
	maxFailed := false
	for _, r := range []struct {
		rule  Rule
		limit *decimal.Decimal
		fail  Result
	}{{RuleMaxIncreasePercent, max, ResultFailed}, {RuleWarnIncreasePercent, warn, ResultWarning}} {
		if r.limit == nil {
			continue
		}
		c := Check{Rule: r.rule, Policy: ref, Limit: *r.limit, Actual: pct, Unit: UnitPercent, Result: ResultPassed}
		switch {
		case !ok:
			c.Result = ResultNotEvaluated
			c.Detail = detailNoPrior
		case r.fail == ResultWarning && maxFailed:
			c.Result = ResultNotEvaluated
			c.Detail = detailSuperseded
		case over(*r.limit):
			c.Result = r.fail
			maxFailed = maxFailed || r.fail == ResultFailed
		}
		out = append(out, c)
	}
	return out
}

func warnCheck(rule Rule, ref PolicyRef, limit, actual decimal.Decimal, unit Unit, maxFailed bool) Check {
	c := Check{Rule: rule, Policy: ref, Limit: limit, Actual: actual, Unit: unit, Result: ResultPassed}
	switch {
	case maxFailed:
		c.Result = ResultNotEvaluated
		c.Detail = detailSuperseded
	case actual.GreaterThan(limit):
		c.Result = ResultWarning
	}
	return c
}

// organizationCheck: the sum of the other workspaces' current costs plus
// this run's proposed cost against the organization's ceiling. It fails only
// a run that increases cost; an organization already over its budget does
// not block a run that keeps or lowers its cost (that run gets a warning).
func organizationCheck(p *Policy, ceiling decimal.Decimal, in Input) Check {
	total := in.Estimate.ProposedMonthlyCost
	for _, w := range in.OrganizationCosts {
		if w.WorkspaceID != in.Run.WorkspaceID {
			total = total.Add(w.MonthlyCost)
		}
	}
	c := Check{Rule: RuleOrganizationBudget, Policy: refOf(p), Limit: ceiling, Actual: total, Unit: UnitUSD, Result: ResultPassed}
	if total.GreaterThan(ceiling) {
		if in.Estimate.DeltaMonthlyCost.IsPositive() {
			c.Result = ResultFailed
		} else {
			c.Result = ResultWarning
			c.Detail = detailNotIncreasing
		}
	}
	return c
}

func unpricedCheck(ref PolicyRef, unpriced int) Check {
	c := Check{Rule: RuleFailOnUnpriced, Policy: ref, Limit: decimal.Zero, Actual: decimal.NewFromInt(int64(unpriced)), Unit: UnitCount, Result: ResultPassed}
	if unpriced > 0 {
		c.Result = ResultFailed
	}
	return c
}

// onErrorCheck applies the policy's on_error (default fail; fail too when
// no policy applies, since nothing vouches for the run).
func onErrorCheck(p *Policy) Check {
	c := Check{Rule: RuleOnError, Unit: UnitCount, Result: ResultFailed}
	if p != nil {
		c.Policy = refOf(p)
		if p.onError() == OnErrorPass {
			c.Result = ResultWarning
		}
	}
	return c
}
