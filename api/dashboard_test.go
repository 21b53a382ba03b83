package api_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/costgate/costgate/api"
	"github.com/costgate/costgate/internal/dbtest"
	"github.com/jackc/pgx/v5/pgxpool"
)

// dashboardSite is a seeded server whose pages the tests fetch.
type dashboardSite struct {
	t       *testing.T
	handler http.Handler
	pool    *pgxpool.Pool
}

func newDashboardSite(t *testing.T, public bool, runs []seedRun) dashboardSite {
	t.Helper()
	pool := dbtest.NewPool(t)
	file := historyBudgetFile(t)
	seedHistory(t, pool, file, runs)
	h := newTestServer(t, api.Deps{DB: pool, BudgetFile: file, DashboardPublic: public,
		APITokens: []api.APIToken{{Token: adminToken, Scope: api.ScopeAdmin}, {Token: readToken, Scope: api.ScopeRead}}})
	return dashboardSite{t: t, handler: h, pool: pool}
}

// fetch sends a request (cookies and extra headers given as pairs) and
// returns the recorder.
func (s dashboardSite) fetch(method, path string, form url.Values, header ...string) *httptest.ResponseRecorder {
	s.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.handler.ServeHTTP(rec, req)
	return rec
}

func TestDashboardPages(t *testing.T) {
	site := newDashboardSite(t, true, historyRuns())
	tests := []struct {
		path     string
		contains []string
		count    map[string]int
	}{
		{"/", []string{
			`<a href="/workspaces/` + wsWebProd + `">web-prod</a>`, "$515.66", "&#43;$351.88 (214.8%)",
			"of a $2,000.00 organization budget", "above the $500.00 warning", "no cost limit", "no policy", "not priced",
		}, map[string]int{`<section class="org"`: 2}},
		{"/workspaces/" + wsWebProd, []string{
			`<svg id="cost-chart"`, `<path class="prior" d="M`, `<table class="runs" id="runs">`,
			`<a href="/runs/run-C3overBudget03">run-C3overBudget03</a>`, "speculative", "pending",
			`href="https://github.com/acme/infra/pull/42"`,
		}, map[string]int{`<circle class="prior"`: 6, `<circle class="proposed speculative"`: 1, "<tr>\n    <td>": 7}},
		{"/runs/run-B2prPreview002", []string{
			"Run run-B2prPreview002", `href="https://app.terraform.io/app/acme/workspaces/web-prod/runs/run-B2prPreview002"`,
			"price not found", "Preview:", "Callback to TFC: delivered", "$9.27", "$136.29", "&#43;$127.02", "aws_lb.example",
		}, nil},
		{"/runs/run-C3overBudget03", []string{"over the web-prod budget", `<span class="badge over">given up</span>`, "$1,485.28"}, nil},
		{"/runs/run-D4asgApplied04", []string{`id="stage-post_plan"`, `id="stage-post_apply"`, "pending (attempt 1, last error: TFC answered 503)"}, nil},
		{"/runs/run-G7noPlan000007", []string{"not priced: plan_not_found", "costgate could not fetch the plan", "No cost estimate was kept"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := site.fetch("GET", tt.path, nil)
			page := rec.Body.String()
			if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
				t.Fatalf("%d %s\n%s", rec.Code, rec.Header().Get("Content-Type"), page)
			}
			if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
				t.Errorf("CSP = %q", csp)
			}
			for _, want := range tt.contains {
				if !strings.Contains(page, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			for want, n := range tt.count {
				if got := strings.Count(page, want); got != n {
					t.Errorf("%d × %q, want %d", got, want, n)
				}
			}
			if strings.Contains(page, "<script") {
				t.Error("the page has a script")
			}
		})
	}
	for _, path := range []string{"/runs/run-nope", "/workspaces/ws-nope"} {
		if rec := site.fetch("GET", path, nil); rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "costgate has no run") {
			t.Errorf("%s: %d %s", path, rec.Code, rec.Body.String())
		}
	}
	if rec := site.fetch("GET", "/static/style.css", nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), ".cost-chart") {
		t.Errorf("style.css: %d", rec.Code)
	}
	// Public: no login form, no logout button.
	if rec := site.fetch("GET", "/login", nil); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/" {
		t.Errorf("public /login: %d %s", rec.Code, rec.Header().Get("Location"))
	}
}

// Values from TFC requests are escaped, and only http(s) links are links.
func TestDashboardEscapes(t *testing.T) {
	runs := []seedRun{{taskResultID: "taskrs-X1", runID: "run-X1<b>bold</b>", stage: "post_plan", org: "acme",
		wsID: "ws-Xss", wsName: `<script>alert("ws")</script>`, fixture: "terracost-google", delivery: "delivered",
		prURL: "javascript:alert(1)"}}
	site := newDashboardSite(t, true, runs)
	for _, path := range []string{"/", "/workspaces/ws-Xss", "/runs/" + url.PathEscape("run-X1<b>bold</b>")} {
		page := site.fetch("GET", path, nil).Body.String()
		for _, raw := range []string{`<script>alert("ws")</script>`, "<b>bold</b>", "javascript:alert"} {
			if strings.Contains(page, raw) {
				t.Errorf("%s contains %q unescaped", path, raw)
			}
		}
		if !strings.Contains(page, "&lt;script&gt;") && !strings.Contains(page, "&lt;b&gt;") {
			t.Errorf("%s: the escaped values are missing", path)
		}
	}
}

