package budget

import (
	"strings"

	"github.com/costgate/costgate/internal/usd"
	"github.com/shopspring/decimal"
)

// Rule names a threshold; the names are the policy's JSON field names.
type Rule string

// Rules, in the order they are evaluated and reported.
const (
	RuleMaxMonthlyCost      Rule = "max_monthly_cost"
	RuleWarnMonthlyCost     Rule = "warn_monthly_cost"
	RuleMaxMonthlyIncrease  Rule = "max_monthly_increase"
	RuleWarnMonthlyIncrease Rule = "warn_monthly_increase"
	RuleMaxIncreasePercent  Rule = "max_increase_percent"
	RuleWarnIncreasePercent Rule = "warn_increase_percent"
	RuleOrganizationBudget  Rule = "organization_monthly_budget"
	RuleFailOnUnpriced      Rule = "fail_on_unpriced"
	RuleOnError             Rule = "on_error"
)

// Result is the outcome of one rule.
type Result string

// Results of a check.
const (
	ResultPassed       Result = "passed"
	ResultFailed       Result = "failed"
	ResultWarning      Result = "warning"
	ResultNotEvaluated Result = "not_evaluated"
)

// Unit of a check's limit and actual value.
type Unit string

// Units.
const (
	UnitUSD     Unit = "usd"     // USD per month
	UnitPercent Unit = "percent" // percent of the prior monthly cost
	UnitCount   Unit = "count"
)

// Details explaining a warning or a rule not evaluated.
const (
	detailNotIncreasing = "this run does not increase cost"
	detailNoPrior       = "no prior cost, so the percentage is undefined"
	detailSuperseded    = "the maximum is already exceeded"
)

// PolicyRef names the policy a check comes from.
type PolicyRef struct {
	ID     string
	Name   string // DisplayName
	Source string
}

// Check is one rule evaluated: the rule, the limit, the actual value and the
// policy it belongs to.
type Check struct {
	Rule   Rule
	Result Result
	Policy PolicyRef
	Limit  decimal.Decimal
	Actual decimal.Decimal
	Unit   Unit
	// Detail explains a warning that is not a plain threshold crossing, or
	// why the rule was not evaluated.
	Detail string
}

// Over is by how much the actual value exceeds the limit (zero if it does not).
func (c Check) Over() decimal.Decimal {
	if c.Actual.GreaterThan(c.Limit) {
		return c.Actual.Sub(c.Limit)
	}
	return decimal.Zero
}

// Phrase is the check in a few words, lower case, for the message's first
// line: "over the web-prod budget of $2,500.00 by $155.10".
func (c Check) Phrase() string {
	name := c.Policy.Name
	limit, actual, over := c.limitText(), c.actualText(), usd.Format(c.Over())
	switch c.Rule {
	case RuleMaxMonthlyCost:
		switch c.Result {
		case ResultFailed:
			return "over the " + name + " budget of " + limit + " by " + over
		case ResultWarning:
			return "still over the " + name + " budget of " + limit + " by " + over + ", but " + c.Detail
		}
		return "monthly cost " + actual + " is within the " + name + " budget of " + limit
	case RuleWarnMonthlyCost:
		switch c.Result {
		case ResultWarning:
			return "above the " + name + " warning level of " + limit + " by " + over
		case ResultNotEvaluated:
			return "warning level of " + limit + " not checked: " + c.Detail
		}
		return "monthly cost " + actual + " is below the " + name + " warning level of " + limit
	case RuleMaxMonthlyIncrease:
		if c.Result == ResultFailed {
			return "increase of " + actual + " is over the " + name + " limit of " + limit + " by " + over
		}
		return "change of " + actual + " is within the " + name + " increase limit of " + limit
	case RuleWarnMonthlyIncrease:
		switch c.Result {
		case ResultWarning:
			return "increase of " + actual + " is above the " + name + " warning level of " + limit + " by " + over
		case ResultNotEvaluated:
			return "increase warning level of " + limit + " not checked: " + c.Detail
		}
		return "change of " + actual + " is below the " + name + " increase warning level of " + limit
	case RuleMaxIncreasePercent, RuleWarnIncreasePercent:
		what := "limit"
		if c.Rule == RuleWarnIncreasePercent {
			what = "warning level"
		}
		switch c.Result {
		case ResultFailed:
			return "increase of " + actual + " is over the " + name + " limit of " + limit
		case ResultWarning:
			return "increase of " + actual + " is above the " + name + " warning level of " + limit
		case ResultNotEvaluated:
			return "the " + name + " percent " + what + " of " + limit + " was not evaluated: " + c.Detail
		}
		return "change of " + actual + " is within the " + name + " percent " + what + " of " + limit
	case RuleOrganizationBudget:
		org := "organization " + strings.TrimSuffix(name, " default")
		switch c.Result {
		case ResultFailed:
			return org + " would total " + actual + " a month, over its budget of " + limit + " by " + over
		case ResultWarning:
			return org + " totals " + actual + " a month, over its budget of " + limit + " by " + over + ", but " + c.Detail
		}
		return org + " would total " + actual + " a month, within its budget of " + limit
	case RuleFailOnUnpriced:
		if c.Result == ResultFailed {
			return countNoun(c.Actual.IntPart(), "component", "components") + " could not be priced and the " + name + " policy fails on unpriced components"
		}
		return "every component was priced, as the " + name + " policy requires"
	case RuleOnError:
		switch {
		case c.Result == ResultWarning:
			return "passing with a warning because the " + name + " policy's on_error is pass"
		case c.Policy.Name == "":
			return "failing: no budget policy applies, and without one a failed estimate fails"
		}
		return "failing because the " + name + " policy's on_error is fail"
	}
	return string(c.Rule) + " " + string(c.Result)
}

// Sentence is the check as a sentence naming its rule, for outcomes and the
// message's detail lines.
func (c Check) Sentence() string {
	p := c.Phrase()
	costRule := c.Rule == RuleMaxMonthlyCost || c.Rule == RuleWarnMonthlyCost
	if costRule && (c.Result == ResultFailed || c.Result == ResultWarning) {
		p = "monthly cost " + c.actualText() + " is " + p // the phrase leaves the actual to the message's totals
	}
	return strings.ToUpper(p[:1]) + p[1:] + " (" + string(c.Rule) + ")."
}

func (c Check) limitText() string {
	switch c.Unit {
	case UnitPercent:
		return formatLimitPercent(c.Limit)
	case UnitCount:
		return c.Limit.String()
	}
	return usd.Format(c.Limit)
}

func (c Check) actualText() string {
	switch {
	case c.Unit == UnitPercent:
		return formatPercent(c.Actual)
	case c.Unit == UnitCount:
		return c.Actual.String()
	case c.Rule == RuleMaxMonthlyIncrease || c.Rule == RuleWarnMonthlyIncrease:
		return usd.FormatSigned(c.Actual)
	}
	return usd.Format(c.Actual)
}

func countNoun(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return decimal.NewFromInt(n).String() + " " + many
}
