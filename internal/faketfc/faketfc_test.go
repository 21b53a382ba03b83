package faketfc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/costgate/costgate/runtask"
)

// testPlan is a tiny plan in Terraform's JSON format (no prices involved).
var testPlan = []byte(`{"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[]}`)

func fast() runtask.RetryPolicy {
	return runtask.RetryPolicy{Attempts: 5, Initial: time.Millisecond, Max: 5 * time.Millisecond}
}

func planClient(s *Server) *runtask.PlanClient {
	return &runtask.PlanClient{HTTPClient: s.HTTPClient(), Hosts: s.Hosts(), NotReady: fast(), ServerErrors: fast()}
}

func callbackClient(s *Server) *runtask.CallbackClient {
	return &runtask.CallbackClient{HTTPClient: s.HTTPClient(), Hosts: s.Hosts(), Timeout: 2 * time.Second}
}

func fetch(t *testing.T, s *Server, f RunFixture) ([]byte, error) {
	t.Helper()
	rc, err := planClient(s).Fetch(context.Background(), f.PlanURL, f.Token)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

func TestPlanFlow(t *testing.T) {
	for _, plain := range []bool{false, true} {
		t.Run(fmt.Sprintf("plain http %t", plain), func(t *testing.T) {
			s := New(t, Options{NotReady: 2, PlainHTTP: plain})
			f := s.AddRun(testPlan, "")
			got, err := fetch(t, s, f)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, testPlan) {
				t.Errorf("plan = %s", got)
			}
			if n := s.PlanRequests(f.TaskResultID); n != 3 {
				t.Errorf("plan requests = %d, want 3 (two 204 then 307)", n)
			}
			if auths := s.ArchivistAuthHeaders(); len(auths) != 1 || auths[0] != "" {
				t.Errorf("archivist Authorization headers = %q", auths)
			}
		})
	}
}

func TestPlanEndpointRefusals(t *testing.T) {
	s := New(t, Options{})
	f := s.AddRun(testPlan, "right-token")
	tests := []struct {
		name, url, auth string
		want            int
	}{
		{"wrong token", f.PlanURL, "Bearer wrong-token", 401},
		{"no token", f.PlanURL, "", 401},
		{"unknown plan", s.APIURL() + "/api/v2/plans/plan-nope/json-output", "Bearer right-token", 404},
		{"right token", f.PlanURL, "Bearer right-token", 307},
	}
	hc := s.HTTPClient()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, tt.url, nil)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
	if n := s.ArchivistRequests(); n != 0 {
		t.Errorf("archivist saw %d requests", n)
	}
}

func TestPlanFaults(t *testing.T) {
	s := New(t, Options{})
	f := s.AddRun(testPlan, "")
	s.FailPlans(http.StatusInternalServerError, 2)
	if got, err := fetch(t, s, f); err != nil || !bytes.Equal(got, testPlan) {
		t.Fatalf("after two 500s: %s, %v", got, err)
	}
	s.FailPlans(http.StatusBadGateway, 5)
	_, err := fetch(t, s, f)
	var se *runtask.HTTPStatusError
	if !errors.As(err, &se) || se.Status != 502 {
		t.Fatalf("err = %v, want HTTP 502", err)
	}
}

func TestPlanNeverReady(t *testing.T) {
	s := New(t, Options{NotReady: 100})
	f := s.AddRun(testPlan, "")
	if _, err := fetch(t, s, f); !errors.Is(err, runtask.ErrPlanNotReady) {
		t.Fatalf("err = %v", err)
	}
}

