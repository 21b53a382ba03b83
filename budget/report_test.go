package budget

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestBuildReportGolden(t *testing.T) {
	speculative := webProd
	speculative.Speculative = true
	tests := []struct {
		name string
		in   Input
	}{
		{"failed", Input{
			Run: webProd,
			Estimate: withUnsupported(withUnpriced(
				estimateOf(t, append(fleet(t, "aws_instance.app", "m5.xlarge", 3),
					change{address: "aws_instance.db", before: "m5.large", after: "r5.2xlarge"},
					change{address: `aws_instance.worker["a|b"]`, after: "c5.large"},
					change{address: "aws_instance.old", before: "t3.medium"},
				)...), "aws_nat_gateway.main", "NAT gateway"), "aws_msk_cluster.events", "aws_msk_cluster"),
			Policies: []Policy{
				{ID: "7c9e6679-7425-40de-944b-e07fc1f90ae7", Organization: "acme", WorkspaceName: str("web-prod"), Source: SourceAPI,
					MaxMonthlyCost: dec("800"), WarnMonthlyCost: dec("600"), MaxIncreasePercent: dec("50"), WarnIncreasePercent: dec("20"), OnError: "fail"},
				{ID: "file:acme", Organization: "acme", Source: SourceFile, OrganizationMonthlyBudget: dec("5000"), OnError: "fail"},
			},
			OrganizationCosts: []WorkspaceCost{{WorkspaceID: "ws-api", WorkspaceName: "api-prod", MonthlyCost: decv("367.92")}},
			RunURL:            "https://costgate.example.com/runs/run-i3Df5to9ELvibKpQ",
		}},
		{"passed-preview", Input{
			Run:      speculative,
			Estimate: fresh(t),
			Policies: []Policy{{ID: "file:default", Source: SourceFile, MaxIncreasePercent: dec("10"), MaxMonthlyIncrease: dec("100"), OnError: "fail"}},
			RunURL:   "https://costgate.example.com/runs/run-2",
		}},
		{"estimation-error", Input{
			Run:           webProd,
			EstimateError: "fetching plan: TFC answered 404 Not Found",
			Policies:      []Policy{{ID: "file:acme", Organization: "acme", Source: SourceFile, OnError: "pass"}},
			RunURL:        "https://costgate.example.com/runs/run-3",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := BuildReport(tt.in, Decide(tt.in))
			checkReportLimits(t, r)
			got, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "report-"+tt.name+".golden.json")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("reading golden file (run with -update to create it): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("report differs from %s (run with -update after checking):\n%s", path, got)
			}
		})
	}
}

func TestBuildReportOutcomes(t *testing.T) {
	in := Input{
		Run:      webProd,
		Estimate: withUnpriced(grow(t), "aws_nat_gateway.main", "NAT gateway"),
		Policies: []Policy{ws(Policy{MaxMonthlyCost: dec("1000"), WarnMonthlyIncrease: dec("1"), MaxIncreasePercent: dec("100")})},
		RunURL:   "https://costgate.example.com/runs/run-1",
	}
	d := Decide(in)
	r := BuildReport(in, d)
	if r.Status != "failed" || r.URL != in.RunURL {
		t.Errorf("status %q url %q", r.Status, r.URL)
	}
	ids := map[string]Outcome{}
	for _, o := range r.Outcomes {
		ids[o.ID] = o
	}
	for _, id := range []string{"cost-summary", "rule-max_monthly_cost", "rule-warn_monthly_increase", "rule-max_increase_percent", "top-changes", "not-priced"} {
		if _, ok := ids[id]; !ok {
			t.Errorf("outcome %s missing; have %v", id, keys(ids))
		}
	}
	// One outcome per rule evaluated, tagged with its result.
	wantStatus := map[string]string{
		"rule-max_monthly_cost":      "Failed",
		"rule-warn_monthly_increase": "Warning",
		"rule-max_increase_percent":  "Passed",
	}
	for id, label := range wantStatus {
		if got := ids[id].Tags["Status"]; len(got) != 1 || got[0].Label != label {
			t.Errorf("%s Status tag = %+v, want %s", id, got, label)
		}
	}
	if got := ids["cost-summary"].Tags["Status"][0]; got.Label != "Failed" || got.Level != LevelError {
		t.Errorf("summary status tag %+v", got)
	}
	// The biggest change comes first in the table.
	body := ids["top-changes"].Body
	if first := strings.Split(body, "\n")[2]; !strings.Contains(first, "aws\\_instance.db") {
		t.Errorf("first row %q is not the largest change", first)
	}
	if !strings.Contains(body, "11 resources have no cost change.") {
		t.Errorf("unchanged resources not counted:\n%s", body)
	}
	if !strings.Contains(ids["not-priced"].Body, "NAT gateway") {
		t.Errorf("unpriced component not listed:\n%s", ids["not-priced"].Body)
	}
}

