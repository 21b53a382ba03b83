package runtask

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const testToken = "Xy12AbCdEfGhIj.atlasv1.secret-token-value"

// fastRetries keep retry tests quick; the waits are still real.
var fastRetries = RetryPolicy{Attempts: 3, Initial: time.Millisecond, Max: 5 * time.Millisecond}

// archivist records the Authorization headers it receives.
type archivist struct {
	mu    sync.Mutex
	auths []string
	srv   *httptest.Server
}

func newArchivist(t testing.TB, plan []byte) *archivist {
	a := &archivist{}
	a.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.mu.Lock()
		a.auths = append(a.auths, r.Header.Get("Authorization"))
		a.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write(plan)
	}))
	t.Cleanup(a.srv.Close)
	return a
}

func (a *archivist) authHeaders() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.auths...)
}

// apiServer answers the plan URL with handle; it checks the bearer token.
func apiServer(t testing.TB, handle func(w http.ResponseWriter, r *http.Request, n int)) (*httptest.Server, *atomic.Int32) {
	var calls atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(calls.Add(1))
		if r.Header.Get("Authorization") != "Bearer "+testToken {
			http.Error(w, `{"errors":[{"status":"401","title":"unauthorized"}]}`, http.StatusUnauthorized)
			return
		}
		if r.Header.Get("Accept") != "application/json" {
			http.Error(w, "bad accept", http.StatusBadRequest)
			return
		}
		handle(w, r, n)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func planClient(srv *httptest.Server) *PlanClient {
	return &PlanClient{
		HTTPClient:   srv.Client(),
		Hosts:        HostPolicy{Hosts: []string{"127.0.0.1"}},
		NotReady:     fastRetries,
		ServerErrors: fastRetries,
	}
}

func TestFetchFollowsRedirectWithoutToken(t *testing.T) {
	plan := []byte(`{"format_version":"1.2","resource_changes":[]}`)
	arch := newArchivist(t, plan)
	api, calls := apiServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n <= 2 {
			w.WriteHeader(http.StatusNoContent) // not ready twice
			return
		}
		http.Redirect(w, r, arch.srv.URL+"/archivist/v1/object/abc?sig=xyz", http.StatusTemporaryRedirect)
	})
	c := planClient(api)
	rc, err := c.Fetch(context.Background(), api.URL+"/api/v2/plans/plan-1/json-output", testToken)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rc)
	rc.Close()
	if err != nil || !bytes.Equal(got, plan) {
		t.Fatalf("body %q, err %v", got, err)
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("API calls = %d, want 3 (two 204, one 307)", n)
	}
	auths := arch.authHeaders()
	if len(auths) != 1 || auths[0] != "" {
		t.Errorf("archivist got Authorization headers %q, want one request with none", auths)
	}
}

func TestFetchSameOriginRedirectKeepsToken(t *testing.T) {
	var api *httptest.Server
	api, _ = apiServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Path == "/blob" {
			io.WriteString(w, "{}")
			return
		}
		http.Redirect(w, r, "/blob", http.StatusFound) // TFE serves the object itself
	})
	rc, err := planClient(api).Fetch(context.Background(), api.URL+"/api/v2/plans/plan-1/json-output", testToken)
	if err != nil {
		t.Fatal(err) // a missing token would give 401
	}
	rc.Close()
}

