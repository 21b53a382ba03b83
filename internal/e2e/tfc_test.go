package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeTFC plays HCP Terraform for the tests: a plan endpoint that checks the
// bearer token and redirects (307) to an archivist host, which records any
// Authorization header it receives; and a callback endpoint that validates
// and records PATCHes, answers 409 once a run is final, and can be scripted
// to answer other statuses.
type fakeTFC struct {
	t         testing.TB
	api       *httptest.Server
	archivist *httptest.Server

	mu    sync.Mutex
	runs  map[string]*fakeRun
	calls int // every request received by either host
	// archivistAuth holds the Authorization headers that reached the archivist.
	archivistAuth []string
	changed       chan struct{}
}

// fakeRun is one task result as TFC knows it.
type fakeRun struct {
	token      string
	plan       []byte
	plan204    int           // answer 204 this many times first
	planStatus int           // answer this status instead of the plan (0: serve it)
	planHang   chan struct{} // block the plan request until closed
	planGets   int
	// script is the list of statuses to answer the next PATCHes with before
	// accepting (e.g. 503, 503); 0 means accept.
	script  []int
	patches []patch
	final   bool
}

// patch is one recorded callback PATCH.
type patch struct {
	Status   string
	Message  string
	URL      string
	Outcomes int
	HasRels  bool
	Answered int
	At       time.Time
}

func newFakeTFC(t testing.TB) *fakeTFC {
	f := &fakeTFC{t: t, runs: map[string]*fakeRun{}, changed: make(chan struct{}, 1)}
	f.archivist = httptest.NewServer(http.HandlerFunc(f.serveArchivist))
	f.api = httptest.NewServer(http.HandlerFunc(f.serveAPI))
	t.Cleanup(func() {
		f.mu.Lock()
		for _, r := range f.runs {
			if r.planHang != nil {
				select {
				case <-r.planHang:
				default:
					close(r.planHang)
				}
				r.planHang = nil
			}
		}
		f.mu.Unlock()
		f.api.Close()
		f.archivist.Close()
	})
	return f
}

// addRun registers a task result and returns its id.
func (f *fakeTFC) addRun(id, token string, plan []byte) *fakeRun {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := &fakeRun{token: token, plan: plan}
	f.runs[id] = r
	return r
}

func (f *fakeTFC) with(id string, fn func(r *fakeRun)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f.runs[id])
}

func (f *fakeTFC) planURL(id string) string {
	return f.api.URL + "/api/v2/plans/plan-" + id + "/json-output"
}

func (f *fakeTFC) callbackURL(id string) string {
	return f.api.URL + "/api/v2/task-results/" + id + "/callback"
}

func (f *fakeTFC) notify() {
	select {
	case f.changed <- struct{}{}:
	default:
	}
}

