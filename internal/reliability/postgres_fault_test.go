package reliability

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/faketfc"
	"github.com/costgate/costgate/internal/throwawaypg"
)

// TestPostgresRestartUnderLoad crashes the database (pg_ctl stop -m
// immediate on a throwaway server owned by the test) while runs arrive and
// are priced, keeps it down, and starts it again. While it is down intake
// answers 503 (TFC retries) and /readyz reports the database; costgate
// recovers without a restart, and every run that got a 200 gets exactly one
// final callback.
func TestPostgresRestartUnderLoad(t *testing.T) {
	t.Parallel()
	binary(t)
	if throwawaypg.BinDir() == "" {
		t.Fatal("no initdb/pg_ctl: install PostgreSQL; this test owns a throwaway server")
	}
	n := envInt("COSTGATE_RELIABILITY_PG_RUNS", 60)
	outage := envDuration("COSTGATE_RELIABILITY_PG_OUTAGE", 4*time.Second)
	ctx := context.Background()
	pg, err := throwawaypg.Start(ctx, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pg.Stop(context.Background()) })
	r := newRig(t, rigOptions{dbURL: pg.URL, env: []string{"COSTGATE_HEARTBEAT_INTERVAL=1s"}})
	p := r.start("serve")
	plan := corpusPlan(t)

	var mu sync.Mutex
	statuses := map[int]int{}
	var wg sync.WaitGroup
	crashed := make(chan struct{})
	for i := range n {
		if i == n/4 {
			if err := pg.Crash(ctx); err != nil {
				t.Fatal(err)
			}
			close(crashed)
			time.AfterFunc(outage, func() {
				if err := pg.Restart(context.Background()); err != nil {
					t.Errorf("restarting Postgres: %v", err)
				}
			})
		}
		f, body := r.newRun(plan, faketfc.RunOptions{PlanTrickle: 5 * time.Millisecond})
		wg.Go(func() {
			dctx, cancel := context.WithTimeout(ctx, outage+time.Minute)
			defer cancel()
			seen := r.deliver(dctx, p.url, f, body)
			mu.Lock()
			defer mu.Unlock()
			for _, s := range seen {
				statuses[s]++
			}
		})
		time.Sleep(outage / time.Duration(n/2)) // the load spans about twice the outage
		if i == n/4+2 {
			if db := readyDatabase(t, p.url); db == "ok" {
				t.Errorf("/readyz reports the database ok while it is down")
			}
		}
	}
	wg.Wait()
	<-crashed
	if got := len(r.acceptedRuns()); got != n {
		t.Errorf("%d of %d runs acknowledged (TFC retries until 200)", got, n)
	}
	for s, k := range statuses {
		if s != 200 && s != 503 {
			t.Errorf("intake answered %d %d times; want only 200, or 503 while the database is down", s, k)
		}
	}
	if statuses[503] == 0 {
		t.Errorf("no 503 during the outage: the test proves nothing")
	}
	r.waitAllFinal(3 * time.Minute)
	pool := r.pool()
	waitUntil(t, time.Minute, "every run recorded as delivered", func() bool {
		return count(t, pool, `SELECT count(*) FROM runs WHERE state <> 'delivered'`) == 0
	})
	time.Sleep(time.Second) // room for a duplicate
	c := r.exactlyOnce("passed", "Monthly cost")
	if db := readyDatabase(t, p.url); db != "ok" {
		t.Errorf("/readyz database check after recovery: %q", db)
	}
	retried := count(t, pool, `SELECT count(*) FROM river_job WHERE kind IN ('estimate', 'callback') AND attempt > 1`)
	t.Logf("runs %d over a %s outage: intake answers %v; jobs retried after a database error %d; accepted finals %d, 409 replays %d, lost %d, duplicated %d",
		c.runs, outage, statuses, retried, c.accepted, c.replays, c.lost, c.duplicated)
}

// readyDatabase returns /readyz's database check ("ok" or the error).
func readyDatabase(t *testing.T, base string) string {
	t.Helper()
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var rep struct {
		Checks map[string]string `json:"checks"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&rep); err != nil {
		t.Fatal(err)
	}
	return rep.Checks["database"]
}
