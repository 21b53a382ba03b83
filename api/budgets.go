package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/costgate/costgate/budget"
	"github.com/costgate/costgate/store"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"
)

// maxBudgetBody bounds a policy document.
const maxBudgetBody = 64 << 10

// budgetJSON is a policy as the API shows it: the contract's fields, where
// it comes from, whether the API may change it, and who changed it when.
type budgetJSON struct {
	budget.Policy
	ReadOnly  bool       `json:"read_only"`
	CreatedBy string     `json:"created_by,omitempty"`
	CreatedAt *time.Time `json:"created_at,omitempty"`
	UpdatedBy string     `json:"updated_by,omitempty"`
	UpdatedAt *time.Time `json:"updated_at,omitempty"`
}

// budgetChangeJSON is one entry of a policy's history.
type budgetChangeJSON struct {
	Action    string          `json:"action"`
	Actor     string          `json:"actor"`
	ChangedAt time.Time       `json:"changed_at"`
	Before    json.RawMessage `json:"before"` // null on create
	After     json.RawMessage `json:"after"`  // null on delete
}

func storedJSON(p store.BudgetPolicy) budgetJSON {
	return budgetJSON{Policy: p.Policy, CreatedBy: p.CreatedBy, CreatedAt: &p.CreatedAt, UpdatedBy: p.UpdatedBy, UpdatedAt: &p.UpdatedAt}
}

func fileJSON(p budget.Policy) budgetJSON { return budgetJSON{Policy: p, ReadOnly: true} }

// handleListBudgets is GET /api/v1/budgets: the budgets file's policies
// (read-only), then the stored ones.
func (s *Server) handleListBudgets(c echo.Context) error {
	ctx := c.Request().Context()
	out := []budgetJSON{}
	for _, p := range s.deps.BudgetFile.All() {
		out = append(out, fileJSON(p))
	}
	var stored []store.BudgetPolicy
	if err := pgx.BeginFunc(ctx, s.deps.DB, func(tx pgx.Tx) (err error) {
		stored, err = store.ListBudgetPolicies(ctx, tx)
		return err
	}); err != nil {
		return err
	}
	for _, p := range stored {
		out = append(out, storedJSON(p))
	}
	return c.JSON(http.StatusOK, map[string]any{"budgets": out})
}

// handleGetBudget is GET /api/v1/budgets/{id}.
func (s *Server) handleGetBudget(c echo.Context) error {
	id := pathParam(c, "id")
	if p, ok := s.filePolicy(id); ok {
		return c.JSON(http.StatusOK, fileJSON(p))
	}
	p, err := s.storedBudget(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, storedJSON(p))
}

// handleBudgetHistory is GET /api/v1/budgets/{id}/history: who changed the
// policy, when, and from what to what (newest first).
func (s *Server) handleBudgetHistory(c echo.Context) error {
	ctx := c.Request().Context()
	id := pathParam(c, "id")
	if _, ok := s.filePolicy(id); ok {
		return NewError(http.StatusConflict, "read_only", "policy "+id+" comes from the budgets file: its history is the file's (git) history")
	}
	var changes []store.BudgetPolicyChange
	if err := pgx.BeginFunc(ctx, s.deps.DB, func(tx pgx.Tx) (err error) {
		changes, err = store.BudgetPolicyChanges(ctx, tx, id)
		return err
	}); err != nil {
		return err
	}
	if len(changes) == 0 {
		return budgetNotFound(id)
	}
	out := make([]budgetChangeJSON, len(changes))
	for i, ch := range changes {
		out[i] = budgetChangeJSON{Action: ch.Action, Actor: ch.Actor, ChangedAt: ch.ChangedAt, Before: ch.Before, After: ch.After}
	}
	return c.JSON(http.StatusOK, map[string]any{"changes": out})
}

// handleCreateBudget is POST /api/v1/budgets (admin).
func (s *Server) handleCreateBudget(c echo.Context) error {
	ctx := c.Request().Context()
	p, err := s.readPolicy(c)
	if err != nil {
		return err
	}
	var created store.BudgetPolicy
	err = pgx.BeginFunc(ctx, s.deps.DB, func(tx pgx.Tx) (err error) {
		created, err = store.CreateBudgetPolicy(ctx, tx, p, actorOf(c))
		return err
	})
	if err != nil {
		return budgetWriteError(err, p)
	}
	s.deps.Logger.InfoContext(ctx, "budget policy created", "policy_id", created.ID, "scope", created.ScopeKey(), "actor", actorOf(c))
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/budgets/"+url.PathEscape(created.ID))
	return c.JSON(http.StatusCreated, storedJSON(created))
}

