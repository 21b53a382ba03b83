package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/dbtest"
	"github.com/costgate/costgate/runtask"
	"github.com/costgate/costgate/secretbox"
	"github.com/costgate/costgate/store"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// gatedDB counts transactions and holds the first `held` of them at Begin
// until release is closed, so that requests queue behind them.
type gatedDB struct {
	pool    *pgxpool.Pool
	held    int32
	release chan struct{}
	begins  atomic.Int32
}

func (g *gatedDB) Begin(ctx context.Context) (pgx.Tx, error) {
	if g.begins.Add(1) <= g.held {
		<-g.release
	}
	return g.pool.Begin(ctx)
}

func insertOnlyJobs(t *testing.T, pool *pgxpool.Pool) *river.Client[pgx.Tx] {
	t.Helper()
	c, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func intakeRun(id string) store.NewRun {
	return store.NewRun{TaskResultID: id, RunID: "run-" + id, Stage: "post_plan", Organization: "acme",
		WorkspaceID: "ws-1", WorkspaceName: "web", CallbackURL: "https://app.terraform.io/cb", AccessTokenSealed: []byte{1}}
}

// submitAll submits the first gate.held runs one at a time, each taking a
// transaction slot and stopping at the gate, then the others at once; when
// all of those are queued it opens the gate and collects every answer.
func submitAll(t *testing.T, b *intakeBatcher, gate *gatedDB, runs []store.NewRun) []intakeResult {
	t.Helper()
	results := make([]intakeResult, len(runs))
	var wg sync.WaitGroup
	submit := func(i int) {
		wg.Go(func() { results[i].inserted, results[i].err = b.store(context.Background(), runs[i]) })
	}
	waitFor := func(what string, cond func() bool) {
		deadline := time.Now().Add(10 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
			time.Sleep(time.Millisecond)
		}
	}
	held := min(int(gate.held), len(runs))
	for i := range held {
		submit(i)
		waitFor("a transaction at the gate", func() bool { return gate.begins.Load() == int32(i+1) })
	}
	for i := held; i < len(runs); i++ {
		submit(i)
	}
	waitFor("the requests to queue", func() bool {
		b.mu.Lock()
		defer b.mu.Unlock()
		return len(b.pending) == len(runs)-held
	})
	close(gate.release)
	wg.Wait()
	return results
}

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestIntakeBatchesWaitingRequests: requests that arrive while every
// transaction slot is busy are stored together, each with its own job, and
// each answered only once its run and job are committed.
func TestIntakeBatchesWaitingRequests(t *testing.T) {
	pool := dbtest.NewPool(t)
	gate := &gatedDB{pool: pool, held: intakeTransactions, release: make(chan struct{})}
	b := newIntakeBatcher(gate, insertOnlyJobs(t, pool))
	runs := make([]store.NewRun, 150)
	for i := range runs {
		runs[i] = intakeRun(fmt.Sprintf("taskrs-%03d", i))
	}
	results := submitAll(t, b, gate, runs)
	for i, r := range results {
		if r.err != nil || !r.inserted {
			t.Fatalf("request %d: inserted %v, err %v", i, r.inserted, r.err)
		}
		// Answered means committed: another connection sees the run and its job.
		if n := count(t, pool, `SELECT count(*) FROM runs r JOIN river_job j ON j.kind = 'estimate' AND j.queue = 'estimate'
			AND (j.args->>'run_pk')::bigint = r.id WHERE r.task_result_id = $1`, runs[i].TaskResultID); n != 1 {
			t.Fatalf("request %d: %d committed run+job pairs, want 1", i, n)
		}
	}
	// The transactions held at the gate have one run each; the others wait and go in full batches.
	waiting := len(runs) - intakeTransactions
	if got, want := gate.begins.Load(), int32(intakeTransactions+(waiting+intakeMaxBatch-1)/intakeMaxBatch); got != want {
		t.Errorf("%d transactions for %d requests, want %d", got, len(runs), want)
	}
	if n := count(t, pool, `SELECT count(*) FROM river_job WHERE kind = 'estimate'`); n != len(runs) {
		t.Errorf("%d estimate jobs, want %d", n, len(runs))
	}
}

// TestIntakeDuplicatesInOneBatch: the same task result posted many times at
// once is stored once, with one job; every request is answered.
func TestIntakeDuplicatesInOneBatch(t *testing.T) {
	pool := dbtest.NewPool(t)
	gate := &gatedDB{pool: pool, held: intakeTransactions, release: make(chan struct{})}
	b := newIntakeBatcher(gate, insertOnlyJobs(t, pool))
	runs := make([]store.NewRun, 20)
	for i := range runs {
		runs[i] = intakeRun("taskrs-dup")
	}
	inserted := 0
	for i, r := range submitAll(t, b, gate, runs) {
		if r.err != nil {
			t.Fatalf("request %d: %v", i, r.err)
		}
		if r.inserted {
			inserted++
		}
	}
	if inserted != 1 {
		t.Errorf("%d requests inserted the run, want 1", inserted)
	}
	if n := count(t, pool, `SELECT count(*) FROM river_job WHERE kind = 'estimate'`); n != 1 {
		t.Errorf("%d estimate jobs, want 1", n)
	}
}

// TestIntakeIsolatesARefusedRun: a run Postgres refuses fails alone; the
// others of its batch are stored.
func TestIntakeIsolatesARefusedRun(t *testing.T) {
	pool := dbtest.NewPool(t)
	gate := &gatedDB{pool: pool, held: intakeTransactions, release: make(chan struct{})}
	b := newIntakeBatcher(gate, insertOnlyJobs(t, pool))
	runs := make([]store.NewRun, 10)
	for i := range runs {
		runs[i] = intakeRun(fmt.Sprintf("taskrs-%d", i))
	}
	runs[7].RunMessage = "text cannot hold \x00" // the batch's statement fails on this row
	for i, r := range submitAll(t, b, gate, runs) {
		if i == 7 {
			if r.err == nil {
				t.Errorf("the refused run was acknowledged")
			}
			continue
		}
		if r.err != nil || !r.inserted {
			t.Errorf("request %d: inserted %v, err %v", i, r.inserted, r.err)
		}
	}
	if n := count(t, pool, `SELECT count(*) FROM runs`); n != 9 {
		t.Errorf("%d runs stored, want 9", n)
	}
	if n := count(t, pool, `SELECT count(*) FROM river_job WHERE kind = 'estimate'`); n != 9 {
		t.Errorf("%d estimate jobs, want 9", n)
	}
}

type downDB struct{}

func (downDB) Begin(context.Context) (pgx.Tx, error) { return nil, errors.New("connection refused") }

func TestIntakeDatabaseDown(t *testing.T) {
	b := newIntakeBatcher(downDB{}, nil)
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Go(func() {
			if inserted, err := b.store(context.Background(), intakeRun(fmt.Sprint(i))); err == nil || inserted {
				t.Errorf("request %d: inserted %v, err %v; want an error", i, inserted, err)
			}
		})
	}
	wg.Wait()
}