func TestTopChangesFitsBody(t *testing.T) {
	var changes []change
	types := []string{"t3.micro", "t3.medium", "c5.large", "m5.large", "m5.xlarge", "r5.2xlarge"}
	for i := range 2000 {
		changes = append(changes, change{
			address: fmt.Sprintf(`module.region["us-east-1"].module.fleet.aws_instance.node[%d]`, i),
			before:  types[i%3], after: types[3+i%3],
		})
	}
	e := estimateOf(t, changes...)
	for i := range 300 {
		withUnpriced(e, fmt.Sprintf("aws_nat_gateway.gw[%d]", i), "NAT gateway")
		withUnsupported(e, fmt.Sprintf("aws_unsupported_%d.x", i), fmt.Sprintf("aws_unsupported_%d", i))
	}
	in := Input{Run: webProd, Estimate: e, Policies: []Policy{ws(Policy{MaxMonthlyCost: dec("1")})}}
	r := BuildReport(in, Decide(in))
	checkReportLimits(t, r)
	for _, o := range r.Outcomes {
		switch o.ID {
		case "top-changes":
			if !strings.Contains(o.Body, "more changed resources are not shown.") {
				t.Errorf("no note of left-out rows")
			}
			if !strings.Contains(o.Description, "(of 2000)") {
				t.Errorf("description %q", o.Description)
			}
			rows := strings.Count(o.Body, "\n| ") - 1
			if rows < 50 {
				t.Errorf("only %d rows shown", rows)
			}
		case "not-priced":
			if !strings.Contains(o.Body, "more components not shown.") || !strings.Contains(o.Body, "more types not shown.") {
				t.Errorf("unpriced body does not count its cut rows:\n%s", o.Body[len(o.Body)-300:])
			}
		}
	}
}

var tagKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// checkReportLimits asserts the run task protocol's limits (§6.2).
func checkReportLimits(t *testing.T, r Report) {
	t.Helper()
	if n := utf8.RuneCountInString(r.Message); n == 0 || n > MaxMessage {
		t.Errorf("message has %d characters", n)
	}
	if len(r.Outcomes) == 0 || len(r.Outcomes) > MaxOutcomes {
		t.Errorf("%d outcomes", len(r.Outcomes))
	}
	seen := map[string]bool{}
	for _, o := range r.Outcomes {
		if o.ID == "" || utf8.RuneCountInString(o.ID) > 64 || seen[o.ID] {
			t.Errorf("bad or duplicate outcome id %q", o.ID)
		}
		seen[o.ID] = true
		if n := utf8.RuneCountInString(o.Description); n == 0 || n > MaxDescription || strings.Contains(o.Description, "\n") {
			t.Errorf("%s: description of %d characters", o.ID, n)
		}
		if n := utf8.RuneCountInString(o.Body); n > MaxBody {
			t.Errorf("%s: body of %d characters", o.ID, n)
		}
		if len(o.Tags) > 10 {
			t.Errorf("%s: %d tag keys", o.ID, len(o.Tags))
		}
		for k, labels := range o.Tags {
			if !tagKey.MatchString(k) {
				t.Errorf("%s: tag key %q", o.ID, k)
			}
			for _, l := range labels {
				if n := utf8.RuneCountInString(l.Label); n == 0 || n > MaxLabel {
					t.Errorf("%s: label %q", o.ID, l.Label)
				}
				switch l.Level {
				case LevelNone, LevelInfo, LevelWarning, LevelError:
				default:
					t.Errorf("%s: level %q", o.ID, l.Level)
				}
			}
		}
	}
}

func keys(m map[string]Outcome) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
