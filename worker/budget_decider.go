package worker

import (
	"context"
	"fmt"

	"github.com/costgate/costgate/budget"
	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/runtask"
	"github.com/costgate/costgate/store"
)

// BudgetDecider is the real Decider: it judges a run against the budget
// policies that apply to it (stored through the API, plus the budgets
// file's, including its global default) and the organization's budget.
type BudgetDecider struct {
	DB store.DBTX
	// File holds the budgets file's policies (COSTGATE_BUDGETS_FILE), read
	// at start; zero when there is no file.
	File budget.File
	// FailOpenDefault (COSTGATE_FAIL_OPEN) is what to do when a run cannot
	// be priced and no policy applies to it.
	FailOpenDefault bool
}

// Decide applies budget.Decide and reports its message and outcomes.
func (d BudgetDecider) Decide(ctx context.Context, run store.Run, est *estimator.Estimate) (Decision, error) {
	policies, err := d.policies(ctx, run.Organization)
	if err != nil {
		return Decision{}, err
	}
	// Only an organization budget needs the other workspaces' costs, a query over all the organization's runs.
	var costs []budget.WorkspaceCost
	if op := budget.Resolve(policies, budgetRun(run)).Organization; op != nil && op.OrganizationMonthlyBudget != nil {
		if costs, err = store.OrganizationCosts(ctx, d.DB, run.Organization); err != nil {
			return Decision{}, err
		}
	}
	in := budget.Input{Run: budgetRun(run), Estimate: est, Policies: policies, OrganizationCosts: costs}
	verdict := budget.Decide(in)
	report := budget.BuildReport(in, verdict)
	out := Decision{Status: report.Status, Message: report.Message}
	for _, c := range verdict.Reasons {
		out.Reasons = append(out.Reasons, c.Sentence())
	}
	for _, o := range report.Outcomes {
		out.Outcomes = append(out.Outcomes, runtaskOutcome(o))
	}
	return out, nil
}

// FailOpen is the on_error of the policy that applies to the run, or the
// configured default when none does.
func (d BudgetDecider) FailOpen(ctx context.Context, run store.Run) (bool, error) {
	policies, err := d.policies(ctx, run.Organization)
	if err != nil {
		return false, err
	}
	p := budget.Resolve(policies, budgetRun(run)).Policy
	if p == nil {
		return d.FailOpenDefault, nil
	}
	return p.OnError == budget.OnErrorPass, nil
}

// policies are the candidates for a run of organization: the file's (its
// global default included) and the stored ones of that organization.
func (d BudgetDecider) policies(ctx context.Context, organization string) ([]budget.Policy, error) {
	stored, err := store.BudgetPoliciesOf(ctx, d.DB, organization)
	if err != nil {
		return nil, fmt.Errorf("loading budget policies of %q: %w", organization, err)
	}
	return append(d.File.All(), stored...), nil
}

func budgetRun(run store.Run) budget.Run {
	return budget.Run{
		Organization: run.Organization, WorkspaceID: run.WorkspaceID, WorkspaceName: run.WorkspaceName,
		Stage: run.Stage, Speculative: run.IsSpeculative,
	}
}

// runtaskOutcome converts a budget outcome 1:1; runtask.BuildCallback then
// enforces the protocol's limits.
func runtaskOutcome(o budget.Outcome) runtask.Outcome {
	var tags map[string][]runtask.Tag
	if len(o.Tags) > 0 {
		tags = make(map[string][]runtask.Tag, len(o.Tags))
		for k, labels := range o.Tags {
			for _, l := range labels {
				level := l.Level
				if level == budget.LevelNone {
					level = ""
				}
				tags[k] = append(tags[k], runtask.Tag{Label: l.Label, Level: level})
			}
		}
	}
	out := runtask.NewOutcome(o.ID, o.Description, o.Body, tags)
	out.Attributes.URL = o.URL
	return out
}
