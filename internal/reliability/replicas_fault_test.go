package reliability

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/faketfc"
	"github.com/costgate/costgate/runtask"
)

// TestTwoReplicas runs two costgate processes on one database. Runs arrive
// at either (some at both at once, as TFC retries might): each run is
// stored once, its plan fetched once, and its final callback sent once —
// no 409 replays — while both replicas do work.
func TestTwoReplicas(t *testing.T) {
	t.Parallel()
	n := envInt("COSTGATE_RELIABILITY_RUNS", 100)
	r := newRig(t, rigOptions{})
	a, b := r.start("replica-a"), r.start("replica-b")
	plan := corpusPlan(t)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i := range n {
		f, body := r.newRun(plan, faketfc.RunOptions{PlanTrickle: 10 * time.Millisecond})
		targets := []*proc{a, b}[i%2 : i%2+1]
		if i%10 == 0 {
			targets = []*proc{a, b} // the same request at both replicas at once
		}
		for _, p := range targets {
			sem <- struct{}{}
			wg.Go(func() {
				defer func() { <-sem }()
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				r.deliver(ctx, p.url, f, body)
			})
		}
	}
	wg.Wait()
	r.waitAllFinal(3 * time.Minute)
	pool := r.pool()
	waitUntil(t, time.Minute, "every run recorded as delivered", func() bool {
		return count(t, pool, `SELECT count(*) FROM runs WHERE state <> 'delivered'`) == 0
	})
	time.Sleep(time.Second) // room for a duplicate
	c := r.exactlyOnce(runtask.StatusPassed, "Monthly cost")
	if c.replays != 0 {
		t.Errorf("%d final callbacks sent twice (answered 409)", c.replays)
	}
	if got := count(t, pool, `SELECT count(*) FROM runs`); got != n {
		t.Errorf("%d runs stored, want %d", got, n)
	}
	if got := count(t, pool, `SELECT count(*) FROM river_job WHERE kind = 'estimate'`); got != n {
		t.Errorf("%d estimate jobs, want %d", got, n)
	}
	for _, f := range r.acceptedRuns() {
		if gets := r.tfc.PlanRequests(f.TaskResultID); gets != 1 {
			t.Errorf("%s: plan fetched %d times", f.TaskResultID, gets)
		}
	}
	decidedA, decidedB := countLines(a.log, `"msg":"run decided"`), countLines(b.log, `"msg":"run decided"`)
	if decidedA == 0 || decidedB == 0 || decidedA+decidedB != n {
		t.Errorf("runs decided: %d by replica a, %d by replica b; want both working and %d in all", decidedA, decidedB, n)
	}
	t.Logf("runs %d (every tenth sent to both replicas): decided %d by a, %d by b; accepted finals %d, 409 replays %d, lost %d, duplicated %d",
		c.runs, decidedA, decidedB, c.accepted, c.replays, c.lost, c.duplicated)
}
