package api

import (
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// routes is the one route table of costgate.
func (s *Server) routes() {
	e := s.echo
	e.POST("/runtask", s.handleRunTask)
	e.GET("/healthz", s.handleHealthz)
	e.GET("/readyz", s.handleReadyz)
	e.GET("/api/v1/budgets", s.handleListBudgets, s.requireScope(ScopeRead))
	e.POST("/api/v1/budgets", s.handleCreateBudget, s.requireScope(ScopeAdmin))
	e.GET("/api/v1/budgets/:id", s.handleGetBudget, s.requireScope(ScopeRead))
	e.PUT("/api/v1/budgets/:id", s.handleUpdateBudget, s.requireScope(ScopeAdmin))
	e.DELETE("/api/v1/budgets/:id", s.handleDeleteBudget, s.requireScope(ScopeAdmin))
	e.GET("/api/v1/budgets/:id/history", s.handleBudgetHistory, s.requireScope(ScopeRead))
	e.GET("/api/v1/openapi.json", s.handleOpenAPI, s.requireScope(ScopeRead))
	e.GET("/api/v1/runs", s.handleListRuns, s.requireScope(ScopeRead))
	e.GET("/api/v1/runs/:run_id", s.handleGetRun, s.requireScope(ScopeRead))
	e.GET("/api/v1/workspaces", s.handleListWorkspaces, s.requireScope(ScopeRead))
	e.GET("/api/v1/workspaces/:workspace_id/history", s.handleWorkspaceHistory, s.requireScope(ScopeRead))
	e.GET("/api/v1/organizations/:organization/summary", s.handleOrganizationSummary, s.requireScope(ScopeRead))
	d := newDashboard(s)
	e.GET("/", d.index, d.htmlErrors, d.requireLogin)
	e.GET("/workspaces/:workspace_id", d.workspace, d.htmlErrors, d.requireLogin)
	e.GET("/runs/:run_id", d.run, d.htmlErrors, d.requireLogin)
	e.GET("/login", d.loginForm, d.htmlErrors)
	e.POST("/login", d.login, d.htmlErrors)
	e.POST("/logout", d.logout, d.htmlErrors)
	e.GET("/static/*", staticHandler())
	if s.deps.Metrics != nil {
		e.GET("/metrics", echo.WrapHandler(promhttp.HandlerFor(s.deps.Metrics.Registry, promhttp.HandlerOpts{})))
	}
}
