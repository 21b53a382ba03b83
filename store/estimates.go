package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
)

// EstimateRecord is the priced summary kept for a run: the estimator's JSON
// and its totals, and the decision taken on it.
type EstimateRecord struct {
	RunPK               int64
	Currency            string
	PriorMonthlyCost    decimal.Decimal
	ProposedMonthlyCost decimal.Decimal
	DeltaMonthlyCost    decimal.Decimal
	Resources           int
	Estimated           int
	Free                int
	Unsupported         int
	UnpricedComponents  int
	Estimate            json.RawMessage
	Decision            string
	Message             string
	Reasons             json.RawMessage // JSON array; nil stores []
	Duration            time.Duration
	CreatedAt           time.Time
}

// SaveEstimate stores a run's estimate; a second save for the same run (a
// repeated job) keeps the first.
func SaveEstimate(ctx context.Context, db DBTX, e EstimateRecord) error {
	reasons := e.Reasons
	if len(reasons) == 0 {
		reasons = json.RawMessage("[]")
	}
	currency := e.Currency
	if currency == "" {
		currency = "USD"
	}
	_, err := db.Exec(ctx, `INSERT INTO estimates (run_pk, currency, prior_monthly_cost, proposed_monthly_cost,
    delta_monthly_cost, resources, estimated, free, unsupported, unpriced_components, estimate,
    decision, message, reasons, duration_ms)
VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)
ON CONFLICT (run_pk) DO NOTHING`,
		e.RunPK, currency, e.PriorMonthlyCost, e.ProposedMonthlyCost, e.DeltaMonthlyCost,
		e.Resources, e.Estimated, e.Free, e.Unsupported, e.UnpricedComponents, []byte(e.Estimate),
		e.Decision, e.Message, []byte(reasons), e.Duration.Milliseconds())
	if err != nil {
		return fmt.Errorf("saving estimate of run %d: %w", e.RunPK, err)
	}
	return nil
}

// GetEstimate loads a run's estimate.
func GetEstimate(ctx context.Context, db DBTX, runPK int64) (EstimateRecord, error) {
	var e EstimateRecord
	var ms int64
	err := db.QueryRow(ctx, `SELECT run_pk, currency, prior_monthly_cost, proposed_monthly_cost, delta_monthly_cost,
    resources, estimated, free, unsupported, unpriced_components, estimate, decision, message, reasons,
    duration_ms, created_at FROM estimates WHERE run_pk = $1`, runPK).Scan(
		&e.RunPK, &e.Currency, &e.PriorMonthlyCost, &e.ProposedMonthlyCost, &e.DeltaMonthlyCost,
		&e.Resources, &e.Estimated, &e.Free, &e.Unsupported, &e.UnpricedComponents, &e.Estimate,
		&e.Decision, &e.Message, &e.Reasons, &ms, &e.CreatedAt)
	if err != nil {
		return EstimateRecord{}, notFound(err, fmt.Sprintf("estimate of run %d", runPK))
	}
	e.Duration = time.Duration(ms) * time.Millisecond
	return e, nil
}
