package api

import (
	"net/url"
	"time"

	"github.com/costgate/costgate/store"
	"github.com/shopspring/decimal"
)

// runJSON is one run task result (one stage of a TFC run) as the history
// API lists it. Field names follow TFC's run task request where one exists.
type runJSON struct {
	RunID               string     `json:"run_id"`
	TaskResultID        string     `json:"task_result_id"`
	Stage               string     `json:"stage"`
	Organization        string     `json:"organization"`
	WorkspaceID         string     `json:"workspace_id"`
	WorkspaceName       string     `json:"workspace_name"`
	ProjectName         *string    `json:"project_name"`
	IsSpeculative       bool       `json:"is_speculative"`
	CreatedBy           string     `json:"created_by"`
	RunMessage          string     `json:"run_message"`
	RunAppURL           string     `json:"run_app_url"`
	WorkspaceAppURL     string     `json:"workspace_app_url"`
	VCS                 vcsJSON    `json:"vcs"`
	ReceivedAt          time.Time  `json:"received_at"`
	FinishedAt          *time.Time `json:"finished_at"`
	State               string     `json:"state"`
	Status              string     `json:"status"`
	ErrorKind           *string    `json:"error_kind"`
	PriorMonthlyCost    *string    `json:"prior_monthly_cost"`
	ProposedMonthlyCost *string    `json:"proposed_monthly_cost"`
	DeltaMonthlyCost    *string    `json:"delta_monthly_cost"`
	UnpricedComponents  *int       `json:"unpriced_components"`
	Links               runLinks   `json:"links"`
}

type vcsJSON struct {
	RepoURL        *string `json:"repo_url"`
	Branch         *string `json:"branch"`
	CommitURL      *string `json:"commit_url"`
	CommitHash     *string `json:"commit_hash"`
	PullRequestURL *string `json:"pull_request_url"`
}

type runLinks struct {
	Self      string `json:"self"`
	Dashboard string `json:"dashboard"`
	Workspace string `json:"workspace"`
}

func newRunJSON(r store.RunSummary) runJSON {
	out := runJSON{
		RunID: r.RunID, TaskResultID: r.TaskResultID, Stage: r.Stage, Organization: r.Organization,
		WorkspaceID: r.WorkspaceID, WorkspaceName: r.WorkspaceName, ProjectName: r.ProjectName,
		IsSpeculative: r.IsSpeculative, CreatedBy: r.CreatedBy, RunMessage: r.RunMessage,
		RunAppURL: r.RunAppURL, WorkspaceAppURL: r.WorkspaceAppURL,
		VCS: vcsJSON{RepoURL: r.VCSRepoURL, Branch: r.VCSBranch, CommitURL: r.VCSCommitURL,
			CommitHash: r.VCSCommitHash, PullRequestURL: r.VCSPullRequestURL},
		ReceivedAt: r.ReceivedAt.UTC(), FinishedAt: utcPtr(r.FinishedAt), State: r.State, Status: r.Status,
		ErrorKind: r.ErrorKind,
		Links: runLinks{
			Self:      "/api/v1/runs/" + url.PathEscape(r.RunID) + "?stage=" + url.QueryEscape(r.Stage),
			Dashboard: dashboardRunPath(r.RunID),
			Workspace: "/api/v1/workspaces/" + url.PathEscape(r.WorkspaceID) + "/history",
		},
	}
	if r.Costs != nil {
		out.PriorMonthlyCost = moneyPtr(r.Costs.Prior)
		out.ProposedMonthlyCost = moneyPtr(r.Costs.Proposed)
		out.DeltaMonthlyCost = moneyPtr(r.Costs.Delta)
		n := r.Costs.UnpricedComponents
		out.UnpricedComponents = &n
	}
	return out
}

// money renders an amount as the estimate JSON renders totals: a decimal
// string with two decimals.
func money(d decimal.Decimal) string { return d.StringFixed(2) }

func moneyPtr(d decimal.Decimal) *string {
	s := money(d)
	return &s
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
