package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// OrphanedRun is an undecided run whose estimate job will not run again.
type OrphanedRun struct {
	ID       int64
	Attempts int // attempts of its last estimate job (0 when the job is gone)
}

// OrphanedRuns lists undecided runs (received or estimating) without an
// estimate job that river will still work: theirs was discarded after its
// last attempt, cancelled, or deleted. They are owed a final callback all
// the same.
func OrphanedRuns(ctx context.Context, db DBTX, limit int) ([]OrphanedRun, error) {
	rows, err := db.Query(ctx, `SELECT r.id, COALESCE((SELECT max(j.attempt) FROM river_job j
    WHERE j.kind = 'estimate' AND (j.args->>'run_pk')::bigint = r.id), 0)
FROM runs r
WHERE r.state IN ('received', 'estimating')
  AND NOT EXISTS (SELECT 1 FROM river_job j WHERE j.kind = 'estimate' AND (j.args->>'run_pk')::bigint = r.id
    AND j.state NOT IN ('completed', 'discarded', 'cancelled'))
ORDER BY r.id LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("listing orphaned runs: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (OrphanedRun, error) {
		var o OrphanedRun
		err := row.Scan(&o.ID, &o.Attempts)
		return o, err
	})
	if err != nil {
		return nil, fmt.Errorf("listing orphaned runs: %w", err)
	}
	return out, nil
}

// OpenSealedTokens returns the task result id and sealed token of every run
// not yet final that still holds one, for checking them against the key.
func OpenSealedTokens(ctx context.Context, db DBTX) (map[string][]byte, error) {
	rows, err := db.Query(ctx, `SELECT task_result_id, access_token_sealed FROM runs
WHERE state IN ('received', 'estimating', 'reporting') AND access_token_sealed IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("listing sealed tokens: %w", err)
	}
	defer rows.Close()
	out := map[string][]byte{}
	for rows.Next() {
		var id string
		var sealed []byte
		if err := rows.Scan(&id, &sealed); err != nil {
			return nil, fmt.Errorf("listing sealed tokens: %w", err)
		}
		out[id] = sealed
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("listing sealed tokens: %w", err)
	}
	return out, nil
}
