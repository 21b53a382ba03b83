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

// currentCostSQL is a priced run's effect on its workspace's current cost
// (docs/budgets.md): the plan's prior state is what exists, except after a
// post_apply run, whose proposed state was just applied.
const currentCostSQL = `(CASE WHEN r.stage = 'post_apply' THEN e.proposed_monthly_cost ELSE e.prior_monthly_cost END)`

// WorkspaceSummary is a workspace as the history knows it: its latest run
// and its current monthly cost, now and at an earlier time.
type WorkspaceSummary struct {
	Organization    string
	WorkspaceID     string
	WorkspaceName   string // as in the latest run
	WorkspaceAppURL string
	LastRunAt       time.Time
	LastRunID       string
	LastStatus      string // passed, failed or pending
	// Current is the cost set by the latest priced run; nil when none.
	Current *CostAt
	// Earlier is the cost set by the latest priced run received at or
	// before the comparison time; nil when none.
	Earlier *CostAt
}

// CostAt is a workspace's current monthly cost as set by one run.
type CostAt struct {
	MonthlyCost decimal.Decimal
	RunID       string
	ReceivedAt  time.Time
}

// ListWorkspaces returns the workspaces that have runs (of organization,
// or of all organizations when it is empty), by organization then name,
// with their cost now and as it was at `earlier`.
func ListWorkspaces(ctx context.Context, db DBTX, organization string, earlier time.Time) ([]WorkspaceSummary, error) {
	if organization == "" {
		return queryWorkspaces(ctx, db, distinctWorkspaces("true", "true"), earlier)
	}
	return queryWorkspaces(ctx, db, distinctWorkspaces("organization = $2", "r.organization = $2"), earlier, organization)
}

// distinctWorkspaces lists the workspace ids of the runs matching a
// condition (given unqualified and qualified by r) by a loose index scan:
// one index probe per workspace instead of reading every run (EXPLAIN
// figures in docs/api.md).
func distinctWorkspaces(cond, condR string) string {
	return `SELECT workspace_id FROM (WITH RECURSIVE w(workspace_id) AS (
    (SELECT workspace_id FROM runs WHERE ` + cond + ` ORDER BY workspace_id LIMIT 1)
    UNION ALL
    SELECT (SELECT r.workspace_id FROM runs r WHERE ` + condR + ` AND r.workspace_id > w.workspace_id
            ORDER BY r.workspace_id LIMIT 1)
    FROM w WHERE w.workspace_id IS NOT NULL
) SELECT workspace_id FROM w WHERE workspace_id IS NOT NULL) ids`
}

// GetWorkspace returns one workspace; ErrNotFound when it has no run.
func GetWorkspace(ctx context.Context, db DBTX, workspaceID string, earlier time.Time) (WorkspaceSummary, error) {
	list, err := queryWorkspaces(ctx, db, `SELECT $2::text AS workspace_id`, earlier, workspaceID)
	if err != nil {
		return WorkspaceSummary{}, err
	}
	if len(list) == 0 {
		return WorkspaceSummary{}, fmt.Errorf("workspace %s: %w", workspaceID, ErrNotFound)
	}
	return list[0], nil
}

