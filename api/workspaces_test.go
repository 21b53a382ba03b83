package api_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/costgate/costgate/api"
	"github.com/costgate/costgate/budget"
	"github.com/costgate/costgate/store"
	"github.com/shopspring/decimal"
)

func TestWorkspacesList(t *testing.T) {
	a := newHistoryAPI(t)
	status, body := a.getJSON("/api/v1/workspaces")
	if status != http.StatusOK {
		t.Fatalf("%d %v", status, body)
	}
	list := body["workspaces"].([]any)
	var names []string
	byID := map[string]map[string]any{}
	for _, w := range list {
		m := w.(map[string]any)
		names = append(names, m["organization"].(string)+"/"+m["workspace_name"].(string))
		byID[m["workspace_id"].(string)] = m
	}
	if !slices.Equal(names, []string{"acme/data-etl", "acme/web-prod", "globex/api"}) {
		t.Fatalf("workspaces = %v", names)
	}
	tests := []struct {
		ws   string
		want map[string]any
	}{
		// The applied autoscaling group (real estimate: $515.66) is what
		// exists; 30 days ago the applied EKS cluster ($163.78) was.
		{wsWebProd, map[string]any{"current_monthly_cost": "515.66", "current_run_id": "run-D4asgApplied04",
			"monthly_cost_30_days_ago": "163.78", "change_30_days": "351.88", "change_percent_30_days": "214.8",
			"last_run_id": "run-E5stillQueued5", "last_status": "pending"}},
		{wsDataETL, map[string]any{"current_monthly_cost": "0.00", "monthly_cost_30_days_ago": nil,
			"change_30_days": "0.00", "change_percent_30_days": nil, "last_status": "passed"}},
		{wsGlobex, map[string]any{"current_monthly_cost": nil, "current_run_id": nil, "change_30_days": nil, "last_status": "failed"}},
	}
	for _, tt := range tests {
		for k, v := range tt.want {
			if got := byID[tt.ws][k]; got != v {
				t.Errorf("%s %s = %#v, want %#v", tt.ws, k, got, v)
			}
		}
	}
	budgets := map[string]map[string]any{
		wsWebProd: {"state": "warning", "policy_id": "file:acme:name:web-prod", "max_monthly_cost": "1000", "warn_monthly_cost": "500"},
		wsDataETL: {"state": "no_limit", "policy_id": "file:acme", "max_monthly_cost": nil},
		wsGlobex:  {"state": "none", "policy_id": nil},
	}
	for ws, want := range budgets {
		got := byID[ws]["budget"].(map[string]any)
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s budget.%s = %#v, want %#v", ws, k, got[k], v)
			}
		}
	}
	if links := byID[wsWebProd]["links"].(map[string]any); links["history"] != "/api/v1/workspaces/"+wsWebProd+"/history" || links["dashboard"] != "/workspaces/"+wsWebProd {
		t.Errorf("links = %v", links)
	}

	_, body = a.getJSON("/api/v1/workspaces?organization=globex")
	if n := len(body["workspaces"].([]any)); n != 1 {
		t.Errorf("globex has %d workspaces", n)
	}
}

// runPoints is the task result ids and prior→proposed of a history's points.
func runPoints(body map[string]any) []string {
	var out []string
	for _, p := range body["points"].([]any) {
		m := p.(map[string]any)
		out = append(out, m["task_result_id"].(string)+" "+m["prior_monthly_cost"].(string)+">"+m["proposed_monthly_cost"].(string))
	}
	return out
}

