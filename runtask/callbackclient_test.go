package runtask

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// recordedPatch is what the test callback server saw.
type recordedPatch struct {
	method, path, rawQuery, auth, contentType, accept string
	body                                              []byte
}

func callbackServer(t *testing.T, status int, header http.Header, body string) (*httptest.Server, func() []recordedPatch) {
	var mu sync.Mutex
	var seen []recordedPatch
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		seen = append(seen, recordedPatch{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Authorization"), r.Header.Get("Content-Type"), r.Header.Get("Accept"), b})
		mu.Unlock()
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []recordedPatch {
		mu.Lock()
		defer mu.Unlock()
		return append([]recordedPatch(nil), seen...)
	}
}

func callbackClient(srv *httptest.Server) *CallbackClient {
	return &CallbackClient{HTTPClient: srv.Client(), Hosts: HostPolicy{Hosts: []string{"127.0.0.1"}}}
}

func TestSendRequestShape(t *testing.T) {
	srv, seen := callbackServer(t, 200, nil, `{"data":{"type":"task-results"}}`)
	url := srv.URL + "/api/v2/task-results/5ea8d46c-2ceb-42cd-83f2-82e54697bddd/callback?url_code=a%2Fb&x=1"
	doc := BuildCallback(exampleResult(), true)
	if err := callbackClient(srv).Send(context.Background(), url, testToken, doc); err != nil {
		t.Fatal(err)
	}
	got := seen()
	if len(got) != 1 {
		t.Fatalf("%d requests", len(got))
	}
	p := got[0]
	checks := [][2]string{
		{p.method, "PATCH"},
		{p.path, "/api/v2/task-results/5ea8d46c-2ceb-42cd-83f2-82e54697bddd/callback"},
		{p.rawQuery, "url_code=a%2Fb&x=1"},
		{p.auth, "Bearer " + testToken},
		{p.contentType, "application/vnd.api+json"},
		{p.accept, "application/vnd.api+json"},
	}
	for _, c := range checks {
		if c[0] != c[1] {
			t.Errorf("got %q, want %q", c[0], c[1])
		}
	}
	var sent CallbackDoc
	if err := json.Unmarshal(p.body, &sent); err != nil {
		t.Fatal(err)
	}
	if sent.Data.Attributes.Status != "failed" || len(sent.Data.Relationships.Outcomes.Data) != 2 {
		t.Errorf("sent %s", p.body)
	}
}

func TestSendClassification(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		header     http.Header
		body       string
		wantNil    bool
		wantFinal  bool
		wantPerm   bool
		wantRetry  bool
		retryAfter time.Duration
	}{
		{name: "200", status: 200, wantNil: true},
		{name: "204", status: 204, wantNil: true},
		{name: "409 already final", status: 409, body: `{"errors":[{"status":"409"}]}`, wantFinal: true},
		{name: "401", status: 401, wantPerm: true},
		{name: "403", status: 403, wantPerm: true},
		{name: "404", status: 404, wantPerm: true},
		{name: "422", status: 422, body: `{"errors":[{"detail":"invalid status"}]}`, wantPerm: true},
		{name: "400", status: 400, wantPerm: true},
		{name: "307 not followed", status: 307, header: http.Header{"Location": {"https://evil.example/"}}, wantPerm: true},
		{name: "429 with Retry-After", status: 429, header: http.Header{"Retry-After": {"7"}}, wantRetry: true, retryAfter: 7 * time.Second},
		{name: "503", status: 503, wantRetry: true},
		{name: "500", status: 500, wantRetry: true},
		{name: "408", status: 408, wantRetry: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, seen := callbackServer(t, tt.status, tt.header, tt.body)
			err := callbackClient(srv).Send(context.Background(), srv.URL+"/cb", testToken, BuildCallback(Result{Status: StatusPassed}, false))
			var perm *PermanentError
			var retry *RetryableError
			switch {
			case tt.wantNil && err != nil:
				t.Fatalf("err = %v", err)
			case tt.wantFinal && !errors.Is(err, ErrAlreadyFinal):
				t.Fatalf("err = %v, want ErrAlreadyFinal", err)
			case tt.wantPerm && !(errors.As(err, &perm) && perm.Status == tt.status):
				t.Fatalf("err = %v, want *PermanentError with %d", err, tt.status)
			case tt.wantRetry && !(errors.As(err, &retry) && retry.Status == tt.status && retry.RetryAfter == tt.retryAfter):
				t.Fatalf("err = %#v, want *RetryableError with %d, Retry-After %v", err, tt.status, tt.retryAfter)
			}
			if tt.wantPerm && tt.body != "" && perm.Body != tt.body {
				t.Errorf("body snippet = %q", perm.Body)
			}
			if n := len(seen()); n != 1 {
				t.Errorf("%d requests, want exactly 1", n)
			}
		})
	}
}

