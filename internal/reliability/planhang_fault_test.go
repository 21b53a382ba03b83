package reliability

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/faketfc"
	"github.com/costgate/costgate/runtask"
	"github.com/costgate/costgate/store"
)

// TestPlanHostSlowOrHanging: a plan download that never answers, and one
// whose body trickles in slower than COSTGATE_JOB_TIMEOUT allows, end at the
// timeout in a failed callback saying so; a slow download that fits in the
// timeout is priced. Nothing waits past the timeout.
func TestPlanHostSlowOrHanging(t *testing.T) {
	t.Parallel()
	const jobTimeout = 3 * time.Second
	r := newRig(t, rigOptions{env: []string{"COSTGATE_JOB_TIMEOUT=" + jobTimeout.String(), "COSTGATE_RESCUE_AFTER=4s"}})
	p := r.start("serve")
	plan := corpusPlan(t)
	never := make(chan struct{}) // released at cleanup by the fake
	tests := []struct {
		name       string
		opts       faketfc.RunOptions
		wantStatus string
		wantText   string
	}{
		{"hanging before the headers", faketfc.RunOptions{PlanHold: never}, runtask.StatusFailed, "timed out"},
		{"body slower than the timeout", faketfc.RunOptions{PlanTrickle: 400 * time.Millisecond}, runtask.StatusFailed, "timed out"},
		{"slow body within the timeout", faketfc.RunOptions{PlanTrickle: 50 * time.Millisecond}, runtask.StatusPassed, "Monthly cost"},
	}
	pool := r.pool()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, body := r.newRun(plan, tt.opts)
			sent := time.Now()
			r.deliver(context.Background(), p.url, f, body)
			ctx, cancel := context.WithTimeout(context.Background(), jobTimeout+20*time.Second)
			defer cancel()
			final, err := r.tfc.WaitFinal(ctx, f.TaskResultID)
			if err != nil {
				t.Fatal(err)
			}
			took := final.At.Sub(sent)
			if final.Status != tt.wantStatus || !strings.Contains(final.Message, tt.wantText) {
				t.Fatalf("final %s %q, want %s with %q", final.Status, final.Message, tt.wantStatus, tt.wantText)
			}
			if took > jobTimeout+5*time.Second {
				t.Errorf("final came %s after the request; job timeout %s", took.Round(time.Millisecond), jobTimeout)
			}
			if tt.wantStatus == runtask.StatusFailed {
				run, err := store.GetRunByTaskResult(context.Background(), pool, f.TaskResultID)
				if err != nil {
					t.Fatal(err)
				}
				if run.ErrorKind == nil || *run.ErrorKind != "timeout" {
					t.Errorf("error kind %v, want timeout", run.ErrorKind)
				}
			}
			t.Logf("final %s after %s", final.Status, took.Round(time.Millisecond))
		})
	}
}
