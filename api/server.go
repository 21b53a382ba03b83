package api

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/costgate/costgate/budget"
	"github.com/costgate/costgate/metrics"
	"github.com/costgate/costgate/runtask"
	"github.com/costgate/costgate/secretbox"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// TxBeginner opens transactions (a *pgxpool.Pool).
type TxBeginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// JobInserter enqueues jobs inside a transaction (a *river.Client[pgx.Tx]).
type JobInserter interface {
	InsertManyTx(ctx context.Context, tx pgx.Tx, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)
}

// ReadyCheck is one condition of /readyz.
type ReadyCheck struct {
	Name  string
	Check func(ctx context.Context) error
}

// Deps are the server's collaborators.
type Deps struct {
	DB       TxBeginner
	Jobs     JobInserter
	Verifier *runtask.Verifier
	Hosts    runtask.HostPolicy
	Box      *secretbox.Box
	Metrics  *metrics.Metrics
	Logger   *slog.Logger
	Ready    []ReadyCheck
	// APITokens authorize the JSON API (COSTGATE_API_TOKENS).
	APITokens []APIToken
	// BudgetFile holds the budgets file's policies, read-only through the API.
	BudgetFile budget.File
	// APIRateLimit is the requests per second each client may make to the
	// JSON API and the login (COSTGATE_API_RATE_LIMIT); 0 means no limit.
	APIRateLimit int
	// DashboardPublic serves the dashboard without login (COSTGATE_DASHBOARD_PUBLIC).
	DashboardPublic bool
}

// Server is the HTTP side of costgate.
type Server struct {
	echo *echo.Echo
	deps Deps
	// draining is closed when shutdown starts: intake answers 503 so TFC retries elsewhere or later.
	draining chan struct{}
	intake   *intakeBatcher
}

// New builds the server and its routes.
func New(deps Deps) *Server {
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = errorHandler(deps.Logger)
	e.Use(requestLog(deps.Logger))
	s := &Server{echo: e, deps: deps, draining: make(chan struct{}), intake: newIntakeBatcher(deps.DB, deps.Jobs)}
	e.Use(s.rateLimit())
	s.routes()
	return s
}

// Handler is the server's http.Handler (for tests and custom listeners).
func (s *Server) Handler() http.Handler { return s.echo }

// Echo exposes the Echo instance so later features can be mounted in routes.go.
func (s *Server) Echo() *echo.Echo { return s.echo }

// Drain makes intake refuse new runs (503) while in-flight work finishes.
func (s *Server) Drain() {
	select {
	case <-s.draining:
	default:
		close(s.draining)
	}
}

func (s *Server) isDraining() bool {
	select {
	case <-s.draining:
		return true
	default:
		return false
	}
}

// requestLog logs method, route, status and latency: never bodies, headers
// or query strings (callback URLs and tokens must not reach the log).
func requestLog(logger *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err)
			}
			path := c.Path()
			if path == "" {
				path = "unmatched"
			}
			level := slog.LevelInfo
			if path == "/healthz" || path == "/readyz" || path == "/metrics" {
				level = slog.LevelDebug
			}
			attrs := []any{"method", c.Request().Method, "route", path,
				"status", c.Response().Status, "duration_ms", float64(time.Since(start).Microseconds()) / 1000}
			if id, ok := c.Get(ctxTaskResultID).(string); ok {
				attrs = append(attrs, "task_result_id", id, "run_id", c.Get(ctxRunID))
			}
			logger.Log(c.Request().Context(), level, "http request", attrs...)
			return nil
		}
	}
}