func TestCallbackFlow(t *testing.T) {
	s := New(t, Options{})
	f := s.AddRun(testPlan, "")
	c := callbackClient(s)
	ctx := context.Background()
	running := runtask.BuildCallback(runtask.Result{Status: runtask.StatusRunning, Message: "Pricing 3 resource changes…"}, f.Outcomes)
	final := runtask.BuildCallback(runtask.Result{Status: runtask.StatusFailed, Message: "over budget", URL: "https://costgate.example.com/runs/1",
		Outcomes: []runtask.Outcome{runtask.NewOutcome("COST", "Cost diff", "| a |", map[string][]runtask.Tag{"Status": {{Label: "Over budget", Level: "error"}}})}}, f.Outcomes)
	if err := c.Send(ctx, f.CallbackURL, f.Token, running); err != nil {
		t.Fatalf("running: %v", err)
	}
	if err := c.Send(ctx, f.CallbackURL, f.Token, final); err != nil {
		t.Fatalf("final: %v", err)
	}
	if err := c.Send(ctx, f.CallbackURL, f.Token, final); !errors.Is(err, runtask.ErrAlreadyFinal) {
		t.Fatalf("second final: %v, want ErrAlreadyFinal (409)", err)
	}
	if err := c.Send(ctx, f.CallbackURL, f.Token, running); !errors.Is(err, runtask.ErrAlreadyFinal) {
		t.Fatalf("running after final: %v, want ErrAlreadyFinal (409)", err)
	}
	all := s.Callbacks(f.TaskResultID)
	if len(all) != 4 {
		t.Fatalf("%d callbacks recorded, want 4", len(all))
	}
	wantResponses := []int{200, 200, 409, 409}
	for i, cb := range all {
		if cb.Response != wantResponses[i] {
			t.Errorf("callback %d answered %d, want %d", i, cb.Response, wantResponses[i])
		}
	}
	finals := s.FinalCallbacks(f.TaskResultID)
	if len(finals) != 1 {
		t.Fatalf("%d final callbacks", len(finals))
	}
	got := finals[0]
	if got.Status != "failed" || got.Message != "over budget" || got.URL != "https://costgate.example.com/runs/1" ||
		len(got.Outcomes) != 1 || got.Outcomes[0].Attributes.OutcomeID != "COST" || got.Outcomes[0].Attributes.Tags["Status"][0].Level != "error" {
		t.Errorf("final callback = %+v", got)
	}
	waited, err := s.WaitFinal(ctx, f.TaskResultID)
	if err != nil || waited.Status != "failed" {
		t.Errorf("WaitFinal = %+v, %v", waited, err)
	}
}

