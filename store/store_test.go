package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/dbtest"
	"github.com/costgate/costgate/store"
	"github.com/shopspring/decimal"
)

func sampleRun(taskResultID string) store.NewRun {
	branch := "main"
	return store.NewRun{
		TaskResultID: taskResultID, RunID: "run-i3Df5to9ELvibKpQ", Stage: "post_plan",
		Organization: "acme", WorkspaceID: "ws-ck4G5bb1Yei5szRh", WorkspaceName: "web-prod",
		VCSBranch: &branch, CallbackURL: "https://app.terraform.io/api/v2/task-results/x/callback",
		OutcomesCapable: true, AccessTokenSealed: []byte{1, 2, 3},
	}
}

func TestInsertRunIsIdempotent(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	id, inserted, err := store.InsertRun(ctx, tx, sampleRun("taskrs-a"))
	if err != nil || !inserted {
		t.Fatalf("first insert: id %d inserted %v err %v", id, inserted, err)
	}
	id2, inserted2, err := store.InsertRun(ctx, tx, sampleRun("taskrs-a"))
	if err != nil || inserted2 || id2 != id {
		t.Fatalf("second insert: id %d (want %d) inserted %v err %v", id2, id, inserted2, err)
	}
	r, err := store.GetRun(ctx, tx, id)
	if err != nil {
		t.Fatal(err)
	}
	if r.State != store.StateReceived || *r.VCSBranch != "main" || !r.OutcomesCapable || r.ReceivedAt.IsZero() {
		t.Fatalf("stored run = %+v", r)
	}
	if _, err := store.GetRun(ctx, tx, id+1000); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing run: %v", err)
	}
}

