package api

import (
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/costgate/costgate/budget"
	"github.com/costgate/costgate/store"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"
	"github.com/shopspring/decimal"
)

// trendWindow is the span of a workspace's "change over the last 30 days".
const trendWindow = 30 * 24 * time.Hour

// workspaceJSON is a workspace with its current monthly cost (docs/budgets.md:
// the latest priced run's prior cost, or its proposed cost after a
// post_apply run), its change over the last 30 days and its budget state.
type workspaceJSON struct {
	Organization    string `json:"organization"`
	WorkspaceID     string `json:"workspace_id"`
	WorkspaceName   string `json:"workspace_name"`
	WorkspaceAppURL string `json:"workspace_app_url"`
	// CurrentMonthlyCost is null when no run of the workspace was priced.
	CurrentMonthlyCost *string `json:"current_monthly_cost"`
	CurrentRunID       *string `json:"current_run_id"`
	// MonthlyCost30DaysAgo is null when no run was priced by then.
	MonthlyCost30DaysAgo *string `json:"monthly_cost_30_days_ago"`
	// Change30Days counts a cost unknown 30 days ago as zero; null without a current cost.
	Change30Days *string `json:"change_30_days"`
	// ChangePercent30Days is null when there was no cost 30 days ago (or it was zero).
	ChangePercent30Days *string         `json:"change_percent_30_days"`
	LastRunID           string          `json:"last_run_id"`
	LastRunAt           time.Time       `json:"last_run_at"`
	LastStatus          string          `json:"last_status"`
	Budget              budgetStateJSON `json:"budget"`
	Links               workspaceLinks  `json:"links"`
}

type workspaceLinks struct {
	History   string `json:"history"`
	Dashboard string `json:"dashboard"`
}

// workspaceTrend is the change of a workspace's current cost since the
// comparison time: the amount and, when the earlier cost was positive, the
// percentage (one decimal). ok is false without a current cost.
func workspaceTrend(w store.WorkspaceSummary) (change decimal.Decimal, percent *decimal.Decimal, ok bool) {
	if w.Current == nil {
		return decimal.Zero, nil, false
	}
	before := decimal.Zero
	if w.Earlier != nil {
		before = w.Earlier.MonthlyCost
	}
	change = w.Current.MonthlyCost.Sub(before)
	if before.IsPositive() {
		p := change.Mul(decimal.NewFromInt(100)).Div(before).Round(1)
		percent = &p
	}
	return change, percent, true
}

func newWorkspaceJSON(w store.WorkspaceSummary, policies []budget.Policy) workspaceJSON {
	out := workspaceJSON{
		Organization: w.Organization, WorkspaceID: w.WorkspaceID, WorkspaceName: w.WorkspaceName,
		WorkspaceAppURL: w.WorkspaceAppURL, LastRunID: w.LastRunID, LastRunAt: w.LastRunAt.UTC(), LastStatus: w.LastStatus,
		Budget: workspaceBudget(policies, w),
		Links: workspaceLinks{
			History:   "/api/v1/workspaces/" + url.PathEscape(w.WorkspaceID) + "/history",
			Dashboard: dashboardWorkspacePath(w.WorkspaceID),
		},
	}
	if w.Current != nil {
		out.CurrentMonthlyCost = moneyPtr(w.Current.MonthlyCost)
		runID := w.Current.RunID
		out.CurrentRunID = &runID
	}
	if w.Earlier != nil {
		out.MonthlyCost30DaysAgo = moneyPtr(w.Earlier.MonthlyCost)
	}
	if change, percent, ok := workspaceTrend(w); ok {
		out.Change30Days = moneyPtr(change)
		if percent != nil {
			s := percent.StringFixed(1)
			out.ChangePercent30Days = &s
		}
	}
	return out
}

// handleListWorkspaces is GET /api/v1/workspaces: every workspace with
// runs, by organization then name.
func (s *Server) handleListWorkspaces(c echo.Context) error {
	p, err := readParams(c, "organization")
	if err != nil {
		return err
	}
	org := p.str("organization")
	ctx := c.Request().Context()
	list, policies, err := s.workspacesAndPolicies(ctx, org)
	if err != nil {
		return err
	}
	out := make([]workspaceJSON, len(list))
	for i, w := range list {
		out[i] = newWorkspaceJSON(w, policies)
	}
	return c.JSON(http.StatusOK, map[string]any{"workspaces": out})
}

// Bounds of a history request.
const (
	defaultHistoryLimit = 1000
	maxHistoryLimit     = 10000
)

// historyRequest is a parsed history request.
type historyRequest struct {
	interval string // run or day
	format   string // json or csv
	filter   store.HistoryFilter
}