func (f *fakeTFC) serveAPI(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.calls++
	f.mu.Unlock()
	switch {
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/api/v2/plans/plan-"):
		f.servePlan(w, r, strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/api/v2/plans/plan-"), "/json-output"))
	case strings.HasPrefix(r.URL.Path, "/api/v2/task-results/"):
		f.serveCallback(w, r, strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/api/v2/task-results/"), "/callback"))
	default:
		http.NotFound(w, r)
	}
}

func (f *fakeTFC) servePlan(w http.ResponseWriter, r *http.Request, id string) {
	f.mu.Lock()
	run := f.runs[id]
	if run == nil {
		f.mu.Unlock()
		http.NotFound(w, r)
		return
	}
	run.planGets++
	hang, token := run.planHang, run.token
	f.mu.Unlock()
	if hang != nil {
		select {
		case <-hang:
		case <-r.Context().Done():
			return
		}
	}
	if r.Header.Get("Authorization") != "Bearer "+token {
		http.Error(w, `{"errors":[{"status":"401","title":"unauthorized"}]}`, http.StatusUnauthorized)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case run.plan204 > 0:
		run.plan204--
		w.WriteHeader(http.StatusNoContent)
	case run.planStatus != 0:
		http.Error(w, `{"errors":[{"status":"`+fmt.Sprint(run.planStatus)+`","title":"not found"}]}`, run.planStatus)
	default:
		http.Redirect(w, r, f.archivist.URL+"/plans/"+id+"?signature=s3cr3t-sig", http.StatusTemporaryRedirect)
	}
}

func (f *fakeTFC) serveArchivist(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if a := r.Header.Get("Authorization"); a != "" {
		f.archivistAuth = append(f.archivistAuth, a)
	}
	run := f.runs[strings.TrimPrefix(r.URL.Path, "/plans/")]
	if run == nil || r.URL.Query().Get("signature") != "s3cr3t-sig" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(run.plan)
}

// callbackBody is the shape of §8.3, checked strictly.
type callbackBody struct {
	Data struct {
		Type       string `json:"type"`
		Attributes struct {
			Status  string `json:"status"`
			Message string `json:"message"`
			URL     string `json:"url"`
		} `json:"attributes"`
		Relationships *struct {
			Outcomes struct {
				Data []struct {
					Type       string `json:"type"`
					Attributes struct {
						OutcomeID   string `json:"outcome-id"`
						Description string `json:"description"`
					} `json:"attributes"`
				} `json:"data"`
			} `json:"outcomes"`
		} `json:"relationships"`
	} `json:"data"`
}

func (f *fakeTFC) serveCallback(w http.ResponseWriter, r *http.Request, id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	defer f.notify()
	run := f.runs[id]
	if run == nil {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPatch {
		f.t.Errorf("callback %s: method %s, want PATCH", id, r.Method)
		http.Error(w, "method", http.StatusMethodNotAllowed)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+run.token {
		http.Error(w, `{"errors":[{"status":"401"}]}`, http.StatusUnauthorized)
		return
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/vnd.api+json" {
		f.t.Errorf("callback %s: Content-Type %q", id, r.Header.Get("Content-Type"))
		http.Error(w, "content type", http.StatusUnsupportedMediaType)
		return
	}
	raw, _ := io.ReadAll(r.Body)
	var body callbackBody
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if err := dec.Decode(&body); err != nil || body.Data.Type != "task-results" {
		f.t.Errorf("callback %s: body %s does not match §8.3 (%v)", id, raw, err)
		http.Error(w, "body", http.StatusUnprocessableEntity)
		return
	}
	a := body.Data.Attributes
	if a.Status != "running" && a.Status != "passed" && a.Status != "failed" {
		f.t.Errorf("callback %s: status %q", id, a.Status)
	}
	if len([]rune(a.Message)) > 1000 || len([]rune(a.URL)) > 500 || len(raw) > 10000*5 {
		f.t.Errorf("callback %s: over the limits: message %d url %d", id, len(a.Message), len(a.URL))
	}
	p := patch{Status: a.Status, Message: a.Message, URL: a.URL, At: time.Now(), HasRels: body.Data.Relationships != nil}
	if body.Data.Relationships != nil {
		p.Outcomes = len(body.Data.Relationships.Outcomes.Data)
		for _, o := range body.Data.Relationships.Outcomes.Data {
			if o.Type != "task-result-outcomes" || o.Attributes.OutcomeID == "" || o.Attributes.Description == "" {
				f.t.Errorf("callback %s: malformed outcome %+v", id, o)
			}
		}
	}
	status := http.StatusOK
	switch {
	case run.final:
		status = http.StatusConflict
	case len(run.script) > 0:
		status, run.script = run.script[0], run.script[1:]
	}
	if status == http.StatusOK && (a.Status == "passed" || a.Status == "failed") {
		run.final = true
	}
	p.Answered = status
	run.patches = append(run.patches, p)
	if status == http.StatusOK {
		w.Header().Set("Content-Type", "application/vnd.api+json")
		_, _ = w.Write(raw)
		return
	}
	http.Error(w, `{"errors":[{"status":"`+fmt.Sprint(status)+`"}]}`, status)
}

// patchesOf returns a copy of a run's recorded PATCHes.
func (f *fakeTFC) patchesOf(id string) []patch {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]patch(nil), f.runs[id].patches...)
}

// finals are the accepted final PATCHes of a run.
func finals(ps []patch) []patch {
	var out []patch
	for _, p := range ps {
		if (p.Status == "passed" || p.Status == "failed") && p.Answered == http.StatusOK {
			out = append(out, p)
		}
	}
	return out
}

// waitFor polls cond until it holds or the timeout passes.
func (f *fakeTFC) waitFor(timeout time.Duration, what string, cond func() bool) {
	f.t.Helper()
	deadline := time.After(timeout)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-deadline:
			f.t.Fatalf("timed out after %s waiting for %s", timeout, what)
		case <-f.changed:
		case <-tick.C:
		}
	}
}

// waitFinal waits for a run's accepted final PATCH.
func (f *fakeTFC) waitFinal(id string, timeout time.Duration) patch {
	f.t.Helper()
	f.waitFor(timeout, "the final callback of "+id, func() bool { return len(finals(f.patchesOf(id))) > 0 })
	return finals(f.patchesOf(id))[0]
}

func (f *fakeTFC) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}
