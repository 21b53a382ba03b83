package reliability

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/costgate/costgate/api"
	"github.com/costgate/costgate/api/openapitest"
	"github.com/costgate/costgate/internal/dbtest"
	"github.com/costgate/costgate/runtask"
	"github.com/costgate/costgate/secretbox"
)

// publicAPIRoutes are the /api/v1/ routes served without a token, each
// with the reason; any other route without a token check fails the walk.
var publicAPIRoutes = map[string]string{}

// publicRoutes are the routes outside /api/v1/ served without an API token
// or dashboard session, each with the reason.
var publicRoutes = map[string]string{
	"POST /runtask": "TFC's run task endpoint: authenticated by the HMAC signature",
	"GET /healthz":  "liveness probe, no data",
	"GET /readyz":   "readiness probe: check names and errors, no data",
	"GET /metrics":  "Prometheus counters, no secrets (put it behind the network boundary)",
	"GET /login":    "the login form",
	"POST /login":   "the login itself (rate limited)",
	"POST /logout":  "ends a session",
	"GET /static/*": "stylesheet and scripts of the dashboard",
}

// apiServer is the real HTTP handler on a fresh database, with one read
// and one admin token and a given rate limit.
func apiServer(t *testing.T, hmacKeys []string, rateLimit int) (*api.Server, http.Handler) {
	t.Helper()
	box, err := secretbox.New(secretbox.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	keys := make([][]byte, len(hmacKeys))
	for i, k := range hmacKeys {
		keys[i] = []byte(k)
	}
	s := api.New(api.Deps{
		DB: dbtest.NewPool(t), Verifier: runtask.NewVerifier(keys), Hosts: runtask.HostPolicy{Hosts: []string{"127.0.0.1"}}, Box: box,
		APITokens:    []api.APIToken{{Token: readAPIToken, Scope: api.ScopeRead}, {Token: adminAPIToken, Scope: api.ScopeAdmin}},
		APIRateLimit: rateLimit,
	})
	// Every /api/v1/ answer is also checked against the OpenAPI document.
	return s, openapitest.Handler(t, s.Handler())
}

func do(h http.Handler, method, path, auth, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

var pathParam = regexp.MustCompile(`:[a-z_]+|\*`)

// TestEveryRouteNeedsCredentials walks the route table, so routes added
// later are covered: every /api/v1/ route answers 401 without a token, with
// an unknown one or another scheme, 403 to a read token on a write, and
// lets the right token through; every dashboard page redirects to the login.
func TestEveryRouteNeedsCredentials(t *testing.T) {
	s, h := apiServer(t, []string{hmacKey}, 0)
	walked := 0
	for _, rt := range s.Echo().Routes() {
		key := rt.Method + " " + rt.Path
		path := pathParam.ReplaceAllString(rt.Path, "x")
		if _, ok := publicRoutes[key]; ok {
			continue
		}
		if rt.Method == "echo_route_not_found" || rt.Path == "" {
			continue
		}
		walked++
		t.Run(key, func(t *testing.T) {
			if !strings.HasPrefix(rt.Path, "/api/v1/") {
				rec := do(h, rt.Method, path, "Bearer "+adminAPIToken, "")
				if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/login") {
					t.Errorf("without a session (even with an API token header): %d %s, want a 303 to /login", rec.Code, rec.Header().Get("Location"))
				}
				return
			}
			for _, auth := range []string{"", "Bearer ", "Bearer wrong-" + readAPIToken, "Basic " + readAPIToken, "bearer" + readAPIToken, readAPIToken} {
				if rec := do(h, rt.Method, path, auth, "{}"); rec.Code != http.StatusUnauthorized {
					t.Errorf("Authorization %q: %d %s, want 401", auth, rec.Code, rec.Body)
				}
			}
			write := rt.Method != http.MethodGet && rt.Method != http.MethodHead
			rec := do(h, rt.Method, path, "Bearer "+readAPIToken, "{}")
			switch {
			case write && rec.Code != http.StatusForbidden:
				t.Errorf("read token on a write: %d %s, want 403", rec.Code, rec.Body)
			case !write && (rec.Code == http.StatusUnauthorized || rec.Code == http.StatusForbidden):
				t.Errorf("read token on a read: %d %s", rec.Code, rec.Body)
			}
			if rec := do(h, rt.Method, path, "Bearer "+adminAPIToken, "{}"); rec.Code == http.StatusUnauthorized || rec.Code == http.StatusForbidden || rec.Code >= 500 {
				t.Errorf("admin token: %d %s", rec.Code, rec.Body)
			}
		})
	}
	for key := range publicAPIRoutes {
		method, path, _ := strings.Cut(key, " ")
		if rec := do(h, method, path, "", ""); rec.Code != http.StatusOK {
			t.Errorf("%s: %d without a token, want the public 200", key, rec.Code)
		}
	}
	if walked < 10 {
		t.Fatalf("only %d routes walked: the route table was not read", walked)
	}
}

// TestRequestLimits: oversized bodies get 413, page sizes outside the
// documented bounds and broken cursors 400 — never a 5xx.
func TestRequestLimits(t *testing.T) {
	_, h := apiServer(t, []string{hmacKey}, 0)
	huge := `{"organization":"acme","max_monthly_cost":"1","workspace_name":"` + strings.Repeat("w", 2<<20) + `"}`
	tests := []struct {
		method, path, body string
		want               int
	}{
		{"POST", "/api/v1/budgets", huge, http.StatusRequestEntityTooLarge},
		{"PUT", "/api/v1/budgets/x", huge, http.StatusRequestEntityTooLarge},
		{"POST", "/runtask", `{"access_token":"test-token","x":"` + strings.Repeat("x", 2<<20) + `"}`, http.StatusRequestEntityTooLarge},
		{"GET", "/api/v1/runs?limit=201", "", http.StatusBadRequest},
		{"GET", "/api/v1/runs?limit=0", "", http.StatusBadRequest},
		{"GET", "/api/v1/runs?limit=-1", "", http.StatusBadRequest},
		{"GET", "/api/v1/runs?limit=99999999999999999999", "", http.StatusBadRequest},
		{"GET", "/api/v1/runs?limit=200", "", http.StatusOK},
		{"GET", "/api/v1/runs?cursor=" + strings.Repeat("%ff", 100), "", http.StatusBadRequest},
		{"GET", "/api/v1/runs?cursor=eyJ4IjoxfQ", "", http.StatusBadRequest},
		{"GET", "/api/v1/workspaces/ws-x/history?limit=10001", "", http.StatusBadRequest},
		{"GET", "/api/v1/runs?since=" + strings.Repeat("9", 5000), "", http.StatusBadRequest},
	}
	for _, tt := range tests {
		name := tt.method + " " + tt.path
		if len(name) > 80 {
			name = name[:80]
		}
		t.Run(name, func(t *testing.T) {
			auth := "Bearer " + adminAPIToken
			if tt.path == "/runtask" {
				auth = ""
			}
			rec := do(h, tt.method, tt.path, auth, tt.body)
			if rec.Code != tt.want {
				t.Errorf("%d %.300s, want %d", rec.Code, rec.Body, tt.want)
			}
		})
	}
}

// TestRateLimit: a client past its allowance gets 429 with Retry-After
// while another token is unaffected; unknown tokens are counted by address
// (guessing buys nothing); /runtask is never limited.
func TestRateLimit(t *testing.T) {
	_, h := apiServer(t, []string{hmacKey}, 5) // 5/s, bursts of 10
	count := func(n int, auth string) (ok, limited int) {
		for range n {
			rec := do(h, "GET", "/api/v1/budgets", auth, "")
			switch rec.Code {
			case http.StatusTooManyRequests:
				limited++
				if rec.Header().Get("Retry-After") == "" {
					t.Errorf("429 without Retry-After")
				}
			case http.StatusOK, http.StatusUnauthorized:
				ok++
			default:
				t.Errorf("unexpected %d %s", rec.Code, rec.Body)
			}
		}
		return ok, limited
	}
	if ok, limited := count(40, "Bearer "+readAPIToken); limited == 0 || ok > 15 {
		t.Errorf("read token: %d answered, %d limited; want the burst of 10 (+ refill) then 429", ok, limited)
	}
	if ok, _ := count(5, "Bearer "+adminAPIToken); ok != 5 {
		t.Errorf("admin token limited by the read token's traffic: %d of 5 answered", ok)
	}
	guessed := 0
	for i := range 40 {
		if rec := do(h, "GET", "/api/v1/budgets", "Bearer guess-"+strings.Repeat("x", i), ""); rec.Code == http.StatusTooManyRequests {
			guessed++
		}
	}
	if guessed == 0 {
		t.Errorf("40 guessed tokens from one address were never limited")
	}
	body := []byte(`{"access_token":"test-token"}`)
	for i := range 60 {
		req := httptest.NewRequest("POST", "/runtask", strings.NewReader(string(body)))
		req.Header.Set("X-TFC-Task-Signature", runtask.Sign([]byte(hmacKey), body))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("POST /runtask %d: %d, want 200 (never rate limited)", i, rec.Code)
		}
	}
}

// TestHMACKeyRotation: with two keys configured (old,new) requests signed
// with either are accepted and any other key refused; once the old key is
// dropped its signatures are refused.
func TestHMACKeyRotation(t *testing.T) {
	body := []byte(`{"access_token":"test-token","stage":"post_plan"}`)
	_, both := apiServer(t, []string{oldHMACKey, hmacKey}, 0)
	_, newOnly := apiServer(t, []string{hmacKey}, 0)
	tests := []struct {
		name string
		h    http.Handler
		key  string
		want int
	}{
		{"old key during rotation", both, oldHMACKey, 200},
		{"new key during rotation", both, hmacKey, 200},
		{"unknown key during rotation", both, "some-other-key", 401},
		{"new key after rotation", newOnly, hmacKey, 200},
		{"old key after rotation", newOnly, oldHMACKey, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("POST", "/runtask", strings.NewReader(string(body)))
			req.Header.Set("X-TFC-Task-Signature", runtask.Sign([]byte(tt.key), body))
			rec := httptest.NewRecorder()
			tt.h.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Fatalf("%d %s, want %d", rec.Code, rec.Body, tt.want)
			}
		})
	}
}