func TestSendRefusesBeforeSending(t *testing.T) {
	srv, seen := callbackServer(t, 200, nil, "")
	c := callbackClient(srv)
	tests := []struct {
		name  string
		url   string
		token string
		doc   CallbackDoc
	}{
		{"host not allowed", strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/cb", testToken, BuildCallback(Result{Status: StatusPassed}, false)},
		{"plain http", strings.Replace(srv.URL, "https", "http", 1) + "/cb", testToken, BuildCallback(Result{Status: StatusPassed}, false)},
		{"unknown status", srv.URL + "/cb", testToken, BuildCallback(Result{Status: "errored"}, false)},
		{"no token", srv.URL + "/cb", "", BuildCallback(Result{Status: StatusPassed}, false)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := c.Send(context.Background(), tt.url, tt.token, tt.doc)
			var perm *PermanentError
			if !errors.As(err, &perm) || perm.Status != 0 {
				t.Fatalf("err = %v, want *PermanentError without status", err)
			}
		})
	}
	if n := len(seen()); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}

func TestSendNetworkErrorsAreRetryable(t *testing.T) {
	t.Run("server down", func(t *testing.T) {
		srv, _ := callbackServer(t, 200, nil, "")
		c := callbackClient(srv)
		srv.Close()
		err := c.Send(context.Background(), srv.URL+"/cb", testToken, BuildCallback(Result{Status: StatusPassed}, false))
		var retry *RetryableError
		if !errors.As(err, &retry) || retry.Status != 0 {
			t.Fatalf("err = %v, want *RetryableError", err)
		}
	})
	t.Run("server hangs", func(t *testing.T) {
		release := make(chan struct{})
		srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			hangUp(w)
		}))
		defer srv.Close()
		defer close(release)
		c := callbackClient(srv)
		c.Timeout = 100 * time.Millisecond
		err := c.Send(context.Background(), srv.URL+"/cb", testToken, BuildCallback(Result{Status: StatusPassed}, false))
		var retry *RetryableError
		if !errors.As(err, &retry) || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want a retryable deadline error", err)
		}
	})
}

func TestSendErrorsNeverEchoSecrets(t *testing.T) {
	srv, _ := callbackServer(t, 422, nil, "token "+testToken+" is bad")
	url := srv.URL + "/cb?url_code=SECRETCODE"
	err := callbackClient(srv).Send(context.Background(), url, testToken, BuildCallback(Result{Status: StatusPassed}, false))
	if err == nil || strings.Contains(err.Error(), testToken) || strings.Contains(err.Error(), "SECRETCODE") {
		t.Fatalf("err = %v", err)
	}
	srv.Close()
	err = callbackClient(srv).Send(context.Background(), url, testToken, BuildCallback(Result{Status: StatusPassed}, false))
	if err == nil || strings.Contains(err.Error(), "SECRETCODE") {
		t.Fatalf("network err = %v", err)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 9, 2, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0}, {"0", 0}, {"30", 30 * time.Second}, {"-5", 0}, {"99999", time.Hour}, {"soon", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.in, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	for attempt := 1; attempt <= 12; attempt++ {
		full := min(2*time.Second<<(attempt-1), 2*time.Minute)
		for range 50 {
			d := Backoff(attempt)
			if d < full/2 || d > full {
				t.Fatalf("Backoff(%d) = %v, want within [%v, %v]", attempt, d, full/2, full)
			}
		}
	}
	var total time.Duration
	for attempt := 1; attempt <= 8; attempt++ {
		total += min(2*time.Second<<(attempt-1), 2*time.Minute)
	}
	if total > 10*time.Minute {
		t.Errorf("8 retries may take %v, over TFC's 10-minute window", total)
	}
}
