package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/costgate/costgate/api"
	"github.com/costgate/costgate/budget"
	"github.com/costgate/costgate/internal/dbtest"
)

const (
	adminToken = "adm-9f86d081884c7d659a2feaa0c55ad015"
	readToken  = "rd-3a6eb0790f39ac87c94f3856b2dd2c5d"
)

const budgetsFile = `
policies:
  - organization: acme
    organization_monthly_budget: "50000"
  - organization: acme
    workspace_pattern: "data-*"
    max_monthly_increase: "500"
`

type budgetAPI struct {
	t       *testing.T
	handler http.Handler
}

func newBudgetAPI(t *testing.T) budgetAPI {
	t.Helper()
	file, err := budget.ParseFile([]byte(budgetsFile))
	if err != nil {
		t.Fatal(err)
	}
	handler := newTestServer(t, api.Deps{
		DB:         dbtest.NewPool(t),
		APITokens:  []api.APIToken{{Token: adminToken, Scope: api.ScopeAdmin}, {Token: readToken, Scope: api.ScopeRead}},
		BudgetFile: file,
	})
	return budgetAPI{t: t, handler: handler}
}

// do sends a request and decodes the JSON answer (nil for an empty body).
func (a budgetAPI) do(method, path, token, body string) (int, map[string]any, http.Header) {
	a.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	a.handler.ServeHTTP(rec, req)
	raw, _ := io.ReadAll(rec.Body)
	var out map[string]any
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &out); err != nil {
			a.t.Fatalf("%s %s: answer is not a JSON object: %s", method, path, raw)
		}
	}
	return rec.Code, out, rec.Header()
}

func errorCode(body map[string]any) (code, field string) {
	e, _ := body["error"].(map[string]any)
	code, _ = e["code"].(string)
	field, _ = e["field"].(string)
	return code, field
}

const webProd = `{"organization":"acme","workspace_id":null,"workspace_name":"web-prod","workspace_pattern":null,
 "max_monthly_cost":"2500","max_monthly_increase":"100","max_increase_percent":"10",
 "warn_monthly_cost":"2000","warn_monthly_increase":"50","warn_increase_percent":"5",
 "organization_monthly_budget":null,"fail_on_unpriced":false,"on_error":"fail"}`

