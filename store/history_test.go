package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/dbtest"
	"github.com/costgate/costgate/store"
	"github.com/shopspring/decimal"
)

// Amounts are totals of real estimates: costgate's estimator on corpus
// plans with the embedded pricing-data (api/testdata/estimates/README.md).
var (
	costUpdatePrior    = decimal.RequireFromString("9.27")    // terracost aws terraform-plan.json
	costUpdateProposed = decimal.RequireFromString("136.29")  // idem
	costASG            = decimal.RequireFromString("515.66")  // terracost aws asg-plan.json
	costEKS            = decimal.RequireFromString("163.78")  // terracost aws eks-plan.json
	costExample        = decimal.RequireFromString("1485.28") // infracost example_plan.json
)

// histRun is a run to seed: where it belongs, when it arrived, and its
// decision and costs (nil costs: no estimate).
type histRun struct {
	id, run, stage, org, ws, wsName string
	speculative                     bool
	at                              time.Time
	status                          string // "" pending, passed, failed
	prior, proposed                 *decimal.Decimal
}

func usd(d decimal.Decimal) *decimal.Decimal { return &d }

// seedHistory stores runs through the store functions, then backdates
// their receipt (intake always records now()).
func seedHistory(t *testing.T, db store.DBTX, runs []histRun) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	pks := map[string]int64{}
	for _, r := range runs {
		nr := sampleRun(r.id)
		nr.RunID, nr.Organization, nr.WorkspaceID, nr.WorkspaceName, nr.IsSpeculative = r.run, r.org, r.ws, r.wsName, r.speculative
		if r.stage != "" {
			nr.Stage = r.stage
		}
		pk, _, err := store.InsertRun(ctx, db, nr)
		if err != nil {
			t.Fatal(err)
		}
		pks[r.id] = pk
		if _, err := db.Exec(ctx, `UPDATE runs SET received_at = $2 WHERE id = $1`, pk, r.at); err != nil {
			t.Fatal(err)
		}
		if r.status == "" {
			continue
		}
		if _, err := store.SetDecided(ctx, db, pk, r.status, nil); err != nil {
			t.Fatal(err)
		}
		if r.prior != nil {
			err := store.SaveEstimate(ctx, db, store.EstimateRecord{RunPK: pk, PriorMonthlyCost: *r.prior,
				ProposedMonthlyCost: *r.proposed, DeltaMonthlyCost: r.proposed.Sub(*r.prior),
				Estimate: []byte(`{"currency":"USD"}`), Decision: r.status})
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := store.FinishRun(ctx, db, pk, store.StateDelivered); err != nil {
			t.Fatal(err)
		}
	}
	return pks
}

var t0 = time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)

func historyFixture() []histRun {
	return []histRun{
		{id: "tr-1", run: "run-1", org: "acme", ws: "ws-web", wsName: "web", at: t0, status: "passed", prior: usd(decimal.Zero), proposed: usd(costEKS)},
		{id: "tr-2", run: "run-2", org: "acme", ws: "ws-web", wsName: "web", at: t0.Add(2 * time.Hour), status: "failed", prior: usd(costUpdatePrior), proposed: usd(costUpdateProposed), speculative: true},
		{id: "tr-3", run: "run-3", org: "acme", ws: "ws-web", wsName: "web", at: t0.Add(26 * time.Hour), status: "passed", prior: usd(costEKS), proposed: usd(costASG)},
		{id: "tr-3b", run: "run-3", stage: "post_apply", org: "acme", ws: "ws-web", wsName: "web", at: t0.Add(27 * time.Hour), status: "passed", prior: usd(costEKS), proposed: usd(costASG)},
		{id: "tr-4", run: "run-4", org: "acme", ws: "ws-data", wsName: "data", at: t0.Add(3 * time.Hour), status: "passed", prior: usd(decimal.Zero), proposed: usd(costExample)},
		{id: "tr-5", run: "run-5", org: "acme", ws: "ws-data", wsName: "data", at: t0.Add(50 * time.Hour)},
		{id: "tr-6", run: "run-6", org: "globex", ws: "ws-g", wsName: "web", at: t0.Add(time.Hour), status: "failed"},
	}
}

func runIDs(runs []store.RunSummary) []string {
	out := make([]string, len(runs))
	for i, r := range runs {
		out[i] = r.TaskResultID
	}
	return out
}

