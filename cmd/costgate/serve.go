package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/costgate/costgate/api"
	"github.com/costgate/costgate/budget"
	"github.com/costgate/costgate/config"
	"github.com/costgate/costgate/internal/throwawaypg"
	"github.com/costgate/costgate/metrics"
	"github.com/costgate/costgate/migrations"
	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/runtask"
	"github.com/costgate/costgate/secretbox"
	"github.com/costgate/costgate/worker"
	"github.com/jackc/pgx/v5/pgxpool"
)

func serveCommand() command {
	return command{name: "serve", summary: "run the run task service", run: func(ctx context.Context, args []string, getenv func(string) string, s streams) int {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			serveUsage(s)
			return 0
		}
		cfg, err := config.Load(getenv, args)
		if err != nil {
			fmt.Fprintf(s.stderr, "costgate serve: %v\n", err)
			return 2
		}
		logger := newLogger(s.stderr, cfg.LogLevel)
		logger.Info("starting costgate", "version", version, slog.GroupAttrs("config", cfg.Redacted()...))
		if err := serve(ctx, cfg, logger); err != nil {
			logger.Error("costgate serve failed", "error", err)
			return 1
		}
		return 0
	}}
}

func serveUsage(s streams) {
	fmt.Fprintln(s.stdout, "Usage: costgate serve [--insecure-no-hmac] [--FLAG=VALUE ...]\n\nEvery variable can be overridden by the flag named after it (COSTGATE_LISTEN → --listen):")
	for _, v := range config.Vars() {
		fmt.Fprintf(s.stdout, "  %-32s --%-26s default %q\n      %s\n", v[0], config.FlagName(v[0]), v[1], v[2])
	}
}

func newLogger(w interface{ Write([]byte) (int, error) }, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level)) // validated by config
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}

