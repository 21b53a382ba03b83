package estimator

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/costgate/costgate/internal/plangen"
	"github.com/costgate/costgate/pricing"
	tfjson "github.com/hashicorp/terraform-json"
)

// TestDecodePlanForEstimateAgrees feeds both decoders the same inputs: they
// accept and reject the same ones, with the same kind of error.
func TestDecodePlanForEstimateAgrees(t *testing.T) {
	wrapped, err := os.ReadFile(wrapperPlan)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, input, wantErr string }{
		{"plain", tinyPlan, ""},
		{"setup-terraform wrapper (corpus)", string(wrapped), ""},
		{"wrapper line and trailer", "[command]/usr/bin/terraform show -json tfplan\n" + tinyPlan + "%0A\n::debug::exitcode: 0\n", ""},
		{"byte order mark and blank lines", "\xEF\xBB\xBF\n\n" + tinyPlan + "\n\n", ""},
		{"no changes", `{"format_version":"1.2","planned_values":{"root_module":{}}}`, ""},
		{"empty changes", `{"format_version":"1.2","resource_changes":[]}`, ""},
		{"null change element", `{"format_version":"1.2","resource_changes":[null]}`, ""},
		{"keys in another case", `{"Format_Version":"1.2","RESOURCE_CHANGES":[]}`, ""},
		{"escaped key", `{"format_version":"1.2","resource\u005fchanges":[]}`, ""},
		{"duplicate key: last wins", `{"format_version":"1.2","resource_changes":[{"address":"a"}],"resource_changes":[]}`, ""},
		{"unknown fields", `{"format_version":"1.2","x":{"y":[1,-2.5e+3,true,false,null,"\u00e9\n"]},"resource_changes":[]}`, ""},
		{"empty", "", "empty input"},
		{"blank", " \n\t\n", "empty input"},
		{"state file", `{"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":{}}}`, "a state file?"},
		{"other JSON object", `{"hello":"world"}`, "format version is missing"},
		{"JSON array", `[1,2]`, "JSON array"},
		{"text", "Error: No configuration files\n", "does not start with a JSON object"},
		{"truncated", tinyPlan[:120], "ends early"},
		{"truncated in a skipped value", `{"format_version":"1.2","planned_values":{"root_module":{"a":[1,`, "ends early"},
		{"syntax error", `{"format_version":"1.2",,}`, "invalid JSON at byte"},
		{"syntax error in a skipped value", `{"format_version":"1.2","prior_state":{"a":tru}}`, "invalid JSON at byte"},
		{"bad number in a skipped value", `{"format_version":"1.2","planned_values":{"a":01}}`, "invalid JSON at byte"},
		{"control character in a string", "{\"format_version\":\"1.2\",\"checks\":\"a\x01\"}", "invalid JSON at byte"},
		{"bad escape in a string", `{"format_version":"1.2","checks":"\x"}`, "invalid JSON at byte"},
		{"syntax error after a type error", `{"format_version":"1.2","resource_changes":{},"x":[}`, "invalid JSON at byte"},
		{"wrong type", `{"format_version":"1.2","resource_changes":{}}`, `field "resource_changes`},
		{"wrong type in a change", `{"format_version":"1.2","resource_changes":[{"address":5}]}`, `field "resource_changes`},
		{"wrong type of planned_values", `{"format_version":"1.2","planned_values":"x"}`, `field "planned_values`},
		{"wrong type of configuration", `{"format_version":"1.2","resource_changes":[],"configuration":[]}`, `field "configuration`},
		{"unsupported version", `{"format_version":"2.0","planned_values":{}}`, "unsupported plan format version"},
		{"two documents", tinyPlan + tinyPlan, "unexpected content after the plan JSON"},
		{"trailing text", tinyPlan + "\nError: boom\n", "unexpected content after the plan JSON"},
		{"bad escape in trailer", tinyPlan + "%0B", "unexpected content after the plan JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			full, fullErr := DecodePlan(strings.NewReader(tt.input))
			lean, leanErr := DecodePlanForEstimate(strings.NewReader(tt.input))
			for name, err := range map[string]error{"DecodePlan": fullErr, "DecodePlanForEstimate": leanErr} {
				switch {
				case tt.wantErr == "" && err != nil:
					t.Errorf("%s: %v", name, err)
				case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
					t.Errorf("%s: err = %v, want it to contain %q", name, err, tt.wantErr)
				}
			}
			if fullErr == nil && leanErr == nil && len(full.ResourceChanges) != len(lean.ResourceChanges) {
				t.Errorf("%d resource changes, DecodePlan has %d", len(lean.ResourceChanges), len(full.ResourceChanges))
			}
		})
	}
}

