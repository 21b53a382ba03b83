package e2e

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/faketfc"
	"github.com/costgate/costgate/runtask"
)

// tfc is internal/faketfc, plain http on 127.0.0.1, with runs named by the
// tests' short ids (run-ID, taskrs-ID).
type tfc struct {
	*faketfc.Server
	t    testing.TB
	mu   sync.Mutex
	runs map[string]faketfc.RunFixture
}

func newTFC(t testing.TB) *tfc {
	f := &tfc{Server: faketfc.New(t, faketfc.Options{PlainHTTP: true}), t: t, runs: map[string]faketfc.RunFixture{}}
	t.Cleanup(f.checkCallbacks)
	return f
}

// addRun registers the run id with its token and plan; o may script faults.
func (f *tfc) addRun(id, token string, plan []byte, o faketfc.RunOptions) faketfc.RunFixture {
	o.ID, o.Token = id, token
	fx := f.AddRunWith(plan, o)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.runs[id] = fx
	return fx
}

// fixture returns the run id, registering it (no plan) when unknown.
func (f *tfc) fixture(id, token string) faketfc.RunFixture {
	f.mu.Lock()
	fx, ok := f.runs[id]
	f.mu.Unlock()
	if ok {
		return fx
	}
	return f.addRun(id, token, nil, faketfc.RunOptions{})
}

func (f *tfc) patchesOf(id string) []faketfc.Callback { return f.Callbacks("taskrs-" + id) }

func (f *tfc) planGets(id string) int { return f.PlanRequests("taskrs-" + id) }

// finals are the accepted final PATCHes of a run.
func finals(ps []faketfc.Callback) []faketfc.Callback {
	var out []faketfc.Callback
	for _, p := range ps {
		if p.Final() {
			out = append(out, p)
		}
	}
	return out
}

// waitFor polls cond until it holds or the timeout passes.
func (f *tfc) waitFor(timeout time.Duration, what string, cond func() bool) {
	f.t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			f.t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitFinal waits for a run's accepted final PATCH.
func (f *tfc) waitFinal(id string, timeout time.Duration) faketfc.Callback {
	f.t.Helper()
	f.waitFor(timeout, "the final callback of "+id, func() bool { return len(finals(f.patchesOf(id))) > 0 })
	return finals(f.patchesOf(id))[0]
}

// checkCallbacks fails the test for every callback the fake refused as
// malformed (wrong method, content type or §6 body): costgate never sends one.
func (f *tfc) checkCallbacks() {
	for _, c := range f.AllCallbacks() {
		switch c.Response {
		case http.StatusMethodNotAllowed, http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity:
			if !strings.Contains(c.Problem, "by the test") {
				f.t.Errorf("callback of %s refused with %d: %s", c.TaskResultID, c.Response, c.Problem)
			}
		}
		if c.Status != "" && c.Status != runtask.StatusRunning && c.Status != runtask.StatusPassed && c.Status != runtask.StatusFailed {
			f.t.Errorf("callback of %s has status %q", c.TaskResultID, c.Status)
		}
	}
}
