package budget

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// contractExample is the policy of DESIGN.md, verbatim.
const contractExample = `{
  "id": "generated",
  "organization": "acme",
  "workspace_id": null, "workspace_name": "web-prod", "workspace_pattern": null,
  "max_monthly_cost": "2500", "max_monthly_increase": "100", "max_increase_percent": "10",
  "warn_monthly_cost": "2000", "warn_monthly_increase": "50", "warn_increase_percent": "5",
  "organization_monthly_budget": null,
  "fail_on_unpriced": false, "on_error": "fail"
}`

func TestDecodeJSONContractExample(t *testing.T) {
	p, err := DecodeJSON([]byte(contractExample))
	if err != nil {
		t.Fatalf("DecodeJSON: %v", err)
	}
	want := Policy{
		ID: "generated", Organization: "acme", WorkspaceName: str("web-prod"),
		MaxMonthlyCost: dec("2500"), MaxMonthlyIncrease: dec("100"), MaxIncreasePercent: dec("10"),
		WarnMonthlyCost: dec("2000"), WarnMonthlyIncrease: dec("50"), WarnIncreasePercent: dec("5"),
		OnError: "fail",
	}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("decoded %+v\nwant    %+v", p, want)
	}
	if err := Validate(p, ValidateOptions{}); err != nil {
		t.Errorf("contract example does not validate: %v", err)
	}

	// Marshalling keeps every contract field name and decimal strings.
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(out, &fields); err != nil {
		t.Fatal(err)
	}
	var example map[string]any
	if err := json.Unmarshal([]byte(contractExample), &example); err != nil {
		t.Fatal(err)
	}
	for name, v := range example {
		if !reflect.DeepEqual(fields[name], v) {
			t.Errorf("field %s = %#v after round trip, want %#v", name, fields[name], v)
		}
	}
	var back Policy
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatalf("decoding own output: %v", err)
	}
	if !reflect.DeepEqual(back, p) {
		t.Errorf("round trip changed the policy: %+v", back)
	}
}

func TestDecodeJSONFieldErrors(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		field string
		msg   string
	}{
		{"unknown field", `{"organization":"acme","max_monthly_cots":"1"}`, "max_monthly_cots", "unknown field"},
		{"amount not a number", `{"organization":"acme","max_monthly_cost":"lots"}`, "max_monthly_cost", "decimal amount"},
		{"amount empty", `{"organization":"acme","max_monthly_cost":""}`, "max_monthly_cost", "decimal amount"},
		{"amount bool", `{"organization":"acme","max_monthly_cost":true}`, "max_monthly_cost", "decimal amount"},
		{"amount exponent", `{"organization":"acme","max_monthly_cost":"1e-2000000000"}`, "max_monthly_cost", "decimal amount"},
		{"amount huge", `{"organization":"acme","max_monthly_cost":"10000000000000000"}`, "max_monthly_cost", "less than"},
		{"amount too precise", `{"organization":"acme","max_monthly_cost":"1.00000000001"}`, "max_monthly_cost", "decimal places"},
		{"workspace not string", `{"organization":"acme","workspace_name":12}`, "workspace_name", "string or null"},
		{"bool not bool", `{"organization":"acme","fail_on_unpriced":"yes"}`, "fail_on_unpriced", "true or false"},
		{"organization object", `{"organization":{}}`, "organization", "string"},
		{"on_error number", `{"organization":"acme","on_error":1}`, "on_error", "fail"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeJSON([]byte(tt.body))
			v, ok := AsValidationError(err)
			if !ok {
				t.Fatalf("error %v is not a validation error", err)
			}
			if len(v.Fields) != 1 || v.Fields[0].Field != tt.field || !strings.Contains(v.Fields[0].Message, tt.msg) {
				t.Errorf("fields = %+v, want one on %s containing %q", v.Fields, tt.field, tt.msg)
			}
		})
	}
}

func TestDecodeJSONAcceptsNumbersAndIgnoresOutputFields(t *testing.T) {
	p, err := DecodeJSON([]byte(`{"organization":"acme","max_monthly_cost":2500.5,"created_at":"2026-01-01T00:00:00Z","read_only":true}`))
	if err != nil {
		t.Fatal(err)
	}
	if !p.MaxMonthlyCost.Equal(decv("2500.5")) {
		t.Errorf("max_monthly_cost = %s", p.MaxMonthlyCost)
	}
}

func TestDecodeJSONNotAnObject(t *testing.T) {
	for _, body := range []string{``, `null`, `[]`, `"x"`, `{"organization":"a"} {}`} {
		if _, err := DecodeJSON([]byte(body)); err == nil {
			t.Errorf("DecodeJSON(%q) accepted", body)
		}
	}
}

func TestPolicyYAML(t *testing.T) {
	const doc = `
organization: acme
workspace_pattern: "web-*"
max_monthly_cost: 2500
warn_monthly_cost: "2000.50"
fail_on_unpriced: true
on_error: pass
`
	var p Policy
	if err := yaml.Unmarshal([]byte(doc), &p); err != nil {
		t.Fatal(err)
	}
	want := Policy{Organization: "acme", WorkspacePattern: str("web-*"), MaxMonthlyCost: dec("2500"),
		WarnMonthlyCost: dec("2000.50"), FailOnUnpriced: true, OnError: "pass"}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("got %+v\nwant %+v", p, want)
	}

	var bad Policy
	err := yaml.Unmarshal([]byte("organization: acme\nmax_monthly_cost: [1]\n"), &bad)
	if err == nil || !strings.Contains(err.Error(), "max_monthly_cost") {
		t.Errorf("list amount: err = %v", err)
	}
}

func TestParseJSONReportsEveryField(t *testing.T) {
	_, err := ParseJSON([]byte(`{"organization":"acme","workspace_name":"w","max_monthly_cost":"x","warn_monthly_increase":"-1","on_error":"y","organization_monthly_budget":"5"}`), ValidateOptions{})
	v, ok := AsValidationError(err)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	var fields []string
	for _, f := range v.Fields {
		fields = append(fields, f.Field)
	}
	want := "max_monthly_cost,warn_monthly_increase,organization_monthly_budget,on_error"
	if strings.Join(fields, ",") != want {
		t.Errorf("fields = %v, want %s", fields, want)
	}
	if _, err := ParseJSON([]byte(contractExample), ValidateOptions{}); err != nil {
		t.Errorf("contract example: %v", err)
	}
	if _, err := ParseJSON([]byte(`[]`), ValidateOptions{}); err == nil {
		t.Error("array accepted")
	}
}
