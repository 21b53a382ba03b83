package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/costgate/costgate/api"
	"github.com/costgate/costgate/budget"
	"github.com/costgate/costgate/internal/dbtest"
	"github.com/costgate/costgate/internal/faketfc"
	"github.com/costgate/costgate/metrics"
	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/runtask"
	"github.com/costgate/costgate/secretbox"
	"github.com/costgate/costgate/store"
	"github.com/costgate/costgate/worker"
	"github.com/jackc/pgx/v5/pgxpool"
)

const (
	hmacKey   = "test-hmac-key-4f1c"
	publicURL = "https://costgate.example.com"
)

// options vary the service under test.
type options struct {
	noHMAC     bool
	failOpen   bool
	heartbeat  time.Duration
	jobTimeout time.Duration
	giveUp     time.Duration
	budgets    budget.File // the budgets file's policies
}

// harness is the whole service in-process: the real HTTP handler, river
// workers and a fresh Postgres database, wired to a fake TFC.
type harness struct {
	t       testing.TB
	pool    *pgxpool.Pool
	tfc     *tfc
	srv     *httptest.Server
	logs    *syncBuffer
	metrics *metrics.Metrics
}

func newHarness(t testing.TB, o options) *harness {
	t.Helper()
	ctx := context.Background()
	h := &harness{t: t, pool: dbtest.NewPool(t), tfc: newTFC(t), logs: &syncBuffer{}, metrics: metrics.New()}
	logger := slog.New(slog.NewJSONHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("service log:\n%s", h.logs.String())
		}
	})
	box, err := secretbox.New(secretbox.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	hosts := h.tfc.Hosts()
	httpClient := runtask.NewHTTPClient(runtask.ClientOptions{Hosts: hosts})
	jobTimeout := or(o.jobTimeout, 20*time.Second)
	jobs, err := worker.NewClient(worker.Config{
		EstimateWorkers: 4, CallbackWorkers: 4,
		JobTimeout: jobTimeout, RescueAfter: jobTimeout + time.Minute,
		HeartbeatInterval: or(o.heartbeat, 5*time.Minute), GiveUpAfter: or(o.giveUp, 55*time.Minute),
		PublicURL: publicURL, PollInterval: 50 * time.Millisecond,
		Backoff: func(int) time.Duration { return 100 * time.Millisecond },
	}, worker.Deps{
		Pool: h.pool, Box: box,
		Plans: &runtask.PlanClient{HTTPClient: httpClient, Hosts: hosts,
			NotReady:     runtask.RetryPolicy{Attempts: 3, Initial: 50 * time.Millisecond, Max: 100 * time.Millisecond},
			ServerErrors: runtask.RetryPolicy{Attempts: 2, Initial: 50 * time.Millisecond, Max: 50 * time.Millisecond}},
		Callbacks: &runtask.CallbackClient{HTTPClient: httpClient, Hosts: hosts},
		Estimator: worker.PlanEstimator{Catalog: pricing.NewPostgresCatalog(h.pool)},
		Decider:   worker.BudgetDecider{DB: h.pool, File: o.budgets, FailOpenDefault: o.failOpen},
		Metrics:   h.metrics, Logger: logger,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := jobs.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = jobs.StopAndCancel(stopCtx)
	})
	var keys [][]byte
	if !o.noHMAC {
		keys = [][]byte{[]byte("retired-key"), []byte(hmacKey)}
	}
	h.metrics.RegisterQueueDepth(worker.QueueDepth(h.pool), logger)
	server := api.New(api.Deps{
		DB: h.pool, Jobs: jobs, Verifier: runtask.NewVerifier(keys), Hosts: hosts, Box: box,
		Metrics: h.metrics, Logger: logger,
		Ready: []api.ReadyCheck{{Name: "database", Check: h.pool.Ping}},
	})
	h.srv = httptest.NewServer(server.Handler())
	t.Cleanup(h.srv.Close)
	return h
}