func TestBudgetAPIAuth(t *testing.T) {
	a := newBudgetAPI(t)
	tests := []struct {
		method, path, token string
		want                int
	}{
		{"GET", "/api/v1/budgets", "", http.StatusUnauthorized},
		{"GET", "/api/v1/budgets", "nope", http.StatusUnauthorized},
		{"GET", "/api/v1/budgets", readToken, http.StatusOK},
		{"GET", "/api/v1/budgets", adminToken, http.StatusOK},
		{"POST", "/api/v1/budgets", readToken, http.StatusForbidden},
		{"PUT", "/api/v1/budgets/x", readToken, http.StatusForbidden},
		{"DELETE", "/api/v1/budgets/x", readToken, http.StatusForbidden},
		{"DELETE", "/api/v1/budgets/x", "", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		status, body, _ := a.do(tt.method, tt.path, tt.token, "")
		if status != tt.want {
			t.Errorf("%s %s with %q: %d, want %d (%v)", tt.method, tt.path, tt.token, status, tt.want, body)
		}
	}
}

func TestBudgetAPILifecycle(t *testing.T) {
	a := newBudgetAPI(t)

	status, created, hdr := a.do("POST", "/api/v1/budgets", adminToken, webProd)
	if status != http.StatusCreated {
		t.Fatalf("create: %d %v", status, created)
	}
	id, _ := created["id"].(string)
	if id == "" || hdr.Get("Location") != "/api/v1/budgets/"+id {
		t.Fatalf("id %q location %q", id, hdr.Get("Location"))
	}
	// Contract fields come back as sent, amounts as decimal strings.
	var sent map[string]any
	_ = json.Unmarshal([]byte(webProd), &sent)
	for k, v := range sent {
		if created[k] != v {
			t.Errorf("%s = %#v, want %#v", k, created[k], v)
		}
	}
	if created["source"] != "api" || created["read_only"] != false || created["created_by"] != api.TokenFingerprint(adminToken) {
		t.Errorf("metadata: %v", created)
	}
	if strings.Contains(mustJSON(t, created), adminToken) {
		t.Error("the answer holds the API token")
	}

	status, got, _ := a.do("GET", "/api/v1/budgets/"+id, readToken, "")
	if status != http.StatusOK || got["workspace_name"] != "web-prod" {
		t.Fatalf("get: %d %v", status, got)
	}

	update := strings.Replace(webProd, `"max_monthly_cost":"2500"`, `"max_monthly_cost":"3000.50"`, 1)
	status, updated, _ := a.do("PUT", "/api/v1/budgets/"+id, adminToken, update)
	if status != http.StatusOK || updated["max_monthly_cost"] != "3000.5" || updated["id"] != id {
		t.Fatalf("update: %d %v", status, updated)
	}

	status, list, _ := a.do("GET", "/api/v1/budgets", readToken, "")
	items, _ := list["budgets"].([]any)
	if status != http.StatusOK || len(items) != 3 {
		t.Fatalf("list: %d %v", status, list)
	}
	readOnly := 0
	for _, it := range items {
		if it.(map[string]any)["read_only"] == true {
			readOnly++
		}
	}
	if readOnly != 2 {
		t.Errorf("%d read-only policies listed, want the file's 2", readOnly)
	}

	if status, _, _ := a.do("DELETE", "/api/v1/budgets/"+id, adminToken, ""); status != http.StatusNoContent {
		t.Fatalf("delete: %d", status)
	}
	if status, body, _ := a.do("GET", "/api/v1/budgets/"+id, readToken, ""); status != http.StatusNotFound {
		t.Errorf("get after delete: %d %v", status, body)
	}
	if status, _, _ := a.do("DELETE", "/api/v1/budgets/"+id, adminToken, ""); status != http.StatusNotFound {
		t.Errorf("second delete: %d", status)
	}

	// Every change is recorded with who and when, newest first.
	status, hist, _ := a.do("GET", "/api/v1/budgets/"+id+"/history", readToken, "")
	changes, _ := hist["changes"].([]any)
	if status != http.StatusOK || len(changes) != 3 {
		t.Fatalf("history: %d %v", status, hist)
	}
	for i, want := range []string{"delete", "update", "create"} {
		c := changes[i].(map[string]any)
		if c["action"] != want || c["actor"] != api.TokenFingerprint(adminToken) || c["changed_at"] == "" {
			t.Errorf("change %d = %v", i, c)
		}
	}
	if after := changes[1].(map[string]any)["after"].(map[string]any); after["max_monthly_cost"] != "3000.5" {
		t.Errorf("update's after = %v", after)
	}
	if strings.Contains(mustJSON(t, hist), adminToken) {
		t.Error("the history holds the API token")
	}
}

func TestBudgetAPIErrors(t *testing.T) {
	a := newBudgetAPI(t)
	status, created, _ := a.do("POST", "/api/v1/budgets", adminToken, webProd)
	if status != http.StatusCreated {
		t.Fatalf("create: %d %v", status, created)
	}
	id := created["id"].(string)

	tests := []struct {
		name, method, path, body string
		status                   int
		code, field              string
	}{
		{"negative amount", "POST", "/api/v1/budgets", `{"organization":"acme","workspace_name":"api","max_monthly_cost":"-1"}`, 400, "invalid_budget", "max_monthly_cost"},
		{"warn above max", "POST", "/api/v1/budgets", `{"organization":"acme","workspace_name":"api","max_monthly_cost":"1","warn_monthly_cost":"2"}`, 400, "invalid_budget", "warn_monthly_cost"},
		{"no organization", "POST", "/api/v1/budgets", `{"max_monthly_cost":"1"}`, 400, "invalid_budget", "organization"},
		{"unknown field", "POST", "/api/v1/budgets", `{"organization":"acme","max_monthly_cots":"1"}`, 400, "invalid_budget", "max_monthly_cots"},
		{"bad glob", "POST", "/api/v1/budgets", `{"organization":"acme","workspace_pattern":"web-["}`, 400, "invalid_budget", "workspace_pattern"},
		{"not JSON", "POST", "/api/v1/budgets", `{"organization":`, 400, "invalid_json", ""},
		{"scope taken", "POST", "/api/v1/budgets", webProd, 409, "scope_taken", ""},
		{"scope held by the file", "POST", "/api/v1/budgets", `{"organization":"acme","workspace_pattern":"data-*"}`, 409, "scope_in_file", ""},
		{"update unknown", "PUT", "/api/v1/budgets/00000000-0000-4000-8000-000000000000", webProd, 404, "not_found", ""},
		{"update invalid", "PUT", "/api/v1/budgets/" + id, `{"organization":"acme","on_error":"shrug"}`, 400, "invalid_budget", "on_error"},
		{"update file policy", "PUT", "/api/v1/budgets/file:acme", `{"organization":"acme"}`, 409, "read_only", ""},
		{"delete file policy", "DELETE", "/api/v1/budgets/" + url.PathEscape("file:acme:pattern:data-*"), "", 409, "read_only", ""},
		{"get unknown", "GET", "/api/v1/budgets/nope", "", 404, "not_found", ""},
		{"history unknown", "GET", "/api/v1/budgets/nope/history", "", 404, "not_found", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body, _ := a.do(tt.method, tt.path, adminToken, tt.body)
			code, field := errorCode(body)
			if status != tt.status || code != tt.code || field != tt.field {
				t.Errorf("%d %s field %q, want %d %s field %q (%v)", status, code, field, tt.status, tt.code, tt.field, body)
			}
		})
	}

	// A body with several bad fields names them all.
	_, body, _ := a.do("POST", "/api/v1/budgets", adminToken, `{"organization":"acme","max_monthly_cost":"x","on_error":"y"}`)
	details, _ := body["error"].(map[string]any)["details"].([]any)
	if len(details) != 2 {
		t.Errorf("details = %v", details)
	}
}

func TestBudgetAPIFilePolicies(t *testing.T) {
	a := newBudgetAPI(t)
	for _, path := range []string{
		"/api/v1/budgets/file:acme",
		"/api/v1/budgets/" + url.PathEscape("file:acme:pattern:data-*"),
		"/api/v1/budgets/file%3Aacme%3Apattern%3Adata-%2A",
	} {
		status, got, _ := a.do("GET", path, readToken, "")
		if status != http.StatusOK || got["read_only"] != true || got["source"] != "file" {
			t.Errorf("GET %s: %d %v", path, status, got)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
