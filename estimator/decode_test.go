package estimator

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"testing/iotest"
)

const wrapperPlan = "testdata/corpus/infracost/cmd/infracost/testdata/plan_with_terraform_wrapper.json"

const tinyPlan = `{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{}},` +
	`"resource_changes":[{"address":"aws_instance.a","mode":"managed","type":"aws_instance","name":"a",` +
	`"provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,` +
	`"after":{"instance_type":"t3.micro","cpu_core_count":2.50}}}]}`

func TestDecodePlanAccepts(t *testing.T) {
	wrapped, err := os.ReadFile(wrapperPlan)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		input   string
		changes int
	}{
		{"plain", tinyPlan, 1},
		{"setup-terraform wrapper (corpus)", string(wrapped), 2},
		{"wrapper line and trailer", "[command]/usr/bin/terraform show -json tfplan\n" + tinyPlan + "%0A\n::debug::exitcode: 0\n", 1},
		{"byte order mark and blank lines", "\xEF\xBB\xBF\n\n" + tinyPlan + "\n\n", 1},
		{"crlf", "[command]terraform show -json p\r\n" + tinyPlan + "\r\n", 1},
		{"no changes", `{"format_version":"1.2","planned_values":{"root_module":{}}}`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := DecodePlan(strings.NewReader(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if len(plan.ResourceChanges) != tt.changes {
				t.Errorf("%d resource changes, want %d", len(plan.ResourceChanges), tt.changes)
			}
		})
	}
	t.Run("numbers stay exact", func(t *testing.T) {
		plan, err := DecodePlan(strings.NewReader(tinyPlan))
		if err != nil {
			t.Fatal(err)
		}
		after := plan.ResourceChanges[0].Change.After.(map[string]any)
		if n, ok := after["cpu_core_count"].(json.Number); !ok || n.String() != "2.50" {
			t.Errorf("cpu_core_count = %#v, want json.Number 2.50", after["cpu_core_count"])
		}
	})
	t.Run("one byte at a time", func(t *testing.T) {
		if _, err := DecodePlan(iotest.OneByteReader(bytes.NewReader(wrapped))); err != nil {
			t.Fatal(err)
		}
	})
}

func TestDecodePlanRejects(t *testing.T) {
	tests := []struct{ name, input, want string }{
		{"empty", "", "empty input"},
		{"blank", " \n\t\n", "empty input"},
		{"only wrapper lines", "[command]terraform show -json\n::debug::x\n", "empty input"},
		{"state file", `{"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":{}}}`, "a state file?"},
		{"other JSON object", `{"hello":"world"}`, "not a Terraform plan: unexpected plan input, format version is missing"},
		{"JSON array", `[1,2]`, "JSON array"},
		{"text", "Error: No configuration files\n", "does not start with a JSON object"},
		{"truncated", tinyPlan[:120], "ends early"},
		{"syntax error", `{"format_version":"1.2",,}`, "invalid JSON at byte"},
		{"wrong type", `{"format_version":"1.2","resource_changes":{}}`, `field "resource_changes"`},
		{"unsupported version", `{"format_version":"2.0","planned_values":{}}`, "unsupported plan format version"},
		{"two documents", tinyPlan + tinyPlan, "unexpected content after the plan JSON"},
		{"trailing text", tinyPlan + "\nError: boom\n", "unexpected content after the plan JSON"},
		{"bad escape", tinyPlan + "%0B", "unexpected content after the plan JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := DecodePlan(strings.NewReader(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("plan %v, err = %v, want it to contain %q", plan != nil, err, tt.want)
			}
		})
	}
}

func FuzzDecodePlan(f *testing.F) {
	wrapped, err := os.ReadFile(wrapperPlan)
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{tinyPlan, string(wrapped), "", "{", "[command]\n{}", `{"format_version":"1.0"}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		plan, err := DecodePlan(bytes.NewReader(b))
		if (plan == nil) == (err == nil) {
			t.Fatalf("plan %v with err %v", plan != nil, err)
		}
		if plan != nil {
			// Whatever decodes must estimate without a panic (errors are fine).
			_, _ = EstimatePlan(context.Background(), plan, notFoundCatalog{}, Options{})
		}
	})
}
