package worker

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/costgate/costgate/runtask"
	"github.com/costgate/costgate/store"
	"github.com/riverqueue/river"
)

// progressMessage is the `running` message of the periodic sweep.
const progressMessage = "costgate is working on this run"

// sendRunning PATCHes a `running` update and records it; failures are
// logged and otherwise ignored (the update is best effort).
func (s *service) sendRunning(ctx context.Context, log *slog.Logger, runPK int64, callbackURL, token, message string) {
	doc := runtask.BuildCallback(runtask.Result{Status: runtask.StatusRunning, Message: message}, false)
	sendCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	err := s.callbacks.Send(sendCtx, callbackURL, token, doc)
	outcome := classify(err).outcome
	s.metrics.CallbackAttempt("running", outcome)
	if err != nil {
		if !errors.Is(err, runtask.ErrAlreadyFinal) {
			log.WarnContext(ctx, "running update not accepted", "outcome", outcome, "error", err)
		}
		return
	}
	if err := store.MarkProgress(context.WithoutCancel(ctx), s.pool, runPK, time.Now()); err != nil {
		log.WarnContext(ctx, "recording progress", "error", err)
	}
}

// keepAlive sends `running` now and then every heartbeat interval until
// the returned stop is called.
func (s *service) keepAlive(ctx context.Context, log *slog.Logger, run store.Run, token, message string) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() {
		s.sendRunning(ctx, log, run.ID, run.CallbackURL, token, message)
		t := time.NewTicker(s.heartbeatInterval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				s.sendRunning(ctx, log, run.ID, run.CallbackURL, token, message)
			}
		}
	})
	return func() { cancel(); wg.Wait() }
}

// HeartbeatArgs is the periodic sweep that keeps TFC informed about runs
// waiting in the queue or waiting for a final callback retry.
type HeartbeatArgs struct{}

// Kind is river's job kind.
func (HeartbeatArgs) Kind() string { return "heartbeat" }

// HeartbeatWorker sends `running` to every open run whose last update is
// older than the heartbeat interval, after concluding the runs whose
// estimate job gave up (concludeOrphans).
type HeartbeatWorker struct {
	river.WorkerDefaults[HeartbeatArgs]
	s *service
}

// Timeout bounds one sweep (within the job timeout, as for callbacks).
func (w *HeartbeatWorker) Timeout(*river.Job[HeartbeatArgs]) time.Duration {
	return min(time.Minute, w.s.jobTimeout)
}

// Work sweeps once; a failed sweep is simply superseded by the next one.
func (w *HeartbeatWorker) Work(ctx context.Context, _ *river.Job[HeartbeatArgs]) error {
	s := w.s
	s.concludeOrphans(ctx)
	open, err := store.RunsNeedingProgress(ctx, s.pool, time.Now().Add(-s.heartbeatInterval), 200)
	if err != nil {
		s.logger.WarnContext(ctx, "heartbeat sweep", "error", err)
		return nil
	}
	// A few at a time: one hanging callback URL must not hold up the others.
	var wg sync.WaitGroup
	slots := make(chan struct{}, heartbeatConcurrency)
	for _, r := range open {
		token, err := s.openToken(r.TaskResultID, r.AccessTokenSealed)
		if err != nil {
			continue // the final callback reports it
		}
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			s.sendRunning(ctx, s.logger.With("task_result_id", r.TaskResultID), r.ID, r.CallbackURL, token, progressMessage)
		})
	}
	wg.Wait()
	return nil
}

// heartbeatConcurrency is how many `running` updates a sweep sends at once.
const heartbeatConcurrency = 8
