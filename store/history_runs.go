package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"
)

// Run statuses as the history shows them: the decided status, or pending.
const (
	RunStatusPassed  = "passed"
	RunStatusFailed  = "failed"
	RunStatusPending = "pending"
)

// RunFilter selects runs for the history. Zero fields do not filter.
type RunFilter struct {
	Organization string
	// Workspace matches the workspace id or the workspace name.
	Workspace string
	// WorkspaceID matches the workspace id only.
	WorkspaceID string
	Stages      []string
	// Statuses are passed, failed or pending (not decided yet).
	Statuses    []string
	Speculative *bool
	// Since is inclusive, Until exclusive; both apply to the receipt time.
	Since *time.Time
	Until *time.Time
	// After continues a listing after this position (keyset pagination).
	After *RunCursor
	// Limit is the page size (required, > 0).
	Limit int
}

// RunCursor is a position in the run listing, which is ordered newest
// first by receipt time, then by id.
type RunCursor struct {
	ReceivedAt time.Time
	PK         int64
}

// RunSummary is one run task result (one stage of a TFC run) as the
// history lists it. It holds no plan content and no secret.
type RunSummary struct {
	PK                int64
	TaskResultID      string
	RunID             string
	Stage             string
	Organization      string
	WorkspaceID       string
	WorkspaceName     string
	ProjectName       *string
	IsSpeculative     bool
	CreatedBy         string
	RunMessage        string
	RunAppURL         string
	WorkspaceAppURL   string
	VCSRepoURL        *string
	VCSBranch         *string
	VCSCommitURL      *string
	VCSCommitHash     *string
	VCSPullRequestURL *string
	ReceivedAt        time.Time
	FinishedAt        *time.Time
	State             string
	// Status is passed, failed or pending.
	Status    string
	ErrorKind *string
	// Costs is nil when the run has no estimate (not priced, or failed to price).
	Costs *RunCosts
}

// RunCosts are a run's monthly totals.
type RunCosts struct {
	Prior              decimal.Decimal
	Proposed           decimal.Decimal
	Delta              decimal.Decimal
	UnpricedComponents int
}

const runSummaryColumns = `r.id, r.task_result_id, r.run_id, r.stage, r.organization, r.workspace_id, r.workspace_name,
    r.project_name, r.is_speculative, r.created_by, r.run_message, r.run_app_url, r.workspace_app_url,
    r.vcs_repo_url, r.vcs_branch, r.vcs_commit_url, r.vcs_commit_hash, r.vcs_pull_request_url,
    r.received_at, r.finished_at, r.state, COALESCE(r.status, 'pending'), r.error_kind,
    e.prior_monthly_cost::text, e.proposed_monthly_cost::text, e.delta_monthly_cost::text, e.unpriced_components`

func scanRunSummary(row pgx.CollectableRow) (RunSummary, error) {
	var r RunSummary
	var prior, proposed, delta *string
	var unpriced *int
	err := row.Scan(&r.PK, &r.TaskResultID, &r.RunID, &r.Stage, &r.Organization, &r.WorkspaceID, &r.WorkspaceName,
		&r.ProjectName, &r.IsSpeculative, &r.CreatedBy, &r.RunMessage, &r.RunAppURL, &r.WorkspaceAppURL,
		&r.VCSRepoURL, &r.VCSBranch, &r.VCSCommitURL, &r.VCSCommitHash, &r.VCSPullRequestURL,
		&r.ReceivedAt, &r.FinishedAt, &r.State, &r.Status, &r.ErrorKind,
		&prior, &proposed, &delta, &unpriced)
	if err != nil {
		return r, err
	}
	if prior == nil {
		return r, nil
	}
	costs := RunCosts{UnpricedComponents: *unpriced}
	if err := parseDecimals([]string{*prior, *proposed, *delta}, &costs.Prior, &costs.Proposed, &costs.Delta); err != nil {
		return r, fmt.Errorf("run %d: %w", r.PK, err)
	}
	r.Costs = &costs
	return r, nil
}

