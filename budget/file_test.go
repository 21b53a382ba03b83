package budget

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const exampleFile = `# Budgets kept in git.
default:
  on_error: fail
  max_increase_percent: "50"

policies:
  - organization: acme
    organization_monthly_budget: "50000"
    warn_increase_percent: 10
  - organization: acme
    workspace_name: web-prod
    max_monthly_cost: "2500"
    warn_monthly_cost: "2000"
    fail_on_unpriced: true
  - organization: acme
    workspace_pattern: "data-*"
    max_monthly_increase: 500
    on_error: pass
  - organization: acme
    workspace_id: ws-ck4G5bb1Yei5szRh
    max_monthly_cost: null
`

func TestParseFile(t *testing.T) {
	f, err := ParseFile([]byte(exampleFile))
	if err != nil {
		t.Fatalf("ParseFile: %v", err)
	}
	if f.Default == nil || f.Default.ID != "file:default" || !f.Default.MaxIncreasePercent.Equal(decv("50")) {
		t.Fatalf("default = %+v", f.Default)
	}
	wantIDs := []string{"file:acme", "file:acme:name:web-prod", "file:acme:pattern:data-*", "file:acme:id:ws-ck4G5bb1Yei5szRh"}
	if len(f.Policies) != len(wantIDs) {
		t.Fatalf("%d policies, want %d", len(f.Policies), len(wantIDs))
	}
	for i, p := range f.Policies {
		if p.ID != wantIDs[i] {
			t.Errorf("policy %d id = %q, want %q", i, p.ID, wantIDs[i])
		}
		if p.Source != SourceFile {
			t.Errorf("policy %d source = %q", i, p.Source)
		}
		if p.OnError == "" {
			t.Errorf("policy %d on_error not normalized", i)
		}
	}
	if !f.Policies[0].WarnIncreasePercent.Equal(decv("10")) || !f.Policies[1].FailOnUnpriced || f.Policies[2].OnError != "pass" {
		t.Errorf("fields not read: %+v", f.Policies)
	}
	if got := len(f.All()); got != 5 {
		t.Errorf("All() has %d policies", got)
	}

	// Parsing twice gives the same ids: they are derived, not generated.
	again, _ := ParseFile([]byte(exampleFile))
	for i := range again.Policies {
		if again.Policies[i].ID != f.Policies[i].ID {
			t.Errorf("id %d not stable", i)
		}
	}
}

func TestParseFileErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string // substrings of the error
	}{
		{"not yaml", "policies: [", []string{"not valid YAML"}},
		{"top level list", "- organization: acme\n", []string{"want a mapping"}},
		{"unknown top-level key", "budgets: []\n", []string{`unknown key "budgets"`}},
		{"policies not a list", "policies: {organization: acme}\n", []string{"want a list"}},
		{"missing organization", "policies:\n  - workspace_name: web\n", []string{"policies[0] (line 2)", "organization: is required"}},
		{"negative amount", "policies:\n  - organization: acme\n  - organization: acme\n    workspace_name: w\n    max_monthly_cost: -5\n", []string{"policies[1] (line 3)", "max_monthly_cost: must not be negative"}},
		{"typo in field", "policies:\n  - organization: acme\n    max_monthly_cots: 5\n", []string{"max_monthly_cots: unknown field"}},
		{"id given", "policies:\n  - organization: acme\n    id: mine\n", []string{"id: is derived"}},
		{"duplicate scope", "policies:\n  - organization: acme\n    workspace_name: web\n  - organization: acme\n    workspace_name: web\n", []string{"policies[1] (line 4): same scope as policies[0] (line 2)"}},
		{"duplicate field", "policies:\n  - organization: acme\n    organization: other\n", []string{`field "organization" appears twice`}},
		{"default with scope", "default:\n  organization: acme\n", []string{"global default has no organization"}},
		{"org budget on default", "default:\n  organization_monthly_budget: 5\n", []string{"organization_monthly_budget: may only be set"}},
		{"several errors at once", "policies:\n  - organization: acme\n    on_error: maybe\n  - workspace_id: ws-1\n", []string{"on_error", "policies[1]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFile([]byte(tt.doc))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestParseFileEmpty(t *testing.T) {
	for _, doc := range []string{"", "# nothing yet\n", "policies:\n", "---\n"} {
		f, err := ParseFile([]byte(doc))
		if err != nil || f.Default != nil || len(f.Policies) != 0 {
			t.Errorf("ParseFile(%q) = %+v, %v", doc, f, err)
		}
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "budgets.yaml")
	if err := os.WriteFile(path, []byte(exampleFile), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := LoadFile(path)
	if err != nil || len(f.Policies) != 4 {
		t.Fatalf("LoadFile = %d policies, %v", len(f.Policies), err)
	}
	if _, err := LoadFile(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("missing file accepted")
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("policies:\n  - organization: \"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadFile(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("error does not name the file: %v", err)
	}
}
