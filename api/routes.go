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
	if s.deps.Metrics != nil {
		e.GET("/metrics", echo.WrapHandler(promhttp.HandlerFor(s.deps.Metrics.Registry, promhttp.HandlerOpts{})))
	}
}