func readHistoryRequest(c echo.Context) (historyRequest, error) {
	p, err := readParams(c, "interval", "since", "until", "speculative", "limit", "format")
	if err != nil {
		return historyRequest{}, err
	}
	var r historyRequest
	if r.interval, err = p.oneOf("interval", "run", "run", "day"); err != nil {
		return r, err
	}
	if r.format, err = p.oneOf("format", "", "json", "csv"); err != nil {
		return r, err
	}
	if r.format == "" {
		r.format = negotiateHistoryFormat(c.Request().Header.Get(echo.HeaderAccept))
	}
	if r.filter.Since, r.filter.Until, err = p.window(); err != nil {
		return r, err
	}
	if r.filter.Speculative, err = p.boolean("speculative"); err != nil {
		return r, err
	}
	r.filter.Limit, err = p.limit(defaultHistoryLimit, maxHistoryLimit)
	return r, err
}

// historyWorkspaceJSON names the workspace a history belongs to.
type historyWorkspaceJSON struct {
	Organization       string  `json:"organization"`
	WorkspaceID        string  `json:"workspace_id"`
	WorkspaceName      string  `json:"workspace_name"`
	CurrentMonthlyCost *string `json:"current_monthly_cost"`
}

// historyRunPointJSON is one priced run: prior is what existed, proposed
// what the run asked for.
type historyRunPointJSON struct {
	ReceivedAt          time.Time `json:"received_at"`
	RunID               string    `json:"run_id"`
	TaskResultID        string    `json:"task_result_id"`
	Stage               string    `json:"stage"`
	IsSpeculative       bool      `json:"is_speculative"`
	Status              string    `json:"status"`
	PriorMonthlyCost    string    `json:"prior_monthly_cost"`
	ProposedMonthlyCost string    `json:"proposed_monthly_cost"`
	DeltaMonthlyCost    string    `json:"delta_monthly_cost"`
}

// historyDayPointJSON is the last priced run of a UTC day.
type historyDayPointJSON struct {
	Date                string    `json:"date"`
	Runs                int       `json:"runs"`
	PriorMonthlyCost    string    `json:"prior_monthly_cost"`
	ProposedMonthlyCost string    `json:"proposed_monthly_cost"`
	DeltaMonthlyCost    string    `json:"delta_monthly_cost"`
	LastRunID           string    `json:"last_run_id"`
	LastReceivedAt      time.Time `json:"last_received_at"`
}

func runPoint(p store.HistoryPoint) historyRunPointJSON {
	return historyRunPointJSON{ReceivedAt: p.ReceivedAt.UTC(), RunID: p.RunID, TaskResultID: p.TaskResultID, Stage: p.Stage,
		IsSpeculative: p.IsSpeculative, Status: p.Status,
		PriorMonthlyCost: money(p.Prior), ProposedMonthlyCost: money(p.Proposed), DeltaMonthlyCost: money(p.Delta)}
}

func dayPoint(d store.DailyPoint) historyDayPointJSON {
	return historyDayPointJSON{Date: d.Day.Format(time.DateOnly), Runs: d.Runs,
		PriorMonthlyCost: money(d.Last.Prior), ProposedMonthlyCost: money(d.Last.Proposed), DeltaMonthlyCost: money(d.Last.Delta),
		LastRunID: d.Last.RunID, LastReceivedAt: d.Last.ReceivedAt.UTC()}
}

// handleWorkspaceHistory is GET /api/v1/workspaces/{workspace_id}/history:
// the workspace's priced runs as a time series, per run or per UTC day
// (the day's last run), as JSON or CSV.
func (s *Server) handleWorkspaceHistory(c echo.Context) error {
	req, err := readHistoryRequest(c)
	if err != nil {
		return err
	}
	wsID := pathParam(c, "workspace_id")
	ctx := c.Request().Context()
	var ws store.WorkspaceSummary
	var runs []store.HistoryPoint
	var days []store.DailyPoint
	var truncated bool
	err = s.readTx(ctx, func(tx pgx.Tx) (err error) {
		if ws, err = store.GetWorkspace(ctx, tx, wsID, time.Now().Add(-trendWindow)); err != nil {
			return err
		}
		if req.interval == "day" {
			days, truncated, err = store.WorkspaceDailyHistory(ctx, tx, wsID, req.filter)
		} else {
			runs, truncated, err = store.WorkspaceRunHistory(ctx, tx, wsID, req.filter)
		}
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return NewError(http.StatusNotFound, "not_found", "no workspace "+wsID+" (costgate has no run of it)")
	}
	if err != nil {
		return err
	}
	if req.format == "csv" {
		return writeHistoryCSV(c, ws, req.interval, runs, days)
	}
	head := historyWorkspaceJSON{Organization: ws.Organization, WorkspaceID: ws.WorkspaceID, WorkspaceName: ws.WorkspaceName}
	if ws.Current != nil {
		head.CurrentMonthlyCost = moneyPtr(ws.Current.MonthlyCost)
	}
	body := map[string]any{"workspace": head, "interval": req.interval, "truncated": truncated}
	if req.interval == "day" {
		points := make([]historyDayPointJSON, len(days))
		for i, d := range days {
			points[i] = dayPoint(d)
		}
		body["points"] = points
	} else {
		points := make([]historyRunPointJSON, len(runs))
		for i, p := range runs {
			points[i] = runPoint(p)
		}
		body["points"] = points
	}
	return c.JSON(http.StatusOK, body)
}
