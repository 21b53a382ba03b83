package openapitest_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/costgate/costgate/api/openapitest"
)

// The validator must catch responses the document does not describe.
func TestCheckCatchesMismatches(t *testing.T) {
	v := openapitest.NewValidator(t)
	json := http.Header{"Content-Type": {"application/json"}}
	tests := []struct {
		name, path string
		status     int
		header     http.Header
		body       string
		ok         bool
	}{
		{"valid page", "/api/v1/runs", 200, json, `{"runs":[],"next_cursor":null}`, true},
		{"missing field", "/api/v1/runs", 200, json, `{"runs":[]}`, false},
		{"undocumented field", "/api/v1/runs", 200, json, `{"runs":[],"next_cursor":null,"total":3}`, false},
		{"float money", "/api/v1/organizations/acme/summary", 200, json, `{"organization":"acme","current_monthly_cost":12.5,"organization_monthly_budget":null,"budget_policy_id":null,"budget_remaining":null,"budget_state":"none","workspaces":[]}`, false},
		{"valid error", "/api/v1/runs", 400, json, `{"error":{"code":"invalid_parameter","message":"limit: bad","field":"limit"}}`, true},
		{"unknown error code", "/api/v1/runs", 400, json, `{"error":{"code":"oops","message":"x"}}`, false},
		{"undocumented status", "/api/v1/runs", 418, json, `{"error":{"code":"bad_request","message":"x"}}`, false},
		{"undocumented path", "/api/v1/secrets", 200, json, `{}`, false},
		{"unrouted 404 with the error shape", "/api/v1/secrets", 404, json, `{"error":{"code":"not_found","message":"Not Found"}}`, true},
		{"unrouted 404 with another body", "/api/v1/secrets", 404, json, `{"message":"Not Found"}`, false},
		{"CSV history", "/api/v1/workspaces/ws-1/history", 200, http.Header{"Content-Type": {"text/csv; charset=utf-8"}}, "date,runs\n", true},
		{"wrong content type", "/api/v1/workspaces/ws-1/history", 200, http.Header{"Content-Type": {"text/html"}}, "<p>", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, tt.path, nil)
			err := v.Check(req, tt.status, tt.header, []byte(tt.body))
			if (err == nil) != tt.ok {
				t.Errorf("Check = %v, want ok %v", err, tt.ok)
			}
		})
	}
}

func TestEveryOperationIsListed(t *testing.T) {
	v := openapitest.NewValidator(t)
	if n := len(v.Operations()); n != 12 {
		t.Errorf("%d operations: %v", n, v.Operations())
	}
}
