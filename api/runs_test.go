package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/costgate/costgate/api"
	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/internal/dbtest"
	"github.com/jackc/pgx/v5/pgxpool"
)

// historyAPI is a server over a database seeded with historyRuns.
type historyAPI struct {
	t       *testing.T
	handler http.Handler
	seeded  seededHistory
	pool    *pgxpool.Pool
}

func newHistoryAPI(t *testing.T) historyAPI {
	t.Helper()
	pool := dbtest.NewPool(t)
	file := historyBudgetFile(t)
	seeded := seedHistory(t, pool, file, historyRuns())
	handler := newTestServer(t, api.Deps{
		DB:         pool,
		APITokens:  []api.APIToken{{Token: adminToken, Scope: api.ScopeAdmin}, {Token: readToken, Scope: api.ScopeRead}},
		BudgetFile: file,
	})
	return historyAPI{t: t, handler: handler, seeded: seeded, pool: pool}
}

// get sends GET path with the read token (and extra headers) and returns
// the status, the raw body and the headers.
func (a historyAPI) get(path string, header ...string) (int, []byte, http.Header) {
	a.t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Authorization", "Bearer "+readToken)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	a.handler.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Body)
	return rec.Code, body, rec.Header()
}

// getJSON is get for a JSON answer.
func (a historyAPI) getJSON(path string) (int, map[string]any) {
	a.t.Helper()
	status, body, _ := a.get(path)
	var out map[string]any
	if err := json.Unmarshal(body, &out); err != nil {
		a.t.Fatalf("GET %s: not a JSON object: %s", path, body)
	}
	return status, out
}

func taskResults(body map[string]any) []string {
	var out []string
	for _, r := range body["runs"].([]any) {
		out = append(out, r.(map[string]any)["task_result_id"].(string))
	}
	return out
}