func TestFetchErrors(t *testing.T) {
	plan := []byte(`{"format_version":"1.2"}`)
	tests := []struct {
		name      string
		handle    func(w http.ResponseWriter, r *http.Request, n int)
		edit      func(c *PlanClient)
		url       func(api string) string
		wantIs    error
		wantText  string
		wantCalls int32 // 0 = don't check
	}{
		{name: "always 204", handle: func(w http.ResponseWriter, r *http.Request, n int) { w.WriteHeader(204) },
			wantIs: ErrPlanNotReady, wantCalls: 3},
		{name: "401 not retried", handle: nil, edit: func(c *PlanClient) {}, url: nil,
			wantText: "HTTP 401", wantCalls: 1},
		{name: "422 old Terraform", handle: func(w http.ResponseWriter, r *http.Request, n int) { http.Error(w, "unprocessable", 422) },
			wantText: "HTTP 422: unprocessable", wantCalls: 1},
		{name: "503 retried then given up", handle: func(w http.ResponseWriter, r *http.Request, n int) { http.Error(w, "down", 503) },
			wantText: "HTTP 503", wantCalls: 3},
		{name: "error body never echoes the token", handle: func(w http.ResponseWriter, r *http.Request, n int) {
			http.Error(w, "bad token "+testToken, 403)
		}, wantText: "[REDACTED]", wantCalls: 1},
		{name: "Content-Length over the cap", handle: func(w http.ResponseWriter, r *http.Request, n int) { w.Write(plan) },
			edit: func(c *PlanClient) { c.MaxBytes = 10 }, wantIs: ErrPlanTooLarge},
		{name: "redirect to plain http refused", handle: func(w http.ResponseWriter, r *http.Request, n int) {
			http.Redirect(w, r, "http://archivist.example/x", 307)
		}, wantIs: ErrRedirectRefused, wantText: "plain http"},
		{name: "redirect to a metadata address refused", handle: func(w http.ResponseWriter, r *http.Request, n int) {
			http.Redirect(w, r, "https://169.254.169.254/latest/meta-data/", 307)
		}, wantIs: ErrRedirectRefused, wantText: "internal address"},
		{name: "redirect to a private address refused", handle: func(w http.ResponseWriter, r *http.Request, n int) {
			http.Redirect(w, r, "https://10.0.0.5/x", 302)
		}, wantIs: ErrRedirectRefused},
		{name: "redirect to another scheme refused", handle: func(w http.ResponseWriter, r *http.Request, n int) {
			w.Header().Set("Location", "file:///etc/passwd")
			w.WriteHeader(307)
		}, wantIs: ErrRedirectRefused, wantText: "scheme"},
		{name: "redirect without Location", handle: func(w http.ResponseWriter, r *http.Request, n int) { w.WriteHeader(307) },
			wantIs: ErrRedirectRefused},
		{name: "redirect loop", handle: func(w http.ResponseWriter, r *http.Request, n int) {
			http.Redirect(w, r, r.URL.Path, 307)
		}, wantIs: ErrTooManyRedirects, wantCalls: 4},
		{name: "host not allowed: nothing sent", handle: func(w http.ResponseWriter, r *http.Request, n int) { w.Write(plan) },
			edit: func(c *PlanClient) { c.Hosts = DefaultHostPolicy() }, wantIs: ErrHostNotAllowed, wantCalls: -1},
		{name: "plain http plan URL refused", handle: func(w http.ResponseWriter, r *http.Request, n int) { w.Write(plan) },
			url: func(api string) string { return strings.Replace(api, "https://", "http://", 1) + "/p" }, wantIs: ErrHostNotAllowed, wantCalls: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			handle := tt.handle
			api, calls := apiServer(t, func(w http.ResponseWriter, r *http.Request, n int) { handle(w, r, n) })
			c := planClient(api)
			if tt.edit != nil {
				tt.edit(c)
			}
			token := testToken
			if tt.handle == nil {
				token = "wrong-token"
				handle = func(w http.ResponseWriter, r *http.Request, n int) {}
			}
			planURL := api.URL + "/api/v2/plans/plan-1/json-output"
			if tt.url != nil {
				planURL = tt.url(api.URL)
			}
			rc, err := c.Fetch(context.Background(), planURL, token)
			if err == nil {
				_, err = io.ReadAll(rc)
				rc.Close()
			}
			if err == nil {
				t.Fatal("Fetch succeeded")
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("err = %v, want %v", err, tt.wantIs)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("err = %q, want it to contain %q", err, tt.wantText)
			}
			if strings.Contains(err.Error(), testToken) {
				t.Errorf("error leaks the token: %v", err)
			}
			switch got := calls.Load(); {
			case tt.wantCalls == -1 && got != 0:
				t.Errorf("%d calls, want none", got)
			case tt.wantCalls > 0 && got != tt.wantCalls:
				t.Errorf("%d calls, want %d", got, tt.wantCalls)
			}
		})
	}
}

func TestFetchRetriesServerErrors(t *testing.T) {
	api, calls := apiServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n < 3 {
			http.Error(w, "busy", 502)
			return
		}
		io.WriteString(w, "{}")
	})
	rc, err := planClient(api).Fetch(context.Background(), api.URL+"/p", testToken)
	if err != nil {
		t.Fatal(err)
	}
	rc.Close()
	if calls.Load() != 3 {
		t.Errorf("calls = %d, want 3", calls.Load())
	}
}

