package perf

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/faketfc"
	"github.com/costgate/costgate/internal/plangen"
	"github.com/costgate/costgate/runtask"
)

// BenchmarkIntake runs `costgate serve` (real listener, river workers, a
// Postgres database holding the embedded prices) with plans and callbacks
// answered by the fake TFC, then:
//   - prices one 10,000-resource plan on the idle service and reports the
//     time from the 200 ack to the final callback;
//   - has 200 clients post distinct signed run task requests for 30 s, each
//     as soon as its previous one is answered (closed loop: the most acks/s),
//     and reports acks/s, p50/p99/max ack latency and errors;
//   - then has the 200 clients post on a schedule of 1,000 requests/s
//     overall for 30 s (open loop, COSTGATE_BENCH_INTAKE_RATE) and reports
//     the latency from each request's scheduled time: the p99 at that rate.
//
// Every accepted run is then fetched, priced and called back by the
// workers, which compete with intake for the same cores.
//
// Targets: no errors, p99 ≤ 25 ms, ≥ 1,000 acks/s. COSTGATE_BENCH_INTAKE_SECONDS
// and COSTGATE_BENCH_INTAKE_CLIENTS change the load, COSTGATE_BENCH_DB_PARAMS
// adds parameters to the service's DATABASE_URL; -benchtime has no effect.
//
//	go test ./internal/perf -run '^$' -bench Intake -benchtime 1x
func BenchmarkIntake(b *testing.B) {
	seconds := envInt(b, "COSTGATE_BENCH_INTAKE_SECONDS", 30)
	clients := envInt(b, "COSTGATE_BENCH_INTAKE_CLIENTS", 200)
	rate := envInt(b, "COSTGATE_BENCH_INTAKE_RATE", 1000)
	tfc := faketfc.New(b, faketfc.Options{PlainHTTP: true})
	dbURL := CloneCatalogDB(b)
	if extra := os.Getenv("COSTGATE_BENCH_DB_PARAMS"); extra != "" {
		dbURL += "&" + extra // e.g. pool_max_conns=4, pgx's default before the service sized its pool
	}
	svc := StartService(b, Binary(b), dbURL)
	hc := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxIdleConns: clients}}

	// One large plan on the idle service: ack to final callback.
	large := Plan(b, 10_000)
	fx := tfc.AddRunWith(large, faketfc.RunOptions{})
	start := time.Now()
	body := requestBody(fx)
	if status, err := post(hc, svc.URL, body, runtask.Sign([]byte(BenchHMACKey), body)); err != nil || status != http.StatusOK {
		b.Fatalf("posting the 10k plan run: status %d, %v", status, err)
	}
	acked := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	final, err := tfc.WaitFinal(ctx, fx.TaskResultID)
	cancel()
	if err != nil {
		b.Fatal(err)
	}
	callbackSeconds := final.At.Sub(acked).Seconds()
	b.Logf("10k plan (%d bytes): ack %s, final callback %q after %.2f s", len(large), acked.Sub(start), final.Status, callbackSeconds)

	// Sustained intake. Requests are prepared (registered with the fake TFC,
	// encoded, signed) before the clock starts; a small real plan each.
	small, err := plangen.Generate(plangen.Options{Resources: 1, Seed: Seed})
	if err != nil {
		b.Fatal(err)
	}
	window := time.Duration(seconds) * time.Second
	prepare := func(n int, prefix string) *requests {
		rq := &requests{bodies: make([][]byte, n), sigs: make([]string, n)}
		for i := range rq.bodies {
			rq.bodies[i] = requestBody(tfc.AddRunWith(small, faketfc.RunOptions{ID: fmt.Sprintf("%s%07d", prefix, i)}))
			rq.sigs[i] = runtask.Sign([]byte(BenchHMACKey), rq.bodies[i])
		}
		return rq
	}
	// 1. Closed loop: every client posts again as soon as it is answered.
	closed := prepare(seconds*2000, "load")
	b.ResetTimer()
	res := closed.run(hc, svc.URL, clients, window, 0)
	b.StopTimer()
	finished := 0
	for _, c := range tfc.AllCallbacks() {
		if c.Final() && c.At.After(res.start) && c.At.Before(res.start.Add(res.elapsed)) {
			finished++
		}
	}
	res.report(b, "")
	b.ReportMetric(float64(finished)/res.elapsed.Seconds(), "finals/s")
	// 2. Open loop at the target rate: requests leave on schedule whatever the
	// answers; latency counts from the scheduled time, so a backlog shows.
	if rate > 0 {
		time.Sleep(5 * time.Second) // let the workers drain a little
		paced := prepare(seconds*rate, "paced")
		pres := paced.run(hc, svc.URL, clients, window, float64(rate))
		pres.report(b, "paced-")
		b.ReportMetric(float64(rate), "paced-target/s")
	}
	b.ReportMetric(float64(clients), "clients")
	b.ReportMetric(callbackSeconds, "10k-ack-to-callback-s")
}