func TestDecodePlanForEstimateKeepsValuesExact(t *testing.T) {
	plan, err := DecodePlanForEstimate(iotest.OneByteReader(strings.NewReader(tinyPlan)))
	if err != nil {
		t.Fatal(err)
	}
	rc := plan.ResourceChanges[0]
	if rc.Change.Before != nil {
		t.Errorf("before = %#v, want nil for null", rc.Change.Before)
	}
	after, ok := decodedValue(rc.Change.After).(map[string]any)
	if !ok {
		t.Fatalf("after decodes to %T", decodedValue(rc.Change.After))
	}
	if n, ok := after["cpu_core_count"].(json.Number); !ok || n.String() != "2.50" {
		t.Errorf("cpu_core_count = %#v, want json.Number 2.50", after["cpu_core_count"])
	}
}

// TestDecodePlanForEstimateSameEstimates prices every corpus plan and a
// generated plan with both decoders: the estimates are identical.
func TestDecodePlanForEstimateSameEstimates(t *testing.T) {
	cat, err := embeddedCatalog()
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[string][]byte{}
	for _, rel := range corpusPlans(t) {
		b, err := os.ReadFile("testdata/corpus/" + rel)
		if err != nil {
			t.Fatal(err)
		}
		inputs[rel] = b
	}
	gen, err := plangen.Generate(plangen.Options{Resources: 1500, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	inputs["plangen 1500"] = gen
	for name, b := range inputs {
		t.Run(name, func(t *testing.T) {
			full, fullErr := estimateBytes(DecodePlan, b, cat)
			lean, leanErr := estimateBytes(DecodePlanForEstimate, b, cat)
			if (fullErr == nil) != (leanErr == nil) {
				t.Fatalf("DecodePlan path: %v; lean path: %v", fullErr, leanErr)
			}
			if !bytes.Equal(full, lean) {
				t.Errorf("estimates differ:\nDecodePlan:            %.600s\nDecodePlanForEstimate: %.600s", full, lean)
			}
		})
	}
}

func estimateBytes(decode func(r io.Reader) (*tfjson.Plan, error), b []byte, cat pricing.Catalog) ([]byte, error) {
	plan, err := decode(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	est, err := EstimatePlan(context.Background(), plan, cat, Options{})
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	err = RenderJSON(&out, est)
	return out.Bytes(), err
}

// FuzzDecodePlanForEstimate checks that whatever DecodePlan accepts the
// lean decoder accepts with the same estimate, and that whatever the lean
// decoder rejects DecodePlan rejects too. (The lean decoder may accept a plan
// whose unread parts hold values of the wrong type.)
func FuzzDecodePlanForEstimate(f *testing.F) {
	wrapped, err := os.ReadFile(wrapperPlan)
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{tinyPlan, string(wrapped), "", "{", "[command]\n{}", `{"format_version":"1.0"}`,
		`{"format_version":"1.2","resource_changes":[null,{"change":{"before":{"a":1},"after":{"a":1}}}]}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		full, fullErr := estimateBytes(DecodePlan, b, notFoundCatalog{})
		lean, leanErr := estimateBytes(DecodePlanForEstimate, b, notFoundCatalog{})
		switch {
		case fullErr == nil && leanErr != nil:
			t.Fatalf("DecodePlan path accepts; lean path: %v", leanErr)
		case fullErr == nil && !bytes.Equal(full, lean):
			t.Fatalf("estimates differ:\n%s\n%s", full, lean)
		}
	})
}
