package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"time"

	"github.com/costgate/costgate/budget"
	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/store"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"
	"github.com/shopspring/decimal"
)

// dashboard serves the server-rendered pages at /: organizations and
// workspaces, a workspace's cost chart and runs, a run's breakdown. Pages
// work without JavaScript; every value goes through html/template escaping.
type dashboard struct {
	s     *Server
	pages map[string]*template.Template
}

// Dashboard page sizes.
const (
	dashboardRunsPerPage = 50
	dashboardChartRuns   = 500
)

func newDashboard(s *Server) *dashboard {
	return &dashboard{s: s, pages: parseDashboardPages()}
}

// pageData is what every page template receives.
type pageData struct {
	Title  string
	Public bool
	// Actor is the logged-in token's fingerprint ("" when public).
	Actor string
	Page  any
}

// render executes a page into a buffer first, so a template error becomes
// a clean 500 instead of half a page.
func (d *dashboard) render(c echo.Context, status int, page, title string, data any) error {
	t, ok := d.pages[page]
	if !ok {
		return fmt.Errorf("dashboard: no page %q", page)
	}
	var buf bytes.Buffer
	actor, _ := c.Get(ctxActor).(string)
	if err := t.ExecuteTemplate(&buf, "layout", pageData{Title: title, Public: d.s.deps.DashboardPublic, Actor: actor, Page: data}); err != nil {
		return fmt.Errorf("rendering %s: %w", page, err)
	}
	setPageHeaders(c)
	return c.HTMLBlob(status, buf.Bytes())
}

// setPageHeaders forbids scripts, framing and foreign resources: the
// dashboard needs none of them.
func setPageHeaders(c echo.Context) {
	h := c.Response().Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
}

// htmlErrors renders a handler's error as an HTML page (the JSON error
// handler serves the API); causes of 500s go to the log only.
func (d *dashboard) htmlErrors(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		if err == nil || c.Response().Committed {
			return err
		}
		status, message := http.StatusInternalServerError, "Something went wrong on costgate's side; the log has the details."
		var apiErr *Error
		var echoErr *echo.HTTPError
		switch {
		case errors.As(err, &apiErr):
			status, message = apiErr.Status, apiErr.Detail.Message
		case errors.As(err, &echoErr):
			status, message = echoErr.Code, http.StatusText(echoErr.Code)
		default:
			d.s.deps.Logger.ErrorContext(c.Request().Context(), "dashboard page failed", "path", c.Path(), "error", err)
		}
		if rerr := d.render(c, status, "error", http.StatusText(status), message); rerr != nil {
			d.s.deps.Logger.ErrorContext(c.Request().Context(), "rendering error page", "error", rerr)
			return c.String(status, message)
		}
		return nil
	}
}

// orgView is one organization on the overview.
type orgView struct {
	Name       string
	Total      decimal.Decimal
	Budget     *decimal.Decimal
	Over       bool
	Workspaces []workspaceView
}

// workspaceView is a workspace with its cost, trend and budget state.
type workspaceView struct {
	store.WorkspaceSummary
	Change      decimal.Decimal
	HasChange   bool
	Percent     string
	BudgetState budgetStateJSON
}

func newWorkspaceView(w store.WorkspaceSummary, policies []budget.Policy) workspaceView {
	v := workspaceView{WorkspaceSummary: w, BudgetState: workspaceBudget(policies, w)}
	change, percent, ok := workspaceTrend(w)
	v.Change, v.HasChange = change, ok
	if percent != nil {
		v.Percent = percent.StringFixed(1) + "%"
	}
	return v
}

