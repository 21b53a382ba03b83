package reliability

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/faketfc"
	"github.com/costgate/costgate/runtask"
)

// TestCallbackEndpointDown takes TFC's API host down (connections refused)
// just before a batch of runs is priced, for 8 s by default
// (COSTGATE_RELIABILITY_CALLBACK_OUTAGE=5m for minutes), then brings it
// back. Every run gets exactly one accepted final callback; after the
// outage, runs whose final is still waiting for its next retry get
// `running` updates every heartbeat interval, so TFC's 10-minute progress
// timer never runs out.
func TestCallbackEndpointDown(t *testing.T) {
	t.Parallel()
	outage := envDuration("COSTGATE_RELIABILITY_CALLBACK_OUTAGE", 8*time.Second)
	const n, heartbeat = 12, time.Second
	r := newRig(t, rigOptions{env: []string{
		"COSTGATE_HEARTBEAT_INTERVAL=" + heartbeat.String(),
		fmt.Sprintf("COSTGATE_ESTIMATE_WORKERS=%d", n),
	}})
	p := r.start("serve")
	plan := corpusPlan(t)
	hold := make(chan struct{})
	for range n {
		f, body := r.newRun(plan, faketfc.RunOptions{PlanHold: hold})
		r.deliver(context.Background(), p.url, f, body)
	}
	waitUntil(t, 30*time.Second, "every plan download under way", func() bool { return r.tfc.ArchivistRequests() >= n })
	r.tfc.Down()
	close(hold) // the plans arrive (the archivist is another host); the finals meet a closed port
	time.Sleep(outage)
	if err := r.tfc.Up(); err != nil {
		t.Fatal(err)
	}
	upAt := time.Now()
	r.waitAllFinal(outage + 3*time.Minute)
	c := r.exactlyOnce(runtask.StatusPassed, "Monthly cost")

	pool := r.pool()
	if retried := count(t, pool, `SELECT count(*) FROM deliveries WHERE attempts >= 2`); retried != n {
		t.Errorf("%d of %d finals were retried: the outage did not stop them all", retried, n)
	}
	kept, worstGap := 0, time.Duration(0)
	for _, f := range r.acceptedRuns() {
		last := upAt
		var final time.Time
		heartbeats := 0
		for _, cb := range r.tfc.Callbacks(f.TaskResultID) {
			if cb.At.Before(upAt) || !cb.Accepted() {
				continue
			}
			worstGap = max(worstGap, cb.At.Sub(last))
			last = cb.At
			if cb.Final() {
				final = cb.At
				break
			}
			heartbeats++
		}
		if final.IsZero() {
			t.Errorf("%s: no final after the outage", f.TaskResultID)
		}
		if heartbeats > 0 {
			kept++
		}
	}
	// TFC's 10-minute timer against the 2-minute heartbeat, scaled: no
	// silence after the outage of five heartbeat intervals.
	if limit := 5 * heartbeat; worstGap > limit {
		t.Errorf("a run went %s without an accepted update after the outage (heartbeat %s)", worstGap.Round(time.Millisecond), heartbeat)
	}
	if kept == 0 {
		t.Errorf("no run needed a heartbeat after the outage: the test proves nothing")
	}
	t.Logf("runs %d, outage %s: accepted finals %d, lost %d, duplicated %d; %d runs kept alive by `running` after the outage, longest silence %s",
		c.runs, outage, c.accepted, c.lost, c.duplicated, kept, worstGap.Round(time.Millisecond))
}
