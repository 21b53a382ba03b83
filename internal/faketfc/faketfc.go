package faketfc

import (
	"context"
	"crypto/x509"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/costgate/costgate/runtask"
)

// Options shape the fake.
type Options struct {
	// PlainHTTP serves both hosts over http; the service then needs AllowHTTP.
	PlainHTTP bool
	// NotReady is how many times each run's plan URL answers 204 before the
	// 307 (AddRunWith can override it per run).
	NotReady int
	// URLCode adds a url_code query to callback URLs and requires it back
	// (the OpenAPI spec's callback auth parameter, §6.1).
	URLCode bool
}

// Server is a running fake TFC: an API host and an archivist host.
type Server struct {
	opts      Options
	api       *httptest.Server
	apiLn     *switchListener
	archivist *httptest.Server
	closing   chan struct{} // closed at cleanup: releases hanging handlers

	mu            sync.Mutex
	runs          map[string]*run // by task result UUID
	plans         map[string]*run // by plan id
	objects       map[string]object
	archivistAuth []string
	apiRequests   int
	callbacks     []Callback
	callbackFault []fault
	planFault     []fault
	callbackDelay time.Duration
	changed       chan struct{} // closed and replaced whenever a callback is recorded
}

// run is one run's server-side state.
type run struct {
	fixture  RunFixture
	plan     []byte
	notReady int
	final    bool
	planGets int
	faults   runFaults
}

// object is a temporary archivist URL's content.
type object struct {
	plan    []byte
	expires time.Time
	faults  runFaults
}

// RunFixture is what a test needs to drive one run through the service.
type RunFixture struct {
	RunID            string
	PlanID           string
	TaskResultID     string // taskrs-…
	TaskResultUUID   string // the callback URL's path segment
	Token            string // the run's access token
	PlanURL          string
	CallbackURL      string
	OrganizationName string
	WorkspaceID      string
	WorkspaceName    string
	Outcomes         bool // capabilities.outcomes in the request
	Speculative      bool
}

// RunOptions override AddRun's defaults; zero values take the defaults.
type RunOptions struct {
	Token            string // default: a random token
	NotReady         *int   // default: Options.NotReady
	NoOutcomes       bool   // send capabilities.outcomes=false
	Speculative      bool
	OrganizationName string // default "acme"
	WorkspaceName    string // default "web-prod"
	// ID fixes the ids' suffix (run-ID, plan-ID, taskrs-ID) instead of random ones.
	ID string
	// PlanStatus makes the plan URL answer this status (after the token
	// check) instead of the redirect.
	PlanStatus int
	// PlanHold makes the archivist hold the plan body until it is closed
	// (or the client gives up).
	PlanHold <-chan struct{}
	// PlanTrickle makes the archivist send the plan in 16 parts, pausing
	// this long before each.
	PlanTrickle time.Duration
	// CallbackScript answers the run's next callbacks with these statuses
	// before any check (0 or 200: handle normally).
	CallbackScript []int
	// PlanRedirect and CallbackRedirect send the plan GET and the callback
	// PATCHes to this Location (307) instead: a hostile or compromised TFC.
	PlanRedirect, CallbackRedirect string
}

// New starts the fake and stops it when the test ends.
func New(t testing.TB, opts Options) *Server {
	t.Helper()
	s := &Server{
		opts:    opts,
		closing: make(chan struct{}),
		runs:    map[string]*run{},
		plans:   map[string]*run{},
		objects: map[string]object{},
		changed: make(chan struct{}),
	}
	ln, err := newSwitchListener()
	if err != nil {
		t.Fatalf("faketfc: listening: %v", err)
	}
	s.apiLn = ln
	s.api = httptest.NewUnstartedServer(s.apiHandler())
	s.api.Listener.Close()
	s.api.Listener = ln
	s.archivist = httptest.NewUnstartedServer(http.HandlerFunc(s.serveArchivist))
	if opts.PlainHTTP {
		s.api.Start()
		s.archivist.Start()
	} else {
		s.api.StartTLS()
		s.archivist.StartTLS()
	}
	t.Cleanup(func() {
		close(s.closing)
		s.api.Close()
		s.archivist.Close()
	})
	return s
}

// APIURL is the API host's base URL (https://127.0.0.1:PORT).
func (s *Server) APIURL() string { return s.api.URL }

// ArchivistURL is the archivist host's base URL.
func (s *Server) ArchivistURL() string { return s.archivist.URL }

// Hosts is the allow-list the service under test needs: "127.0.0.1" with
// any port (the archivist is on another port), plain http when PlainHTTP.
func (s *Server) Hosts() runtask.HostPolicy {
	return runtask.HostPolicy{Hosts: []string{"127.0.0.1"}, AllowHTTP: s.opts.PlainHTTP}
}

// CertPool trusts both hosts' certificates (nil with PlainHTTP).
func (s *Server) CertPool() *x509.CertPool {
	if s.opts.PlainHTTP {
		return nil
	}
	pool := x509.NewCertPool()
	pool.AddCert(s.api.Certificate())
	pool.AddCert(s.archivist.Certificate())
	return pool
}

// HTTPClient is a production-like client (runtask.NewHTTPClient) that
// trusts the fake's certificate.
func (s *Server) HTTPClient() *http.Client {
	return runtask.NewHTTPClient(runtask.ClientOptions{Hosts: s.Hosts(), RootCAs: s.CertPool()})
}