// serve runs until ctx is cancelled (SIGINT/SIGTERM), then shuts down:
// intake stops, in-flight jobs get COSTGATE_SHUTDOWN_TIMEOUT to finish, and
// jobs still unfinished resume on the next start.
func serve(ctx context.Context, cfg *config.Config, logger *slog.Logger) error {
	dbURL := cfg.DatabaseURL
	if dbURL == "" {
		pg, err := throwawaypg.Start(ctx, logger)
		if err != nil {
			return fmt.Errorf("starting a throwaway Postgres: %w", err)
		}
		defer func() {
			if err := pg.Stop(context.Background()); err != nil {
				logger.Warn("stopping the throwaway Postgres", "error", err)
			}
		}()
		dbURL = pg.URL
	}
	pool, err := openPool(ctx, dbURL, servicePoolSize(cfg.EstimateWorkers, cfg.CallbackWorkers))
	if err != nil {
		return err
	}
	defer pool.Close()

	if cfg.AutoMigrate {
		if err := migrations.Up(ctx, pool, logger); err != nil {
			return fmt.Errorf("migrating the database: %w", err)
		}
	} else if err := migrations.Check(ctx, pool); err != nil {
		return fmt.Errorf("refusing to start (COSTGATE_AUTO_MIGRATE=false): %w", err)
	}
	if cfg.LoadPricesAtBoot {
		res, err := pricing.LoadEmbeddedIfEmpty(ctx, pool)
		if err != nil {
			return err
		}
		for _, r := range res {
			logger.Info("loaded embedded prices", "source", r.Source, "status", r.Status)
		}
	}
	warnStalePrices(ctx, pool, cfg.PriceMaxAge, logger)

	key := cfg.SecretKey
	if key == nil {
		key = secretbox.NewKey()
		logger.Warn("COSTGATE_SECRET_KEY is not set: using an ephemeral key for this process only. " +
			"Runs still in flight when costgate restarts cannot be reported to TFC (their tokens cannot be decrypted). " +
			"Set COSTGATE_SECRET_KEY (openssl rand -hex 32) in any real deployment.")
	}
	box, err := secretbox.New(key)
	if err != nil {
		return err
	}
	if n, err := worker.UnopenableTokens(ctx, pool, box); err != nil {
		logger.Warn("checking the sealed tokens of runs in flight", "error", err)
	} else if n > 0 {
		logger.Error("runs in flight were accepted under another COSTGATE_SECRET_KEY: their access tokens cannot be decrypted, "+
			"so costgate cannot report them to TFC; they end undeliverable (error kind \"token\") and TFC times them out. "+
			"Restart with the previous key to deliver them.", "runs", n)
	}
	if cfg.InsecureNoHMAC && len(cfg.HMACKeys) == 0 {
		logger.Warn("no HMAC key: accepting unsigned run task requests (--insecure-no-hmac); anyone who can reach /runtask can queue work")
	}

	var budgets budget.File
	if cfg.BudgetsFile != "" {
		if budgets, err = budget.LoadFile(cfg.BudgetsFile); err != nil {
			return err
		}
		logger.Info("loaded budgets file", "path", cfg.BudgetsFile, "policies", len(budgets.All()))
	}
	apiTokens := make([]api.APIToken, len(cfg.APITokens))
	for i, t := range cfg.APITokens {
		apiTokens[i] = api.APIToken{Token: t.Token, Scope: t.Scope}
	}

	hosts := cfg.HostPolicy()
	httpClient := runtask.NewHTTPClient(runtask.ClientOptions{Hosts: hosts})
	m := metrics.New()
	m.RegisterQueueDepth(worker.QueueDepth(pool), logger)
	jobs, err := worker.NewClient(worker.Config{
		EstimateWorkers: cfg.EstimateWorkers, CallbackWorkers: cfg.CallbackWorkers,
		JobTimeout: cfg.JobTimeout, RescueAfter: cfg.RescueAfter,
		HeartbeatInterval: cfg.HeartbeatInterval, GiveUpAfter: cfg.CallbackGiveUp,
		PublicURL: cfg.PublicURL, Retention: cfg.Retention,
	}, worker.Deps{
		Pool: pool, Box: box,
		Plans:     &runtask.PlanClient{HTTPClient: httpClient, Hosts: hosts, MaxBytes: cfg.PlanMaxBytes, Timeout: cfg.JobTimeout},
		Callbacks: &runtask.CallbackClient{HTTPClient: httpClient, Hosts: hosts, UserAgent: "costgate/" + version},
		Estimator: worker.PlanEstimator{Catalog: pricing.NewPostgresCatalog(pool)},
		Decider:   worker.BudgetDecider{DB: pool, File: budgets, FailOpenDefault: cfg.FailOpen},
		Metrics:   m, Logger: logger,
	})
	if err != nil {
		return err
	}
	server := api.New(api.Deps{
		DB: pool, Jobs: jobs, Verifier: runtask.NewVerifier(cfg.HMACKeyBytes()), Hosts: hosts, Box: box,
		Metrics: m, Logger: logger, Ready: readyChecks(pool), APITokens: apiTokens, BudgetFile: budgets,
		APIRateLimit: cfg.APIRateLimit, DashboardPublic: cfg.DashboardPublic,
	})

	// river stops when told to, not when ctx ends, so in-flight jobs can finish.
	if err := jobs.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("starting workers: %w", err)
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		_ = jobs.StopAndCancel(context.Background())
		return fmt.Errorf("listening on %s: %w", cfg.Listen, err)
	}
	httpServer := &http.Server{Handler: server.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- httpServer.Serve(ln) }()
	logger.Info("costgate is serving", "addr", ln.Addr().String())

	select {
	case <-ctx.Done():
		logger.Info("shutting down: intake stops, in-flight jobs get time to finish", "timeout", cfg.ShutdownTimeout.String())
	case err := <-serveErr:
		logger.Error("HTTP server stopped", "error", err)
	}
	server.Drain()
	httpCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := httpServer.Shutdown(httpCtx); err != nil {
		logger.Warn("closing HTTP connections", "error", err)
	}
	stopCtx, cancelStop := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancelStop()
	if err := jobs.Stop(stopCtx); err != nil {
		logger.Warn("jobs still running at the shutdown deadline are cancelled and resume on the next start", "error", err)
		hardCtx, cancelHard := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancelHard()
		_ = jobs.StopAndCancel(hardCtx)
	}
	logger.Info("costgate stopped")
	return nil
}

// openPool connects, waiting up to 30 s for a database that is starting.
// maxConns > 0 sizes the pool unless the URL sets pool_max_conns.
func openPool(ctx context.Context, url string, maxConns int32) (*pgxpool.Pool, error) {
	poolCfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	if maxConns > 0 && !strings.Contains(url, "pool_max_conns") {
		poolCfg.MaxConns = maxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, poolCfg)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		err = pool.Ping(ctx)
		if err == nil {
			return pool, nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			pool.Close()
			return nil, fmt.Errorf("connecting to the database: %w", err)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

func readyChecks(pool *pgxpool.Pool) []api.ReadyCheck {
	return []api.ReadyCheck{
		{Name: "database", Check: pool.Ping},
		{Name: "schema", Check: func(ctx context.Context) error { return migrations.Check(ctx, pool) }},
		{Name: "prices", Check: func(ctx context.Context) error {
			st, err := pricing.Status(ctx, pool, 0, time.Now())
			if err != nil {
				return err
			}
			if len(st) == 0 {
				return errors.New("no prices loaded (run `costgate pricing load`)")
			}
			return nil
		}},
	}
}

func warnStalePrices(ctx context.Context, pool *pgxpool.Pool, maxAge time.Duration, logger *slog.Logger) {
	if maxAge <= 0 {
		return
	}
	st, err := pricing.Status(ctx, pool, maxAge, time.Now())
	if err != nil {
		logger.Warn("reading price status", "error", err)
		return
	}
	for _, s := range st {
		if s.Stale {
			logger.Warn("prices older than COSTGATE_PRICE_MAX_AGE", "source", s.Source.Name, "price_date", s.Source.PriceDate.Format(time.DateOnly))
		}
	}
}
