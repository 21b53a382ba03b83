package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/costgate/costgate/budget"
	"github.com/costgate/costgate/internal/faketfc"
	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/gcpcalculator"
	"github.com/costgate/costgate/store"
	"github.com/shopspring/decimal"
)

// loadRealGooglePrices loads the Compute Engine rows of a real pricing
// excerpt (Cyclenerd/google-cloud-pricing-cost-calculator@fd66b26ff84f,
// Apache-2.0, generated 2026-07-30) through the real importer and loader.
// n1-standard-1 in us-central1 is $0.04749975/h there: $34.6748175 a month.
func loadRealGooglePrices(t *testing.T, h *harness) {
	t.Helper()
	const input = "../../pricing/importer/gcpcalculator/testdata/excerpt-2026-07-30.yml"
	f, err := os.Open(input)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []pricing.Price
	err = gcpcalculator.Importer{}.Import(context.Background(), input, f,
		pricing.Filter{Services: []string{"Compute Engine"}, Regions: []string{"us-central1"}},
		func(p pricing.Price) error { rows = append(rows, p); return nil })
	if err != nil {
		t.Fatal(err)
	}
	pricing.SortPrices(rows)
	var data bytes.Buffer
	w, err := pricing.NewDataFileWriter(&data)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rows {
		if err := w.Write(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	sidecar, err := json.Marshal(pricing.Source{
		Name: "google-calculator-excerpt-2026-07", Origin: "Cyclenerd/google-cloud-pricing-cost-calculator@fd66b26ff84f:pricing.yml (excerpt)",
		Licence: "Apache-2.0", PriceDate: time.Date(2026, 7, 30, 0, 0, 0, 0, time.UTC), Rows: len(rows),
	})
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"google-calculator-excerpt-2026-07.csv.gz": {Data: data.Bytes()},
		"google-calculator-excerpt-2026-07.json":   {Data: sidecar},
	}
	if _, err := pricing.Load(context.Background(), h.pool, fsys); err != nil {
		t.Fatal(err)
	}
}

// n1Monthly is one n1-standard-1 in us-central1 for 730 hours, from the row above.
var n1Monthly = decimal.RequireFromString("0.04749975").Mul(decimal.NewFromInt(730))

// vmPlan is a Terraform plan (format 1.2) changing google_compute_instance
// VMs of type n1-standard-1 in us-central1-a from `before` to `after` VMs.
func vmPlan(t *testing.T, before, after int) []byte {
	t.Helper()
	vm := func(i int) map[string]any {
		return map[string]any{
			"name": fmt.Sprintf("vm-%d", i), "machine_type": "n1-standard-1", "zone": "us-central1-a",
			"boot_disk": []any{map[string]any{"source": fmt.Sprintf("projects/p/zones/us-central1-a/disks/vm-%d", i), "initialize_params": []any{}}},
		}
	}
	var changes []any
	for i := range max(before, after) {
		var b, a any
		actions := []string{"no-op"}
		switch {
		case i >= before:
			a, actions = vm(i), []string{"create"}
		case i >= after:
			b, actions = vm(i), []string{"delete"}
		default:
			b, a = vm(i), vm(i)
		}
		changes = append(changes, map[string]any{
			"address": fmt.Sprintf("google_compute_instance.vm[%d]", i), "mode": "managed", "type": "google_compute_instance",
			"name": "vm", "index": i, "provider_name": "registry.terraform.io/hashicorp/google",
			"change": map[string]any{"actions": actions, "before": b, "after": a, "after_unknown": map[string]any{}},
		})
	}
	plan, err := json.Marshal(map[string]any{
		"format_version": "1.2", "terraform_version": "1.9.5",
		"planned_values":   map[string]any{"root_module": map[string]any{}},
		"resource_changes": changes,
		"configuration":    map[string]any{"root_module": map[string]any{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// inWorkspace sets the run's workspace in the request.
func inWorkspace(id, name string, speculative bool) func(p payload) {
	return func(p payload) {
		p["workspace_id"], p["workspace_name"], p["is_speculative"] = id, name, speculative
	}
}

// TestBudgetDecisions: runs priced with real prices are judged against the
// budgets file's policies and the policies stored through the API, and TFC
// receives the verdict with the reason in the message.
func TestBudgetDecisions(t *testing.T) {
	file, err := budget.ParseFile([]byte(`
policies:
  - organization: acme
    workspace_name: web-over
    max_monthly_cost: "100"
  - organization: acme
    workspace_name: web-under
    max_monthly_cost: "150"
  - organization: acme
    workspace_pattern: "web-warn*"
    max_monthly_cost: "150"
    warn_monthly_cost: "100"
`))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, options{budgets: file})
	loadRealGooglePrices(t, h)
	threeVMs := vmPlan(t, 0, 3) // $0.00 → 3 × $34.6748175 = $104.0244525

	tests := []struct {
		id, workspace string
		speculative   bool
		wantStatus    string
		wantFirstLine string
	}{
		{"over", "web-over", false, "failed",
			"Monthly cost +$104.02: $0.00 → $104.02 — over the web-over budget of $100.00 by $4.02."},
		{"under", "web-under", false, "passed",
			"Monthly cost +$104.02: $0.00 → $104.02 — within the web-under budget."},
		{"warn", "web-warn-pr", true, "passed",
			"Preview: monthly cost +$104.02: $0.00 → $104.02 — passes with a warning: above the web-warn* warning level of $100.00 by $4.02."},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			h.startRun(tt.id, threeVMs, inWorkspace("ws-"+tt.id, tt.workspace, tt.speculative))
			final := h.tfc.waitFinal(tt.id, 20*time.Second)
			first, _, _ := strings.Cut(final.Message, "\n")
			if final.Status != tt.wantStatus || first != tt.wantFirstLine {
				t.Fatalf("final = %s %q\nwant    %s %q", final.Status, final.Message, tt.wantStatus, tt.wantFirstLine)
			}
			if len(final.Outcomes) < 3 {
				t.Errorf("%d outcomes, want the summary, the rules and the changes", len(final.Outcomes))
			}
			r := h.waitState(tt.id, store.StateDelivered, 5*time.Second)
			est, err := store.GetEstimate(context.Background(), h.pool, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if est.Decision != tt.wantStatus || !est.ProposedMonthlyCost.Equal(n1Monthly.Mul(decimal.NewFromInt(3))) {
				t.Errorf("stored estimate: %s %s", est.Decision, est.ProposedMonthlyCost)
			}
			if tt.wantStatus == "failed" && !strings.Contains(string(est.Reasons), "max_monthly_cost") {
				t.Errorf("stored reasons %s do not name the rule", est.Reasons)
			}
		})
	}
}

// TestOrganizationBudgetCrossedBySecondWorkspace: workspace A's current cost
// (its latest run's prior cost) plus workspace B's proposed cost crosses the
// organization's ceiling, so B's run fails though B alone is well under it.
func TestOrganizationBudgetCrossedBySecondWorkspace(t *testing.T) {
	h := newHarness(t, options{})
	loadRealGooglePrices(t, h)
	// The organization default, stored through the API's store (who: an admin token's fingerprint).
	if _, err := store.CreateBudgetPolicy(context.Background(), h.pool,
		budget.Policy{Organization: "acme", OrganizationMonthlyBudget: dec("200")}, "token:0123456789ab"); err != nil {
		t.Fatal(err)
	}

	// A: three VMs exist and stay ($104.02 now); within the ceiling.
	h.startRun("orga", vmPlan(t, 3, 3), inWorkspace("ws-a", "app-a", false))
	a := h.tfc.waitFinal("orga", 20*time.Second)
	if a.Status != "passed" {
		t.Fatalf("workspace A: %s %q", a.Status, a.Message)
	}
	h.waitState("orga", store.StateDelivered, 5*time.Second)

	// B: three new VMs ($104.02) would take acme to $208.05 > $200.
	h.startRun("orgb", vmPlan(t, 0, 3), inWorkspace("ws-b", "app-b", false))
	b := h.tfc.waitFinal("orgb", 20*time.Second)
	want := "Monthly cost +$104.02: $0.00 → $104.02 — organization acme would total $208.05 a month, over its budget of $200.00 by $8.05."
	if first, _, _ := strings.Cut(b.Message, "\n"); b.Status != "failed" || first != want {
		t.Fatalf("workspace B: %s %q\nwant failed %q", b.Status, b.Message, want)
	}

	// With the ceiling lowered below what exists, a run that lowers cost
	// still passes (with a warning): an organization over budget must not
	// block the fix.
	stored, err := store.BudgetPoliciesOf(context.Background(), h.pool, "acme")
	if err != nil || len(stored) != 1 {
		t.Fatalf("stored policies: %v %v", stored, err)
	}
	lower := stored[0]
	lower.OrganizationMonthlyBudget = dec("50")
	if _, err := store.UpdateBudgetPolicy(context.Background(), h.pool, lower.ID, lower, "token:0123456789ab"); err != nil {
		t.Fatal(err)
	}
	h.startRun("orga2", vmPlan(t, 3, 2), inWorkspace("ws-a", "app-a", false))
	a2 := h.tfc.waitFinal("orga2", 20*time.Second)
	want = "Monthly cost -$34.67 (-33.3%): $104.02 → $69.35 — passes with a warning: organization acme totals $69.35 a month, over its budget of $50.00 by $19.35, but this run does not increase cost."
	if first, _, _ := strings.Cut(a2.Message, "\n"); a2.Status != "passed" || first != want {
		t.Fatalf("workspace A shrinking: %s %q\nwant passed %q", a2.Status, a2.Message, want)
	}
}

func dec(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

// TestOnErrorFromPolicy: a run that cannot be priced follows the on_error
// of the policy that applies to its workspace; without one, it fails.
func TestOnErrorFromPolicy(t *testing.T) {
	file, err := budget.ParseFile([]byte(`
policies:
  - organization: acme
    workspace_name: web-flaky
    on_error: pass
`))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, options{budgets: file})
	tests := []struct {
		id, workspace string
		wantStatus    string
	}{
		{"flaky", "web-flaky", "passed"},
		{"strict", "web-strict", "failed"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			token := "atlasv1-" + tt.id + "-Xy12AbCdEfGhIjklmnopqrstuvwx"
			h.tfc.addRun(tt.id, token, vmPlan(t, 0, 1), faketfc.RunOptions{PlanStatus: 404})
			p := h.payload(tt.id, token)
			inWorkspace("ws-"+tt.id, tt.workspace, false)(p)
			if resp, b := h.post(p.bytes(t), "sign"); resp.StatusCode != 200 {
				t.Fatalf("POST: %d %s", resp.StatusCode, b)
			}
			final := h.tfc.waitFinal(tt.id, 20*time.Second)
			if final.Status != tt.wantStatus || !strings.Contains(final.Message, "404") {
				t.Fatalf("final = %s %q, want %s saying why", final.Status, final.Message, tt.wantStatus)
			}
		})
	}
}
