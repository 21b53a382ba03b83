package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/store"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"
)

// Page sizes of the run listing.
const (
	defaultRunsLimit = 50
	maxRunsLimit     = 200
)

var (
	runStages   = []string{"pre_plan", "post_plan", "pre_apply", "post_apply"}
	runStatuses = []string{store.RunStatusPassed, store.RunStatusFailed, store.RunStatusPending}
)

// handleListRuns is GET /api/v1/runs: runs newest first, filtered, one
// page at a time (keyset cursor).
func (s *Server) handleListRuns(c echo.Context) error {
	p, err := readParams(c, "organization", "workspace", "stage", "status", "speculative", "since", "until", "limit", "cursor")
	if err != nil {
		return err
	}
	f := store.RunFilter{Organization: p.str("organization"), Workspace: p.str("workspace")}
	if f.Stages, err = p.list("stage", runStages...); err != nil {
		return err
	}
	if f.Statuses, err = p.list("status", runStatuses...); err != nil {
		return err
	}
	if f.Speculative, err = p.boolean("speculative"); err != nil {
		return err
	}
	if f.Since, f.Until, err = p.window(); err != nil {
		return err
	}
	if f.Limit, err = p.limit(defaultRunsLimit, maxRunsLimit); err != nil {
		return err
	}
	if f.After, err = p.cursor(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	var runs []store.RunSummary
	var next *store.RunCursor
	if err := s.readTx(ctx, func(tx pgx.Tx) (err error) {
		runs, next, err = store.ListRuns(ctx, tx, f)
		return err
	}); err != nil {
		return err
	}
	out := make([]runJSON, len(runs))
	for i, r := range runs {
		out[i] = newRunJSON(r)
	}
	return c.JSON(http.StatusOK, map[string]any{"runs": out, "next_cursor": encodeCursor(next)})
}

// runDetailJSON is one stage of a run with its estimate (DESIGN.md's
// estimate JSON, null when the run was not priced), the decision and the
// callback's delivery, and the run's other stages.
type runDetailJSON struct {
	runJSON
	Estimate json.RawMessage `json:"estimate"`
	Decision decisionJSON    `json:"decision"`
	Delivery *deliveryJSON   `json:"delivery"`
	Stages   []stageJSON     `json:"stages"`
}

type decisionJSON struct {
	Status  string   `json:"status"`
	Message string   `json:"message"`
	Reasons []string `json:"reasons"`
}

// deliveryJSON is how the final callback to TFC went. State is pending
// (being retried), delivered or given_up.
type deliveryJSON struct {
	State          string     `json:"state"`
	Attempts       int        `json:"attempts"`
	LastOutcome    *string    `json:"last_outcome"`
	LastHTTPStatus *int       `json:"last_http_status"`
	LastError      *string    `json:"last_error"`
	DeliveredAt    *time.Time `json:"delivered_at"`
	GivenUpAt      *time.Time `json:"given_up_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

type stageJSON struct {
	Stage        string    `json:"stage"`
	TaskResultID string    `json:"task_result_id"`
	Status       string    `json:"status"`
	ReceivedAt   time.Time `json:"received_at"`
	Self         string    `json:"self"`
}

// handleGetRun is GET /api/v1/runs/{run_id}: the latest stage received for
// the TFC run, or the one named by ?stage=.
func (s *Server) handleGetRun(c echo.Context) error {
	p, err := readParams(c, "stage")
	if err != nil {
		return err
	}
	stage, err := p.oneOf("stage", "", runStages...)
	if err != nil {
		return err
	}
	runID := pathParam(c, "run_id")
	ctx := c.Request().Context()
	var stages []store.RunRecord
	err = s.readTx(ctx, func(tx pgx.Tx) (err error) {
		stages, err = store.RunStages(ctx, tx, runID)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return NewError(http.StatusNotFound, "not_found", "no run "+runID)
	}
	if err != nil {
		return err
	}
	chosen := &stages[len(stages)-1]
	if stage != "" {
		chosen = nil
		for i := len(stages) - 1; i >= 0; i-- {
			if stages[i].Stage == stage {
				chosen = &stages[i]
				break
			}
		}
		if chosen == nil {
			return NewError(http.StatusNotFound, "not_found", "run "+runID+" has no "+stage+" stage")
		}
	}
	detail, err := newRunDetail(*chosen, stages)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, detail)
}

func newRunDetail(rec store.RunRecord, all []store.RunRecord) (runDetailJSON, error) {
	d := runDetailJSON{runJSON: newRunJSON(rec.RunSummary), Estimate: json.RawMessage("null")}
	var err error
	if d.Decision, d.Delivery, err = runOutcome(rec); err != nil {
		return d, err
	}
	if rec.Estimate != nil {
		if d.Estimate, err = canonicalEstimate(rec.Estimate.Estimate); err != nil {
			return d, fmt.Errorf("run %s: %w", rec.RunID, err)
		}
	}
	for _, st := range all {
		d.Stages = append(d.Stages, stageJSON{Stage: st.Stage, TaskResultID: st.TaskResultID, Status: st.Status,
			ReceivedAt: st.ReceivedAt.UTC(), Self: newRunJSON(st.RunSummary).Links.Self})
	}
	return d, nil
}

// runOutcome is a stage's decision and how its final callback went.
func runOutcome(rec store.RunRecord) (decisionJSON, *deliveryJSON, error) {
	dec := decisionJSON{Status: rec.Status, Reasons: []string{}}
	if rec.Estimate != nil {
		dec.Message = rec.Estimate.Message
		if len(rec.Estimate.Reasons) > 0 {
			if err := json.Unmarshal(rec.Estimate.Reasons, &dec.Reasons); err != nil {
				return dec, nil, fmt.Errorf("run %s: stored reasons: %w", rec.RunID, err)
			}
		}
	}
	if rec.Delivery == nil {
		return dec, nil, nil
	}
	// A run that could not be priced has no estimate: its message is the one sent to TFC.
	if dec.Message == "" {
		var sent struct {
			Message string `json:"message"`
		}
		if err := json.Unmarshal(rec.Delivery.Result, &sent); err == nil {
			dec.Message = sent.Message
		}
	}
	return dec, newDeliveryJSON(*rec.Delivery), nil
}

// canonicalEstimate renders a stored estimate exactly as `costgate
// estimate --format json` does (jsonb reorders keys; the contract's order
// and number formats come from estimator.Estimate's encoder).
func canonicalEstimate(stored []byte) (json.RawMessage, error) {
	var est estimator.Estimate
	if err := json.Unmarshal(stored, &est); err != nil {
		return nil, fmt.Errorf("decoding stored estimate: %w", err)
	}
	out, err := json.Marshal(est)
	if err != nil {
		return nil, fmt.Errorf("encoding estimate: %w", err)
	}
	return out, nil
}

func newDeliveryJSON(d store.Delivery) *deliveryJSON {
	state := "pending"
	switch {
	case d.DeliveredAt != nil:
		state = "delivered"
	case d.GivenUpAt != nil:
		state = "given_up"
	}
	return &deliveryJSON{State: state, Attempts: d.Attempts, LastOutcome: d.LastOutcome, LastHTTPStatus: d.LastHTTPStatus,
		LastError: d.LastError, DeliveredAt: utcPtr(d.DeliveredAt), GivenUpAt: utcPtr(d.GivenUpAt), UpdatedAt: d.UpdatedAt.UTC()}
}