// queryWorkspaces summarises the workspaces listed by idsSQL (one column,
// workspace_id); $1 is the comparison time. Each lateral lookup walks
// runs_workspace_received_idx newest first and stops at the first row.
func queryWorkspaces(ctx context.Context, db DBTX, idsSQL string, args ...any) ([]WorkspaceSummary, error) {
	rows, err := db.Query(ctx, `
WITH ids AS (`+idsSQL+`)
SELECT l.organization, ids.workspace_id, l.workspace_name, l.workspace_app_url, l.received_at, l.run_id,
    COALESCE(l.status, 'pending'),
    cur.cost::text, cur.run_id, cur.received_at,
    old.cost::text, old.run_id, old.received_at
FROM ids
CROSS JOIN LATERAL (
    SELECT r.organization, r.workspace_name, r.workspace_app_url, r.received_at, r.run_id, r.status
    FROM runs r WHERE r.workspace_id = ids.workspace_id
    ORDER BY r.received_at DESC, r.id DESC LIMIT 1) l
LEFT JOIN LATERAL (
    SELECT `+currentCostSQL+` AS cost, r.run_id, r.received_at
    FROM runs r JOIN estimates e ON e.run_pk = r.id WHERE r.workspace_id = ids.workspace_id
    ORDER BY r.received_at DESC, r.id DESC LIMIT 1) cur ON true
LEFT JOIN LATERAL (
    SELECT `+currentCostSQL+` AS cost, r.run_id, r.received_at
    FROM runs r JOIN estimates e ON e.run_pk = r.id
    WHERE r.workspace_id = ids.workspace_id AND r.received_at <= $1
    ORDER BY r.received_at DESC, r.id DESC LIMIT 1) old ON true
ORDER BY l.organization, l.workspace_name, ids.workspace_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("listing workspaces: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (WorkspaceSummary, error) {
		var w WorkspaceSummary
		var curCost, curRun, oldCost, oldRun *string
		var curAt, oldAt *time.Time
		if err := row.Scan(&w.Organization, &w.WorkspaceID, &w.WorkspaceName, &w.WorkspaceAppURL, &w.LastRunAt,
			&w.LastRunID, &w.LastStatus, &curCost, &curRun, &curAt, &oldCost, &oldRun, &oldAt); err != nil {
			return w, err
		}
		var err error
		if w.Current, err = costAt(curCost, curRun, curAt); err != nil {
			return w, fmt.Errorf("workspace %s: %w", w.WorkspaceID, err)
		}
		if w.Earlier, err = costAt(oldCost, oldRun, oldAt); err != nil {
			return w, fmt.Errorf("workspace %s: %w", w.WorkspaceID, err)
		}
		return w, nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing workspaces: %w", err)
	}
	return list, nil
}

func costAt(cost, runID *string, at *time.Time) (*CostAt, error) {
	if cost == nil {
		return nil, nil
	}
	d, err := decimal.NewFromString(*cost)
	if err != nil {
		return nil, fmt.Errorf("stored cost %q: %w", *cost, err)
	}
	return &CostAt{MonthlyCost: d, RunID: *runID, ReceivedAt: *at}, nil
}

// HistoryFilter narrows a workspace's history. Zero fields do not filter.
type HistoryFilter struct {
	Since       *time.Time // inclusive
	Until       *time.Time // exclusive
	Speculative *bool
	// Limit keeps the most recent points (required, > 0).
	Limit int
}

// HistoryPoint is one priced run of a workspace: what existed (prior) and
// what was asked for (proposed).
type HistoryPoint struct {
	ReceivedAt    time.Time
	RunID         string
	TaskResultID  string
	Stage         string
	IsSpeculative bool
	Status        string
	Prior         decimal.Decimal
	Proposed      decimal.Decimal
	Delta         decimal.Decimal
	// Current is the workspace's current cost after this run (currentCostSQL).
	Current decimal.Decimal
}

// DailyPoint is the last priced run of a UTC day, and how many priced
// runs the day had.
type DailyPoint struct {
	Day  time.Time // midnight UTC
	Runs int
	Last HistoryPoint
}

// WorkspaceRunHistory returns the priced runs of a workspace, oldest first:
// the most recent f.Limit of them, and whether older ones were left out.
func WorkspaceRunHistory(ctx context.Context, db DBTX, workspaceID string, f HistoryFilter) ([]HistoryPoint, bool, error) {
	if f.Limit <= 0 {
		return nil, false, errors.New("loading workspace history: limit must be positive")
	}
	where, args := historyWhere(workspaceID, f)
	args = append(args, f.Limit+1)
	rows, err := db.Query(ctx, `SELECT `+historyColumns+`
FROM runs r JOIN estimates e ON e.run_pk = r.id
WHERE `+where+`
ORDER BY r.received_at DESC, r.id DESC LIMIT $`+strconv.Itoa(len(args)), args...)
	if err != nil {
		return nil, false, fmt.Errorf("loading history of workspace %s: %w", workspaceID, err)
	}
	points, err := pgx.CollectRows(rows, scanHistoryPoint)
	if err != nil {
		return nil, false, fmt.Errorf("loading history of workspace %s: %w", workspaceID, err)
	}
	truncated := len(points) > f.Limit
	if truncated {
		points = points[:f.Limit]
	}
	reverse(points)
	return points, truncated, nil
}

// WorkspaceDailyHistory returns, per UTC day with priced runs, the last of
// them, oldest first: the most recent f.Limit days, and whether older days
// were left out.
func WorkspaceDailyHistory(ctx context.Context, db DBTX, workspaceID string, f HistoryFilter) ([]DailyPoint, bool, error) {
	if f.Limit <= 0 {
		return nil, false, errors.New("loading workspace history: limit must be positive")
	}
	where, args := historyWhere(workspaceID, f)
	args = append(args, f.Limit+1)
	rows, err := db.Query(ctx, `
WITH priced AS (
    SELECT date_trunc('day', r.received_at AT TIME ZONE 'UTC') AS day, r.id, `+historyColumns+`
    FROM runs r JOIN estimates e ON e.run_pk = r.id
    WHERE `+where+`
), days AS (
    SELECT DISTINCT ON (day) *, count(*) OVER (PARTITION BY day) AS runs
    FROM priced ORDER BY day DESC, received_at DESC, id DESC
)
SELECT day, runs, received_at, run_id, task_result_id, stage, is_speculative, status, prior, proposed, delta, current_cost
FROM days ORDER BY day DESC LIMIT $`+strconv.Itoa(len(args)), args...)
	if err != nil {
		return nil, false, fmt.Errorf("loading daily history of workspace %s: %w", workspaceID, err)
	}
	days, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (DailyPoint, error) {
		var d DailyPoint
		var day time.Time
		var p HistoryPoint
		var prior, proposed, delta, current string
		if err := row.Scan(&day, &d.Runs, &p.ReceivedAt, &p.RunID, &p.TaskResultID, &p.Stage, &p.IsSpeculative,
			&p.Status, &prior, &proposed, &delta, &current); err != nil {
			return d, err
		}
		d.Day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
		err := parseDecimals([]string{prior, proposed, delta, current}, &p.Prior, &p.Proposed, &p.Delta, &p.Current)
		d.Last = p
		return d, err
	})
	if err != nil {
		return nil, false, fmt.Errorf("loading daily history of workspace %s: %w", workspaceID, err)
	}
	truncated := len(days) > f.Limit
	if truncated {
		days = days[:f.Limit]
	}
	reverse(days)
	return days, truncated, nil
}

// historyColumns name the columns so the daily query can select them again.
const historyColumns = `r.received_at, r.run_id, r.task_result_id, r.stage, r.is_speculative,
    COALESCE(r.status, 'pending') AS status, e.prior_monthly_cost::text AS prior,
    e.proposed_monthly_cost::text AS proposed, e.delta_monthly_cost::text AS delta,
    ` + currentCostSQL + `::text AS current_cost`

func historyWhere(workspaceID string, f HistoryFilter) (string, []any) {
	args := []any{workspaceID}
	where := []string{"r.workspace_id = $1"}
	if f.Since != nil {
		args = append(args, *f.Since)
		where = append(where, "r.received_at >= $"+strconv.Itoa(len(args)))
	}
	if f.Until != nil {
		args = append(args, *f.Until)
		where = append(where, "r.received_at < $"+strconv.Itoa(len(args)))
	}
	if f.Speculative != nil {
		args = append(args, *f.Speculative)
		where = append(where, "r.is_speculative = $"+strconv.Itoa(len(args)))
	}
	return strings.Join(where, " AND "), args
}

func scanHistoryPoint(row pgx.CollectableRow) (HistoryPoint, error) {
	var p HistoryPoint
	var prior, proposed, delta, current string
	if err := row.Scan(&p.ReceivedAt, &p.RunID, &p.TaskResultID, &p.Stage, &p.IsSpeculative, &p.Status,
		&prior, &proposed, &delta, &current); err != nil {
		return p, err
	}
	return p, parseDecimals([]string{prior, proposed, delta, current}, &p.Prior, &p.Proposed, &p.Delta, &p.Current)
}

func parseDecimals(texts []string, into ...*decimal.Decimal) error {
	for i, s := range texts {
		d, err := decimal.NewFromString(s)
		if err != nil {
			return fmt.Errorf("stored amount %q: %w", s, err)
		}
		*into[i] = d
	}
	return nil
}

func reverse[T any](s []T) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}