func TestListRunsFilters(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	seedHistory(t, tx, historyFixture())
	yes, no := true, false
	since, until := t0.Add(2*time.Hour), t0.Add(27*time.Hour)
	tests := []struct {
		name string
		f    store.RunFilter
		want []string
	}{
		{"all, newest first", store.RunFilter{}, []string{"tr-5", "tr-3b", "tr-3", "tr-4", "tr-2", "tr-6", "tr-1"}},
		{"organization", store.RunFilter{Organization: "globex"}, []string{"tr-6"}},
		{"workspace by id", store.RunFilter{Workspace: "ws-data"}, []string{"tr-5", "tr-4"}},
		{"workspace by name, across organizations", store.RunFilter{Workspace: "web"}, []string{"tr-3b", "tr-3", "tr-2", "tr-6", "tr-1"}},
		{"workspace id only", store.RunFilter{WorkspaceID: "web"}, nil},
		{"workspace name in an organization", store.RunFilter{Organization: "acme", Workspace: "web"}, []string{"tr-3b", "tr-3", "tr-2", "tr-1"}},
		{"stage", store.RunFilter{Stages: []string{"post_apply"}}, []string{"tr-3b"}},
		{"pending", store.RunFilter{Statuses: []string{"pending"}}, []string{"tr-5"}},
		{"failed", store.RunFilter{Statuses: []string{"failed"}}, []string{"tr-2", "tr-6"}},
		{"pending or failed", store.RunFilter{Statuses: []string{"failed", "pending"}}, []string{"tr-5", "tr-2", "tr-6"}},
		{"speculative", store.RunFilter{Speculative: &yes}, []string{"tr-2"}},
		{"not speculative", store.RunFilter{Speculative: &no, Organization: "acme", Workspace: "ws-web"}, []string{"tr-3b", "tr-3", "tr-1"}},
		{"since inclusive, until exclusive", store.RunFilter{Since: &since, Until: &until}, []string{"tr-3", "tr-4", "tr-2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.f.Limit = 50
			runs, next, err := store.ListRuns(ctx, tx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := runIDs(runs); !slices.Equal(got, tt.want) || next != nil {
				t.Errorf("got %v (next %v), want %v", got, next, tt.want)
			}
		})
	}
}

func TestListRunsSummaryFields(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	seedHistory(t, tx, historyFixture())
	runs, _, err := store.ListRuns(ctx, tx, store.RunFilter{Workspace: "ws-web", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]store.RunSummary{}
	for _, r := range runs {
		byID[r.TaskResultID] = r
	}
	r2 := byID["tr-2"]
	if r2.Status != "failed" || !r2.IsSpeculative || r2.Costs == nil || !r2.Costs.Delta.Equal(decimal.RequireFromString("127.02")) {
		t.Errorf("tr-2 = %+v costs %+v", r2, r2.Costs)
	}
	if *r2.VCSBranch != "main" || r2.State != store.StateDelivered || r2.FinishedAt == nil {
		t.Errorf("tr-2 run fields = %+v", r2)
	}
	all, _, err := store.ListRuns(ctx, tx, store.RunFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range all {
		if r.TaskResultID == "tr-5" && (r.Status != "pending" || r.Costs != nil) {
			t.Errorf("pending run = %+v", r)
		}
		if r.TaskResultID == "tr-6" && r.Costs != nil {
			t.Errorf("unpriced failed run has costs %+v", r.Costs)
		}
	}
}

// Keyset pagination visits every run exactly once, in order, even when
// many runs share a receipt time.
func TestListRunsPagination(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	var runs []histRun
	for i := range 23 {
		runs = append(runs, histRun{id: fmt.Sprintf("tr-%02d", i), run: fmt.Sprintf("run-%02d", i), org: "acme",
			ws: "ws-web", wsName: "web", at: t0.Add(time.Duration(i/4) * time.Minute)})
	}
	seedHistory(t, tx, runs)
	full, _, err := store.ListRuns(ctx, tx, store.RunFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var paged []string
	f := store.RunFilter{Limit: 5}
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("pagination does not end")
		}
		page, next, err := store.ListRuns(ctx, tx, f)
		if err != nil {
			t.Fatal(err)
		}
		paged = append(paged, runIDs(page)...)
		if next == nil {
			if len(page) > 5 {
				t.Fatalf("last page has %d runs", len(page))
			}
			break
		}
		f.After = next
	}
	if !slices.Equal(paged, runIDs(full)) || len(paged) != 23 {
		t.Errorf("pages = %v\nwant    %v", paged, runIDs(full))
	}
}

func TestRunStages(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	pks := seedHistory(t, tx, historyFixture())
	if err := store.CreateDelivery(ctx, tx, pks["tr-3"], "passed", []byte(`{"status":"passed","message":"ok"}`)); err != nil {
		t.Fatal(err)
	}
	stages, err := store.RunStages(ctx, tx, "run-3")
	if err != nil {
		t.Fatal(err)
	}
	if len(stages) != 2 || stages[0].Stage != "post_plan" || stages[1].Stage != "post_apply" {
		t.Fatalf("stages = %+v", stages)
	}
	if stages[0].Estimate == nil || !stages[0].Estimate.ProposedMonthlyCost.Equal(costASG) || stages[0].Delivery == nil {
		t.Errorf("first stage: estimate %+v delivery %+v", stages[0].Estimate, stages[0].Delivery)
	}
	if stages[1].Delivery != nil {
		t.Errorf("second stage has a delivery: %+v", stages[1].Delivery)
	}
	if _, err := store.RunStages(ctx, tx, "run-nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown run: %v", err)
	}
}

func TestListWorkspacesCosts(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	seedHistory(t, tx, historyFixture())
	list, err := store.ListWorkspaces(ctx, tx, "acme", t0.Add(4*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].WorkspaceName != "data" || list[1].WorkspaceName != "web" {
		t.Fatalf("workspaces = %+v", list)
	}
	data, web := list[0], list[1]
	// data: its latest run is pending; its cost comes from the priced one before.
	if data.LastStatus != "pending" || data.LastRunID != "run-5" || data.Current == nil ||
		!data.Current.MonthlyCost.IsZero() || data.Current.RunID != "run-4" {
		t.Errorf("data = %+v current %+v", data, data.Current)
	}
	// web: the post_apply run's proposed cost is what exists now; 4 h after
	// t0 the latest priced run was the speculative one (prior 9.27).
	if !web.Current.MonthlyCost.Equal(costASG) || web.Current.RunID != "run-3" {
		t.Errorf("web current = %+v", web.Current)
	}
	if web.Earlier == nil || !web.Earlier.MonthlyCost.Equal(costUpdatePrior) || web.Earlier.RunID != "run-2" {
		t.Errorf("web earlier = %+v", web.Earlier)
	}
	// The same definition as the budget's organization totals.
	costs, err := store.OrganizationCosts(ctx, tx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range costs {
		for _, w := range list {
			if w.WorkspaceID == c.WorkspaceID && !w.Current.MonthlyCost.Equal(c.MonthlyCost) {
				t.Errorf("%s: history says %s, budget totals %s", c.WorkspaceID, w.Current.MonthlyCost, c.MonthlyCost)
			}
		}
	}

	all, err := store.ListWorkspaces(ctx, tx, "", t0)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || all[2].Organization != "globex" || all[2].Current != nil || all[2].LastStatus != "failed" {
		t.Errorf("all workspaces = %+v", all)
	}
	if all[1].Earlier == nil || !all[1].Earlier.MonthlyCost.IsZero() {
		t.Errorf("web at t0 (its first run, inclusive) = %+v", all[1].Earlier)
	}

	one, err := store.GetWorkspace(ctx, tx, "ws-web", t0)
	if err != nil || one.WorkspaceName != "web" {
		t.Errorf("GetWorkspace = %+v, %v", one, err)
	}
	if _, err := store.GetWorkspace(ctx, tx, "ws-nope", t0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown workspace: %v", err)
	}
}

func TestWorkspaceHistory(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	seedHistory(t, tx, historyFixture())

	points, truncated, err := store.WorkspaceRunHistory(ctx, tx, "ws-web", store.HistoryFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range points {
		got = append(got, p.TaskResultID+":"+p.Prior.String()+">"+p.Proposed.String()+"="+p.Current.String())
	}
	want := []string{"tr-1:0>163.78=0", "tr-2:9.27>136.29=9.27", "tr-3:163.78>515.66=163.78", "tr-3b:163.78>515.66=515.66"}
	if !slices.Equal(got, want) || truncated {
		t.Errorf("per run = %v (truncated %v), want %v", got, truncated, want)
	}

	points, truncated, err = store.WorkspaceRunHistory(ctx, tx, "ws-web", store.HistoryFilter{Limit: 2})
	if err != nil || len(points) != 2 || points[0].TaskResultID != "tr-3" || !truncated {
		t.Errorf("limited: %+v truncated %v err %v", points, truncated, err)
	}
	no := false
	points, _, err = store.WorkspaceRunHistory(ctx, tx, "ws-web", store.HistoryFilter{Limit: 10, Speculative: &no})
	if err != nil || len(points) != 3 {
		t.Errorf("without speculative: %+v %v", points, err)
	}

	days, truncated, err := store.WorkspaceDailyHistory(ctx, tx, "ws-web", store.HistoryFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 2 || truncated {
		t.Fatalf("days = %+v", days)
	}
	// The last value of each UTC day.
	if !days[0].Day.Equal(time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)) || days[0].Runs != 2 || days[0].Last.TaskResultID != "tr-2" {
		t.Errorf("day 1 = %+v", days[0])
	}
	if !days[1].Day.Equal(time.Date(2025, 3, 11, 0, 0, 0, 0, time.UTC)) || days[1].Runs != 2 || days[1].Last.TaskResultID != "tr-3b" {
		t.Errorf("day 2 = %+v", days[1])
	}
	since := t0.Add(24 * time.Hour)
	days, _, err = store.WorkspaceDailyHistory(ctx, tx, "ws-web", store.HistoryFilter{Limit: 10, Since: &since})
	if err != nil || len(days) != 1 {
		t.Errorf("since: %+v %v", days, err)
	}
	days, truncated, err = store.WorkspaceDailyHistory(ctx, tx, "ws-web", store.HistoryFilter{Limit: 1})
	if err != nil || len(days) != 1 || !truncated || days[0].Last.TaskResultID != "tr-3b" {
		t.Errorf("limit 1: %+v truncated %v err %v", days, truncated, err)
	}
}

func TestDeleteRunsReceivedBefore(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	pks := seedHistory(t, tx, []histRun{
		{id: "old-priced", run: "r1", org: "acme", ws: "ws-a", wsName: "a", at: t0, status: "passed", prior: usd(decimal.Zero), proposed: usd(costEKS)},
		{id: "old-latest", run: "r2", org: "acme", ws: "ws-a", wsName: "a", at: t0.Add(time.Hour), status: "passed", prior: usd(costEKS), proposed: usd(costASG)},
		{id: "old-unpriced", run: "r3", org: "acme", ws: "ws-a", wsName: "a", at: t0.Add(2 * time.Hour), status: "failed"},
		{id: "old-pending", run: "r4", org: "acme", ws: "ws-a", wsName: "a", at: t0.Add(3 * time.Hour)},
		{id: "new", run: "r5", org: "acme", ws: "ws-b", wsName: "b", at: t0.Add(48 * time.Hour), status: "passed", prior: usd(decimal.Zero), proposed: usd(costEKS)},
	})
	if err := store.CreateDelivery(ctx, tx, pks["old-priced"], "passed", []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	n, err := store.DeleteRunsReceivedBefore(ctx, tx, t0.Add(24*time.Hour), 1)
	if err != nil || n != 1 {
		t.Fatalf("first batch: %d %v", n, err)
	}
	n, err = store.DeleteRunsReceivedBefore(ctx, tx, t0.Add(24*time.Hour), 100)
	if err != nil || n != 1 {
		t.Fatalf("second batch: %d %v", n, err)
	}
	left, _, err := store.ListRuns(ctx, tx, store.RunFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	// Kept: the workspace's latest priced run (its current cost), the run
	// still owed a callback, and the recent run.
	if got := runIDs(left); !slices.Equal(got, []string{"new", "old-pending", "old-latest"}) {
		t.Errorf("left = %v", got)
	}
	if _, err := store.GetDelivery(ctx, tx, pks["old-priced"]); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the deleted run's delivery: %v", err)
	}
}

func TestDashboardSessions(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	now := time.Now()
	live, expired := []byte("live-hash"), []byte("expired-hash")
	for _, s := range []struct {
		id  []byte
		exp time.Time
	}{{live, now.Add(time.Hour)}, {expired, now.Add(-time.Minute)}} {
		if err := store.CreateDashboardSession(ctx, tx, s.id, store.DashboardSession{TokenFingerprint: "token:abc", Scope: "read", ExpiresAt: s.exp}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := store.GetDashboardSession(ctx, tx, live, now)
	if err != nil || got.TokenFingerprint != "token:abc" || got.Scope != "read" {
		t.Errorf("live session = %+v, %v", got, err)
	}
	if _, err := store.GetDashboardSession(ctx, tx, expired, now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("expired session: %v", err)
	}
	if n, err := store.DeleteExpiredDashboardSessions(ctx, tx, now); err != nil || n != 1 {
		t.Errorf("expired deleted: %d %v", n, err)
	}
	if err := store.DeleteDashboardSession(ctx, tx, live); err != nil {
		t.Fatal(err)
	}
	if _, err := store.GetDashboardSession(ctx, tx, live, now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("after logout: %v", err)
	}
}
