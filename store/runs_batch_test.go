package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/dbtest"
	"github.com/costgate/costgate/store"
)

func TestInsertRuns(t *testing.T) {
	ctx := context.Background()
	created := time.Date(2026, 9, 2, 14, 47, 13, 36_000_000, time.UTC)
	full := sampleRun("taskrs-full")
	project, plan := "Default Project", "https://app.terraform.io/api/v2/plans/plan-1/json-output"
	full.ProjectName, full.PlanJSONAPIURL, full.RunCreatedAt, full.RunMessage = &project, &plan, &created, "déploiement ☃"
	tests := []struct {
		name     string
		stored   []string // task_result_ids stored before
		batch    []store.NewRun
		inserted []bool
	}{
		{"empty batch", nil, nil, []bool{}},
		{"all new", nil, []store.NewRun{sampleRun("taskrs-b"), full, sampleRun("taskrs-a")}, []bool{true, true, true}},
		{"already stored", []string{"taskrs-a"}, []store.NewRun{sampleRun("taskrs-a"), sampleRun("taskrs-c")}, []bool{false, true}},
		{"repeated in the batch: the first is stored", nil,
			[]store.NewRun{sampleRun("taskrs-x"), sampleRun("taskrs-y"), sampleRun("taskrs-x")}, []bool{true, true, false}},
		{"only duplicates", []string{"taskrs-a"}, []store.NewRun{sampleRun("taskrs-a"), sampleRun("taskrs-a")}, []bool{false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tx := dbtest.Tx(t)
			for _, id := range tt.stored {
				if _, _, err := store.InsertRun(ctx, tx, sampleRun(id)); err != nil {
					t.Fatal(err)
				}
			}
			ids, err := store.InsertRuns(ctx, tx, tt.batch)
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) != len(tt.batch) {
				t.Fatalf("%d ids for %d runs", len(ids), len(tt.batch))
			}
			for i, id := range ids {
				if (id != 0) != tt.inserted[i] {
					t.Fatalf("ids = %v, want inserted %v", ids, tt.inserted)
				}
				if id == 0 {
					continue
				}
				// Each id is the row of its own request, with every column stored.
				got, err := store.GetRun(ctx, tx, id)
				if err != nil {
					t.Fatal(err)
				}
				want := tt.batch[i]
				if got.TaskResultID != want.TaskResultID || got.RunMessage != want.RunMessage || got.State != store.StateReceived ||
					string(got.AccessTokenSealed) != string(want.AccessTokenSealed) || *got.VCSBranch != *want.VCSBranch ||
					(want.ProjectName == nil) != (got.ProjectName == nil) || (want.RunCreatedAt == nil) != (got.RunCreatedAt == nil) {
					t.Fatalf("run %d = %+v, want %+v", id, got, want)
				}
				if want.RunCreatedAt != nil && (!got.RunCreatedAt.Equal(*want.RunCreatedAt) || *got.ProjectName != project || *got.PlanJSONAPIURL != plan) {
					t.Fatalf("run %d = %+v, want %+v", id, got, want)
				}
			}
			var n int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM runs`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			distinct := map[string]bool{}
			for _, id := range tt.stored {
				distinct[id] = true
			}
			for _, r := range tt.batch {
				distinct[r.TaskResultID] = true
			}
			if n != len(distinct) {
				t.Fatalf("%d runs stored, want %d", n, len(distinct))
			}
		})
	}
}

// TestInsertRunsOverlappingBatches: concurrent transactions holding the same
// task results in opposite orders neither deadlock nor store a run twice.
func TestInsertRunsOverlappingBatches(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.NewPool(t)
	for round := range 20 {
		keys := make([]string, 40)
		for i := range keys {
			keys[i] = fmt.Sprintf("taskrs-%d-%02d", round, i)
		}
		var (
			mu       sync.Mutex
			inserted = map[string]int{}
			ready    sync.WaitGroup
			start    = make(chan struct{})
			wg       sync.WaitGroup
		)
		for w := range 4 {
			ready.Add(1)
			wg.Go(func() {
				batch := make([]store.NewRun, len(keys))
				for i := range keys {
					if w%2 == 0 {
						batch[i] = sampleRun(keys[i])
					} else {
						batch[i] = sampleRun(keys[len(keys)-1-i])
					}
				}
				tx, err := pool.Begin(ctx)
				ready.Done()
				if err != nil {
					t.Error(err)
					return
				}
				defer tx.Rollback(ctx)
				<-start // all four insert at once
				ids, err := store.InsertRuns(ctx, tx, batch)
				if err != nil {
					t.Error(err)
					return
				}
				if err := tx.Commit(ctx); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				defer mu.Unlock()
				for i, id := range ids {
					if id != 0 {
						inserted[batch[i].TaskResultID]++
					}
				}
			})
		}
		ready.Wait()
		close(start)
		wg.Wait()
		for _, k := range keys {
			if inserted[k] != 1 {
				t.Fatalf("%s inserted %d times, want once", k, inserted[k])
			}
		}
	}
}
