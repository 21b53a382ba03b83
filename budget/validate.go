package budget

import (
	"path"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"
)

// maxNameLength bounds organization and workspace names and patterns
// (TFC's own limit for workspace names is 90 characters).
const maxNameLength = 255

// ValidateOptions says where a policy comes from.
type ValidateOptions struct {
	// AllowGlobal accepts a policy without organization: the global default,
	// which only the configuration (the budgets file's default) may set.
	AllowGlobal bool
}

// Validate checks a policy and reports every invalid field:
//   - organization is required, except for the global default;
//   - at most one of workspace_id, workspace_name, workspace_pattern is set,
//     none empty; workspace_pattern is a valid glob (path.Match syntax);
//   - every amount and percentage is ≥ 0;
//   - a warning level is not above the maximum of the same measure (it
//     could never show), equal is allowed;
//   - organization_monthly_budget only on an organization default;
//   - on_error is "fail" or "pass" (empty means "fail").
func Validate(p Policy, opts ValidateOptions) error {
	var errs fieldErrors
	kind, _ := p.Scope()

	switch {
	case p.Organization == "" && (kind != ScopeGlobal || !opts.AllowGlobal):
		errs.add("organization", "is required")
	case p.Organization != "":
		if msg := checkName(p.Organization); msg != "" {
			errs.add("organization", msg)
		}
	}

	set := 0
	for _, f := range []struct {
		name  string
		value *string
	}{{"workspace_id", p.WorkspaceID}, {"workspace_name", p.WorkspaceName}, {"workspace_pattern", p.WorkspacePattern}} {
		if f.value == nil {
			continue
		}
		set++
		if set > 1 {
			errs.add(f.name, "only one of workspace_id, workspace_name and workspace_pattern may be set")
			continue
		}
		if msg := checkName(*f.value); msg != "" {
			errs.add(f.name, msg)
			continue
		}
		if f.name == "workspace_pattern" {
			if _, err := path.Match(*f.value, ""); err != nil {
				errs.add(f.name, "is not a valid glob (use *, ? and [a-z]; escape with \\)")
			}
		}
	}

	for _, a := range []struct {
		name  string
		value *decimal.Decimal
	}{
		{"max_monthly_cost", p.MaxMonthlyCost}, {"max_monthly_increase", p.MaxMonthlyIncrease},
		{"max_increase_percent", p.MaxIncreasePercent}, {"warn_monthly_cost", p.WarnMonthlyCost},
		{"warn_monthly_increase", p.WarnMonthlyIncrease}, {"warn_increase_percent", p.WarnIncreasePercent},
		{"organization_monthly_budget", p.OrganizationMonthlyBudget},
	} {
		if a.value != nil && a.value.IsNegative() {
			errs.add(a.name, "must not be negative")
		}
	}

	for _, pair := range []struct {
		warn, max string
		w, m      *decimal.Decimal
	}{
		{"warn_monthly_cost", "max_monthly_cost", p.WarnMonthlyCost, p.MaxMonthlyCost},
		{"warn_monthly_increase", "max_monthly_increase", p.WarnMonthlyIncrease, p.MaxMonthlyIncrease},
		{"warn_increase_percent", "max_increase_percent", p.WarnIncreasePercent, p.MaxIncreasePercent},
	} {
		if pair.w != nil && pair.m != nil && pair.w.GreaterThan(*pair.m) {
			errs.add(pair.warn, "must not be above "+pair.max+" ("+pair.m.String()+"): the warning could never show")
		}
	}

	if p.OrganizationMonthlyBudget != nil && kind != ScopeOrganization {
		errs.add("organization_monthly_budget", "may only be set on an organization default (a policy with only organization set)")
	}

	switch p.OnError {
	case "", OnErrorFail, OnErrorPass:
	default:
		errs.add("on_error", `must be "fail" or "pass"`)
	}
	return errs.err()
}

func checkName(s string) string {
	switch {
	case s == "":
		return "must not be empty"
	case len(s) > maxNameLength:
		return "is too long (at most 255 bytes)"
	case strings.TrimSpace(s) != s:
		return "must not start or end with spaces"
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return "must not contain control characters"
	}
	return ""
}
