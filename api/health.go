package api

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// handleHealthz answers while the process serves HTTP.
func (s *Server) handleHealthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// readyReport is /readyz's body: every check and its result.
type readyReport struct {
	Status string            `json:"status"`
	Checks map[string]string `json:"checks"`
}

// handleReadyz runs every readiness check (database reachable, schema
// current, prices loaded); 503 when one fails or while draining.
func (s *Server) handleReadyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 3*time.Second)
	defer cancel()
	rep := readyReport{Status: "ready", Checks: map[string]string{}}
	if s.isDraining() {
		rep.Status = "draining"
	}
	for _, rc := range s.deps.Ready {
		if err := rc.Check(ctx); err != nil {
			rep.Status = "not ready"
			rep.Checks[rc.Name] = err.Error()
		} else {
			rep.Checks[rc.Name] = "ok"
		}
	}
	status := http.StatusOK
	if rep.Status != "ready" {
		status = http.StatusServiceUnavailable
	}
	return c.JSON(status, rep)
}