// requests are prepared run task requests and their signatures.
type requests struct {
	bodies [][]byte
	sigs   []string
}

// loadResult is what one load phase measured.
type loadResult struct {
	lat      []time.Duration
	failures int64
	firstErr error
	start    time.Time
	elapsed  time.Duration
	sent     int
}

// run posts the requests from clients goroutines for the window, as fast as
// answered (rate 0) or on a schedule of rate requests per second overall.
func (rq *requests) run(hc *http.Client, base string, clients int, window time.Duration, rate float64) loadResult {
	var (
		next     atomic.Int64
		failures atomic.Int64
		mu       sync.Mutex
		res      = loadResult{lat: make([]time.Duration, 0, len(rq.bodies))}
		wg       sync.WaitGroup
	)
	res.start = time.Now()
	deadline := res.start.Add(window)
	interval := time.Duration(0)
	if rate > 0 {
		interval = time.Duration(float64(clients) / rate * float64(time.Second))
	}
	for c := range clients {
		wg.Go(func() {
			local := make([]time.Duration, 0, len(rq.bodies)/clients+1)
			due := res.start.Add(time.Duration(c) * interval / time.Duration(clients))
			for {
				if rate > 0 {
					time.Sleep(time.Until(due))
				}
				t0 := time.Now()
				if !t0.Before(deadline) {
					break
				}
				i := next.Add(1) - 1
				if i >= int64(len(rq.bodies)) {
					break
				}
				if rate > 0 {
					t0 = due
					due = due.Add(interval)
				}
				status, err := post(hc, base, rq.bodies[i], rq.sigs[i])
				d := time.Since(t0)
				if err == nil && status != http.StatusOK {
					err = fmt.Errorf("status %d", status)
				}
				if err != nil {
					failures.Add(1)
					mu.Lock()
					if res.firstErr == nil {
						res.firstErr = err
					}
					mu.Unlock()
					continue
				}
				local = append(local, d)
			}
			mu.Lock()
			res.lat = append(res.lat, local...)
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(res.start)
	res.failures = failures.Load()
	res.sent = int(min(next.Load(), int64(len(rq.bodies))))
	slices.Sort(res.lat)
	return res
}

// report adds a phase's metrics, their names prefixed.
func (r loadResult) report(b *testing.B, prefix string) {
	if len(r.lat) == 0 {
		b.Fatalf("no request succeeded: %v", r.firstErr)
	}
	if r.firstErr != nil {
		b.Logf("%s%d requests failed; first: %v", prefix, r.failures, r.firstErr)
	}
	pct := func(p float64) float64 {
		return float64(r.lat[min(len(r.lat)-1, int(float64(len(r.lat))*p))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(len(r.lat))/r.elapsed.Seconds(), prefix+"acks/s")
	b.ReportMetric(pct(0.50), prefix+"p50-ms")
	b.ReportMetric(pct(0.99), prefix+"p99-ms")
	b.ReportMetric(float64(r.lat[len(r.lat)-1].Microseconds())/1000, prefix+"max-ms")
	b.ReportMetric(float64(r.failures), prefix+"errors")
	b.ReportMetric(r.elapsed.Seconds(), prefix+"seconds")
}

// post sends one signed run task request and drains the answer.
func post(hc *http.Client, base string, body []byte, sig string) (int, error) {
	req, err := http.NewRequest(http.MethodPost, base+"/runtask", bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(runtask.SignatureHeader, sig)
	resp, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// requestBody is the run task request (runtask-protocol.md §8.1) for a run
// registered with the fake TFC.
func requestBody(fx faketfc.RunFixture) []byte {
	b, _ := json.Marshal(map[string]any{
		"payload_version": 1, "stage": "post_plan", "access_token": fx.Token,
		"capabilities": map[string]any{"outcomes": fx.Outcomes}, "is_speculative": false,
		"organization_name": fx.OrganizationName, "plan_json_api_url": fx.PlanURL,
		"project_id": "prj-gFVyPJ2q2Aurn5DV", "project_name": "Default Project",
		"run_app_url":    "https://app.terraform.io/app/acme/workspaces/web-prod/runs/" + fx.RunID,
		"run_created_at": "2026-09-02T14:47:13.036Z", "run_created_by": "jdoe", "run_id": fx.RunID,
		"run_message": "Triggered via UI", "task_result_callback_url": fx.CallbackURL,
		"task_result_enforcement_level": "mandatory", "task_result_id": fx.TaskResultID,
		"vcs_branch": "main", "vcs_commit_hash": "7d8fb2a2d601edebdb7a59ad2088a96673637d22",
		"vcs_repo_url":      "https://github.com/acme/infra",
		"workspace_app_url": "https://app.terraform.io/app/acme/workspaces/" + fx.WorkspaceName,
		"workspace_id":      fx.WorkspaceID, "workspace_name": fx.WorkspaceName,
	})
	return b
}

func envInt(tb testing.TB, name string, def int) int {
	tb.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		tb.Fatalf("%s: %q is not a positive number", name, v)
	}
	return n
}