func TestRunsListFilters(t *testing.T) {
	a := newHistoryAPI(t)
	all := []string{"taskrs-E1", "taskrs-D2", "taskrs-D1", "taskrs-G1", "taskrs-C1", "taskrs-F1", "taskrs-B1", "taskrs-A2", "taskrs-A1"}
	// Postgres keeps microseconds (rounded): a truncated bound stays at or before the stored time.
	since := url.QueryEscape(a.seeded.now.Add(-72 * time.Hour).Truncate(time.Microsecond).Format(time.RFC3339Nano))
	tests := []struct {
		query string
		want  []string
	}{
		{"", all},
		{"organization=globex", []string{"taskrs-G1"}},
		{"workspace=" + wsDataETL, []string{"taskrs-F1"}},
		{"workspace=web-prod&stage=post_apply", []string{"taskrs-D2", "taskrs-A2"}},
		{"stage=post_apply,post_plan&organization=acme&workspace=data-etl", []string{"taskrs-F1"}},
		{"status=pending", []string{"taskrs-E1"}},
		{"status=failed", []string{"taskrs-G1", "taskrs-C1"}},
		{"status=failed,pending", []string{"taskrs-E1", "taskrs-G1", "taskrs-C1"}},
		{"speculative=true", []string{"taskrs-B1"}},
		{"speculative=false&organization=acme&stage=post_plan", []string{"taskrs-E1", "taskrs-D1", "taskrs-C1", "taskrs-F1", "taskrs-A1"}},
		{"since=" + since, []string{"taskrs-E1", "taskrs-D2", "taskrs-D1", "taskrs-G1", "taskrs-C1"}},
		{"until=" + since, []string{"taskrs-F1", "taskrs-B1", "taskrs-A2", "taskrs-A1"}},
		{"organization=nobody", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			status, body := a.getJSON("/api/v1/runs?" + tt.query)
			if status != http.StatusOK {
				t.Fatalf("%d %v", status, body)
			}
			if got := taskResults(body); !slices.Equal(got, tt.want) {
				t.Errorf("got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestRunsListItem(t *testing.T) {
	a := newHistoryAPI(t)
	_, body := a.getJSON("/api/v1/runs?workspace=web-prod&speculative=true")
	r := body["runs"].([]any)[0].(map[string]any)
	want := map[string]any{
		"run_id": "run-B2prPreview002", "stage": "post_plan", "organization": "acme", "workspace_id": wsWebProd,
		"workspace_name": "web-prod", "is_speculative": true, "created_by": "jdoe", "status": "passed", "state": "delivered",
		// The real estimate of terracost's aws/terraform-plan.json.
		"prior_monthly_cost": "9.27", "proposed_monthly_cost": "136.29", "delta_monthly_cost": "127.02", "unpriced_components": float64(2),
		"error_kind": nil,
	}
	for k, v := range want {
		if r[k] != v {
			t.Errorf("%s = %#v, want %#v", k, r[k], v)
		}
	}
	vcs := r["vcs"].(map[string]any)
	if vcs["pull_request_url"] != "https://github.com/acme/infra/pull/42" || vcs["branch"] != "main" {
		t.Errorf("vcs = %v", vcs)
	}
	links := r["links"].(map[string]any)
	if links["dashboard"] != "/runs/run-B2prPreview002" || links["self"] != "/api/v1/runs/run-B2prPreview002?stage=post_plan" {
		t.Errorf("links = %v", links)
	}
	// A run that could not be priced has no costs, and says why.
	_, body = a.getJSON("/api/v1/runs?organization=globex")
	g := body["runs"].([]any)[0].(map[string]any)
	if g["prior_monthly_cost"] != nil || g["error_kind"] != "plan_not_found" || g["status"] != "failed" {
		t.Errorf("unpriced run = %v", g)
	}
}

// Pages follow each other without gaps or repeats, in the listing's order.
func TestRunsListPagination(t *testing.T) {
	a := newHistoryAPI(t)
	_, full := a.getJSON("/api/v1/runs")
	want := taskResults(full)
	var got []string
	path := "/api/v1/runs?limit=2&organization=acme"
	for range 10 {
		status, page := a.getJSON(path)
		if status != http.StatusOK {
			t.Fatalf("%s: %d %v", path, status, page)
		}
		got = append(got, taskResults(page)...)
		next, _ := page["next_cursor"].(string)
		if next == "" {
			break
		}
		path = "/api/v1/runs?limit=2&organization=acme&cursor=" + url.QueryEscape(next)
	}
	var acme []string
	for _, id := range want {
		if id != "taskrs-G1" {
			acme = append(acme, id)
		}
	}
	if !slices.Equal(got, acme) {
		t.Errorf("pages = %v\nwant %v", got, acme)
	}
}

func TestHistoryBadParameters(t *testing.T) {
	a := newHistoryAPI(t)
	tests := []struct {
		path, field string
	}{
		{"/api/v1/runs?limit=0", "limit"},
		{"/api/v1/runs?limit=201", "limit"},
		{"/api/v1/runs?limit=ten", "limit"},
		{"/api/v1/runs?stage=plan", "stage"},
		{"/api/v1/runs?status=passed,errored", "status"},
		{"/api/v1/runs?speculative=yes", "speculative"},
		{"/api/v1/runs?since=yesterday", "since"},
		{"/api/v1/runs?since=2025-03-10&until=2025-03-09", "until"},
		{"/api/v1/runs?cursor=not-a-cursor", "cursor"},
		{"/api/v1/runs?cursor=" + "eyJ0IjoxfQ", "cursor"},
		{"/api/v1/runs?organisation=acme", "organisation"},
		{"/api/v1/runs?organization=acme&organization=globex", "organization"},
		{"/api/v1/runs/run-B2prPreview002?stage=apply", "stage"},
		{"/api/v1/workspaces?org=acme", "org"},
		{"/api/v1/workspaces/" + wsWebProd + "/history?interval=week", "interval"},
		{"/api/v1/workspaces/" + wsWebProd + "/history?format=xml", "format"},
		{"/api/v1/workspaces/" + wsWebProd + "/history?limit=10001", "limit"},
		{"/api/v1/organizations/acme/summary?verbose=true", "verbose"},
	}
	for _, tt := range tests {
		status, body := a.getJSON(tt.path)
		code, field := errorCode(body)
		if status != http.StatusBadRequest || code != "invalid_parameter" || field != tt.field {
			t.Errorf("%s: %d %s %q, want 400 invalid_parameter %q (%v)", tt.path, status, code, field, tt.field, body)
		}
	}
}

func TestRunDetail(t *testing.T) {
	a := newHistoryAPI(t)
	status, raw, _ := a.get("/api/v1/runs/run-C3overBudget03")
	if status != http.StatusOK {
		t.Fatalf("%d %s", status, raw)
	}
	var d struct {
		RunID    string          `json:"run_id"`
		Status   string          `json:"status"`
		Estimate json.RawMessage `json:"estimate"`
		Decision struct {
			Status  string   `json:"status"`
			Message string   `json:"message"`
			Reasons []string `json:"reasons"`
		} `json:"decision"`
		Delivery struct {
			State          string `json:"state"`
			Attempts       int    `json:"attempts"`
			LastHTTPStatus int    `json:"last_http_status"`
		} `json:"delivery"`
		Stages []map[string]any `json:"stages"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	// The estimate is DESIGN.md's JSON: byte for byte what the CLI prints
	// for it today (compact, HTML-escaped as every JSON answer), and it keeps
	// every field of the stored estimate.
	est, stored := loadEstimate(t, "infracost-example")
	var cli, want bytes.Buffer
	if err := estimator.RenderJSON(&cli, est); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&want, cli.Bytes()); err != nil {
		t.Fatal(err)
	}
	var escaped bytes.Buffer
	json.HTMLEscape(&escaped, want.Bytes())
	if !bytes.Equal(d.Estimate, escaped.Bytes()) {
		t.Errorf("estimate differs from the CLI's:\n%s\nwant\n%s", d.Estimate, escaped.Bytes())
	}
	if missing := missingJSON(t, stored, d.Estimate); missing != "" {
		t.Errorf("the served estimate lost %s", missing)
	}
	// Decided by the real budget rules: over web-prod's $1,000 limit.
	if d.Status != "failed" || d.Decision.Status != "failed" || len(d.Decision.Reasons) == 0 ||
		!strings.Contains(d.Decision.Message, "over the web-prod budget") {
		t.Errorf("decision = %+v", d.Decision)
	}
	if d.Delivery.State != "given_up" || d.Delivery.Attempts != 1 || d.Delivery.LastHTTPStatus != 422 {
		t.Errorf("delivery = %+v", d.Delivery)
	}
	if len(d.Stages) != 1 || d.Stages[0]["stage"] != "post_plan" {
		t.Errorf("stages = %v", d.Stages)
	}

	// Two stages: the latest by default, another on request.
	_, latest := a.getJSON("/api/v1/runs/run-D4asgApplied04")
	if latest["stage"] != "post_apply" || latest["task_result_id"] != "taskrs-D2" || len(latest["stages"].([]any)) != 2 {
		t.Errorf("default stage = %v %v", latest["stage"], latest["stages"])
	}
	if del := latest["delivery"].(map[string]any); del["state"] != "pending" || del["last_error"] != "TFC answered 503" {
		t.Errorf("pending delivery = %v", del)
	}
	_, plan := a.getJSON("/api/v1/runs/run-D4asgApplied04?stage=post_plan")
	if plan["task_result_id"] != "taskrs-D1" {
		t.Errorf("?stage=post_plan gave %v", plan["task_result_id"])
	}
	if dec := plan["decision"].(map[string]any); dec["status"] != "passed" || !strings.Contains(dec["message"].(string), "warning") {
		t.Errorf("passed with a warning above $500: %v", dec)
	}

	// Not priced: no estimate; the message is the one sent to TFC.
	_, g := a.getJSON("/api/v1/runs/run-G7noPlan000007")
	if g["estimate"] != nil || g["error_kind"] != "plan_not_found" ||
		g["decision"].(map[string]any)["message"] != "costgate could not fetch the plan: TFC answered 404." {
		t.Errorf("unpriced run detail = %v", g)
	}
	// Pending: nothing decided, nothing delivered.
	_, e := a.getJSON("/api/v1/runs/run-E5stillQueued5")
	if e["status"] != "pending" || e["estimate"] != nil || e["delivery"] != nil || e["decision"].(map[string]any)["message"] != "" {
		t.Errorf("pending run detail = %v", e)
	}

	for _, path := range []string{"/api/v1/runs/run-nope", "/api/v1/runs/run-C3overBudget03?stage=pre_apply"} {
		status, body := a.getJSON(path)
		if code, _ := errorCode(body); status != http.StatusNotFound || code != "not_found" {
			t.Errorf("%s: %d %v", path, status, body)
		}
	}
}

// Every endpoint needs a token; a wrong one is refused; the document is public.
func TestHistoryAPIAuth(t *testing.T) {
	a := newHistoryAPI(t)
	for _, path := range []string{"/api/v1/runs", "/api/v1/runs/run-B2prPreview002", "/api/v1/workspaces",
		"/api/v1/workspaces/" + wsWebProd + "/history", "/api/v1/organizations/acme/summary"} {
		for _, token := range []string{"", "not-a-token", readToken + "x"} {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			rec := httptest.NewRecorder()
			a.handler.ServeHTTP(rec, req)
			if rec.Code != http.StatusUnauthorized {
				t.Errorf("%s with %q: %d", path, token, rec.Code)
			}
		}
		if status, body, _ := a.get(path); status != http.StatusOK {
			t.Errorf("%s with the read token: %d %s", path, status, body)
		}
	}
	// The document needs a token too: every /api/v1/ route does.
	req := httptest.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil)
	rec := httptest.NewRecorder()
	a.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized {
		t.Errorf("openapi.json without a token: %d", rec.Code)
	}
	if status, body, _ := a.get("/api/v1/openapi.json"); status != http.StatusOK || !bytes.Equal([]byte(body), api.OpenAPIDocument()) {
		t.Errorf("openapi.json with the read token: %d", status)
	}
	// Unknown API paths answer with the one error shape.
	if status, body := a.getJSON("/api/v1/nothing-here"); status != http.StatusNotFound {
		t.Errorf("unknown path: %d %v", status, body)
	}
}

// missingJSON names the first value of sub that super lacks (objects may
// have more keys in super; arrays and scalars must be equal); "" for none.
func missingJSON(t *testing.T, sub, super []byte) string {
	t.Helper()
	var a, b any
	if err := json.Unmarshal(sub, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(super, &b); err != nil {
		t.Fatal(err)
	}
	var walk func(path string, a, b any) string
	walk = func(path string, a, b any) string {
		switch av := a.(type) {
		case map[string]any:
			bv, ok := b.(map[string]any)
			if !ok {
				return path
			}
			for k, v := range av {
				if m := walk(path+"."+k, v, bv[k]); m != "" {
					return m
				}
			}
		case []any:
			bv, ok := b.([]any)
			if !ok || len(bv) != len(av) {
				return path
			}
			for i := range av {
				if m := walk(fmt.Sprintf("%s[%d]", path, i), av[i], bv[i]); m != "" {
					return m
				}
			}
		default:
			if a != b {
				return path
			}
		}
		return ""
	}
	return walk("$", a, b)
}