func or(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// payload is the §8.1 post_plan request with this run's URLs and token.
type payload map[string]any

func (h *harness) payload(id, token string) payload {
	var p payload
	if err := json.Unmarshal(samplePayload, &p); err != nil {
		h.t.Fatal(err)
	}
	fx := h.tfc.fixture(id, token)
	p["task_result_id"] = fx.TaskResultID
	p["access_token"] = token
	p["plan_json_api_url"] = fx.PlanURL
	p["task_result_callback_url"] = fx.CallbackURL
	p["run_id"] = fx.RunID
	return p
}

func (p payload) bytes(t testing.TB) []byte {
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// post sends a body signed with sig (computed with hmacKey when sig is "sign").
func (h *harness) post(body []byte, sig string) (*http.Response, []byte) {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/runtask", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "TFC/1.0 (+https://app.terraform.io; TFC)")
	if sig == "sign" {
		sig = runtask.Sign([]byte(hmacKey), body)
	}
	if sig != "" {
		req.Header.Set("X-TFC-Task-Signature", sig)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatalf("POST /runtask: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// tokenOf is the access token of the tests' run id.
func tokenOf(id string) string { return "atlasv1-" + id + "-Xy12AbCdEfGhIjklmnopqrstuvwx" }

// startRun registers a run with the fake TFC and POSTs it, expecting 200;
// it returns the run's token.
func (h *harness) startRun(id string, plan []byte, mutate func(p payload)) string {
	h.t.Helper()
	return h.startRunWith(id, plan, faketfc.RunOptions{}, mutate)
}

// startRunWith is startRun with the fake's options for the run (faults,
// scripted callback answers).
func (h *harness) startRunWith(id string, plan []byte, o faketfc.RunOptions, mutate func(p payload)) string {
	h.t.Helper()
	token := tokenOf(id)
	h.tfc.addRun(id, token, plan, o)
	p := h.payload(id, token)
	if mutate != nil {
		mutate(p)
	}
	resp, body := h.post(p.bytes(h.t), "sign")
	if resp.StatusCode != http.StatusOK {
		h.t.Fatalf("POST /runtask = %d %s, want 200", resp.StatusCode, body)
	}
	return token
}

func (h *harness) run(id string) store.Run {
	h.t.Helper()
	r, err := store.GetRunByTaskResult(context.Background(), h.pool, "taskrs-"+id)
	if err != nil {
		h.t.Fatal(err)
	}
	return r
}

func (h *harness) delivery(id string) store.Delivery {
	h.t.Helper()
	d, err := store.GetDelivery(context.Background(), h.pool, h.run(id).ID)
	if err != nil {
		h.t.Fatal(err)
	}
	return d
}

// waitState waits for the run to reach a state.
func (h *harness) waitState(id, state string, timeout time.Duration) store.Run {
	h.t.Helper()
	var r store.Run
	h.tfc.waitFor(timeout, "run "+id+" to be "+state, func() bool {
		got, err := store.GetRunByTaskResult(context.Background(), h.pool, "taskrs-"+id)
		r = got
		return err == nil && got.State == state
	})
	return r
}

func (h *harness) count(sql string, args ...any) int {
	h.t.Helper()
	var n int
	if err := h.pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		h.t.Fatal(err)
	}
	return n
}

// syncBuffer is a log sink safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// samplePayload is runtask-protocol.md §8.1.
var samplePayload = []byte(`{
  "payload_version": 1,
  "stage": "post_plan",
  "access_token": "Xy12AbCdEfGhIj.atlasv1.0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX",
  "capabilities": { "outcomes": true },
  "configuration_version_download_url": "https://app.terraform.io/api/v2/configuration-versions/cv-ntv3HbhJqvFzamy7/download",
  "configuration_version_id": "cv-ntv3HbhJqvFzamy7",
  "is_speculative": false,
  "organization_name": "acme",
  "plan_json_api_url": "https://app.terraform.io/api/v2/plans/plan-6AFmRJW1PFJ7qbAh/json-output",
  "project_id": "prj-gFVyPJ2q2Aurn5DV",
  "project_name": "Default Project",
  "project_app_url": "https://app.terraform.io/app/acme/projects/prj-gFVyPJ2q2Aurn5DV",
  "run_app_url": "https://app.terraform.io/app/acme/workspaces/web-prod/runs/run-i3Df5to9ELvibKpQ",
  "run_created_at": "2026-09-02T14:47:13.036Z",
  "run_created_by": "jdoe",
  "run_id": "run-i3Df5to9ELvibKpQ",
  "run_message": "Triggered via UI",
  "task_result_callback_url": "https://app.terraform.io/api/v2/task-results/5ea8d46c-2ceb-42cd-83f2-82e54697bddd/callback",
  "task_result_enforcement_level": "mandatory",
  "task_result_id": "taskrs-2nH5dncYoXaMVQmJ",
  "vcs_branch": "main",
  "vcs_commit_url": "https://github.com/acme/infra/commit/7d8fb2a2d601edebdb7a59ad2088a96673637d22",
  "vcs_commit_hash": "7d8fb2a2d601edebdb7a59ad2088a96673637d22",
  "vcs_pull_request_url": null,
  "vcs_repo_url": "https://github.com/acme/infra",
  "workspace_app_url": "https://app.terraform.io/app/acme/workspaces/web-prod",
  "workspace_id": "ws-ck4G5bb1Yei5szRh",
  "workspace_name": "web-prod",
  "workspace_working_directory": "/terraform"
}`)

// corpusPlan is a real third-party plan (cycloidio/terracost, MIT; see
// estimator/testdata/corpus/README.md).
func corpusPlan(t testing.TB) []byte {
	b, err := os.ReadFile("../../estimator/testdata/corpus/terracost/testdata/aws/terraform-plan.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func contains(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
