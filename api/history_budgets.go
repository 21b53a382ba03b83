package api

import (
	"context"
	"time"

	"github.com/costgate/costgate/budget"
	"github.com/costgate/costgate/store"
	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"
)

// Budget states of a workspace's current cost against the monthly cost
// limits of the policy that applies to it (docs/budgets.md precedence).
const (
	budgetNone    = "none"     // no policy applies
	budgetNoLimit = "no_limit" // a policy applies but sets no monthly cost limit
	budgetWithin  = "within"
	budgetWarning = "warning" // above warn_monthly_cost
	budgetOver    = "over"    // above max_monthly_cost
)

// budgetStateJSON says where a workspace stands against its budget.
type budgetStateJSON struct {
	State           string  `json:"state"`
	PolicyID        *string `json:"policy_id"`
	MaxMonthlyCost  *string `json:"max_monthly_cost"`
	WarnMonthlyCost *string `json:"warn_monthly_cost"`
}

// budgetPolicies are the candidates the decision uses: the budgets file's
// (its global default included) and the stored ones, of one organization
// or of all when it is empty.
func (s *Server) budgetPolicies(ctx context.Context, db store.DBTX, organization string) ([]budget.Policy, error) {
	out := s.deps.BudgetFile.All()
	if organization != "" {
		stored, err := store.BudgetPoliciesOf(ctx, db, organization)
		return append(out, stored...), err
	}
	stored, err := store.ListBudgetPolicies(ctx, db)
	for _, p := range stored {
		out = append(out, p.Policy)
	}
	return out, err
}

// workspacesAndPolicies reads, in one snapshot, the workspaces of an
// organization (all when empty) with their costs now and 30 days ago, and
// the budget policies that may apply to them.
func (s *Server) workspacesAndPolicies(ctx context.Context, organization string) ([]store.WorkspaceSummary, []budget.Policy, error) {
	var list []store.WorkspaceSummary
	var policies []budget.Policy
	err := s.readTx(ctx, func(tx pgx.Tx) (err error) {
		if list, err = store.ListWorkspaces(ctx, tx, organization, time.Now().Add(-trendWindow)); err != nil {
			return err
		}
		policies, err = s.budgetPolicies(ctx, tx, organization)
		return err
	})
	return list, policies, err
}

// workspaceBudget compares a workspace's current cost (nil: none known,
// counted as zero like the organization totals do) with its policy.
// Exactly at a limit is within it, as in the decision.
func workspaceBudget(policies []budget.Policy, w store.WorkspaceSummary) budgetStateJSON {
	res := budget.Resolve(policies, budget.Run{Organization: w.Organization, WorkspaceID: w.WorkspaceID, WorkspaceName: w.WorkspaceName})
	if res.Policy == nil {
		return budgetStateJSON{State: budgetNone}
	}
	p := res.Policy
	id := p.ID
	out := budgetStateJSON{State: budgetNoLimit, PolicyID: &id,
		MaxMonthlyCost: decimalPtr(p.MaxMonthlyCost), WarnMonthlyCost: decimalPtr(p.WarnMonthlyCost)}
	current := decimal.Zero
	if w.Current != nil {
		current = w.Current.MonthlyCost
	}
	switch {
	case p.MaxMonthlyCost != nil && current.GreaterThan(*p.MaxMonthlyCost):
		out.State = budgetOver
	case p.WarnMonthlyCost != nil && current.GreaterThan(*p.WarnMonthlyCost):
		out.State = budgetWarning
	case p.MaxMonthlyCost != nil || p.WarnMonthlyCost != nil:
		out.State = budgetWithin
	}
	return out
}

// organizationBudget is the organization default's monthly ceiling and
// its policy id; nil when the organization has none.
func organizationBudget(policies []budget.Policy, organization string) (*decimal.Decimal, string) {
	res := budget.Resolve(policies, budget.Run{Organization: organization})
	if res.Organization == nil || res.Organization.OrganizationMonthlyBudget == nil {
		return nil, ""
	}
	return res.Organization.OrganizationMonthlyBudget, res.Organization.ID
}

func decimalPtr(d *decimal.Decimal) *string {
	if d == nil {
		return nil
	}
	s := d.String()
	return &s
}
