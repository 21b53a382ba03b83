package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/costgate/costgate/runtask"
	"github.com/costgate/costgate/store"
	"github.com/riverqueue/river"
)

// CallbackArgs names the run whose final result is to be delivered.
type CallbackArgs struct {
	RunPK int64 `json:"run_pk"`
}

// Kind is river's job kind.
func (CallbackArgs) Kind() string { return "callback" }

// InsertOpts puts callback jobs on their queue; the deadline, not the
// attempt count, ends the retries.
func (CallbackArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueCallback, MaxAttempts: 1000}
}

// CallbackWorker delivers the final result.
type CallbackWorker struct {
	river.WorkerDefaults[CallbackArgs]
	s *service
}

// Timeout bounds one attempt. It never exceeds the job timeout: river
// rescues a crashed job only after its own timeout, so a longer one would
// delay the replay of a callback cut off by a crash past RESCUE_AFTER.
func (w *CallbackWorker) Timeout(*river.Job[CallbackArgs]) time.Duration {
	return min(2*time.Minute, w.s.jobTimeout)
}

// NextRetry schedules the next attempt with jittered backoff (or TFC's
// Retry-After), never past the give-up deadline; the attempt at the
// deadline records the give-up.
func (w *CallbackWorker) NextRetry(job *river.Job[CallbackArgs]) time.Time {
	return w.capped(job, time.Now().Add(w.s.backoff(job.Attempt)))
}

// capped keeps a retry time within the give-up deadline.
func (w *CallbackWorker) capped(job *river.Job[CallbackArgs], next time.Time) time.Time {
	if deadline, ok := w.deadline(job); ok && next.After(deadline) {
		return deadline
	}
	return next
}

func (w *CallbackWorker) deadline(job *river.Job[CallbackArgs]) (time.Time, bool) {
	var meta struct {
		ReceivedAt time.Time `json:"received_at"`
	}
	if err := json.Unmarshal(job.Metadata, &meta); err != nil || meta.ReceivedAt.IsZero() {
		return time.Time{}, false
	}
	return meta.ReceivedAt.Add(w.s.giveUpAfter), true
}

// Work makes one delivery attempt.
func (w *CallbackWorker) Work(ctx context.Context, job *river.Job[CallbackArgs]) error {
	s := w.s
	run, err := s.jobRun(ctx, job.Args.RunPK)
	if err != nil {
		return err
	}
	if run.Final() {
		return nil
	}
	log := s.logger.With("run_id", run.RunID, "task_result_id", run.TaskResultID, "attempt", job.Attempt)
	d, err := store.GetDelivery(ctx, s.pool, run.ID)
	if err != nil {
		return err
	}
	if d.Settled() {
		return w.finish(ctx, run.ID, d)
	}
	if time.Since(run.ReceivedAt) >= s.giveUpAfter {
		log.ErrorContext(ctx, "giving up the final callback: deadline passed", "attempts", d.Attempts)
		return w.settle(ctx, run.ID, store.Attempt{Outcome: store.OutcomeGaveUp,
			Error: fmt.Sprintf("no attempt accepted within %s of receipt; TFC's limit is 60 minutes", s.giveUpAfter)})
	}
	token, err := s.openToken(run.TaskResultID, run.AccessTokenSealed)
	if err != nil {
		log.ErrorContext(ctx, "cannot send the final callback", "error", err)
		return w.settle(ctx, run.ID, store.Attempt{Outcome: store.OutcomePermanent, Error: err.Error()})
	}
	var res runtask.Result
	if err := json.Unmarshal(d.Result, &res); err != nil {
		return fmt.Errorf("decoding stored result of run %d: %w", run.ID, err)
	}
	doc := runtask.BuildCallback(res, run.OutcomesCapable)
	sendErr := s.callbacks.Send(ctx, run.CallbackURL, token, doc)
	c := classify(sendErr)
	s.metrics.CallbackAttempt("final", c.outcome)
	attempt := store.Attempt{Outcome: c.outcome, HTTPStatus: c.status}
	if sendErr != nil {
		attempt.Error = sendErr.Error()
	}
	if c.outcome == store.OutcomeRetryable {
		if err := store.RecordAttempt(ctx, s.pool, run.ID, attempt); err != nil {
			return err
		}
		log.WarnContext(ctx, "final callback not accepted; will retry", "error", sendErr)
		if c.retryAfter > 0 {
			// TFC asked for a pause: honour it (within the deadline).
			return river.JobSnooze(max(time.Until(w.capped(job, time.Now().Add(c.retryAfter))), time.Second))
		}
		return sendErr
	}
	if c.outcome == store.OutcomePermanent {
		log.ErrorContext(ctx, "final callback refused; not retrying", "http_status", c.status, "error", sendErr)
	} else {
		log.InfoContext(ctx, "final callback delivered", "status", res.Status, "outcome", c.outcome)
	}
	return w.settle(ctx, run.ID, attempt)
}

// settle records a settling attempt and finishes the run.
func (w *CallbackWorker) settle(ctx context.Context, runPK int64, a store.Attempt) error {
	ctx = context.WithoutCancel(ctx)
	if err := store.RecordAttempt(ctx, w.s.pool, runPK, a); err != nil {
		return err
	}
	if a.Outcome == store.OutcomeGaveUp {
		w.s.metrics.CallbackAttempt("final", store.OutcomeGaveUp)
	}
	d, err := store.GetDelivery(ctx, w.s.pool, runPK)
	if err != nil {
		return err
	}
	return w.finish(ctx, runPK, d)
}

// finish moves the run to its final state and erases its token.
func (w *CallbackWorker) finish(ctx context.Context, runPK int64, d store.Delivery) error {
	state := store.StateUndeliverable
	if d.DeliveredAt != nil {
		state = store.StateDelivered
	}
	return store.FinishRun(ctx, w.s.pool, runPK, state)
}

// classified is a Send error sorted for recording.
type classified struct {
	outcome    string
	status     int
	retryAfter time.Duration
}

func classify(err error) classified {
	var perm *runtask.PermanentError
	var retry *runtask.RetryableError
	switch {
	case err == nil:
		return classified{outcome: store.OutcomeAccepted, status: 200}
	case errors.Is(err, runtask.ErrAlreadyFinal):
		return classified{outcome: store.OutcomeAlreadyFinal, status: 409}
	case errors.As(err, &perm):
		return classified{outcome: store.OutcomePermanent, status: perm.Status}
	case errors.As(err, &retry):
		return classified{outcome: store.OutcomeRetryable, status: retry.Status, retryAfter: retry.RetryAfter}
	}
	return classified{outcome: store.OutcomeRetryable}
}
