package api

import (
	"cmp"
	"net/http"
	"slices"

	"github.com/costgate/costgate/budget"
	"github.com/costgate/costgate/store"
	"github.com/labstack/echo/v4"
	"github.com/shopspring/decimal"
)

// organizationSummaryJSON is an organization's total current monthly cost,
// the share of each workspace, and the organization budget.
type organizationSummaryJSON struct {
	Organization       string `json:"organization"`
	CurrentMonthlyCost string `json:"current_monthly_cost"`
	// Budget fields are null when the organization default sets no budget.
	OrganizationMonthlyBudget *string                     `json:"organization_monthly_budget"`
	BudgetPolicyID            *string                     `json:"budget_policy_id"`
	BudgetRemaining           *string                     `json:"budget_remaining"`
	BudgetState               string                      `json:"budget_state"` // none, within, over
	Workspaces                []organizationWorkspaceJSON `json:"workspaces"`
}

type organizationWorkspaceJSON struct {
	WorkspaceID        string  `json:"workspace_id"`
	WorkspaceName      string  `json:"workspace_name"`
	CurrentMonthlyCost *string `json:"current_monthly_cost"`
}

// organizationSummary totals the workspaces as the budget decision does:
// each workspace's current cost, zero for workspaces never priced.
type organizationSummary struct {
	Total      decimal.Decimal
	Budget     *decimal.Decimal
	PolicyID   string
	Workspaces []store.WorkspaceSummary // most expensive first, unpriced last
}

// Over reports whether the total exceeds the budget (exactly at it is within).
func (o organizationSummary) Over() bool { return o.Budget != nil && o.Total.GreaterThan(*o.Budget) }

func summarizeOrganization(organization string, workspaces []store.WorkspaceSummary, policies []budget.Policy) organizationSummary {
	out := organizationSummary{Workspaces: slices.Clone(workspaces)}
	for _, w := range workspaces {
		if w.Current != nil {
			out.Total = out.Total.Add(w.Current.MonthlyCost)
		}
	}
	out.Budget, out.PolicyID = organizationBudget(policies, organization)
	slices.SortStableFunc(out.Workspaces, func(a, b store.WorkspaceSummary) int {
		switch {
		case a.Current == nil && b.Current == nil:
			return cmp.Compare(a.WorkspaceName, b.WorkspaceName)
		case a.Current == nil:
			return 1
		case b.Current == nil:
			return -1
		}
		if c := b.Current.MonthlyCost.Cmp(a.Current.MonthlyCost); c != 0 {
			return c
		}
		return cmp.Compare(a.WorkspaceName, b.WorkspaceName)
	})
	return out
}

// handleOrganizationSummary is GET /api/v1/organizations/{organization}/summary.
func (s *Server) handleOrganizationSummary(c echo.Context) error {
	if _, err := readParams(c); err != nil {
		return err
	}
	org := pathParam(c, "organization")
	ctx := c.Request().Context()
	list, policies, err := s.workspacesAndPolicies(ctx, org)
	if err != nil {
		return err
	}
	sum := summarizeOrganization(org, list, policies)
	if len(list) == 0 && sum.Budget == nil {
		return NewError(http.StatusNotFound, "not_found", "no organization "+org+" (no run and no organization budget)")
	}
	out := organizationSummaryJSON{Organization: org, CurrentMonthlyCost: money(sum.Total), BudgetState: budgetNone,
		Workspaces: make([]organizationWorkspaceJSON, len(sum.Workspaces))}
	if sum.Budget != nil {
		out.OrganizationMonthlyBudget = decimalPtr(sum.Budget)
		out.BudgetPolicyID = &sum.PolicyID
		out.BudgetRemaining = moneyPtr(sum.Budget.Sub(sum.Total))
		out.BudgetState = budgetWithin
		if sum.Over() {
			out.BudgetState = budgetOver
		}
	}
	for i, w := range sum.Workspaces {
		out.Workspaces[i] = organizationWorkspaceJSON{WorkspaceID: w.WorkspaceID, WorkspaceName: w.WorkspaceName}
		if w.Current != nil {
			out.Workspaces[i].CurrentMonthlyCost = moneyPtr(w.Current.MonthlyCost)
		}
	}
	return c.JSON(http.StatusOK, out)
}