// AddRun registers a run whose plan JSON is plan and whose access token is
// token ("" for a random one), with outcomes capability.
func (s *Server) AddRun(plan []byte, token string) RunFixture {
	return s.AddRunWith(plan, RunOptions{Token: token})
}

// AddRunWith registers a run with options.
func (s *Server) AddRunWith(plan []byte, o RunOptions) RunFixture {
	f := RunFixture{
		RunID:            newID("run-"),
		PlanID:           newID("plan-"),
		TaskResultID:     newID("taskrs-"),
		TaskResultUUID:   newUUID(),
		Token:            o.Token,
		OrganizationName: o.OrganizationName,
		WorkspaceID:      newID("ws-"),
		WorkspaceName:    o.WorkspaceName,
		Outcomes:         !o.NoOutcomes,
		Speculative:      o.Speculative,
	}
	if o.ID != "" {
		f.RunID, f.PlanID, f.TaskResultID = "run-"+o.ID, "plan-"+o.ID, "taskrs-"+o.ID
	}
	if f.Token == "" {
		f.Token = newToken()
	}
	if f.OrganizationName == "" {
		f.OrganizationName = "acme"
	}
	if f.WorkspaceName == "" {
		f.WorkspaceName = "web-prod"
	}
	f.PlanURL = s.api.URL + "/api/v2/plans/" + f.PlanID + "/json-output"
	f.CallbackURL = s.api.URL + "/api/v2/task-results/" + f.TaskResultUUID + "/callback"
	if s.opts.URLCode {
		f.CallbackURL += "?url_code=" + urlCode(f)
	}
	notReady := s.opts.NotReady
	if o.NotReady != nil {
		notReady = *o.NotReady
	}
	r := &run{fixture: f, plan: slices.Clone(plan), notReady: notReady, faults: runFaults{
		planStatus: o.PlanStatus, planHold: o.PlanHold, planTrickle: o.PlanTrickle, callbackScript: slices.Clone(o.CallbackScript),
		planRedirect: o.PlanRedirect, callbackRedirect: o.CallbackRedirect}}
	s.mu.Lock()
	s.runs[f.TaskResultUUID] = r
	s.plans[f.PlanID] = r
	s.mu.Unlock()
	return f
}

// urlCode derives the run's url_code; the fake compares the raw query byte
// for byte, so a client must send the callback URL exactly as received.
func urlCode(f RunFixture) string { return "uc%2F" + f.TaskResultID[len("taskrs-"):] }

// Callback is one PATCH the callback endpoint received.
type Callback struct {
	TaskResultID   string // "" when the UUID was unknown
	TaskResultUUID string
	Status         string
	Message        string
	URL            string
	Outcomes       []runtask.Outcome
	Relationships  bool   // data.relationships was present
	Response       int    // HTTP status the fake answered (0: hung up)
	Problem        string // why it was refused, "" when accepted
	At             time.Time
}

// Accepted reports whether TFC would have taken this callback.
func (c Callback) Accepted() bool { return c.Response >= 200 && c.Response < 300 }

// Final reports whether this is an accepted passed/failed callback.
func (c Callback) Final() bool {
	return c.Accepted() && (c.Status == runtask.StatusPassed || c.Status == runtask.StatusFailed)
}

// Callbacks returns every PATCH recorded for a task result (by taskrs- id),
// accepted or not, in arrival order.
func (s *Server) Callbacks(taskResultID string) []Callback {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Callback
	for _, c := range s.callbacks {
		if c.TaskResultID == taskResultID {
			out = append(out, c)
		}
	}
	return out
}

// AllCallbacks returns every PATCH recorded, for any URL.
func (s *Server) AllCallbacks() []Callback {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.callbacks)
}

// FinalCallbacks returns the accepted passed/failed callbacks of a task
// result: exactly one once the service is done, never more (TFC answers 409).
func (s *Server) FinalCallbacks(taskResultID string) []Callback {
	var out []Callback
	for _, c := range s.Callbacks(taskResultID) {
		if c.Final() {
			out = append(out, c)
		}
	}
	return out
}

// WaitFinal waits for the accepted final callback of a task result.
func (s *Server) WaitFinal(ctx context.Context, taskResultID string) (Callback, error) {
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if final := s.FinalCallbacks(taskResultID); len(final) > 0 {
			return final[0], nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return Callback{}, fmt.Errorf("faketfc: waiting for the final callback of %s (%d callbacks so far): %w",
				taskResultID, len(s.Callbacks(taskResultID)), ctx.Err())
		}
	}
}

// ArchivistAuthHeaders returns the Authorization header of every request
// the archivist host received ("" when absent); tests assert all are "".
func (s *Server) ArchivistAuthHeaders() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.archivistAuth)
}

// ArchivistRequests counts the archivist host's requests.
func (s *Server) ArchivistRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.archivistAuth)
}

// APIRequests counts every request the API host received.
func (s *Server) APIRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.apiRequests
}

// PlanRequests counts the plan URL GETs of a task result's run.
func (s *Server) PlanRequests(taskResultID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.runs {
		if r.fixture.TaskResultID == taskResultID {
			return r.planGets
		}
	}
	return 0
}

// record stores a callback and wakes WaitFinal.
func (s *Server) record(c Callback) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.callbacks = append(s.callbacks, c)
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) apiHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v2/plans/{id}/json-output", s.servePlan)
	mux.HandleFunc("/api/v2/task-results/{uuid}/callback", s.serveCallback)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not found", "no such endpoint on the fake TFC")
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.apiRequests++
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	})
}