func TestFetchStreamingSizeCap(t *testing.T) {
	tests := []struct {
		size, max int
		wantErr   bool
	}{
		{size: 100, max: 100},
		{size: 101, max: 100, wantErr: true},
		{size: 1 << 20, max: 1 << 20},
		{size: 1<<20 + 1, max: 1 << 20, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d of %d", tt.size, tt.max), func(t *testing.T) {
			api, _ := apiServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				// chunked, so no Content-Length warns the client early
				for sent := 0; sent < tt.size; {
					chunk := min(4096, tt.size-sent)
					w.Write(bytes.Repeat([]byte("a"), chunk))
					w.(http.Flusher).Flush()
					sent += chunk
				}
			})
			c := planClient(api)
			c.MaxBytes = int64(tt.max)
			rc, err := c.Fetch(context.Background(), api.URL+"/p", testToken)
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			got, err := io.ReadAll(rc)
			if tt.wantErr {
				if !errors.Is(err, ErrPlanTooLarge) || len(got) > tt.max {
					t.Fatalf("read %d bytes, err %v; want ErrPlanTooLarge after at most %d", len(got), err, tt.max)
				}
				return
			}
			if err != nil || len(got) != tt.size {
				t.Fatalf("read %d bytes, err %v", len(got), err)
			}
		})
	}
}

func TestFetchHangingServerTimesOut(t *testing.T) {
	release := make(chan struct{})
	api, _ := apiServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
		hangUp(w)
	})
	defer close(release)
	c := planClient(api)
	c.Timeout = 200 * time.Millisecond
	start := time.Now()
	_, err := c.Fetch(context.Background(), api.URL+"/p", testToken)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a deadline error", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestFetchHangingBodyTimesOut(t *testing.T) {
	release := make(chan struct{})
	api, _ := apiServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Write([]byte(`{"format_version":`))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
		// returning ends the chunked body cleanly: the client must still see an error
	})
	defer close(release)
	c := planClient(api)
	c.Timeout = 200 * time.Millisecond
	rc, err := c.Fetch(context.Background(), api.URL+"/p", testToken)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if b, err := io.ReadAll(rc); err == nil {
		t.Fatalf("reading a stalled body succeeded: %q", b)
	}
}

func TestFetchCancelledWhileWaitingFor204(t *testing.T) {
	api, _ := apiServer(t, func(w http.ResponseWriter, r *http.Request, n int) { w.WriteHeader(204) })
	c := planClient(api)
	c.NotReady = RetryPolicy{Attempts: 10, Initial: time.Hour}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := c.Fetch(ctx, api.URL+"/p", testToken); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
}

func TestDialGuardRefusesInternalNames(t *testing.T) {
	// The API host is allowed by IP and port; the redirect names "localhost",
	// which is not allowed and resolves to loopback: the dialer must refuse.
	arch := newArchivist(t, []byte("{}"))
	api, _ := apiServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		http.Redirect(w, r, strings.Replace(arch.srv.URL, "127.0.0.1", "localhost", 1)+"/x", 307)
	})
	port := api.URL[strings.LastIndex(api.URL, ":")+1:]
	hosts := HostPolicy{Hosts: []string{"127.0.0.1:" + port}}
	c := &PlanClient{HTTPClient: NewHTTPClient(ClientOptions{Hosts: hosts, RootCAs: certPool(api)}), Hosts: hosts, ServerErrors: fastRetries}
	_, err := c.Fetch(context.Background(), api.URL+"/p", testToken)
	if !errors.Is(err, ErrRedirectRefused) {
		t.Fatalf("err = %v, want ErrRedirectRefused", err)
	}
	if n := len(arch.authHeaders()); n != 0 {
		t.Errorf("archivist reached %d times", n)
	}
}

func TestRetryPolicyWait(t *testing.T) {
	p := RetryPolicy{Attempts: 5, Initial: time.Second, Max: 8 * time.Second}
	var got []string
	for i := 1; i <= 5; i++ {
		got = append(got, strconv.Itoa(int(p.wait(i)/time.Second)))
	}
	if strings.Join(got, ",") != "1,2,4,8,8" {
		t.Errorf("waits = %v", got)
	}
}

func TestCappedBodyEOFAfterDeadline(t *testing.T) {
	tests := []struct {
		name    string
		cancel  bool
		max     int64
		wantErr error
	}{
		{"EOF in time", false, 100, nil},
		{"EOF after the deadline", true, 100, context.Canceled},
		{"EOF at the cap after the deadline", true, 5, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			if tt.cancel {
				cancel()
			}
			b := &cappedBody{ctx: ctx, rc: io.NopCloser(strings.NewReader("12345")), remaining: tt.max, cancel: cancel}
			got, err := io.ReadAll(b)
			b.Close()
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && (err != nil || string(got) != "12345")) {
				t.Fatalf("ReadAll = %q, %v; want error %v", got, err, tt.wantErr)
			}
		})
	}
}
