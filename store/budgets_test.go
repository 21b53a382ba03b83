package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/costgate/costgate/budget"
	"github.com/costgate/costgate/internal/dbtest"
	"github.com/costgate/costgate/store"
	"github.com/shopspring/decimal"
)

func amount(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

func text(s string) *string { return &s }

func TestBudgetPolicyLifecycle(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	in := budget.Policy{
		Organization: "acme", WorkspaceName: text("web-prod"),
		MaxMonthlyCost: amount("2500"), MaxMonthlyIncrease: amount("100.50"), WarnIncreasePercent: amount("5"),
		FailOnUnpriced: true,
	}
	created, err := store.CreateBudgetPolicy(ctx, tx, in, "token:3f2a9c1b")
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if len(created.ID) != 36 || created.Source != budget.SourceAPI || created.OnError != "fail" || created.CreatedBy != "token:3f2a9c1b" {
		t.Fatalf("created = %+v", created)
	}
	if !created.MaxMonthlyIncrease.Equal(decimal.RequireFromString("100.5")) || created.MaxIncreasePercent != nil || !created.FailOnUnpriced {
		t.Fatalf("amounts not kept: %+v", created.Policy)
	}

	got, err := store.GetBudgetPolicy(ctx, tx, created.ID)
	if err != nil || got.ID != created.ID || *got.WorkspaceName != "web-prod" {
		t.Fatalf("get = %+v, %v", got, err)
	}

	upd := got.Policy
	upd.MaxMonthlyCost = amount("3000")
	upd.WorkspaceName = nil
	upd.WorkspacePattern = text("web-*")
	upd.OnError = "pass"
	updated, err := store.UpdateBudgetPolicy(ctx, tx, created.ID, upd, "token:77aa00ff")
	if err != nil {
		t.Fatalf("update: %v", err)
	}
	if updated.ID != created.ID || !updated.MaxMonthlyCost.Equal(decimal.NewFromInt(3000)) || updated.WorkspaceName != nil ||
		*updated.WorkspacePattern != "web-*" || updated.OnError != "pass" || updated.UpdatedBy != "token:77aa00ff" || updated.CreatedBy != "token:3f2a9c1b" {
		t.Fatalf("updated = %+v", updated)
	}

	list, err := store.ListBudgetPolicies(ctx, tx)
	if err != nil || len(list) != 1 {
		t.Fatalf("list = %d, %v", len(list), err)
	}
	ofAcme, err := store.BudgetPoliciesOf(ctx, tx, "acme")
	if err != nil || len(ofAcme) != 1 {
		t.Fatalf("policies of acme = %d, %v", len(ofAcme), err)
	}
	if other, _ := store.BudgetPoliciesOf(ctx, tx, "globex"); len(other) != 0 {
		t.Fatalf("policies of globex = %d", len(other))
	}

	if err := store.DeleteBudgetPolicy(ctx, tx, created.ID, "token:77aa00ff"); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := store.GetBudgetPolicy(ctx, tx, created.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("get after delete: %v", err)
	}
	if err := store.DeleteBudgetPolicy(ctx, tx, created.ID, "x"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
	if _, err := store.UpdateBudgetPolicy(ctx, tx, created.ID, upd, "x"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("update of deleted policy: %v", err)
	}

	// The history survives the delete, newest first, with who and what.
	changes, err := store.BudgetPolicyChanges(ctx, tx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	actions := []string{"delete", "update", "create"}
	if len(changes) != len(actions) {
		t.Fatalf("%d changes: %+v", len(changes), changes)
	}
	for i, c := range changes {
		if c.Action != actions[i] || c.ChangedAt.IsZero() {
			t.Errorf("change %d = %s at %v, want %s", i, c.Action, c.ChangedAt, actions[i])
		}
	}
	if changes[2].Before != nil || changes[0].After != nil {
		t.Errorf("create has a before or delete has an after")
	}
	var before, after map[string]any
	if err := json.Unmarshal(changes[1].Before, &before); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(changes[1].After, &after); err != nil {
		t.Fatal(err)
	}
	if before["max_monthly_cost"] != "2500" || after["max_monthly_cost"] != "3000" || before["workspace_name"] != "web-prod" ||
		after["workspace_name"] != nil || after["workspace_pattern"] != "web-*" || changes[1].Actor != "token:77aa00ff" {
		t.Errorf("update history: before %v after %v actor %s", before, after, changes[1].Actor)
	}
	// The history decodes as a policy (the contract's JSON form).
	if _, err := budget.DecodeJSON(changes[1].After); err != nil {
		t.Errorf("history entry is not a policy: %v", err)
	}
}

func TestBudgetPolicyScopeIsUnique(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	mustCreate := func(p budget.Policy) store.BudgetPolicy {
		t.Helper()
		got, err := store.CreateBudgetPolicy(ctx, tx, p, "test")
		if err != nil {
			t.Fatalf("create %+v: %v", p, err)
		}
		return got
	}
	mustCreate(budget.Policy{Organization: "acme"})
	byName := mustCreate(budget.Policy{Organization: "acme", WorkspaceName: text("web")})
	mustCreate(budget.Policy{Organization: "acme", WorkspacePattern: text("web")}) // a pattern is another scope
	mustCreate(budget.Policy{Organization: "globex", WorkspaceName: text("web")})
	other := mustCreate(budget.Policy{Organization: "acme", WorkspaceID: text("ws-1")})

	tests := []struct {
		name string
		do   func(db store.DBTX) error
	}{
		{"second organization default", func(db store.DBTX) error {
			_, err := store.CreateBudgetPolicy(ctx, db, budget.Policy{Organization: "acme"}, "test")
			return err
		}},
		{"second policy for a name", func(db store.DBTX) error {
			_, err := store.CreateBudgetPolicy(ctx, db, budget.Policy{Organization: "acme", WorkspaceName: text("web")}, "test")
			return err
		}},
		{"update onto a taken scope", func(db store.DBTX) error {
			_, err := store.UpdateBudgetPolicy(ctx, db, other.ID, budget.Policy{Organization: "acme", WorkspaceName: text("web")}, "test")
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp, err := tx.Begin(ctx) // a savepoint: the failed statement must not abort the test's transaction
			if err != nil {
				t.Fatal(err)
			}
			defer sp.Rollback(ctx) //nolint:errcheck
			if err := tt.do(sp); !errors.Is(err, store.ErrBudgetScopeTaken) {
				t.Errorf("err = %v, want ErrBudgetScopeTaken", err)
			}
		})
	}
	// Updating a policy onto its own scope is fine.
	if _, err := store.UpdateBudgetPolicy(ctx, tx, byName.ID, budget.Policy{Organization: "acme", WorkspaceName: text("web"), MaxMonthlyCost: amount("1")}, "test"); err != nil {
		t.Errorf("update in place: %v", err)
	}
}

func TestBudgetPolicyConstraints(t *testing.T) {
	// The table refuses what validation refuses, in case a caller skips it.
	ctx := context.Background()
	tx := dbtest.Tx(t)
	for name, p := range map[string]budget.Policy{
		"negative amount":         {Organization: "acme", MaxMonthlyCost: amount("-1")},
		"two scopes":              {Organization: "acme", WorkspaceID: text("ws"), WorkspaceName: text("web")},
		"org budget on workspace": {Organization: "acme", WorkspaceName: text("web"), OrganizationMonthlyBudget: amount("1")},
		"no organization":         {},
		"unknown on_error":        {Organization: "acme", OnError: "maybe"},
	} {
		t.Run(name, func(t *testing.T) {
			sp, err := tx.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer sp.Rollback(ctx) //nolint:errcheck
			if _, err := store.CreateBudgetPolicy(ctx, sp, p, "test"); err == nil {
				t.Error("stored")
			}
		})
	}
}

func TestOrganizationCosts(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	// Workspace costs from real prices (aws-price@508fb45296c8, us-east-1,
	// 2025-11-04): m5.xlarge $0.192/h, r5.2xlarge $0.504/h, ×730 h.
	m5xl, r52xl := decimal.RequireFromString("140.16"), decimal.RequireFromString("367.92")
	priced := func(taskResultID, org, wsID, stage string, at time.Time, prior, proposed decimal.Decimal) {
		t.Helper()
		r := sampleRun(taskResultID)
		r.Organization, r.WorkspaceID, r.WorkspaceName, r.Stage = org, wsID, wsID+"-name", stage
		id, _, err := store.InsertRun(ctx, tx, r)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, "UPDATE runs SET received_at = $2 WHERE id = $1", id, at); err != nil {
			t.Fatal(err)
		}
		if err := store.SaveEstimate(ctx, tx, store.EstimateRecord{
			RunPK: id, PriorMonthlyCost: prior, ProposedMonthlyCost: proposed, DeltaMonthlyCost: proposed.Sub(prior),
			Estimate: json.RawMessage(`{}`), Decision: "passed",
		}); err != nil {
			t.Fatal(err)
		}
	}
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	// ws-a: an old run, then a newer one whose prior is what exists now.
	priced("taskrs-a1", "acme", "ws-a", "post_plan", t0, decimal.Zero, m5xl)
	priced("taskrs-a2", "acme", "ws-a", "post_plan", t0.Add(time.Hour), m5xl, m5xl.Add(r52xl))
	// ws-b: its latest run was applied, so its proposed cost exists now.
	priced("taskrs-b1", "acme", "ws-b", "post_plan", t0, r52xl, r52xl.Add(m5xl))
	priced("taskrs-b2", "acme", "ws-b", "post_apply", t0.Add(time.Minute), r52xl, r52xl.Add(m5xl))
	// Another organization is not counted.
	priced("taskrs-c1", "globex", "ws-c", "post_plan", t0, r52xl, r52xl)
	// A run without an estimate (still pricing, or failed) is not a cost.
	r := sampleRun("taskrs-a3")
	r.WorkspaceID = "ws-a"
	if _, _, err := store.InsertRun(ctx, tx, r); err != nil {
		t.Fatal(err)
	}

	costs, err := store.OrganizationCosts(ctx, tx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range costs {
		got[c.WorkspaceID] = c.MonthlyCost.String()
	}
	want := map[string]string{"ws-a": "140.16", "ws-b": "508.08"}
	if len(got) != len(want) || got["ws-a"] != want["ws-a"] || got["ws-b"] != want["ws-b"] {
		t.Errorf("costs = %v, want %v", got, want)
	}
}
