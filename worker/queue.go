package worker

import (
	"context"
	"fmt"

	"github.com/costgate/costgate/metrics"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// QueueDepth counts river's unfinished jobs by queue and state, for the
// costgate_queue_depth metric.
func QueueDepth(pool *pgxpool.Pool) metrics.QueueCounter {
	return func(ctx context.Context) ([]metrics.QueueCount, error) {
		rows, err := pool.Query(ctx, `SELECT queue, state::text, count(*) FROM river_job
WHERE state IN ('available', 'scheduled', 'retryable', 'running') GROUP BY 1, 2`)
		if err != nil {
			return nil, fmt.Errorf("counting queued jobs: %w", err)
		}
		return pgx.CollectRows(rows, func(r pgx.CollectableRow) (metrics.QueueCount, error) {
			var q metrics.QueueCount
			err := r.Scan(&q.Queue, &q.State, &q.Count)
			return q, err
		})
	}
}
