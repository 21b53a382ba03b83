package worker

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/dbtest"
	"github.com/costgate/costgate/store"
	"github.com/riverqueue/river"
	"github.com/shopspring/decimal"
)

func TestRetentionSweep(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.NewPool(t)
	now := time.Now()
	// Amounts: real estimate totals (terracost aws eks-plan.json, asg-plan.json; api/testdata/estimates).
	eks, asg := decimal.RequireFromString("163.78"), decimal.RequireFromString("515.66")
	seed := func(id string, age time.Duration, priced, finished bool, proposed decimal.Decimal) {
		t.Helper()
		pk, _, err := store.InsertRun(ctx, pool, store.NewRun{TaskResultID: id, RunID: "run-" + id, Stage: "post_plan",
			Organization: "acme", WorkspaceID: "ws-a", WorkspaceName: "a", CallbackURL: "https://app.terraform.io/cb"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, `UPDATE runs SET received_at = $2 WHERE id = $1`, pk, now.Add(-age)); err != nil {
			t.Fatal(err)
		}
		if !finished {
			return
		}
		if _, err := store.SetDecided(ctx, pool, pk, "passed", nil); err != nil {
			t.Fatal(err)
		}
		if priced {
			if err := store.SaveEstimate(ctx, pool, store.EstimateRecord{RunPK: pk, ProposedMonthlyCost: proposed, DeltaMonthlyCost: proposed,
				Estimate: []byte(`{}`), Decision: "passed"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := store.FinishRun(ctx, pool, pk, store.StateDelivered); err != nil {
			t.Fatal(err)
		}
	}
	day := 24 * time.Hour
	seed("old-1", 400*day, true, true, eks)
	seed("old-2", 380*day, false, true, decimal.Zero)
	seed("old-latest-priced", 370*day, true, true, asg)
	seed("old-unfinished", 390*day, false, false, decimal.Zero)
	seed("recent", 10*day, false, true, decimal.Zero)
	if err := store.CreateDashboardSession(ctx, pool, []byte("expired"), store.DashboardSession{TokenFingerprint: "token:x", Scope: "read", ExpiresAt: now.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}

	w := &RetentionWorker{pool: pool, retention: 365 * day, logger: slog.New(slog.DiscardHandler)}
	if err := w.Work(ctx, &river.Job[RetentionArgs]{}); err != nil {
		t.Fatal(err)
	}
	runs, _, err := store.ListRuns(ctx, pool, store.RunFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, r := range runs {
		left = append(left, r.TaskResultID)
	}
	want := []string{"recent", "old-latest-priced", "old-unfinished"}
	if len(left) != len(want) || left[0] != want[0] || left[1] != want[1] || left[2] != want[2] {
		t.Errorf("left %v, want %v", left, want)
	}
	if _, err := store.GetDashboardSession(ctx, pool, []byte("expired"), time.Time{}); err == nil {
		t.Error("the expired session is still stored")
	}

	// Zero retention keeps every run.
	keep := &RetentionWorker{pool: pool, retention: 0, logger: slog.New(slog.DiscardHandler)}
	if err := keep.Work(ctx, &river.Job[RetentionArgs]{}); err != nil {
		t.Fatal(err)
	}
	if after, _, _ := store.ListRuns(ctx, pool, store.RunFilter{Limit: 10}); len(after) != 3 {
		t.Errorf("retention 0 deleted runs: %d left", len(after))
	}
}
