package worker

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/costgate/costgate/store"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
)

// Retention (COSTGATE_RETENTION): an hourly job deletes the runs received
// longer ago than the retention, with their estimates and deliveries
// (docs/api.md). Zero keeps every run. Expired dashboard sessions are
// deleted in the same sweep whatever the retention.
const (
	retentionEvery = time.Hour
	retentionBatch = 1000
)

// RetentionArgs is the periodic retention sweep; it carries nothing.
type RetentionArgs struct{}

// Kind is river's job kind.
func (RetentionArgs) Kind() string { return "retention" }

// RetentionWorker deletes old runs in batches and expired dashboard sessions.
type RetentionWorker struct {
	river.WorkerDefaults[RetentionArgs]
	pool      *pgxpool.Pool
	retention time.Duration
	logger    *slog.Logger
}

// Work runs one sweep. Batches keep each delete's locks short; a failed
// sweep is retried by river and picks up where it stopped.
func (w *RetentionWorker) Work(ctx context.Context, _ *river.Job[RetentionArgs]) error {
	now := time.Now()
	var runs int64
	if w.retention > 0 {
		cutoff := now.Add(-w.retention)
		for {
			n, err := store.DeleteRunsReceivedBefore(ctx, w.pool, cutoff, retentionBatch)
			if err != nil {
				return err
			}
			runs += n
			if n < retentionBatch {
				break
			}
		}
	}
	sessions, err := store.DeleteExpiredDashboardSessions(ctx, w.pool, now)
	if err != nil {
		return err
	}
	if runs > 0 || sessions > 0 {
		w.logger.InfoContext(ctx, "retention sweep", "runs_deleted", runs, "sessions_deleted", sessions, "retention", w.retention.String())
	}
	return nil
}

// addRetention registers the retention worker and returns its periodic job.
func addRetention(workers *river.Workers, pool *pgxpool.Pool, retention time.Duration, logger *slog.Logger) (*river.PeriodicJob, error) {
	if retention < 0 {
		return nil, fmt.Errorf("worker: retention must not be negative")
	}
	if err := river.AddWorkerSafely(workers, &RetentionWorker{pool: pool, retention: retention, logger: logger}); err != nil {
		return nil, fmt.Errorf("registering retention worker: %w", err)
	}
	return river.NewPeriodicJob(river.PeriodicInterval(retentionEvery),
		func() (river.JobArgs, *river.InsertOpts) { return RetentionArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true, ID: "retention"}), nil
}
