package worker

import (
	"context"
	"fmt"

	"github.com/costgate/costgate/secretbox"
	"github.com/costgate/costgate/store"
	"github.com/jackc/pgx/v5"
)

// concludeOrphans gives every undecided run whose estimate job will not run
// again (it failed its last attempt, e.g. through a long database outage, or
// was cancelled or deleted) a failed final result and queues its callback:
// no accepted run is left for TFC to time out.
func (s *service) concludeOrphans(ctx context.Context) {
	orphans, err := store.OrphanedRuns(ctx, s.pool, 100)
	if err != nil {
		s.logger.WarnContext(ctx, "looking for runs whose estimate gave up", "error", err)
		return
	}
	for _, o := range orphans {
		if err := s.concludeOrphan(ctx, o); err != nil {
			s.logger.WarnContext(ctx, "concluding a run whose estimate gave up", "run_pk", o.ID, "error", err)
		}
	}
}

func (s *service) concludeOrphan(ctx context.Context, o store.OrphanedRun) error {
	run, err := store.GetRun(ctx, s.pool, o.ID)
	if err != nil {
		return err
	}
	f := fail(KindInternal, "its estimate job was lost")
	if o.Attempts > 0 {
		f = fail(KindInternal, "its estimate failed %d times on internal errors (see costgate's log)", o.Attempts)
	}
	res, _ := s.failedResult(ctx, s.logger.With("run_id", run.RunID, "task_result_id", run.TaskResultID), run, f)
	kind := f.Kind
	if err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		return s.queueFinal(ctx, tx, run, res, nil, &kind)
	}); err != nil {
		return fmt.Errorf("concluding run %d: %w", run.ID, err)
	}
	s.logger.ErrorContext(ctx, "run concluded without an estimate: its estimate job gave up",
		"run_id", run.RunID, "task_result_id", run.TaskResultID, "attempts", o.Attempts, "status", res.Status)
	return nil
}

// UnopenableTokens counts the runs in flight whose sealed access token the
// box cannot open: they were accepted by a process with another
// COSTGATE_SECRET_KEY (or an ephemeral one), and costgate cannot report
// them to TFC.
func UnopenableTokens(ctx context.Context, db store.DBTX, box *secretbox.Box) (int, error) {
	sealed, err := store.OpenSealedTokens(ctx, db)
	if err != nil {
		return 0, err
	}
	n := 0
	for id, b := range sealed {
		if _, err := box.Open(b, id); err != nil {
			n++
		}
	}
	return n, nil
}