// handleUpdateBudget is PUT /api/v1/budgets/{id} (admin): the body replaces
// the policy whole; its id stays.
func (s *Server) handleUpdateBudget(c echo.Context) error {
	ctx := c.Request().Context()
	id := pathParam(c, "id")
	if _, ok := s.filePolicy(id); ok {
		return readOnly(id)
	}
	p, err := s.readPolicy(c)
	if err != nil {
		return err
	}
	var updated store.BudgetPolicy
	err = pgx.BeginFunc(ctx, s.deps.DB, func(tx pgx.Tx) (err error) {
		updated, err = store.UpdateBudgetPolicy(ctx, tx, id, p, actorOf(c))
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return budgetNotFound(id)
	}
	if err != nil {
		return budgetWriteError(err, p)
	}
	s.deps.Logger.InfoContext(ctx, "budget policy updated", "policy_id", id, "scope", updated.ScopeKey(), "actor", actorOf(c))
	return c.JSON(http.StatusOK, storedJSON(updated))
}

// handleDeleteBudget is DELETE /api/v1/budgets/{id} (admin).
func (s *Server) handleDeleteBudget(c echo.Context) error {
	ctx := c.Request().Context()
	id := pathParam(c, "id")
	if _, ok := s.filePolicy(id); ok {
		return readOnly(id)
	}
	err := pgx.BeginFunc(ctx, s.deps.DB, func(tx pgx.Tx) error {
		return store.DeleteBudgetPolicy(ctx, tx, id, actorOf(c))
	})
	if errors.Is(err, store.ErrNotFound) {
		return budgetNotFound(id)
	}
	if err != nil {
		return err
	}
	s.deps.Logger.InfoContext(ctx, "budget policy deleted", "policy_id", id, "actor", actorOf(c))
	return c.NoContent(http.StatusNoContent)
}

// readPolicy decodes and validates a request body; the id and source in it
// are ignored (ids are assigned, sources known). A scope the budgets file
// already holds is refused: the file's policy would win anyway.
func (s *Server) readPolicy(c echo.Context) (budget.Policy, error) {
	body, bodyErr := readBody(c, maxBudgetBody, "a budget policy is at most 64 KiB")
	if bodyErr != nil {
		return budget.Policy{}, bodyErr
	}
	p, err := budget.ParseJSON(body, budget.ValidateOptions{})
	if err != nil {
		return budget.Policy{}, invalidBudget(err)
	}
	p.ID, p.Source = "", budget.SourceAPI
	for _, f := range s.deps.BudgetFile.Policies {
		if f.ScopeKey() == p.ScopeKey() {
			return budget.Policy{}, NewError(http.StatusConflict, "scope_in_file",
				"the budgets file already has a policy for this scope ("+f.ID+"); change it in the file")
		}
	}
	return p, nil
}

func invalidBudget(err error) *Error {
	v, ok := budget.AsValidationError(err)
	if !ok {
		return NewError(http.StatusBadRequest, "invalid_json", err.Error())
	}
	e := NewError(http.StatusBadRequest, "invalid_budget", v.Error())
	e.Detail.Field = v.Fields[0].Field
	for _, f := range v.Fields {
		e.Detail.Details = append(e.Detail.Details, FieldDetail{Field: f.Field, Message: f.Message})
	}
	return e
}

func budgetWriteError(err error, p budget.Policy) error {
	if errors.Is(err, store.ErrBudgetScopeTaken) {
		return NewError(http.StatusConflict, "scope_taken", "another budget policy already has this scope ("+p.ScopeKey()+"); update that one")
	}
	return err
}

func (s *Server) storedBudget(ctx context.Context, id string) (store.BudgetPolicy, error) {
	var p store.BudgetPolicy
	err := pgx.BeginFunc(ctx, s.deps.DB, func(tx pgx.Tx) (err error) {
		p, err = store.GetBudgetPolicy(ctx, tx, id)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return p, budgetNotFound(id)
	}
	return p, err
}

func (s *Server) filePolicy(id string) (budget.Policy, bool) {
	if !strings.HasPrefix(id, budget.FileIDPrefix) {
		return budget.Policy{}, false
	}
	for _, p := range s.deps.BudgetFile.All() {
		if p.ID == id {
			return p, true
		}
	}
	return budget.Policy{}, false
}

func budgetNotFound(id string) *Error {
	return NewError(http.StatusNotFound, "not_found", "no budget policy "+id)
}

func readOnly(id string) *Error {
	return NewError(http.StatusConflict, "read_only", "policy "+id+" comes from the budgets file (COSTGATE_BUDGETS_FILE) and is read-only through the API; change the file")
}