func TestConcurrentDuplicateInsertsOneRow(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.NewPool(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	insertedCount := 0
	for range 8 {
		wg.Go(func() {
			tx, err := pool.Begin(ctx)
			if err != nil {
				t.Error(err)
				return
			}
			defer tx.Rollback(ctx)
			_, inserted, err := store.InsertRun(ctx, tx, sampleRun("taskrs-dup"))
			if err != nil {
				t.Error(err)
				return
			}
			if err := tx.Commit(ctx); err != nil {
				t.Error(err)
				return
			}
			if inserted {
				mu.Lock()
				insertedCount++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if insertedCount != 1 {
		t.Fatalf("%d inserts reported new, want 1", insertedCount)
	}
}

func TestRunLifecycle(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	id, _, err := store.InsertRun(ctx, tx, sampleRun("taskrs-life"))
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		do   func() (bool, error)
		want bool
	}{
		{"start", func() (bool, error) { return store.StartEstimating(ctx, tx, id) }, true},
		{"restart after crash", func() (bool, error) { return store.StartEstimating(ctx, tx, id) }, true},
		{"decide", func() (bool, error) { return store.SetDecided(ctx, tx, id, "failed", ptr("plan_not_found")) }, true},
		{"decide twice", func() (bool, error) { return store.SetDecided(ctx, tx, id, "passed", nil) }, false},
		{"start after decided", func() (bool, error) { return store.StartEstimating(ctx, tx, id) }, false},
	}
	for _, s := range steps {
		got, err := s.do()
		if err != nil || got != s.want {
			t.Fatalf("%s: %v, %v; want %v", s.name, got, err, s.want)
		}
	}
	r, _ := store.GetRun(ctx, tx, id)
	if r.State != store.StateReporting || *r.Status != "failed" || *r.ErrorKind != "plan_not_found" {
		t.Fatalf("after decide: %+v", r)
	}
	if err := store.FinishRun(ctx, tx, id, store.StateDelivered); err != nil {
		t.Fatal(err)
	}
	r, _ = store.GetRun(ctx, tx, id)
	if !r.Final() || r.AccessTokenSealed != nil || r.FinishedAt == nil {
		t.Fatalf("finished run keeps token or state: %+v", r)
	}
	if err := store.FinishRun(ctx, tx, id, store.StateReporting); err == nil {
		t.Fatal("FinishRun accepted a non-final state")
	}
}

func TestDeliveryAttempts(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	id, _, _ := store.InsertRun(ctx, tx, sampleRun("taskrs-deliv"))
	res := json.RawMessage(`{"Status":"passed","Message":"ok"}`)
	if err := store.CreateDelivery(ctx, tx, id, "passed", res); err != nil {
		t.Fatal(err)
	}
	if err := store.CreateDelivery(ctx, tx, id, "failed", json.RawMessage(`{}`)); err != nil {
		t.Fatal(err)
	}
	attempts := []store.Attempt{
		{Outcome: store.OutcomeRetryable, HTTPStatus: 503, Error: "callback answered HTTP 503"},
		{Outcome: store.OutcomeRetryable, Error: "connection refused"},
		{Outcome: store.OutcomeAccepted, HTTPStatus: 200},
	}
	for i, a := range attempts {
		if err := store.RecordAttempt(ctx, tx, id, a); err != nil {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	d, err := store.GetDelivery(ctx, tx, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != "passed" || d.Attempts != 3 || *d.LastOutcome != store.OutcomeAccepted || *d.LastHTTPStatus != 200 || d.DeliveredAt == nil || d.GivenUpAt != nil || !d.Settled() {
		t.Fatalf("delivery = %+v", d)
	}
	var got map[string]string
	_ = json.Unmarshal(d.Result, &got)
	if got["Message"] != "ok" {
		t.Fatalf("result overwritten by the second CreateDelivery: %s", d.Result)
	}
}

func TestGiveUpDoesNotCountAsAttempt(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	id, _, _ := store.InsertRun(ctx, tx, sampleRun("taskrs-giveup"))
	_ = store.CreateDelivery(ctx, tx, id, "failed", json.RawMessage(`{}`))
	_ = store.RecordAttempt(ctx, tx, id, store.Attempt{Outcome: store.OutcomeRetryable, HTTPStatus: 503})
	_ = store.RecordAttempt(ctx, tx, id, store.Attempt{Outcome: store.OutcomeGaveUp, Error: "deadline"})
	d, _ := store.GetDelivery(ctx, tx, id)
	if d.Attempts != 1 || d.GivenUpAt == nil || d.DeliveredAt != nil || *d.LastHTTPStatus != 503 {
		t.Fatalf("delivery = %+v", d)
	}
}

func TestSaveEstimate(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	id, _, _ := store.InsertRun(ctx, tx, sampleRun("taskrs-est"))
	rec := store.EstimateRecord{
		RunPK: id, PriorMonthlyCost: decimal.RequireFromString("100"), ProposedMonthlyCost: decimal.RequireFromString("112.4"),
		DeltaMonthlyCost: decimal.RequireFromString("12.4"), Resources: 3, Estimated: 2, UnpricedComponents: 1,
		Estimate: json.RawMessage(`{"currency":"USD"}`), Decision: "passed", Message: "fine", Duration: 1500 * time.Millisecond,
	}
	if err := store.SaveEstimate(ctx, tx, rec); err != nil {
		t.Fatal(err)
	}
	rec.Decision = "failed"
	if err := store.SaveEstimate(ctx, tx, rec); err != nil {
		t.Fatal(err)
	}
	got, err := store.GetEstimate(ctx, tx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Decision != "passed" || !got.DeltaMonthlyCost.Equal(decimal.RequireFromString("12.4")) || got.Currency != "USD" ||
		got.Duration != 1500*time.Millisecond || string(got.Reasons) != "[]" || got.UnpricedComponents != 1 {
		t.Fatalf("estimate = %+v", got)
	}
}

func TestRunsNeedingProgress(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	ids := map[string]int64{}
	for _, name := range []string{"old", "fresh", "final", "erased"} {
		id, _, _ := store.InsertRun(ctx, tx, sampleRun("taskrs-hb-"+name))
		ids[name] = id
	}
	_ = store.MarkProgress(ctx, tx, ids["old"], time.Now().Add(-time.Hour))
	_ = store.MarkProgress(ctx, tx, ids["fresh"], time.Now().Add(time.Hour))
	_ = store.FinishRun(ctx, tx, ids["final"], store.StateDelivered)
	if _, err := tx.Exec(ctx, "UPDATE runs SET access_token_sealed = NULL WHERE id = $1", ids["erased"]); err != nil {
		t.Fatal(err)
	}
	open, err := store.RunsNeedingProgress(ctx, tx, time.Now().Add(time.Minute), 10)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(len(open))
	if len(open) != 1 || open[0].ID != ids["old"] {
		t.Fatalf("runs needing progress = %s %+v, want only the old one", got, open)
	}
}

func ptr(s string) *string { return &s }
