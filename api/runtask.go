package api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/costgate/costgate/runtask"
	"github.com/costgate/costgate/store"
	"github.com/labstack/echo/v4"
)

// Context keys for the request log.
const (
	ctxTaskResultID = "task_result_id"
	ctxRunID        = "run_id"
)

// handleRunTask is POST /runtask (runtask-protocol.md §2–§5): verify the
// signature over the raw body, answer the verification request, validate,
// then store the run and enqueue its estimate job in one transaction and
// answer 200. Bad input never gets a 5xx; a database outage gets 503 so
// TFC retries.
func (s *Server) handleRunTask(c echo.Context) error {
	r := c.Request()
	if s.isDraining() {
		s.deps.Metrics.RunReceived("", "unavailable")
		return NewError(http.StatusServiceUnavailable, "unavailable", "costgate is shutting down; retry")
	}
	body, bodyErr := readBody(c, runtask.MaxRequestBytes, "request body is larger than 1 MiB")
	if bodyErr != nil {
		result := "invalid"
		if bodyErr.Status == http.StatusRequestEntityTooLarge {
			result = "too_large"
		}
		s.deps.Metrics.RunReceived("", result)
		return bodyErr
	}
	if err := s.deps.Verifier.Verify(body, r.Header.Get(runtask.SignatureHeader)); err != nil {
		s.deps.Metrics.RunReceived("", "unauthorized")
		if errors.Is(err, runtask.ErrSignatureUnexpected) {
			return NewError(http.StatusBadRequest, "unexpected_signature", err.Error())
		}
		return NewError(http.StatusUnauthorized, "unauthorized", err.Error())
	}
	req, err := runtask.DecodeRequest(body)
	if err != nil {
		s.deps.Metrics.RunReceived("", "invalid")
		return NewError(http.StatusBadRequest, "invalid_json", err.Error())
	}
	stage := string(req.Stage)
	if req.IsTest() {
		// TFC's verification request: exactly 200, nothing stored, nothing sent.
		s.deps.Metrics.RunReceived(stage, "test")
		return c.NoContent(http.StatusOK)
	}
	if err := req.Validate(s.deps.Hosts); err != nil {
		s.deps.Metrics.RunReceived(stage, "invalid")
		return validationError(err)
	}
	c.Set(ctxTaskResultID, req.TaskResultID)
	c.Set(ctxRunID, req.RunID)

	ctx, cancel := context.WithTimeout(r.Context(), intakeTimeout)
	defer cancel()
	inserted, err := s.storeRun(ctx, req)
	if err != nil {
		s.deps.Metrics.RunReceived(stage, "unavailable")
		s.deps.Logger.ErrorContext(ctx, "storing run task request", "task_result_id", req.TaskResultID, "run_id", req.RunID, "error", err)
		return NewError(http.StatusServiceUnavailable, "unavailable", "costgate cannot store the run right now; retry")
	}
	result := "accepted"
	if !inserted {
		result = "duplicate"
	}
	s.deps.Metrics.RunReceived(stage, result)
	s.deps.Logger.InfoContext(ctx, "run task request "+result, "task_result_id", req.TaskResultID, "run_id", req.RunID,
		"stage", stage, "organization", req.OrganizationName, "workspace_id", req.WorkspaceID)
	return c.NoContent(http.StatusOK)
}

// readBody reads a request body of at most limit bytes: 413 with
// tooLarge over it, 400 when it cannot be read.
func readBody(c echo.Context, limit int64, tooLarge string) ([]byte, *Error) {
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), c.Request().Body, limit))
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return nil, NewError(http.StatusRequestEntityTooLarge, "too_large", tooLarge)
		}
		return nil, NewError(http.StatusBadRequest, "bad_request", "reading request body failed")
	}
	return body, nil
}

// storeRun stores the run and, if it is new, its estimate job, atomically
// (in a transaction it may share with other requests).
func (s *Server) storeRun(ctx context.Context, req runtask.Request) (inserted bool, err error) {
	sealed := s.deps.Box.Seal([]byte(req.AccessToken), req.TaskResultID)
	return s.intake.store(ctx, newRun(req, sealed))
}

// newRun maps the request to what the store keeps (never the token in
// clear). Free-text fields are not validated, and Postgres text cannot hold
// NUL: a NUL becomes U+FFFD rather than making the run unstorable (a 503
// TFC would retry forever).
func newRun(req runtask.Request, sealedToken []byte) store.NewRun {
	r := store.NewRun{
		TaskResultID: req.TaskResultID, RunID: req.RunID, Stage: string(req.Stage),
		Organization: req.OrganizationName, WorkspaceID: req.WorkspaceID, WorkspaceName: req.WorkspaceName,
		ProjectID: storableOrNil(req.ProjectID), ProjectName: storableOrNil(req.ProjectName), IsSpeculative: req.IsSpeculative,
		EnforcementLevel: storable(req.TaskResultEnforcementLevel), CreatedBy: storable(deref(req.RunCreatedBy)),
		RunMessage: storable(deref(req.RunMessage)), RunAppURL: storable(req.RunAppURL), WorkspaceAppURL: storable(req.WorkspaceAppURL),
		VCSRepoURL: storableOrNil(req.VCSRepoURL), VCSBranch: storableOrNil(req.VCSBranch), VCSCommitURL: storableOrNil(req.VCSCommitURL),
		VCSCommitHash: storableOrNil(req.VCSCommitHash), VCSPullRequestURL: storableOrNil(req.VCSPullRequestURL),
		CallbackURL: req.TaskResultCallbackURL, OutcomesCapable: req.OutcomesCapable(),
		AccessTokenSealed: sealedToken,
	}
	if req.PlanJSONAPIURL != "" {
		u := storable(req.PlanJSONAPIURL) // unchecked at pre_plan, where it is never used
		r.PlanJSONAPIURL = &u
	}
	if !req.RunCreatedAt.IsZero() {
		t := req.RunCreatedAt
		r.RunCreatedAt = &t
	}
	return r
}

// storable replaces the NULs Postgres text cannot hold.
func storable(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x00", "\uFFFD")
}

func storableOrNil(s *string) *string {
	if s == nil {
		return nil
	}
	v := storable(*s)
	return &v
}

// validationError renders runtask's field problems as a 422.
func validationError(err error) error {
	var ve *runtask.ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) == 0 {
		return NewError(http.StatusUnprocessableEntity, "invalid_request", err.Error())
	}
	e := NewError(http.StatusUnprocessableEntity, "invalid_request", ve.Error())
	e.Detail.Field = ve.Fields[0].Field
	for _, f := range ve.Fields {
		e.Detail.Details = append(e.Detail.Details, FieldDetail{Field: f.Field, Message: f.Problem})
	}
	return e
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