// TestIntakeRequestGivesUp: a request whose context ends while it waits gets
// an error (503: TFC retries); its run may still be stored, and the retry
// is then a duplicate.
func TestIntakeRequestGivesUp(t *testing.T) {
	pool := dbtest.NewPool(t)
	gate := &gatedDB{pool: pool, held: 1, release: make(chan struct{})}
	b := newIntakeBatcher(gate, insertOnlyJobs(t, pool))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := b.store(ctx, intakeRun("taskrs-late")); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the deadline", err)
	}
	close(gate.release)
	deadline := time.Now().Add(10 * time.Second)
	for count(t, pool, `SELECT count(*) FROM runs`) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	inserted, err := b.store(context.Background(), intakeRun("taskrs-late"))
	if err != nil || inserted {
		t.Fatalf("retry: inserted %v, err %v; want a duplicate", inserted, err)
	}
	if n := count(t, pool, `SELECT count(*) FROM river_job WHERE kind = 'estimate'`); n != 1 {
		t.Errorf("%d estimate jobs, want 1", n)
	}
}

// TestRunTaskStoresTextWithNUL: Postgres text cannot hold NUL, which JSON
// can carry in a free-text field; such a run is stored (NUL as U+FFFD), not
// answered 503 forever.
func TestRunTaskStoresTextWithNUL(t *testing.T) {
	pool := dbtest.NewPool(t)
	box, err := secretbox.New(secretbox.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(New(Deps{DB: pool, Jobs: insertOnlyJobs(t, pool), Verifier: runtask.NewVerifier(nil),
		Hosts: runtask.HostPolicy{Hosts: []string{"app.terraform.io"}}, Box: box}).Handler())
	defer srv.Close()
	body := `{"payload_version":1,"stage":"pre_plan","access_token":"atlasv1-token","organization_name":"acme",
		"plan_json_api_url":"x\u0000y","run_id":"run-1","task_result_callback_url":"https://app.terraform.io/cb",
		"task_result_id":"taskrs-nul","workspace_id":"ws-1","workspace_name":"web","run_message":"fix \u0000 bug",
		"vcs_branch":"\u0000","run_created_by":"a\u0000b"}`
	resp, err := http.Post(srv.URL+"/runtask", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", resp.StatusCode)
	}
	r, err := store.GetRunByTaskResult(context.Background(), pool, "taskrs-nul")
	if err != nil {
		t.Fatal(err)
	}
	if r.RunMessage != "fix \uFFFD bug" || *r.VCSBranch != "\uFFFD" || r.CreatedBy != "a\uFFFDb" || *r.PlanJSONAPIURL != "x\uFFFDy" {
		t.Fatalf("stored %q %q %q %q", r.RunMessage, *r.VCSBranch, r.CreatedBy, *r.PlanJSONAPIURL)
	}
}
