package reliability

import (
	"context"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/faketfc"
)

// TestSIGKILLUnderLoad puts 100 runs in flight and SIGKILLs the real binary
// twice: first while plans are being fetched and priced, then while final
// callbacks are in flight (TFC has accepted some, costgate never heard back).
// After each restart every run still gets exactly one accepted final
// callback; replays of finals TFC already took are answered 409 and counted
// apart. The last process then stops cleanly on SIGTERM.
func TestSIGKILLUnderLoad(t *testing.T) {
	t.Parallel()
	n := envInt("COSTGATE_RELIABILITY_RUNS", 100)
	r := newRig(t, rigOptions{})
	pool := r.pool()
	plan := corpusPlan(t)
	begun := time.Now()

	first := r.start("first")
	r.tfc.SetCallbackDelay(300 * time.Millisecond)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for range n {
		// Each plan download takes ~0.25 s, so pricing 100 runs on 4 workers takes several seconds.
		f, body := r.newRun(plan, faketfc.RunOptions{PlanTrickle: 15 * time.Millisecond})
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			r.deliver(ctx, first.url, f, body)
		})
	}
	wg.Wait()
	if got := len(r.acceptedRuns()); got != n {
		t.Fatalf("%d of %d runs acknowledged", got, n)
	}

	// Kill 1: while estimates are running.
	waitUntil(t, 30*time.Second, "an estimate in progress", func() bool {
		return count(t, pool, `SELECT count(*) FROM runs WHERE state = 'estimating'`) > 0
	})
	first.kill()
	estimating := count(t, pool, `SELECT count(*) FROM runs WHERE state = 'estimating'`)
	open1 := count(t, pool, `SELECT count(*) FROM runs WHERE state NOT IN ('delivered', 'undeliverable')`)
	if estimating == 0 || open1 == 0 {
		t.Fatalf("at the first kill: %d estimating, %d open runs; the kill proves nothing", estimating, open1)
	}

	// Kill 2: TFC accepts final callbacks but answers only after 10 s.
	r.tfc.SetCallbackDelay(10 * time.Second)
	before := r.acceptedFinals()
	second := r.start("second")
	waitUntil(t, 90*time.Second, "final callbacks accepted but not yet answered", func() bool {
		return r.acceptedFinals() >= before+3
	})
	second.kill()
	open2 := count(t, pool, `SELECT count(*) FROM runs WHERE state NOT IN ('delivered', 'undeliverable')`)
	unanswered := r.acceptedFinals() - before
	r.tfc.SetCallbackDelay(0)

	third := r.start("third")
	r.waitAllFinal(3 * time.Minute)
	// The callbacks cut off by kill 2 are rescued and replayed (TFC answers 409).
	waitUntil(t, 2*time.Minute, "every run recorded as delivered", func() bool {
		return count(t, pool, `SELECT count(*) FROM runs WHERE state <> 'delivered'`) == 0
	})
	time.Sleep(time.Second) // room for a duplicate
	c := r.exactlyOnce("passed", "Monthly cost")
	if c.replays == 0 {
		t.Errorf("no final callback was replayed after the second kill, though %d were accepted unanswered", unanswered)
	}
	if n := count(t, pool, `SELECT count(*) FROM runs WHERE state <> 'delivered' OR access_token_sealed IS NOT NULL`); n != 0 {
		t.Errorf("%d runs not delivered or still holding a token", n)
	}
	if n := count(t, pool, `SELECT count(*) FROM river_job WHERE kind IN ('estimate', 'callback') AND state IN ('discarded', 'cancelled')`); n != 0 {
		t.Errorf("%d estimate/callback jobs discarded or cancelled", n)
	}
	t.Logf("runs %d; open at kill 1: %d (%d estimating); open at kill 2: %d (%d finals accepted unanswered); accepted finals %d, 409 replays %d, lost %d, duplicated %d; %s",
		c.runs, open1, estimating, open2, unanswered, c.accepted, c.replays, c.lost, c.duplicated, time.Since(begun).Round(time.Second))

	if err := third.terminate(30 * time.Second); err != nil {
		t.Fatalf("costgate serve exited with %v after SIGTERM", err)
	}
}

// acceptedFinals counts accepted final callbacks over all runs.
func (r *rig) acceptedFinals() int {
	n := 0
	for _, c := range r.tfc.AllCallbacks() {
		if c.Final() {
			n++
		}
	}
	return n
}

// envInt reads a positive integer knob of the long runs, or def.
func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// envDuration reads a duration knob of the long runs, or def.
func envDuration(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil && d > 0 {
		return d
	}
	return def
}
