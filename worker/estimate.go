package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/runtask"
	"github.com/costgate/costgate/store"
	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// Queues.
const (
	QueueEstimate = "estimate"
	QueueCallback = "callback"
)

// EstimateArgs names the run (runs.id) to price; it carries no secret.
type EstimateArgs struct {
	RunPK int64 `json:"run_pk"`
}

// Kind is river's job kind.
func (EstimateArgs) Kind() string { return "estimate" }

// InsertOpts puts estimate jobs on their queue.
func (EstimateArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueEstimate, MaxAttempts: 25}
}

// prePlanMessage answers a run task attached at pre_plan, where no plan exists.
const prePlanMessage = "costgate prices plans, and there is no plan at the pre_plan stage. Attach the costgate run task at post_plan or pre_apply instead; this run was not checked."

// EstimateWorker prices one run and queues its final callback.
type EstimateWorker struct {
	river.WorkerDefaults[EstimateArgs]
	s *service
}

// Timeout is the configured job timeout; past it the run ends in a failed callback.
func (w *EstimateWorker) Timeout(*river.Job[EstimateArgs]) time.Duration { return w.s.jobTimeout }

// NextRetry retries an attempt that could not save its outcome (the
// database is away) after 1 s, doubling up to 30 s: about ten minutes in
// all, after which the heartbeat sweep concludes the run as failed.
func (w *EstimateWorker) NextRetry(job *river.Job[EstimateArgs]) time.Time {
	return time.Now().Add(min(time.Second<<min(max(job.Attempt-1, 0), 5), 30*time.Second))
}

// Work runs one attempt. It returns an error only when the outcome could
// not be saved (river then retries); every failure to price is a result.
func (w *EstimateWorker) Work(ctx context.Context, job *river.Job[EstimateArgs]) error {
	s := w.s
	run, err := s.jobRun(ctx, job.Args.RunPK)
	if err != nil {
		return err
	}
	log := s.logger.With("run_id", run.RunID, "task_result_id", run.TaskResultID, "stage", run.Stage, "attempt", job.Attempt)
	started, err := store.StartEstimating(ctx, s.pool, run.ID)
	if err != nil {
		return err
	}
	if !started {
		log.InfoContext(ctx, "run already decided; nothing to do", "state", run.State)
		return nil
	}

	begun := time.Now()
	out := w.price(ctx, log, run)
	if out.fail != nil && errors.Is(ctx.Err(), context.Canceled) {
		// Shutdown, not a verdict: the job runs again on the next start.
		return fmt.Errorf("estimate of run %d interrupted: %w", run.ID, ctx.Err())
	}
	// The job's own context may be past its deadline; saving must still happen.
	saveCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	res, rec, errKind := w.conclude(saveCtx, log, run, out)
	if rec != nil {
		rec.Duration = time.Since(begun)
	}
	if err := s.decide(saveCtx, job, run, res, rec, errKind); err != nil {
		return err
	}
	metricResult := res.Status
	if errKind != nil {
		metricResult = "error"
	}
	s.metrics.EstimateDone(metricResult, time.Since(begun))
	log.InfoContext(ctx, "run decided", "status", res.Status, "error_kind", deref(errKind), "duration_ms", time.Since(begun).Milliseconds())
	return nil
}

// priced is the outcome of pricing: an estimate and its decision, or a failure.
type priced struct {
	est      *estimator.Estimate
	decision Decision
	fail     *failure
}

func (w *EstimateWorker) price(ctx context.Context, log *slog.Logger, run store.Run) priced {
	s := w.s
	if run.Stage == string(runtask.StagePrePlan) {
		return priced{decision: Decision{Status: runtask.StatusPassed, Message: prePlanMessage}}
	}
	token, err := s.openToken(run.TaskResultID, run.AccessTokenSealed)
	if err != nil {
		return priced{fail: fail(KindToken, "%v", err)}
	}
	stop := s.keepAlive(ctx, log, run, token, "costgate is pricing the plan")
	defer stop()

	if run.PlanJSONAPIURL == nil || *run.PlanJSONAPIURL == "" {
		return priced{fail: fail(KindNoPlanURL, "TFC sent no plan URL for stage %s", run.Stage)}
	}
	body, err := s.plans.Fetch(ctx, *run.PlanJSONAPIURL, token)
	if err != nil {
		return priced{fail: planFailure(err)}
	}
	plan, err := s.estimator.DecodePlan(body)
	body.Close()
	if err != nil {
		if errors.Is(err, runtask.ErrPlanTooLarge) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return priced{fail: planFailure(err)}
		}
		return priced{fail: fail(KindInvalidPlan, "the plan JSON is not a valid Terraform plan: %v", err)}
	}
	est, err := s.estimator.Estimate(ctx, plan)
	if err != nil {
		if ctx.Err() != nil {
			return priced{fail: fail(KindTimeout, "timed out pricing the plan")}
		}
		return priced{fail: fail(KindEstimator, "pricing the plan failed: %v", err)}
	}
	d, err := s.decider.Decide(ctx, run, est)
	if err != nil {
		return priced{est: est, fail: fail(KindDecision, "checking the budget failed: %v", err)}
	}
	return priced{est: est, decision: d}
}