func TestWaitFinalWaits(t *testing.T) {
	s := New(t, Options{})
	f := s.AddRun(testPlan, "")
	go func() {
		time.Sleep(50 * time.Millisecond)
		callbackClient(s).Send(context.Background(), f.CallbackURL, f.Token, runtask.BuildCallback(runtask.Result{Status: runtask.StatusRunning}, false))
		callbackClient(s).Send(context.Background(), f.CallbackURL, f.Token, runtask.BuildCallback(runtask.Result{Status: runtask.StatusPassed}, false))
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got, err := s.WaitFinal(ctx, f.TaskResultID)
	if err != nil || got.Status != "passed" {
		t.Fatalf("WaitFinal = %+v, %v", got, err)
	}
	short, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	if _, err := s.WaitFinal(short, "taskrs-unknown"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("WaitFinal on a silent run = %v", err)
	}
}

// patch sends a raw PATCH so tests can break every rule.
func patch(t *testing.T, s *Server, method, url, auth, contentType, body string) int {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := s.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestCallbackValidation(t *testing.T) {
	const ok = `{"data":{"type":"task-results","attributes":{"status":"passed","message":"ok"}}}`
	outcome := func(attrs string) string {
		return `{"data":{"type":"task-results","attributes":{"status":"passed","message":"ok"},"relationships":{"outcomes":{"data":[{"type":"task-result-outcomes","attributes":` + attrs + `}]}}}}`
	}
	many := strings.Repeat(`{"type":"task-result-outcomes","attributes":{"outcome-id":"x","description":"d"}},`, 251)
	tests := []struct {
		name, method, auth, contentType, body string
		want                                  int
	}{
		{"valid", "PATCH", "", "", ok, 200},
		{"valid with charset", "PATCH", "", "application/vnd.api+json; charset=utf-8", ok, 200},
		{"empty outcomes array accepted", "PATCH", "", "", `{"data":{"type":"task-results","attributes":{"status":"running"},"relationships":{"outcomes":{"data":[]}}}}`, 200},
		{"POST", "POST", "", "", ok, 405},
		{"wrong token", "PATCH", "Bearer nope", "", ok, 401},
		{"plain JSON content type", "PATCH", "", "application/json", ok, 415},
		{"not JSON", "PATCH", "", "", `status=passed`, 422},
		{"wrong data.type", "PATCH", "", "", `{"data":{"type":"task-result","attributes":{"status":"passed"}}}`, 422},
		{"status errored", "PATCH", "", "", `{"data":{"type":"task-results","attributes":{"status":"errored"}}}`, 422},
		{"empty message", "PATCH", "", "", `{"data":{"type":"task-results","attributes":{"status":"passed","message":""}}}`, 422},
		{"message of 1001", "PATCH", "", "", `{"data":{"type":"task-results","attributes":{"status":"passed","message":"` + strings.Repeat("é", 1001) + `"}}}`, 422},
		{"message of 1000 multi-byte", "PATCH", "", "", `{"data":{"type":"task-results","attributes":{"status":"running","message":"` + strings.Repeat("é", 1000) + `"}}}`, 200},
		{"url without scheme", "PATCH", "", "", `{"data":{"type":"task-results","attributes":{"status":"passed","url":"costgate.example.com"}}}`, 422},
		{"outcomes under attributes", "PATCH", "", "", `{"data":{"type":"task-results","attributes":{"status":"passed","outcomes":[]}}}`, 422},
		{"outcome_id spelling", "PATCH", "", "", outcome(`{"outcome_id":"x","description":"d"}`), 422},
		{"outcome without description", "PATCH", "", "", outcome(`{"outcome-id":"x"}`), 422},
		{"outcome id of 65", "PATCH", "", "", outcome(`{"outcome-id":"` + strings.Repeat("x", 65) + `","description":"d"}`), 422},
		{"tag key with a space", "PATCH", "", "", outcome(`{"outcome-id":"x","description":"d","tags":{"Cost Centre":[{"label":"a"}]}}`), 422},
		{"label of 33", "PATCH", "", "", outcome(`{"outcome-id":"x","description":"d","tags":{"Status":[{"label":"` + strings.Repeat("l", 33) + `"}]}}`), 422},
		{"bad level", "PATCH", "", "", outcome(`{"outcome-id":"x","description":"d","tags":{"Status":[{"label":"a","level":"fatal"}]}}`), 422},
		{"body over 10000", "PATCH", "", "", outcome(`{"outcome-id":"x","description":"d","body":"` + strings.Repeat("b", 10001) + `"}`), 422},
		{"251 outcomes", "PATCH", "", "", `{"data":{"type":"task-results","attributes":{"status":"passed"},"relationships":{"outcomes":{"data":[` + strings.TrimSuffix(many, ",") + `]}}}}`, 422},
		{"valid outcome", "PATCH", "", "", outcome(`{"outcome-id":"x","description":"d","body":"b","url":"https://x.example/1","tags":{"Status":[{"label":"a","level":"none"}]}}`), 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(t, Options{})
			f := s.AddRun(testPlan, "")
			auth, ct := tt.auth, tt.contentType
			if auth == "" {
				auth = "Bearer " + f.Token
			}
			if ct == "" {
				ct = runtask.JSONAPIMimeType
			}
			if got := patch(t, s, tt.method, f.CallbackURL, auth, ct, tt.body); got != tt.want {
				t.Errorf("status %d, want %d", got, tt.want)
			}
			cbs := s.Callbacks(f.TaskResultID)
			if len(cbs) != 1 || cbs[0].Response != tt.want || (tt.want != 200) != (cbs[0].Problem != "") {
				t.Errorf("recorded %+v", cbs)
			}
		})
	}
}

func TestCallbackUnknownTaskResult(t *testing.T) {
	s := New(t, Options{})
	f := s.AddRun(testPlan, "")
	url := strings.Replace(f.CallbackURL, f.TaskResultUUID, "00000000-0000-4000-8000-000000000000", 1)
	if got := patch(t, s, "PATCH", url, "Bearer "+f.Token, runtask.JSONAPIMimeType, `{}`); got != 404 {
		t.Errorf("status %d", got)
	}
	if all := s.AllCallbacks(); len(all) != 1 || all[0].TaskResultID != "" {
		t.Errorf("recorded %+v", all)
	}
}

func TestCallbackFaults(t *testing.T) {
	passed := runtask.BuildCallback(runtask.Result{Status: runtask.StatusPassed, Message: "ok"}, false)
	ctx := context.Background()
	t.Run("503 then accepted", func(t *testing.T) {
		s := New(t, Options{})
		f := s.AddRun(testPlan, "")
		s.FailCallbacks(http.StatusServiceUnavailable, 2)
		c := callbackClient(s)
		for i := range 2 {
			var re *runtask.RetryableError
			if err := c.Send(ctx, f.CallbackURL, f.Token, passed); !errors.As(err, &re) || re.Status != 503 || re.RetryAfter != time.Second {
				t.Fatalf("try %d: %v, want retryable 503 with Retry-After", i, err)
			}
		}
		if err := c.Send(ctx, f.CallbackURL, f.Token, passed); err != nil {
			t.Fatalf("third try: %v", err)
		}
		if n := len(s.Callbacks(f.TaskResultID)); n != 3 || len(s.FinalCallbacks(f.TaskResultID)) != 1 {
			t.Errorf("%d recorded, finals %v", n, s.FinalCallbacks(f.TaskResultID))
		}
	})
	for _, status := range []int{401, 422} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			s := New(t, Options{})
			f := s.AddRun(testPlan, "")
			s.FailCallbacks(status, 1)
			var pe *runtask.PermanentError
			if err := callbackClient(s).Send(ctx, f.CallbackURL, f.Token, passed); !errors.As(err, &pe) || pe.Status != status {
				t.Fatalf("err = %v, want permanent %d", err, status)
			}
		})
	}
	t.Run("hang", func(t *testing.T) {
		s := New(t, Options{})
		f := s.AddRun(testPlan, "")
		s.HangCallbacks(1)
		c := callbackClient(s)
		c.Timeout = 100 * time.Millisecond
		var re *runtask.RetryableError
		if err := c.Send(ctx, f.CallbackURL, f.Token, passed); !errors.As(err, &re) || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want a retryable timeout", err)
		}
		if cbs := s.Callbacks(f.TaskResultID); len(cbs) != 1 || cbs[0].Response != 0 {
			t.Errorf("recorded %+v", cbs)
		}
	})
	t.Run("down then up", func(t *testing.T) {
		s := New(t, Options{})
		f := s.AddRun(testPlan, "")
		c := callbackClient(s)
		if err := c.Send(ctx, f.CallbackURL, f.Token, runtask.BuildCallback(runtask.Result{Status: runtask.StatusRunning}, false)); err != nil {
			t.Fatal(err) // opens a keep-alive connection that Down must also cut
		}
		s.Down()
		var re *runtask.RetryableError
		if err := c.Send(ctx, f.CallbackURL, f.Token, passed); !errors.As(err, &re) || re.Status != 0 {
			t.Fatalf("while down: %v, want a retryable network error", err)
		}
		if err := s.Up(); err != nil {
			t.Fatal(err)
		}
		if err := c.Send(ctx, f.CallbackURL, f.Token, passed); err != nil {
			t.Fatalf("after up: %v", err)
		}
		if len(s.FinalCallbacks(f.TaskResultID)) != 1 {
			t.Error("final callback not recorded")
		}
	})
}