var cookieValue = regexp.MustCompile(`costgate_session=([^;]*)`)

func TestDashboardLogin(t *testing.T) {
	site := newDashboardSite(t, false, historyRuns())
	page := "/workspaces/" + wsWebProd

	rec := site.fetch("GET", page, nil)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login?next="+url.QueryEscape(page) {
		t.Fatalf("without a session: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	// From TFC's page (another site) the Strict cookie is not sent: one same-site hop.
	rec = site.fetch("GET", "/runs/run-C3overBudget03", nil, "Sec-Fetch-Site", "cross-site")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `http-equiv="refresh" content="0;url=/runs/run-C3overBudget03"`) {
		t.Errorf("cross-site navigation: %d %s", rec.Code, rec.Body.String())
	}
	if rec := site.fetch("GET", "/login?next="+url.QueryEscape(page), nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `name="next" value="`+page+`"`) {
		t.Errorf("login form: %d %s", rec.Code, rec.Body.String())
	}

	rec = site.fetch("POST", "/login", url.Values{"token": {"wrong"}, "next": {page}})
	if rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), "not a known API token") {
		t.Errorf("wrong token: %d", rec.Code)
	}
	rec = site.fetch("POST", "/login", url.Values{"token": {readToken}, "next": {page}}, "Origin", "https://evil.example")
	if rec.Code != http.StatusForbidden {
		t.Errorf("cross-origin login: %d", rec.Code)
	}

	rec = site.fetch("POST", "/login", url.Values{"token": {readToken}, "next": {page}}, "Origin", "http://example.com")
	setCookie := rec.Header().Get("Set-Cookie")
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != page {
		t.Fatalf("login: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	for _, attr := range []string{"HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"} {
		if !strings.Contains(setCookie, attr) {
			t.Errorf("cookie %q lacks %s", setCookie, attr)
		}
	}
	if strings.Contains(setCookie, "Secure") || strings.Contains(setCookie, readToken) {
		t.Errorf("cookie over plain http: %q", setCookie)
	}
	cookie := "costgate_session=" + cookieValue.FindStringSubmatch(setCookie)[1]

	// The database holds a hash and the token's fingerprint, never the token or the cookie.
	var stored string
	if err := site.pool.QueryRow(context.Background(), `SELECT string_agg(encode(id_hash, 'hex') || token_fingerprint || scope, ',') FROM dashboard_sessions`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stored, readToken) || strings.Contains(stored, cookieValue.FindStringSubmatch(setCookie)[1]) || !strings.Contains(stored, api.TokenFingerprint(readToken)) {
		t.Errorf("stored session = %q", stored)
	}

	rec = site.fetch("GET", page, nil, "Cookie", cookie)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), api.TokenFingerprint(readToken)) {
		t.Fatalf("with the session: %d", rec.Code)
	}
	// Another server over the same database, without that token: the session is refused.
	other := newTestServer(t, api.Deps{DB: site.pool, APITokens: []api.APIToken{{Token: adminToken, Scope: api.ScopeAdmin}}})
	req := httptest.NewRequest("GET", page, nil)
	req.Header.Set("Cookie", cookie)
	orec := httptest.NewRecorder()
	other.ServeHTTP(orec, req)
	if orec.Code != http.StatusSeeOther {
		t.Errorf("session of a removed token: %d", orec.Code)
	}

	rec = site.fetch("POST", "/logout", url.Values{}, "Cookie", cookie)
	if rec.Code != http.StatusSeeOther || !strings.Contains(rec.Header().Get("Set-Cookie"), "Max-Age=0") {
		t.Errorf("logout: %d %q", rec.Code, rec.Header().Get("Set-Cookie"))
	}
	if rec := site.fetch("GET", page, nil, "Cookie", cookie); rec.Code != http.StatusSeeOther {
		t.Errorf("after logout the old cookie still works: %d", rec.Code)
	}

	// Behind an https proxy (on loopback, trusted) the cookie is Secure; next never leaves the site.
	req = httptest.NewRequest("POST", "/login", strings.NewReader(url.Values{"token": {adminToken}, "next": {"//evil.example/x"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-Proto", "https")
	req.RemoteAddr = "127.0.0.1:40000"
	rec = httptest.NewRecorder()
	site.handler.ServeHTTP(rec, req)
	if !strings.Contains(rec.Header().Get("Set-Cookie"), "Secure") || rec.Header().Get("Location") != "/" {
		t.Errorf("https login: %q → %q", rec.Header().Get("Set-Cookie"), rec.Header().Get("Location"))
	}
}