func TestWorkspaceHistoryPerRun(t *testing.T) {
	a := newHistoryAPI(t)
	path := "/api/v1/workspaces/" + wsWebProd + "/history"
	status, body := a.getJSON(path)
	if status != http.StatusOK {
		t.Fatalf("%d %v", status, body)
	}
	want := []string{"taskrs-A1 0.00>163.78", "taskrs-A2 0.00>163.78", "taskrs-B1 9.27>136.29",
		"taskrs-C1 0.00>1485.28", "taskrs-D1 0.00>515.66", "taskrs-D2 0.00>515.66"}
	if got := runPoints(body); !slices.Equal(got, want) || body["interval"] != "run" || body["truncated"] != false {
		t.Errorf("points = %v (interval %v truncated %v)\nwant %v", got, body["interval"], body["truncated"], want)
	}
	if ws := body["workspace"].(map[string]any); ws["workspace_name"] != "web-prod" || ws["current_monthly_cost"] != "515.66" {
		t.Errorf("workspace = %v", ws)
	}
	_, body = a.getJSON(path + "?speculative=false&limit=2")
	if got := runPoints(body); !slices.Equal(got, want[4:]) || body["truncated"] != true {
		t.Errorf("limit 2 = %v truncated %v", got, body["truncated"])
	}
	_, body = a.getJSON(path + "?speculative=true")
	if got := runPoints(body); !slices.Equal(got, want[2:3]) {
		t.Errorf("speculative = %v", got)
	}
	since := a.seeded.now.Add(-10 * 24 * time.Hour).Format(time.DateOnly)
	_, body = a.getJSON(path + "?since=" + since)
	if got := runPoints(body); !slices.Equal(got, want[3:]) {
		t.Errorf("since %s = %v", since, got)
	}
	status, body = a.getJSON("/api/v1/workspaces/ws-nope/history")
	if code, _ := errorCode(body); status != http.StatusNotFound || code != "not_found" {
		t.Errorf("unknown workspace: %d %v", status, body)
	}
}

// Per day: the last priced run of each UTC day, whatever the time of day
// the test runs at (the seed's runs may straddle midnight).
func TestWorkspaceHistoryPerDay(t *testing.T) {
	a := newHistoryAPI(t)
	type day struct {
		last string
		runs int
	}
	want := map[string]*day{}
	var order []string
	for _, r := range a.seeded.runs {
		if r.wsID != wsWebProd || r.fixture == "" {
			continue
		}
		date := a.seeded.now.Add(-r.ago).UTC().Format(time.DateOnly)
		if want[date] == nil {
			want[date] = &day{}
			order = append(order, date)
		}
		want[date].last, want[date].runs = r.runID, want[date].runs+1
	}
	status, body := a.getJSON("/api/v1/workspaces/" + wsWebProd + "/history?interval=day")
	if status != http.StatusOK {
		t.Fatalf("%d %v", status, body)
	}
	points := body["points"].([]any)
	if len(points) != len(order) {
		t.Fatalf("%d days, want %d: %v", len(points), len(order), points)
	}
	for i, p := range points {
		m := p.(map[string]any)
		w := want[order[i]]
		if m["date"] != order[i] || m["last_run_id"] != w.last || m["runs"] != float64(w.runs) {
			t.Errorf("day %d = %v, want %s %+v", i, m, order[i], *w)
		}
	}
	last := points[len(points)-1].(map[string]any)
	if last["proposed_monthly_cost"] != "515.66" {
		t.Errorf("last day = %v", last)
	}
}

func TestWorkspaceHistoryCSV(t *testing.T) {
	a := newHistoryAPI(t)
	base := "/api/v1/workspaces/" + wsWebProd + "/history"
	tests := []struct {
		name, path, accept string
		csv                bool
	}{
		{"format=csv", base + "?format=csv", "", true},
		{"Accept text/csv", base, "text/csv", true},
		{"Accept prefers JSON", base, "text/csv;q=0.5, application/json", false},
		{"format=json wins over Accept", base + "?format=json", "text/csv", false},
		{"no Accept", base, "", false},
		{"per day", base + "?interval=day&format=csv", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body, hdr := a.get(tt.path, "Accept", tt.accept)
			if status != http.StatusOK {
				t.Fatalf("%d %s", status, body)
			}
			isCSV := strings.HasPrefix(hdr.Get("Content-Type"), "text/csv")
			if isCSV != tt.csv {
				t.Fatalf("Content-Type %q, want CSV %v", hdr.Get("Content-Type"), tt.csv)
			}
			if !tt.csv {
				return
			}
			rows, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(hdr.Get("Content-Disposition"), wsWebProd+"-history-") {
				t.Errorf("Content-Disposition %q", hdr.Get("Content-Disposition"))
			}
			if strings.Contains(tt.path, "interval=day") {
				if rows[0][0] != "date" || rows[len(rows)-1][3] != "515.66" {
					t.Errorf("per-day CSV = %v", rows)
				}
				return
			}
			wantHeader := []string{"received_at", "run_id", "task_result_id", "stage", "is_speculative", "status",
				"prior_monthly_cost", "proposed_monthly_cost", "delta_monthly_cost"}
			if !slices.Equal(rows[0], wantHeader) || len(rows) != 7 {
				t.Fatalf("CSV = %v", rows)
			}
			if got := rows[3]; got[1] != "run-B2prPreview002" || got[4] != "true" || got[6] != "9.27" || got[7] != "136.29" || got[8] != "127.02" {
				t.Errorf("row 3 = %v", got)
			}
		})
	}
}

