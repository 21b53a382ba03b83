package perf

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
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
//   - for each rate of COSTGATE_BENCH_INTAKE_RATES (requests/s overall,
//     default 1000; e.g. 250,500,750,1000,1250 for the curve), has the 200 clients post for 30 s on
//     a schedule with random, exponentially distributed gaps (open loop: a
//     Poisson stream at that rate) and reports the latency from each
//     request's scheduled time, so that a backlog shows.
//
// After each phase every accepted run is fetched, priced and called back by
// the workers, which compete with intake for the same cores; the next phase
// starts once they are done or COSTGATE_BENCH_INTAKE_DRAIN_LIMIT_S (120)
// has passed: intake outpaces the workers many times over, so a closed-loop
// backlog takes far longer than that and is reported as unfinished.
// Reported per phase: the time from the end of the phase to the last final
// callback and each run's ack → final callback
// (TFC waits 10 minutes), and the CPU time the service, Postgres and this
// process (load generator and fake TFC) used per ack.
//
// Targets: no errors, p99 ≤ 25 ms, ≥ 1,000 acks/s. COSTGATE_BENCH_INTAKE_SECONDS
// and COSTGATE_BENCH_INTAKE_CLIENTS change the load, COSTGATE_BENCH_DB_PARAMS
// adds parameters to the service's DATABASE_URL, COSTGATE_BENCH_SERVICE_ENV
// (comma-separated NAME=VALUE) sets service variables; -benchtime has no effect.
//
//	go test ./internal/perf -run '^$' -bench Intake -benchtime 1x
func BenchmarkIntake(b *testing.B) {
	seconds := envInt(b, "COSTGATE_BENCH_INTAKE_SECONDS", 30)
	clients := envInt(b, "COSTGATE_BENCH_INTAKE_CLIENTS", 200)
	rates := envInts(b, "COSTGATE_BENCH_INTAKE_RATES", []int{1000})
	drainLimit := time.Duration(envInt(b, "COSTGATE_BENCH_INTAKE_DRAIN_LIMIT_S", 120)) * time.Second
	tfc := faketfc.New(b, faketfc.Options{PlainHTTP: true})
	dbURL := CloneCatalogDB(b)
	if extra := os.Getenv("COSTGATE_BENCH_DB_PARAMS"); extra != "" {
		dbURL += "&" + extra // e.g. pool_max_conns=4, pgx's default before the service sized its pool
	}
	var serviceEnv []string
	if e := os.Getenv("COSTGATE_BENCH_SERVICE_ENV"); e != "" {
		serviceEnv = strings.Split(e, ",")
	}
	svc := StartService(b, Binary(b), dbURL, serviceEnv...)
	meter := NewCPUMeter(svc.PID(), dbURL)
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

	// Requests are prepared (registered with the fake TFC, encoded, signed)
	// before the clock starts; a small real plan each.
	small, err := plangen.Generate(plangen.Options{Resources: 1, Seed: Seed})
	if err != nil {
		b.Fatal(err)
	}
	window := time.Duration(seconds) * time.Second
	prepare := func(n int, prefix string) *requests {
		rq := &requests{bodies: make([][]byte, n), sigs: make([]string, n), ids: make([]string, n)}
		for i := range rq.bodies {
			fx := tfc.AddRunWith(small, faketfc.RunOptions{ID: fmt.Sprintf("%s%07d", prefix, i)})
			rq.bodies[i], rq.ids[i] = requestBody(fx), fx.TaskResultID
			rq.sigs[i] = runtask.Sign([]byte(BenchHMACKey), rq.bodies[i])
		}
		return rq
	}
	phase := func(prefix string, rq *requests, rate float64) {
		stop, err := meter.Start(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		res := rq.run(hc, svc.URL, clients, window, rate)
		cpu, err := stop()
		if err != nil {
			b.Fatal(err)
		}
		res.report(b, prefix, cpu)
		res.drain(b, prefix, tfc, rq, drainLimit)
	}

	// 1. Closed loop: every client posts again as soon as it is answered.
	closed := prepare(seconds*5000, "load")
	b.ResetTimer()
	phase("", closed, 0)
	b.StopTimer()
	// 2. Open loop at each rate: requests leave on schedule whatever the
	// answers; latency counts from the scheduled time.
	for _, rate := range rates {
		phase(fmt.Sprintf("open%d-", rate), prepare(seconds*rate*6/5+clients, fmt.Sprintf("open%d-", rate)), float64(rate))
	}
	b.ReportMetric(float64(clients), "clients")
	b.ReportMetric(callbackSeconds, "10k-ack-to-callback-s")
}

// requests are prepared run task requests, their signatures and task result ids.
type requests struct {
	bodies [][]byte
	sigs   []string
	ids    []string
	acked  []time.Time // zero when not answered 200
}

// loadResult is what one load phase measured.
type loadResult struct {
	lat      []time.Duration
	failures int64
	firstErr error
	start    time.Time
	elapsed  time.Duration
	sent     int
	rate     float64
}

// run posts the requests from clients goroutines for the window, as fast as
// answered (rate 0) or on a Poisson schedule of rate requests per second
// overall (each client's gaps exponentially distributed, mean clients/rate).
func (rq *requests) run(hc *http.Client, base string, clients int, window time.Duration, rate float64) loadResult {
	var (
		next     atomic.Int64
		failures atomic.Int64
		mu       sync.Mutex
		res      = loadResult{lat: make([]time.Duration, 0, len(rq.bodies)), rate: rate}
		wg       sync.WaitGroup
	)
	rq.acked = make([]time.Time, len(rq.bodies))
	res.start = time.Now()
	deadline := res.start.Add(window)
	meanGap := 0.0
	if rate > 0 {
		meanGap = float64(clients) / rate * float64(time.Second)
	}
	for c := range clients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(Seed, uint64(c)))
			gap := func() time.Duration { return time.Duration(rng.ExpFloat64() * meanGap) }
			local := make([]time.Duration, 0, len(rq.bodies)/clients+1)
			due := res.start.Add(gap())
			for {
				if rate > 0 {
					if !due.Before(deadline) {
						break
					}
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
					due = due.Add(gap())
				}
				status, err := post(hc, base, rq.bodies[i], rq.sigs[i])
				now := time.Now()
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
				rq.acked[i] = now
				local = append(local, now.Sub(t0))
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
func (r loadResult) report(b *testing.B, prefix string, cpu CPUSplit) {
	if len(r.lat) == 0 {
		b.Fatalf("no request succeeded: %v", r.firstErr)
	}
	if r.firstErr != nil {
		b.Logf("%s%d requests failed; first: %v", prefix, r.failures, r.firstErr)
	}
	pct := func(p float64) float64 {
		return float64(r.lat[min(len(r.lat)-1, int(float64(len(r.lat))*p))].Microseconds()) / 1000
	}
	acks := float64(len(r.lat))
	b.ReportMetric(acks/r.elapsed.Seconds(), prefix+"acks/s")
	if r.rate > 0 {
		b.ReportMetric(float64(r.sent)/r.elapsed.Seconds(), prefix+"offered/s")
	}
	b.ReportMetric(pct(0.50), prefix+"p50-ms")
	b.ReportMetric(pct(0.99), prefix+"p99-ms")
	b.ReportMetric(float64(r.lat[len(r.lat)-1].Microseconds())/1000, prefix+"max-ms")
	b.ReportMetric(float64(r.failures), prefix+"errors")
	b.ReportMetric(r.elapsed.Seconds(), prefix+"seconds")
	perAck := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / acks }
	b.ReportMetric(perAck(cpu.Service), prefix+"service-cpu-ms/ack")
	b.ReportMetric(perAck(cpu.Postgres), prefix+"postgres-cpu-ms/ack")
	b.ReportMetric(perAck(cpu.Bench), prefix+"bench-cpu-ms/ack")
	b.ReportMetric(cpu.Other().Seconds()/r.elapsed.Seconds(), prefix+"other-cores")
	b.ReportMetric(loadAverage(), prefix+"load1")
}

// drain waits until every run acknowledged in the phase has its final
// callback (or limit passes) and reports how long that took after the
// phase and each run's ack → final callback.
func (r loadResult) drain(b *testing.B, prefix string, tfc *faketfc.Server, rq *requests, limit time.Duration) {
	end := r.start.Add(r.elapsed)
	ackOf := make(map[string]time.Time, len(r.lat))
	for i, at := range rq.acked {
		if !at.IsZero() {
			ackOf[rq.ids[i]] = at
		}
	}
	var (
		toFinal   []time.Duration
		last      time.Time
		inWindow  int
		giveUp    = time.Now().Add(limit)
		finalised = map[string]bool{}
	)
	for {
		for _, c := range tfc.AllCallbacks() {
			at, ok := ackOf[c.TaskResultID]
			if !ok || !c.Final() || finalised[c.TaskResultID] {
				continue
			}
			finalised[c.TaskResultID] = true
			toFinal = append(toFinal, c.At.Sub(at))
			if c.At.After(last) {
				last = c.At
			}
			if c.At.Before(end) {
				inWindow++
			}
		}
		if len(finalised) == len(ackOf) || time.Now().After(giveUp) {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	slices.Sort(toFinal)
	b.ReportMetric(float64(inWindow)/r.elapsed.Seconds(), prefix+"finals/s")
	b.ReportMetric(float64(len(ackOf)-len(finalised)), prefix+"unfinished")
	if len(toFinal) == 0 {
		return
	}
	b.ReportMetric(max(last.Sub(end), 0).Seconds(), prefix+"drain-s")
	b.ReportMetric(toFinal[len(toFinal)/2].Seconds(), prefix+"ack-to-final-p50-s")
	b.ReportMetric(toFinal[len(toFinal)-1].Seconds(), prefix+"ack-to-final-max-s")
}

// loadAverage is the 1-minute load average (0 when unknown).
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(f[0], 64)
	return v
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

// envInts reads a comma-separated list of positive numbers; "none" is an empty list.
func envInts(tb testing.TB, name string, def []int) []int {
	tb.Helper()
	v := os.Getenv(name)
	switch v {
	case "":
		return def
	case "none":
		return nil
	}
	var out []int
	for _, s := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			tb.Fatalf("%s: %q is not a list of positive numbers", name, v)
		}
		out = append(out, n)
	}
	return out
}
