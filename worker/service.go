package worker

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/costgate/costgate/metrics"
	"github.com/costgate/costgate/runtask"
	"github.com/costgate/costgate/secretbox"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// Config is what the workers need from the service configuration.
type Config struct {
	EstimateWorkers int
	CallbackWorkers int
	// JobTimeout bounds an estimate job; RescueAfter (> JobTimeout) is when
	// a job whose process died is run again.
	JobTimeout  time.Duration
	RescueAfter time.Duration
	// HeartbeatInterval is the most time allowed between `running` updates.
	HeartbeatInterval time.Duration
	// GiveUpAfter is how long after receipt a final callback is retried.
	GiveUpAfter time.Duration
	// PublicURL is costgate's base URL for the link in callbacks ("" for none).
	PublicURL string
	// Backoff is the delay before callback retry attempt n (1-based); nil
	// uses runtask.Backoff.
	Backoff func(attempt int) time.Duration
	// PollInterval is how often river looks for jobs besides notifications;
	// zero keeps river's default (1 s).
	PollInterval time.Duration
	// Retention deletes runs received longer ago (COSTGATE_RETENTION); zero keeps them.
	Retention time.Duration
}

// Deps are the collaborators of the jobs.
type Deps struct {
	Pool      *pgxpool.Pool
	Box       *secretbox.Box
	Plans     PlanFetcher
	Callbacks CallbackSender
	Estimator Estimator
	Decider   Decider
	Metrics   *metrics.Metrics
	Logger    *slog.Logger
}

// service is shared by the workers of one client.
type service struct {
	pool              *pgxpool.Pool
	box               *secretbox.Box
	plans             PlanFetcher
	callbacks         CallbackSender
	estimator         Estimator
	decider           Decider
	metrics           *metrics.Metrics
	logger            *slog.Logger
	client            *river.Client[pgx.Tx]
	jobTimeout        time.Duration
	heartbeatInterval time.Duration
	giveUpAfter       time.Duration
	publicURL         string
	backoff           func(int) time.Duration
}

// NewClient builds the river client with the estimate, callback and
// heartbeat workers. Start it to work jobs; an unstarted client only inserts.
func NewClient(cfg Config, deps Deps) (*river.Client[pgx.Tx], error) {
	if deps.Pool == nil || deps.Box == nil || deps.Plans == nil || deps.Callbacks == nil || deps.Estimator == nil {
		return nil, fmt.Errorf("worker: pool, secret box, plan fetcher, callback sender and estimator are required")
	}
	if cfg.JobTimeout <= 0 || cfg.RescueAfter <= cfg.JobTimeout || cfg.HeartbeatInterval <= 0 || cfg.GiveUpAfter <= 0 {
		return nil, fmt.Errorf("worker: need JobTimeout > 0, RescueAfter > JobTimeout, HeartbeatInterval > 0 and GiveUpAfter > 0")
	}
	logger := deps.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &service{
		pool: deps.Pool, box: deps.Box, plans: deps.Plans, callbacks: deps.Callbacks,
		estimator: deps.Estimator, decider: deps.Decider, metrics: deps.Metrics, logger: logger,
		jobTimeout: cfg.JobTimeout, heartbeatInterval: cfg.HeartbeatInterval,
		giveUpAfter: cfg.GiveUpAfter, publicURL: cfg.PublicURL, backoff: cfg.Backoff,
	}
	if s.decider == nil {
		s.decider = DefaultDecider{}
	}
	if s.backoff == nil {
		s.backoff = runtask.Backoff
	}
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, &EstimateWorker{s: s}); err != nil {
		return nil, fmt.Errorf("registering estimate worker: %w", err)
	}
	if err := river.AddWorkerSafely(workers, &CallbackWorker{s: s}); err != nil {
		return nil, fmt.Errorf("registering callback worker: %w", err)
	}
	if err := river.AddWorkerSafely(workers, &HeartbeatWorker{s: s}); err != nil {
		return nil, fmt.Errorf("registering heartbeat worker: %w", err)
	}
	retention, err := addRetention(workers, deps.Pool, cfg.Retention, logger)
	if err != nil {
		return nil, err
	}
	client, err := river.NewClient(riverpgxv5.New(deps.Pool), &river.Config{
		Logger: logger,
		Queues: map[string]river.QueueConfig{
			QueueEstimate:      {MaxWorkers: max(cfg.EstimateWorkers, 1), FetchCooldown: jobFetchCooldown(cfg.PollInterval)},
			QueueCallback:      {MaxWorkers: max(cfg.CallbackWorkers, 1), FetchCooldown: jobFetchCooldown(cfg.PollInterval)},
			river.QueueDefault: {MaxWorkers: 1},
		},
		Workers:              workers,
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueAfter,
		FetchPollInterval:    cfg.PollInterval,
		FetchCooldown:        min(cfg.PollInterval, river.FetchCooldownDefault),
		PeriodicJobs: []*river.PeriodicJob{river.NewPeriodicJob(
			river.PeriodicInterval(heartbeatSweepEvery(cfg.HeartbeatInterval)),
			func() (river.JobArgs, *river.InsertOpts) { return HeartbeatArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: "heartbeat"},
		), retention},
	})
	if err != nil {
		return nil, fmt.Errorf("creating river client: %w", err)
	}
	s.client = client
	return client, nil
}

// jobFetchCooldown is the least time between two fetches of the estimate or
// callback queue. River's default, 100 ms, caps a queue at its worker count
// per 100 ms (40 runs a second with 4 workers) however short the jobs: a
// burst of runs would wait far longer than TFC's 10 minutes.
func jobFetchCooldown(pollInterval time.Duration) time.Duration {
	const cooldown = 5 * time.Millisecond
	if pollInterval > 0 {
		return min(pollInterval, cooldown)
	}
	return cooldown
}

// heartbeatSweepEvery runs the sweep often enough that no run waits much
// longer than the interval for its update.
func heartbeatSweepEvery(interval time.Duration) time.Duration {
	return max(min(interval/4, time.Minute), 200*time.Millisecond)
}

// openToken unseals a run's access token.
func (s *service) openToken(taskResultID string, sealed []byte) (string, error) {
	if len(sealed) == 0 {
		return "", fmt.Errorf("the run's access token was already erased")
	}
	b, err := s.box.Open(sealed, taskResultID)
	if err != nil {
		return "", fmt.Errorf("the run's stored access token cannot be decrypted (was COSTGATE_SECRET_KEY changed?)")
	}
	return string(b), nil
}
