package reliability

import (
	"context"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/faketfc"
	"github.com/costgate/costgate/runtask"
	"github.com/costgate/costgate/secretbox"
	"github.com/costgate/costgate/store"
	"github.com/costgate/costgate/worker"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// TestRunsWhoseEstimateGaveUp: a run whose estimate job exhausted its
// attempts (a database outage longer than its retries) and a run whose job
// vanished still get a failed final callback, from the heartbeat sweep of
// the next costgate process.
func TestRunsWhoseEstimateGaveUp(t *testing.T) {
	t.Parallel()
	r := newRig(t, rigOptions{env: []string{"COSTGATE_HEARTBEAT_INTERVAL=1s"}})
	pool := r.pool()
	ctx := context.Background()
	gaveUp, _ := r.newRun(corpusPlan(t), faketfc.RunOptions{})
	lost, _ := r.newRun(corpusPlan(t), faketfc.RunOptions{})
	id := storeRun(t, pool, r.tfc.Request(gaveUp, runtask.StagePostPlan))
	storeRun(t, pool, r.tfc.Request(lost, runtask.StagePostPlan))
	inserter, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := inserter.Insert(ctx, worker.EstimateArgs{RunPK: id}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `UPDATE river_job SET state = 'discarded', attempt = max_attempts, finalized_at = now() WHERE id = $1`, res.Job.ID); err != nil {
		t.Fatal(err)
	}
	r.mu.Lock()
	r.accepted = append(r.accepted, gaveUp, lost)
	r.mu.Unlock()

	r.start("serve")
	r.waitAllFinal(time.Minute)
	r.exactlyOnce(runtask.StatusFailed, "costgate could not price this run")
	for f, want := range map[faketfc.RunFixture]string{gaveUp: "failed 25 times", lost: "was lost"} {
		final := r.tfc.FinalCallbacks(f.TaskResultID)[0]
		if !strings.Contains(final.Message, want) {
			t.Errorf("%s: %q does not say %q", f.TaskResultID, final.Message, want)
		}
		run, err := store.GetRunByTaskResult(ctx, pool, f.TaskResultID)
		if err != nil {
			t.Fatal(err)
		}
		if run.ErrorKind == nil || *run.ErrorKind != worker.KindInternal {
			t.Errorf("%s: error kind %v, want internal", f.TaskResultID, run.ErrorKind)
		}
	}
}

// storeRun does what intake does without queueing the estimate job.
func storeRun(t *testing.T, pool *pgxpool.Pool, req runtask.Request) int64 {
	t.Helper()
	key, _ := hex.DecodeString(secretKeyHex)
	box, err := secretbox.New(key)
	if err != nil {
		t.Fatal(err)
	}
	plan := req.PlanJSONAPIURL
	id, _, err := store.InsertRun(context.Background(), pool, store.NewRun{
		TaskResultID: req.TaskResultID, RunID: req.RunID, Stage: string(req.Stage), Organization: req.OrganizationName,
		WorkspaceID: req.WorkspaceID, WorkspaceName: req.WorkspaceName, CallbackURL: req.TaskResultCallbackURL,
		PlanJSONAPIURL: &plan, OutcomesCapable: req.OutcomesCapable(),
		AccessTokenSealed: box.Seal([]byte(req.AccessToken), req.TaskResultID),
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestSecretKeyChanged: runs accepted under one COSTGATE_SECRET_KEY and
// still open when costgate restarts with another cannot be reported (their
// tokens cannot be decrypted): the new process says so at start, with the
// count, and records each run as undeliverable with error kind "token".
func TestSecretKeyChanged(t *testing.T) {
	t.Parallel()
	r := newRig(t, rigOptions{env: []string{"COSTGATE_SHUTDOWN_TIMEOUT=1s"}})
	first := r.start("first")
	hold := make(chan struct{})
	defer close(hold)
	f, body := r.newRun(corpusPlan(t), faketfc.RunOptions{PlanHold: hold})
	r.deliver(context.Background(), first.url, f, body)
	waitUntil(t, 30*time.Second, "the plan download to start", func() bool { return r.tfc.ArchivistRequests() > 0 })
	if err := first.terminate(30 * time.Second); err != nil {
		t.Fatal(err)
	}
	other := strings.Repeat("ab", 32)
	second := r.start("second", "COSTGATE_SECRET_KEY="+other)
	if n := countLines(second.log, "another COSTGATE_SECRET_KEY", `"runs":1`); n != 1 {
		t.Errorf("the start with another key did not report the 1 run it cannot deliver:\n%s", tail(second.log, 3000))
	}
	pool := r.pool()
	waitUntil(t, time.Minute, "the run to end undeliverable", func() bool {
		return count(t, pool, `SELECT count(*) FROM runs WHERE task_result_id = $1 AND state = 'undeliverable' AND error_kind = 'token'`, f.TaskResultID) == 1
	})
	var lastError string
	if err := pool.QueryRow(context.Background(), `SELECT d.last_error FROM deliveries d JOIN runs r ON r.id = d.run_pk WHERE r.task_result_id = $1`,
		f.TaskResultID).Scan(&lastError); err != nil && err != pgx.ErrNoRows {
		t.Fatal(err)
	}
	if !strings.Contains(lastError, "COSTGATE_SECRET_KEY") {
		t.Errorf("delivery error %q does not name the key", lastError)
	}
	if n := len(r.tfc.FinalCallbacks(f.TaskResultID)); n != 0 {
		t.Errorf("%d final callbacks sent without the token?", n)
	}
}
