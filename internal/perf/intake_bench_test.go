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
//   - has 200 clients post distinct signed run task requests for 30 s and
//     reports acks/s, p50/p99/max ack latency and errors. Every accepted run
//     is then fetched, priced and called back by the workers, which compete
//     for the same cores.
//
// Targets: no errors, p99 ≤ 25 ms, ≥ 1,000 acks/s. COSTGATE_BENCH_INTAKE_SECONDS
// and COSTGATE_BENCH_INTAKE_CLIENTS change the load, COSTGATE_BENCH_DB_PARAMS
// adds parameters to the service's DATABASE_URL; -benchtime has no effect.
//
//	go test ./internal/perf -run '^$' -bench Intake -benchtime 1x
func BenchmarkIntake(b *testing.B) {
	seconds := envInt(b, "COSTGATE_BENCH_INTAKE_SECONDS", 30)
	clients := envInt(b, "COSTGATE_BENCH_INTAKE_CLIENTS", 200)
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
	small, err := plangen.Generate(plangen.Options{Resources: 3, Seed: Seed})
	if err != nil {
		b.Fatal(err)
	}
	capacity := max(seconds*2500, 1000)
	bodies, sigs := make([][]byte, capacity), make([]string, capacity)
	for i := range bodies {
		bodies[i] = requestBody(tfc.AddRunWith(small, faketfc.RunOptions{ID: fmt.Sprintf("load%07d", i)}))
		sigs[i] = runtask.Sign([]byte(BenchHMACKey), bodies[i])
	}
	var (
		next     atomic.Int64
		failures atomic.Int64
		mu       sync.Mutex
		lat      = make([]time.Duration, 0, capacity)
		firstErr error
	)
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	b.ResetTimer()
	loadStart := time.Now()
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			local := make([]time.Duration, 0, capacity/clients+1)
			for time.Now().Before(deadline) {
				i := next.Add(1) - 1
				if i >= int64(len(bodies)) {
					break
				}
				t0 := time.Now()
				status, err := post(hc, svc.URL, bodies[i], sigs[i])
				d := time.Since(t0)
				if err == nil && status != http.StatusOK {
					err = fmt.Errorf("status %d", status)
				}
				if err != nil {
					failures.Add(1)
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					continue
				}
				local = append(local, d)
			}
			mu.Lock()
			lat = append(lat, local...)
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(loadStart)
	b.StopTimer()
	if len(lat) == 0 {
		b.Fatalf("no request succeeded: %v", firstErr)
	}
	if firstErr != nil {
		b.Logf("%d requests failed; first: %v", failures.Load(), firstErr)
	}
	if int(next.Load()) >= len(bodies) {
		b.Logf("all %d prepared requests were sent before %d s: raise the capacity", len(bodies), seconds)
	}
	finished := 0
	for _, c := range tfc.AllCallbacks() {
		if c.Final() && c.At.Before(loadStart.Add(elapsed)) && c.At.After(loadStart) {
			finished++
		}
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(float64(len(lat))*p))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "acks/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
	b.ReportMetric(float64(failures.Load()), "errors")
	b.ReportMetric(float64(clients), "clients")
	b.ReportMetric(elapsed.Seconds(), "seconds")
	b.ReportMetric(float64(finished)/elapsed.Seconds(), "finals/s")
	b.ReportMetric(callbackSeconds, "10k-ack-to-callback-s")
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
