package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Delivery outcomes of a callback attempt.
const (
	OutcomeAccepted     = "accepted"
	OutcomeAlreadyFinal = "already_final"
	OutcomeRetryable    = "retryable"
	OutcomePermanent    = "permanent"
	OutcomeGaveUp       = "gave_up"
)

// Delivery is the final callback owed for a run and how its delivery went.
type Delivery struct {
	RunPK          int64
	Result         json.RawMessage
	Status         string
	Attempts       int
	LastOutcome    *string
	LastHTTPStatus *int
	LastError      *string
	DeliveredAt    *time.Time
	GivenUpAt      *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Settled reports whether nothing more will be sent.
func (d Delivery) Settled() bool { return d.DeliveredAt != nil || d.GivenUpAt != nil }

// CreateDelivery records the result to deliver; a repeated call keeps the first.
func CreateDelivery(ctx context.Context, db DBTX, runPK int64, status string, result json.RawMessage) error {
	if _, err := db.Exec(ctx, `INSERT INTO deliveries (run_pk, status, result) VALUES ($1, $2, $3)
ON CONFLICT (run_pk) DO NOTHING`, runPK, status, []byte(result)); err != nil {
		return fmt.Errorf("recording delivery of run %d: %w", runPK, err)
	}
	return nil
}

// GetDelivery loads a run's delivery.
func GetDelivery(ctx context.Context, db DBTX, runPK int64) (Delivery, error) {
	var d Delivery
	err := db.QueryRow(ctx, `SELECT run_pk, result, status, attempts, last_outcome, last_http_status, last_error,
    delivered_at, given_up_at, created_at, updated_at FROM deliveries WHERE run_pk = $1`, runPK).Scan(
		&d.RunPK, &d.Result, &d.Status, &d.Attempts, &d.LastOutcome, &d.LastHTTPStatus, &d.LastError,
		&d.DeliveredAt, &d.GivenUpAt, &d.CreatedAt, &d.UpdatedAt)
	if err != nil {
		return Delivery{}, notFound(err, fmt.Sprintf("delivery of run %d", runPK))
	}
	return d, nil
}

// Attempt is the outcome of one callback attempt. Error never holds a token.
type Attempt struct {
	Outcome    string
	HTTPStatus int // 0 when no response
	Error      string
}

// RecordAttempt counts an attempt and, for a settling outcome, marks the
// delivery delivered (accepted, already_final) or given up (permanent,
// gave_up).
func RecordAttempt(ctx context.Context, db DBTX, runPK int64, a Attempt) error {
	var status *int
	if a.HTTPStatus != 0 {
		status = &a.HTTPStatus
	}
	var errText *string
	if a.Error != "" {
		s := truncate(a.Error, 2000)
		errText = &s
	}
	delivered := a.Outcome == OutcomeAccepted || a.Outcome == OutcomeAlreadyFinal
	gaveUp := a.Outcome == OutcomePermanent || a.Outcome == OutcomeGaveUp
	counts := a.Outcome != OutcomeGaveUp
	_, err := db.Exec(ctx, `UPDATE deliveries SET
    attempts = attempts + CASE WHEN $6 THEN 1 ELSE 0 END,
    last_outcome = $2, last_http_status = COALESCE($3, last_http_status), last_error = $4,
    delivered_at = CASE WHEN $5 AND delivered_at IS NULL THEN now() ELSE delivered_at END,
    given_up_at = CASE WHEN $7 AND given_up_at IS NULL THEN now() ELSE given_up_at END,
    updated_at = now()
WHERE run_pk = $1`, runPK, a.Outcome, status, errText, delivered, counts, gaveUp)
	if err != nil {
		return fmt.Errorf("recording callback attempt of run %d: %w", runPK, err)
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func notFound(err error, what string) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return fmt.Errorf("loading %s: %w", what, err)
}