// ListRuns returns one page of runs matching f, newest first, and the
// cursor of the next page (nil on the last page). The SQL holds only the
// conditions in use so each shape gets a plan fitted to it.
func ListRuns(ctx context.Context, db DBTX, f RunFilter) ([]RunSummary, *RunCursor, error) {
	if f.Limit <= 0 {
		return nil, nil, errors.New("listing runs: limit must be positive")
	}
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.Organization != "" {
		where = append(where, "r.organization = "+arg(f.Organization))
	}
	if f.Workspace != "" {
		p := arg(f.Workspace)
		where = append(where, "(r.workspace_id = "+p+" OR r.workspace_name = "+p+")")
	}
	if f.WorkspaceID != "" {
		where = append(where, "r.workspace_id = "+arg(f.WorkspaceID))
	}
	if len(f.Stages) > 0 {
		where = append(where, "r.stage = ANY("+arg(f.Stages)+")")
	}
	if cond := statusCondition(f.Statuses, arg); cond != "" {
		where = append(where, cond)
	}
	if f.Speculative != nil {
		where = append(where, "r.is_speculative = "+arg(*f.Speculative))
	}
	if f.Since != nil {
		where = append(where, "r.received_at >= "+arg(*f.Since))
	}
	if f.Until != nil {
		where = append(where, "r.received_at < "+arg(*f.Until))
	}
	if f.After != nil {
		where = append(where, "(r.received_at, r.id) < ("+arg(f.After.ReceivedAt)+", "+arg(f.After.PK)+")")
	}
	sql := `SELECT ` + runSummaryColumns + ` FROM runs r LEFT JOIN estimates e ON e.run_pk = r.id`
	if len(where) > 0 {
		sql += ` WHERE ` + strings.Join(where, " AND ")
	}
	sql += ` ORDER BY r.received_at DESC, r.id DESC LIMIT ` + arg(f.Limit+1)
	rows, err := db.Query(ctx, sql, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("listing runs: %w", err)
	}
	runs, err := pgx.CollectRows(rows, scanRunSummary)
	if err != nil {
		return nil, nil, fmt.Errorf("listing runs: %w", err)
	}
	if len(runs) <= f.Limit {
		return runs, nil, nil
	}
	runs = runs[:f.Limit]
	last := runs[len(runs)-1]
	return runs, &RunCursor{ReceivedAt: last.ReceivedAt, PK: last.PK}, nil
}

// statusCondition turns history statuses into SQL; pending is "not decided".
func statusCondition(statuses []string, arg func(any) string) string {
	var decided []string
	pending := false
	for _, s := range statuses {
		if s == RunStatusPending {
			pending = true
		} else {
			decided = append(decided, s)
		}
	}
	switch {
	case pending && len(decided) > 0:
		return "(r.status IS NULL OR r.status = ANY(" + arg(decided) + "))"
	case pending:
		return "r.status IS NULL"
	case len(decided) > 0:
		return "r.status = ANY(" + arg(decided) + ")"
	}
	return ""
}

// RunRecord is one stage of a run with everything kept about it: its
// estimate and its delivery, each nil when there is none (yet).
type RunRecord struct {
	RunSummary
	Estimate *EstimateRecord
	Delivery *Delivery
}

// RunStages returns every stage costgate received for a TFC run id, in the
// order received; ErrNotFound when there is none.
func RunStages(ctx context.Context, db DBTX, runID string) ([]RunRecord, error) {
	rows, err := db.Query(ctx, `SELECT `+runSummaryColumns+` FROM runs r LEFT JOIN estimates e ON e.run_pk = r.id
WHERE r.run_id = $1 ORDER BY r.received_at, r.id`, runID)
	if err != nil {
		return nil, fmt.Errorf("loading run %s: %w", runID, err)
	}
	summaries, err := pgx.CollectRows(rows, scanRunSummary)
	if err != nil {
		return nil, fmt.Errorf("loading run %s: %w", runID, err)
	}
	if len(summaries) == 0 {
		return nil, fmt.Errorf("run %s: %w", runID, ErrNotFound)
	}
	out := make([]RunRecord, len(summaries))
	for i, s := range summaries {
		out[i].RunSummary = s
		if s.Costs != nil {
			e, err := GetEstimate(ctx, db, s.PK)
			if err != nil {
				return nil, err
			}
			out[i].Estimate = &e
		}
		d, err := GetDelivery(ctx, db, s.PK)
		switch {
		case err == nil:
			out[i].Delivery = &d
		case !errors.Is(err, ErrNotFound):
			return nil, err
		}
	}
	return out, nil
}