// conclude turns the pricing outcome into the result to report and the
// estimate record to keep.
func (w *EstimateWorker) conclude(ctx context.Context, log *slog.Logger, run store.Run, out priced) (runtask.Result, *store.EstimateRecord, *string) {
	s := w.s
	if out.fail != nil {
		res, failOpen := s.failedResult(ctx, log, run, out.fail)
		log.WarnContext(ctx, "run could not be priced", "error_kind", out.fail.Kind, "reason", out.fail.Reason, "fail_open", failOpen)
		kind := out.fail.Kind
		return res, nil, &kind
	}
	res := runtask.Result{URL: s.runURL(run)}
	res.Status, res.Message, res.Outcomes = out.decision.Status, out.decision.Message, out.decision.Outcomes
	if out.est == nil {
		return res, nil, nil
	}
	rec, err := estimateRecord(run.ID, out.est, out.decision)
	if err != nil {
		log.ErrorContext(ctx, "encoding estimate; keeping the verdict without it", "error", err)
		return res, nil, nil
	}
	return res, rec, nil
}

func estimateRecord(runPK int64, est *estimator.Estimate, d Decision) (*store.EstimateRecord, error) {
	raw, err := json.Marshal(est)
	if err != nil {
		return nil, fmt.Errorf("encoding estimate: %w", err)
	}
	reasons, err := json.Marshal(nonNil(d.Reasons))
	if err != nil {
		return nil, fmt.Errorf("encoding reasons: %w", err)
	}
	return &store.EstimateRecord{
		RunPK: runPK, Currency: est.Currency,
		PriorMonthlyCost: est.PriorMonthlyCost, ProposedMonthlyCost: est.ProposedMonthlyCost, DeltaMonthlyCost: est.DeltaMonthlyCost,
		Resources: est.Summary.Resources, Estimated: est.Summary.Estimated, Free: est.Summary.Free,
		Unsupported: est.Summary.Unsupported, UnpricedComponents: est.Summary.UnpricedComponents,
		Estimate: raw, Decision: d.Status, Message: d.Message, Reasons: reasons,
	}, nil
}

// jobRun loads the run a job is about; a run that no longer exists
// cancels the job.
func (s *service) jobRun(ctx context.Context, runPK int64) (store.Run, error) {
	run, err := store.GetRun(ctx, s.pool, runPK)
	if errors.Is(err, store.ErrNotFound) {
		return run, river.JobCancel(err)
	}
	return run, err
}

// failedResult is the final result of a run costgate could not price:
// failed, or passed with a warning when its policy (or the configured
// default) fails open. A policy that cannot be read fails closed.
func (s *service) failedResult(ctx context.Context, log *slog.Logger, run store.Run, f *failure) (res runtask.Result, failOpen bool) {
	failOpen, err := s.decider.FailOpen(ctx, run)
	if err != nil {
		log.WarnContext(ctx, "reading the fail-open policy; failing closed", "error", err)
		failOpen = false
	}
	res = runtask.Result{URL: s.runURL(run)}
	res.Status, res.Message = failureResult(f, failOpen)
	return res, failOpen
}

// decide commits, in one transaction, the verdict, the estimate, the
// delivery record, the callback job and this job's completion.
func (s *service) decide(ctx context.Context, job *river.Job[EstimateArgs], run store.Run, res runtask.Result, rec *store.EstimateRecord, errKind *string) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := s.queueFinal(ctx, tx, run, res, rec, errKind); err != nil {
			return err
		}
		_, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
		return err
	})
}

// queueFinal records the verdict (unless the run was already decided), the
// estimate, the delivery record and the callback job, inside tx.
func (s *service) queueFinal(ctx context.Context, tx pgx.Tx, run store.Run, res runtask.Result, rec *store.EstimateRecord, errKind *string) error {
	result, err := json.Marshal(res)
	if err != nil {
		return fmt.Errorf("encoding result of run %d: %w", run.ID, err)
	}
	ok, err := store.SetDecided(ctx, tx, run.ID, res.Status, errKind)
	if err != nil || !ok {
		return err
	}
	if rec != nil {
		if err := store.SaveEstimate(ctx, tx, *rec); err != nil {
			return err
		}
	}
	if err := store.CreateDelivery(ctx, tx, run.ID, res.Status, result); err != nil {
		return err
	}
	meta, _ := json.Marshal(map[string]time.Time{"received_at": run.ReceivedAt})
	if _, err := s.client.InsertTx(ctx, tx, CallbackArgs{RunPK: run.ID}, &river.InsertOpts{Metadata: meta}); err != nil {
		return fmt.Errorf("queueing callback of run %d: %w", run.ID, err)
	}
	return nil
}

// runURL is the run's page in costgate, or "" without COSTGATE_PUBLIC_URL.
func (s *service) runURL(run store.Run) string {
	if s.publicURL == "" {
		return ""
	}
	return s.publicURL + "/runs/" + url.PathEscape(run.RunID)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