func TestURLCodeMustComeBackVerbatim(t *testing.T) {
	s := New(t, Options{URLCode: true})
	f := s.AddRun(testPlan, "")
	if !strings.Contains(f.CallbackURL, "?url_code=") {
		t.Fatalf("callback URL %s", f.CallbackURL)
	}
	stripped := f.CallbackURL[:strings.Index(f.CallbackURL, "?")]
	doc := runtask.BuildCallback(runtask.Result{Status: runtask.StatusPassed}, false)
	var pe *runtask.PermanentError
	if err := callbackClient(s).Send(context.Background(), stripped, f.Token, doc); !errors.As(err, &pe) || pe.Status != 401 {
		t.Fatalf("without url_code: %v, want 401", err)
	}
	if err := callbackClient(s).Send(context.Background(), f.CallbackURL, f.Token, doc); err != nil {
		t.Fatalf("verbatim: %v", err)
	}
}

func TestRequestBodies(t *testing.T) {
	s := New(t, Options{})
	f := s.AddRunWith(testPlan, RunOptions{NoOutcomes: true, Speculative: true})
	for _, stage := range []runtask.Stage{runtask.StagePrePlan, runtask.StagePostPlan, runtask.StagePreApply, runtask.StagePostApply} {
		r := s.Request(f, stage)
		if err := r.Validate(s.Hosts()); err != nil {
			t.Errorf("%s: %v", stage, err)
		}
		if r.TaskResultID != f.TaskResultID || r.AccessToken != f.Token || r.OutcomesCapable() || !r.IsSpeculative || r.IsTest() {
			t.Errorf("%s: %v", stage, r)
		}
		if (r.PlanJSONAPIURL == f.PlanURL) != stage.HasPlan() {
			t.Errorf("%s: plan URL %q", stage, r.PlanJSONAPIURL)
		}
	}
	if r := s.Request(s.AddRun(testPlan, ""), runtask.StagePostPlan); !r.OutcomesCapable() {
		t.Error("AddRun runs accept outcomes")
	}
	// The service must refuse the fake's URLs under the default policy.
	if err := s.Request(f, runtask.StagePostPlan).Validate(runtask.DefaultHostPolicy()); err == nil {
		t.Error("fake URLs passed the default host policy")
	}
	v, err := runtask.DecodeRequest(s.VerificationBody())
	if err != nil || !v.IsTest() {
		t.Fatalf("verification body: %v, %v", v, err)
	}
	if n := s.APIRequests(); n != 0 {
		t.Errorf("building requests made %d API requests", n)
	}
}
