package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/costgate/costgate/internal/dbtest"
	"github.com/costgate/costgate/store"
)

// The orphan sweep finds each undecided run's estimate job by the run id in
// its arguments: without migration 0040's index it read the whole river_job
// table once per undecided run (709 s for one sweep over a 91k-run backlog).
func TestOrphanedRunsUsesJobIndex(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	for i := range 50 {
		id, _, err := store.InsertRun(ctx, tx, sampleRun(fmt.Sprintf("tr-orphan-%d", i)))
		if err != nil {
			t.Fatal(err)
		}
		state, finalized := "'available'", "NULL"
		if i%2 == 0 {
			state, finalized = "'completed'", "now()"
		}
		if _, err := tx.Exec(ctx, `INSERT INTO river_job (kind, args, max_attempts, queue, state, finalized_at)
VALUES ('estimate', jsonb_build_object('run_pk', $1::bigint), 25, 'estimate', `+state+`, `+finalized+`)`, id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.Exec(ctx, `ANALYZE runs; ANALYZE river_job; SET LOCAL enable_seqscan = off`); err != nil {
		t.Fatal(err)
	}
	plan := func() string {
		rec := &recordingDB{db: tx}
		orphans, err := store.OrphanedRuns(ctx, rec, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(orphans) != 25 {
			t.Errorf("%d orphaned runs, want the 25 whose job completed without deciding them", len(orphans))
		}
		return explain(t, tx, rec.calls[0])
	}
	if p := plan(); !strings.Contains(p, "river_job_estimate_run_pk") || strings.Contains(p, "Seq Scan on river_job") {
		t.Errorf("the orphan sweep does not look jobs up by river_job_estimate_run_pk:\n%s", p)
	}

}
