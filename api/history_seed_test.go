package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/costgate/costgate/budget"
	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/runtask"
	"github.com/costgate/costgate/store"
	"github.com/costgate/costgate/worker"
	"github.com/jackc/pgx/v5/pgxpool"
)

// historyBudgets is the budgets file of the history tests: acme has an
// organization budget and web-prod cost limits; globex has no policy.
const historyBudgets = `
policies:
  - organization: acme
    organization_monthly_budget: "2000"
  - organization: acme
    workspace_name: web-prod
    max_monthly_cost: "1000"
    warn_monthly_cost: "500"
`

// Workspace ids of the seeded history.
const (
	wsWebProd = "ws-WebProd7Gx2KqLm"
	wsDataETL = "ws-DataEtl4Hs9PwQe"
	wsGlobex  = "ws-GlobexApi1Zt8Rn"
)

// seedRun is one stage of a run to store. fixture names a real estimate
// (testdata/estimates); "" leaves the run unpriced.
type seedRun struct {
	taskResultID, runID, stage string
	org, wsID, wsName          string
	speculative                bool
	ago                        time.Duration // received this long before the seed time
	fixture                    string
	errorKind                  string // the run could not be priced
	delivery                   string // "", "delivered", "given_up", "pending"
	pending                    bool   // not decided yet
	prURL                      string
}

// seededHistory is what seedHistory stored, for expectations.
type seededHistory struct {
	now  time.Time
	runs []seedRun
}

// historyRuns tells web-prod's story: an applied EKS cluster 40 days ago,
// a pull request plan, a plan over its budget (failed, its callback given
// up), an applied autoscaling group and a run still pending; data-etl has
// one plan; globex's only run could not be priced.
func historyRuns() []seedRun {
	day := 24 * time.Hour
	return []seedRun{
		{taskResultID: "taskrs-A1", runID: "run-A1eksPlan00001", stage: "post_plan", org: "acme", wsID: wsWebProd, wsName: "web-prod", ago: 40 * day, fixture: "terracost-aws-eks", delivery: "delivered"},
		{taskResultID: "taskrs-A2", runID: "run-A1eksPlan00001", stage: "post_apply", org: "acme", wsID: wsWebProd, wsName: "web-prod", ago: 40*day - time.Hour, fixture: "terracost-aws-eks", delivery: "delivered"},
		{taskResultID: "taskrs-B1", runID: "run-B2prPreview002", stage: "post_plan", org: "acme", wsID: wsWebProd, wsName: "web-prod", speculative: true, ago: 20 * day, fixture: "terracost-aws-update", delivery: "delivered", prURL: "https://github.com/acme/infra/pull/42"},
		{taskResultID: "taskrs-C1", runID: "run-C3overBudget03", stage: "post_plan", org: "acme", wsID: wsWebProd, wsName: "web-prod", ago: 3 * day, fixture: "infracost-example", delivery: "given_up"},
		{taskResultID: "taskrs-D1", runID: "run-D4asgApplied04", stage: "post_plan", org: "acme", wsID: wsWebProd, wsName: "web-prod", ago: 2 * day, fixture: "terracost-aws-asg", delivery: "delivered"},
		{taskResultID: "taskrs-D2", runID: "run-D4asgApplied04", stage: "post_apply", org: "acme", wsID: wsWebProd, wsName: "web-prod", ago: 2*day - time.Hour, fixture: "terracost-aws-asg", delivery: "pending"},
		{taskResultID: "taskrs-E1", runID: "run-E5stillQueued5", stage: "post_plan", org: "acme", wsID: wsWebProd, wsName: "web-prod", ago: time.Hour, pending: true},
		{taskResultID: "taskrs-F1", runID: "run-F6dataPlan0006", stage: "post_plan", org: "acme", wsID: wsDataETL, wsName: "data-etl", ago: 5 * day, fixture: "terracost-google", delivery: "delivered"},
		{taskResultID: "taskrs-G1", runID: "run-G7noPlan000007", stage: "post_plan", org: "globex", wsID: wsGlobex, wsName: "api", ago: 3 * day, errorKind: "plan_not_found", delivery: "delivered"},
	}
}

func historyBudgetFile(t testing.TB) budget.File {
	t.Helper()
	f, err := budget.ParseFile([]byte(historyBudgets))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// loadEstimate reads a fixture estimate: the output of `costgate estimate
// --format json` on a corpus plan (testdata/estimates/README.md).
func loadEstimate(t testing.TB, name string) (*estimator.Estimate, []byte) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "estimates", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var est estimator.Estimate
	if err := json.Unmarshal(raw, &est); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		t.Fatal(err)
	}
	return &est, compact.Bytes()
}