// index is GET /: every organization, its total and budget, and its workspaces.
func (d *dashboard) index(c echo.Context) error {
	list, policies, err := d.s.workspacesAndPolicies(c.Request().Context(), "")
	if err != nil {
		return err
	}
	var orgs []orgView
	for start := 0; start < len(list); {
		end := start
		for end < len(list) && list[end].Organization == list[start].Organization {
			end++
		}
		sum := summarizeOrganization(list[start].Organization, list[start:end], policies)
		o := orgView{Name: list[start].Organization, Total: sum.Total, Budget: sum.Budget, Over: sum.Over()}
		for _, w := range list[start:end] {
			o.Workspaces = append(o.Workspaces, newWorkspaceView(w, policies))
		}
		orgs = append(orgs, o)
		start = end
	}
	return d.render(c, http.StatusOK, "index", "Workspaces", orgs)
}

// workspacePage is the data of a workspace's page.
type workspacePage struct {
	Workspace  workspaceView
	Chart      costChart
	Truncated  bool
	Runs       []store.RunSummary
	NextCursor *string
	Paged      bool
}

// workspace is GET /workspaces/{workspace_id}: cost chart and runs.
func (d *dashboard) workspace(c echo.Context) error {
	p, err := readParams(c, "cursor")
	if err != nil {
		return err
	}
	after, err := p.cursor()
	if err != nil {
		return err
	}
	wsID := pathParam(c, "workspace_id")
	ctx := c.Request().Context()
	var page workspacePage
	var ws store.WorkspaceSummary
	var points []store.HistoryPoint
	var runs []store.RunSummary
	var next *store.RunCursor
	var policies []budget.Policy
	err = d.s.readTx(ctx, func(tx pgx.Tx) (err error) {
		if ws, err = store.GetWorkspace(ctx, tx, wsID, time.Now().Add(-trendWindow)); err != nil {
			return err
		}
		if points, page.Truncated, err = store.WorkspaceRunHistory(ctx, tx, wsID, store.HistoryFilter{Limit: dashboardChartRuns}); err != nil {
			return err
		}
		if runs, next, err = store.ListRuns(ctx, tx, store.RunFilter{WorkspaceID: wsID, Limit: dashboardRunsPerPage, After: after}); err != nil {
			return err
		}
		policies, err = d.s.budgetPolicies(ctx, tx, ws.Organization)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return NewError(http.StatusNotFound, "not_found", "costgate has no run of workspace "+wsID+".")
	}
	if err != nil {
		return err
	}
	page.Workspace = newWorkspaceView(ws, policies)
	page.Chart = newCostChart(points)
	page.Runs, page.NextCursor, page.Paged = runs, encodeCursor(next), after != nil
	return d.render(c, http.StatusOK, "workspace", ws.WorkspaceName, page)
}

// runPage is the data of a run's page: the run and each stage received.
type runPage struct {
	Run    store.RunSummary
	Stages []stageView
}

// stageView is one stage with its decision, delivery and breakdown.
type stageView struct {
	Record   store.RunRecord
	Decision decisionJSON
	Delivery *deliveryJSON
	Estimate *estimator.Estimate
}

// run is GET /runs/{run_id}, the page callbacks link to.
func (d *dashboard) run(c echo.Context) error {
	if _, err := readParams(c); err != nil {
		return err
	}
	runID := pathParam(c, "run_id")
	ctx := c.Request().Context()
	var stages []store.RunRecord
	err := d.s.readTx(ctx, func(tx pgx.Tx) (err error) {
		stages, err = store.RunStages(ctx, tx, runID)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return NewError(http.StatusNotFound, "not_found", "costgate has no run "+runID+".")
	}
	if err != nil {
		return err
	}
	page := runPage{Run: stages[len(stages)-1].RunSummary}
	for _, rec := range stages {
		decision, delivery, err := runOutcome(rec)
		if err != nil {
			return err
		}
		v := stageView{Record: rec, Decision: decision, Delivery: delivery}
		if rec.Estimate != nil {
			var est estimator.Estimate
			if err := json.Unmarshal(rec.Estimate.Estimate, &est); err != nil {
				return fmt.Errorf("run %s: decoding stored estimate: %w", runID, err)
			}
			v.Estimate = &est
		}
		page.Stages = append(page.Stages, v)
	}
	return d.render(c, http.StatusOK, "run", "Run "+runID, page)
}
