package reliability

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/dbtest"
	"github.com/costgate/costgate/internal/faketfc"
	"github.com/costgate/costgate/runtask"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Secrets of the rig, scanned for by TestSecretsNeverInClear.
const (
	hmacKey    = "rel-hmac-key-current-8d1f2c"
	oldHMACKey = "rel-hmac-key-retired-41b7e9"
	publicURL  = "https://costgate.example.com"
)

// secretKeyHex is COSTGATE_SECRET_KEY: random per test process, so a scan
// for it cannot match by chance.
var secretKeyHex = func() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}()

// rig is a fake TFC, a database and the environment of the costgate
// processes a test starts on them; it remembers every run TFC got a 200 for.
type rig struct {
	t      *testing.T
	tfc    *faketfc.Server
	dbURL  string
	base   []string
	logDir string
	logs   []string

	mu       sync.Mutex
	accepted []faketfc.RunFixture
}

type rigOptions struct {
	dbURL string   // default: a fresh migrated database on the test server
	tls   bool     // serve the fake over https (trusted through SSL_CERT_FILE)
	env   []string // overrides of the base environment
}

func newRig(t *testing.T, o rigOptions) *rig {
	t.Helper()
	r := &rig{t: t, tfc: faketfc.New(t, faketfc.Options{PlainHTTP: !o.tls}), dbURL: o.dbURL, logDir: t.TempDir()}
	if dir := os.Getenv("COSTGATE_RELIABILITY_LOGS"); dir != "" {
		r.logDir = filepath.Join(dir, t.Name())
		if err := os.MkdirAll(r.logDir, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if r.dbURL == "" {
		r.dbURL = dbtest.NewDB(t)
	}
	r.base = []string{
		"DATABASE_URL=" + r.dbURL,
		"COSTGATE_HMAC_KEYS=" + oldHMACKey + "," + hmacKey,
		"COSTGATE_TFC_HOSTS=127.0.0.1",
		"COSTGATE_ALLOW_HTTP=" + fmt.Sprint(!o.tls),
		"COSTGATE_PUBLIC_URL=" + publicURL,
		"COSTGATE_SECRET_KEY=" + secretKeyHex,
		"COSTGATE_JOB_TIMEOUT=5s",
		"COSTGATE_RESCUE_AFTER=6s",
		"COSTGATE_HEARTBEAT_INTERVAL=2s",
		"COSTGATE_LOAD_PRICES=false",
		"COSTGATE_SHUTDOWN_TIMEOUT=5s",
		"COSTGATE_LOG_LEVEL=debug",
	}
	if o.tls {
		certs := filepath.Join(r.logDir, "fake-tfc-ca.pem")
		if err := os.WriteFile(certs, r.tfc.CertPEM(), 0o600); err != nil {
			t.Fatal(err)
		}
		r.base = append(r.base, "SSL_CERT_FILE="+certs)
	}
	r.base = append(r.base, o.env...)
	t.Cleanup(func() {
		if t.Failed() {
			for _, l := range r.logs {
				t.Logf("--- %s (tail) ---\n%s", filepath.Base(l), tail(l, 6000))
			}
		}
	})
	return r
}

// start runs a costgate process on the rig; extra overrides the environment.
func (r *rig) start(name string, extra ...string) *proc {
	r.t.Helper()
	log := filepath.Join(r.logDir, name+".log")
	r.logs = append(r.logs, log)
	return serve(r.t, name, append(append([]string{}, r.base...), extra...), log)
}

// pool opens the rig's database.
func (r *rig) pool() *pgxpool.Pool {
	r.t.Helper()
	p, err := pgxpool.New(context.Background(), r.dbURL)
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(p.Close)
	return p
}

// newRun registers a run with the fake and returns its signed request body.
func (r *rig) newRun(plan []byte, o faketfc.RunOptions) (faketfc.RunFixture, []byte) {
	f := r.tfc.AddRunWith(plan, o)
	return f, r.tfc.RequestBody(f, runtask.StagePostPlan)
}

// deliver plays TFC sending a run task request: it retries 5xx answers and
// network errors (as TFC does) until a 200 or ctx ends, and returns every
// status seen (0 for a network error). A 200 makes the run one that must
// get its final callback.
func (r *rig) deliver(ctx context.Context, base string, f faketfc.RunFixture, body []byte) []int {
	var seen []int
	for {
		status, _, err := postRunTask(ctx, base, body, runtask.Sign([]byte(hmacKey), body))
		if err != nil {
			status = 0
		}
		seen = append(seen, status)
		if status == 200 {
			r.mu.Lock()
			if !slices.ContainsFunc(r.accepted, func(a faketfc.RunFixture) bool { return a.TaskResultID == f.TaskResultID }) {
				r.accepted = append(r.accepted, f)
			}
			r.mu.Unlock()
			return seen
		}
		if status != 0 && status < 500 {
			return seen
		}
		select {
		case <-ctx.Done():
			return seen
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (r *rig) acceptedRuns() []faketfc.RunFixture {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]faketfc.RunFixture(nil), r.accepted...)
}

// waitAllFinal waits until every accepted run has an accepted final callback.
func (r *rig) waitAllFinal(timeout time.Duration) {
	r.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		var missing []string
		for _, f := range r.acceptedRuns() {
			if len(r.tfc.FinalCallbacks(f.TaskResultID)) == 0 {
				missing = append(missing, f.TaskResultID)
			}
		}
		if len(missing) == 0 {
			return
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("%d of %d accepted runs have no final callback after %s: %v", len(missing), len(r.acceptedRuns()), timeout, first(missing, 5))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// tally counts, over the accepted runs, the final PATCHes TFC accepted and
// the final PATCHes answered 409 (a replay of one already accepted).
type tally struct {
	runs, accepted, replays, lost, duplicated int
}

// exactlyOnce checks every accepted run got exactly one accepted final
// callback, with the wanted status and message prefix.
func (r *rig) exactlyOnce(wantStatus, wantPrefix string) tally {
	r.t.Helper()
	var c tally
	for _, f := range r.acceptedRuns() {
		c.runs++
		finals := r.tfc.FinalCallbacks(f.TaskResultID)
		c.accepted += len(finals)
		switch {
		case len(finals) == 0:
			c.lost++
		case len(finals) > 1:
			c.duplicated++
		}
		for _, cb := range r.tfc.Callbacks(f.TaskResultID) {
			if cb.Response == 409 && cb.Status != runtask.StatusRunning {
				c.replays++
			}
		}
		if len(finals) > 0 && (finals[0].Status != wantStatus || !strings.HasPrefix(finals[0].Message, wantPrefix)) {
			r.t.Errorf("%s: final %s %q, want %s %q…", f.TaskResultID, finals[0].Status, finals[0].Message, wantStatus, wantPrefix)
		}
	}
	if c.lost != 0 || c.duplicated != 0 {
		r.t.Errorf("%d runs: %d without a final callback, %d with more than one accepted", c.runs, c.lost, c.duplicated)
	}
	return c
}

// corpusPlan is a real third-party plan (cycloidio/terracost, MIT; see
// estimator/testdata/corpus/README.md).
func corpusPlan(t testing.TB) []byte {
	b, err := os.ReadFile("../../estimator/testdata/corpus/terracost/testdata/aws/terraform-plan.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func first(s []string, n int) []string { return s[:min(n, len(s))] }

// waitUntil polls cond every 50 ms until it holds or timeout passes.
func waitUntil(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