// seedHistory stores the runs through the store functions in the order
// received, deciding each with the real budget decider (as the estimate
// worker does), then backdates their receipt (intake records now()).
func seedHistory(t testing.TB, pool *pgxpool.Pool, file budget.File, runs []seedRun) seededHistory {
	t.Helper()
	ctx := context.Background()
	seeded := seededHistory{now: time.Now(), runs: runs}
	decider := worker.BudgetDecider{DB: pool, File: file}
	for _, r := range runs {
		branch, commit := "main", "7d8fb2a2d601edebdb7a59ad2088a96673637d22"
		repo, commitURL := "https://github.com/acme/infra", "https://github.com/acme/infra/commit/"+commit
		nr := store.NewRun{
			TaskResultID: r.taskResultID, RunID: r.runID, Stage: r.stage, Organization: r.org,
			WorkspaceID: r.wsID, WorkspaceName: r.wsName, IsSpeculative: r.speculative,
			CreatedBy: "jdoe", RunMessage: "Triggered via UI",
			RunAppURL:       "https://app.terraform.io/app/" + r.org + "/workspaces/" + r.wsName + "/runs/" + r.runID,
			WorkspaceAppURL: "https://app.terraform.io/app/" + r.org + "/workspaces/" + r.wsName,
			VCSRepoURL:      &repo, VCSBranch: &branch, VCSCommitURL: &commitURL, VCSCommitHash: &commit,
			CallbackURL:     "https://app.terraform.io/api/v2/task-results/" + r.taskResultID + "/callback",
			OutcomesCapable: true,
		}
		if r.prURL != "" {
			nr.VCSPullRequestURL = &r.prURL
		}
		pk, _, err := store.InsertRun(ctx, pool, nr)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, `UPDATE runs SET received_at = $2 WHERE id = $1`, pk, seeded.now.Add(-r.ago)); err != nil {
			t.Fatal(err)
		}
		if r.pending {
			continue
		}
		res := runtask.Result{URL: "https://costgate.example.com/runs/" + r.runID}
		var errKind *string
		if r.fixture != "" {
			est, _ := loadEstimate(t, r.fixture)
			run, err := store.GetRun(ctx, pool, pk)
			if err != nil {
				t.Fatal(err)
			}
			d, err := decider.Decide(ctx, run, est)
			if err != nil {
				t.Fatal(err)
			}
			res.Status, res.Message = d.Status, d.Message
			saveSeedEstimate(t, pool, pk, est, d)
		} else {
			res.Status, res.Message = runtask.StatusFailed, "costgate could not fetch the plan: TFC answered 404."
			errKind = &r.errorKind
		}
		if _, err := store.SetDecided(ctx, pool, pk, res.Status, errKind); err != nil {
			t.Fatal(err)
		}
		deliverSeed(t, pool, pk, res, r.delivery)
	}
	return seeded
}

func saveSeedEstimate(t testing.TB, pool *pgxpool.Pool, pk int64, est *estimator.Estimate, d worker.Decision) {
	t.Helper()
	raw, err := json.Marshal(est)
	if err != nil {
		t.Fatal(err)
	}
	reasons := d.Reasons
	if reasons == nil {
		reasons = []string{}
	}
	rawReasons, _ := json.Marshal(reasons)
	err = store.SaveEstimate(context.Background(), pool, store.EstimateRecord{RunPK: pk, Currency: est.Currency,
		PriorMonthlyCost: est.PriorMonthlyCost, ProposedMonthlyCost: est.ProposedMonthlyCost, DeltaMonthlyCost: est.DeltaMonthlyCost,
		Resources: est.Summary.Resources, Estimated: est.Summary.Estimated, Free: est.Summary.Free,
		Unsupported: est.Summary.Unsupported, UnpricedComponents: est.Summary.UnpricedComponents,
		Estimate: raw, Decision: d.Status, Message: d.Message, Reasons: rawReasons})
	if err != nil {
		t.Fatal(err)
	}
}

func deliverSeed(t testing.TB, pool *pgxpool.Pool, pk int64, res runtask.Result, how string) {
	t.Helper()
	ctx := context.Background()
	result, _ := json.Marshal(res)
	if err := store.CreateDelivery(ctx, pool, pk, res.Status, result); err != nil {
		t.Fatal(err)
	}
	var err error
	switch how {
	case "delivered":
		if err = store.RecordAttempt(ctx, pool, pk, store.Attempt{Outcome: store.OutcomeAccepted, HTTPStatus: 200}); err == nil {
			err = store.FinishRun(ctx, pool, pk, store.StateDelivered)
		}
	case "given_up":
		if err = store.RecordAttempt(ctx, pool, pk, store.Attempt{Outcome: store.OutcomePermanent, HTTPStatus: 422, Error: "TFC refused the callback: 422"}); err == nil {
			err = store.FinishRun(ctx, pool, pk, store.StateUndeliverable)
		}
	case "pending":
		err = store.RecordAttempt(ctx, pool, pk, store.Attempt{Outcome: store.OutcomeRetryable, HTTPStatus: 503, Error: "TFC answered 503"})
	}
	if err != nil {
		t.Fatal(err)
	}
}