func TestOrganizationSummary(t *testing.T) {
	a := newHistoryAPI(t)
	status, body := a.getJSON("/api/v1/organizations/acme/summary")
	if status != http.StatusOK {
		t.Fatalf("%d %v", status, body)
	}
	want := map[string]any{"organization": "acme", "current_monthly_cost": "515.66", "organization_monthly_budget": "2000",
		"budget_policy_id": "file:acme", "budget_remaining": "1484.34", "budget_state": "within"}
	for k, v := range want {
		if body[k] != v {
			t.Errorf("%s = %#v, want %#v", k, body[k], v)
		}
	}
	var ws []string
	for _, w := range body["workspaces"].([]any) {
		m := w.(map[string]any)
		ws = append(ws, m["workspace_name"].(string)+" "+m["current_monthly_cost"].(string))
	}
	if !slices.Equal(ws, []string{"web-prod 515.66", "data-etl 0.00"}) {
		t.Errorf("workspaces = %v", ws)
	}
	// The total is the one the budget decision adds up.
	costs, err := store.OrganizationCosts(context.Background(), a.pool, "acme")
	if err != nil {
		t.Fatal(err)
	}
	total := decimal.Zero
	for _, c := range costs {
		total = total.Add(c.MonthlyCost)
	}
	if total.StringFixed(2) != body["current_monthly_cost"] {
		t.Errorf("budget decision's total %s, summary %v", total, body["current_monthly_cost"])
	}

	_, g := a.getJSON("/api/v1/organizations/globex/summary")
	if g["current_monthly_cost"] != "0.00" || g["budget_state"] != "none" || g["organization_monthly_budget"] != nil {
		t.Errorf("globex = %v", g)
	}
	status, body = a.getJSON("/api/v1/organizations/initech/summary")
	if code, _ := errorCode(body); status != http.StatusNotFound || code != "not_found" {
		t.Errorf("unknown organization: %d %v", status, body)
	}

	// Over the budget: the same history under a $500 organization budget.
	tight, err := budget.ParseFile([]byte(strings.Replace(historyBudgets, `organization_monthly_budget: "2000"`, `organization_monthly_budget: "500"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	h := newTestServer(t, api.Deps{DB: a.pool, APITokens: []api.APIToken{{Token: readToken, Scope: api.ScopeRead}}, BudgetFile: tight})
	req := httptest.NewRequest(http.MethodGet, "/api/v1/organizations/acme/summary", nil)
	req.Header.Set("Authorization", "Bearer "+readToken)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if !strings.Contains(rec.Body.String(), `"budget_state":"over"`) || !strings.Contains(rec.Body.String(), `"budget_remaining":"-15.66"`) {
		t.Errorf("under a $500 budget: %s", rec.Body.String())
	}
}

// An organization known only by its stored budget has a summary.
func TestOrganizationSummaryBudgetOnly(t *testing.T) {
	b := newBudgetAPI(t)
	if status, body, _ := b.do("POST", "/api/v1/budgets", adminToken, `{"organization":"initech","organization_monthly_budget":"750"}`); status != http.StatusCreated {
		t.Fatalf("create: %d %v", status, body)
	}
	status, body, _ := b.do("GET", "/api/v1/organizations/initech/summary", readToken, "")
	if status != http.StatusOK || body["current_monthly_cost"] != "0.00" || body["budget_state"] != "within" || body["budget_remaining"] != "750.00" {
		t.Errorf("%d %v", status, body)
	}
}
