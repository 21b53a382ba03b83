package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Run states, in order. delivered and undeliverable are final.
const (
	StateReceived      = "received"
	StateEstimating    = "estimating"
	StateReporting     = "reporting"
	StateDelivered     = "delivered"
	StateUndeliverable = "undeliverable"
)

// ErrNotFound is returned when a row does not exist.
var ErrNotFound = errors.New("not found")

// NewRun is what intake stores about a run task request. The access token
// arrives already sealed; plan content never reaches the store.
type NewRun struct {
	TaskResultID      string
	RunID             string
	Stage             string
	Organization      string
	WorkspaceID       string
	WorkspaceName     string
	ProjectID         *string
	ProjectName       *string
	IsSpeculative     bool
	EnforcementLevel  string
	CreatedBy         string
	RunMessage        string
	RunAppURL         string
	WorkspaceAppURL   string
	VCSRepoURL        *string
	VCSBranch         *string
	VCSCommitURL      *string
	VCSCommitHash     *string
	VCSPullRequestURL *string
	PlanJSONAPIURL    *string
	CallbackURL       string
	OutcomesCapable   bool
	AccessTokenSealed []byte
	RunCreatedAt      *time.Time
}

// Run is a stored run.
type Run struct {
	ID int64
	NewRun
	ReceivedAt     time.Time
	State          string
	Status         *string
	ErrorKind      *string
	LastProgressAt *time.Time
	FinishedAt     *time.Time
	UpdatedAt      time.Time
}

// Final reports whether the run's final callback is settled.
func (r Run) Final() bool { return r.State == StateDelivered || r.State == StateUndeliverable }

// InsertRun stores a run unless one with the same task_result_id exists. It
// returns the run's id and whether this call inserted it.
func InsertRun(ctx context.Context, db DBTX, r NewRun) (id int64, inserted bool, err error) {
	ids, err := InsertRuns(ctx, db, []NewRun{r})
	if err != nil {
		return 0, false, err
	}
	if ids[0] != 0 {
		return ids[0], true, nil
	}
	if err := db.QueryRow(ctx, `SELECT id FROM runs WHERE task_result_id = $1`, r.TaskResultID).Scan(&id); err != nil {
		return 0, false, fmt.Errorf("finding existing run %s: %w", r.TaskResultID, err)
	}
	return id, false, nil
}

// InsertRuns stores many runs in one statement, skipping any whose
// task_result_id is already stored (or repeated earlier in rs). ids[i] is
// the id of the run inserted for rs[i], 0 when it was a duplicate.
func InsertRuns(ctx context.Context, db DBTX, rs []NewRun) (ids []int64, err error) {
	ids = make([]int64, len(rs))
	first := make(map[string]int, len(rs))
	order := make([]int, 0, len(rs))
	for i, r := range rs {
		if _, dup := first[r.TaskResultID]; !dup {
			first[r.TaskResultID] = i
			order = append(order, i)
		}
	}
	if len(order) == 0 {
		return ids, nil
	}
	// Rows go in task_result_id order so two transactions holding the same
	// keys wait for each other in one order and cannot deadlock.
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(rs[a].TaskResultID, rs[b].TaskResultID) })
	var c runColumnArrays
	for _, i := range order {
		c.add(rs[i])
	}
	rows, err := db.Query(ctx, `
INSERT INTO runs (task_result_id, run_id, stage, organization, workspace_id, workspace_name,
    project_id, project_name, is_speculative, enforcement_level, created_by, run_message,
    run_app_url, workspace_app_url, vcs_repo_url, vcs_branch, vcs_commit_url, vcs_commit_hash,
    vcs_pull_request_url, plan_json_api_url, callback_url, outcomes_capable,
    access_token_sealed, run_created_at)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
    $7::text[], $8::text[], $9::boolean[], $10::text[], $11::text[], $12::text[],
    $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[],
    $19::text[], $20::text[], $21::text[], $22::boolean[], $23::bytea[], $24::timestamptz[])
ON CONFLICT (task_result_id) DO NOTHING
RETURNING id, task_result_id`,
		c.taskResultID, c.runID, c.stage, c.organization, c.workspaceID, c.workspaceName,
		c.projectID, c.projectName, c.isSpeculative, c.enforcementLevel, c.createdBy, c.runMessage,
		c.runAppURL, c.workspaceAppURL, c.vcsRepoURL, c.vcsBranch, c.vcsCommitURL, c.vcsCommitHash,
		c.vcsPullRequestURL, c.planJSONAPIURL, c.callbackURL, c.outcomesCapable,
		c.accessTokenSealed, c.runCreatedAt)
	if err != nil {
		return nil, fmt.Errorf("inserting %d runs: %w", len(first), err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var taskResultID string
		if err := rows.Scan(&id, &taskResultID); err != nil {
			return nil, fmt.Errorf("inserting %d runs: %w", len(first), err)
		}
		if i, ok := first[taskResultID]; ok {
			ids[i] = id
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("inserting %d runs: %w", len(first), err)
	}
	return ids, nil
}

// runColumnArrays are NewRun values column by column, for unnest.
type runColumnArrays struct {
	taskResultID, runID, stage, organization, workspaceID, workspaceName []string
	enforcementLevel, createdBy, runMessage, runAppURL, workspaceAppURL  []string
	callbackURL                                                          []string
	projectID, projectName, vcsRepoURL, vcsBranch, vcsCommitURL          []*string
	vcsCommitHash, vcsPullRequestURL, planJSONAPIURL                     []*string
	isSpeculative, outcomesCapable                                       []bool
	accessTokenSealed                                                    [][]byte
	runCreatedAt                                                         []*time.Time
}

func (c *runColumnArrays) add(r NewRun) {
	c.taskResultID = append(c.taskResultID, r.TaskResultID)
	c.runID = append(c.runID, r.RunID)
	c.stage = append(c.stage, r.Stage)
	c.organization = append(c.organization, r.Organization)
	c.workspaceID = append(c.workspaceID, r.WorkspaceID)
	c.workspaceName = append(c.workspaceName, r.WorkspaceName)
	c.projectID = append(c.projectID, r.ProjectID)
	c.projectName = append(c.projectName, r.ProjectName)
	c.isSpeculative = append(c.isSpeculative, r.IsSpeculative)
	c.enforcementLevel = append(c.enforcementLevel, r.EnforcementLevel)
	c.createdBy = append(c.createdBy, r.CreatedBy)
	c.runMessage = append(c.runMessage, r.RunMessage)
	c.runAppURL = append(c.runAppURL, r.RunAppURL)
	c.workspaceAppURL = append(c.workspaceAppURL, r.WorkspaceAppURL)
	c.vcsRepoURL = append(c.vcsRepoURL, r.VCSRepoURL)
	c.vcsBranch = append(c.vcsBranch, r.VCSBranch)
	c.vcsCommitURL = append(c.vcsCommitURL, r.VCSCommitURL)
	c.vcsCommitHash = append(c.vcsCommitHash, r.VCSCommitHash)
	c.vcsPullRequestURL = append(c.vcsPullRequestURL, r.VCSPullRequestURL)
	c.planJSONAPIURL = append(c.planJSONAPIURL, r.PlanJSONAPIURL)
	c.callbackURL = append(c.callbackURL, r.CallbackURL)
	c.outcomesCapable = append(c.outcomesCapable, r.OutcomesCapable)
	c.accessTokenSealed = append(c.accessTokenSealed, r.AccessTokenSealed)
	c.runCreatedAt = append(c.runCreatedAt, r.RunCreatedAt)
}

const runColumns = `id, task_result_id, run_id, stage, organization, workspace_id, workspace_name,
    project_id, project_name, is_speculative, enforcement_level, created_by, run_message,
    run_app_url, workspace_app_url, vcs_repo_url, vcs_branch, vcs_commit_url, vcs_commit_hash,
    vcs_pull_request_url, plan_json_api_url, callback_url, outcomes_capable,
    access_token_sealed, run_created_at, received_at, state, status, error_kind,
    last_progress_at, finished_at, updated_at`

func scanRun(row pgx.Row) (Run, error) {
	var r Run
	err := row.Scan(&r.ID, &r.TaskResultID, &r.RunID, &r.Stage, &r.Organization, &r.WorkspaceID, &r.WorkspaceName,
		&r.ProjectID, &r.ProjectName, &r.IsSpeculative, &r.EnforcementLevel, &r.CreatedBy, &r.RunMessage,
		&r.RunAppURL, &r.WorkspaceAppURL, &r.VCSRepoURL, &r.VCSBranch, &r.VCSCommitURL, &r.VCSCommitHash,
		&r.VCSPullRequestURL, &r.PlanJSONAPIURL, &r.CallbackURL, &r.OutcomesCapable,
		&r.AccessTokenSealed, &r.RunCreatedAt, &r.ReceivedAt, &r.State, &r.Status, &r.ErrorKind,
		&r.LastProgressAt, &r.FinishedAt, &r.UpdatedAt)
	return r, err
}

// GetRun loads a run by id.
func GetRun(ctx context.Context, db DBTX, id int64) (Run, error) {
	r, err := scanRun(db.QueryRow(ctx, `SELECT `+runColumns+` FROM runs WHERE id = $1`, id))
	if err != nil {
		return Run{}, notFound(err, fmt.Sprintf("run %d", id))
	}
	return r, nil
}

// GetRunByTaskResult loads a run by its TFC task result id.
func GetRunByTaskResult(ctx context.Context, db DBTX, taskResultID string) (Run, error) {
	r, err := scanRun(db.QueryRow(ctx, `SELECT `+runColumns+` FROM runs WHERE task_result_id = $1`, taskResultID))
	if err != nil {
		return Run{}, notFound(err, "run "+taskResultID)
	}
	return r, nil
}

// StartEstimating moves a received (or interrupted estimating) run to
// estimating; false means the run is past that point and the job has nothing to do.
func StartEstimating(ctx context.Context, db DBTX, id int64) (bool, error) {
	tag, err := db.Exec(ctx, `UPDATE runs SET state = 'estimating', updated_at = now()
WHERE id = $1 AND state IN ('received', 'estimating')`, id)
	if err != nil {
		return false, fmt.Errorf("marking run %d estimating: %w", id, err)
	}
	return tag.RowsAffected() == 1, nil
}

// SetDecided records the decided status (and the error kind when costgate
// could not price the run) and moves the run to reporting. It returns false
// when the run was already decided (a repeated job).
func SetDecided(ctx context.Context, db DBTX, id int64, status string, errorKind *string) (bool, error) {
	tag, err := db.Exec(ctx, `UPDATE runs SET state = 'reporting', status = $2, error_kind = $3, updated_at = now()
WHERE id = $1 AND state IN ('received', 'estimating')`, id, status, errorKind)
	if err != nil {
		return false, fmt.Errorf("recording decision of run %d: %w", id, err)
	}
	return tag.RowsAffected() == 1, nil
}

// MarkProgress records that a `running` update reached TFC.
func MarkProgress(ctx context.Context, db DBTX, id int64, at time.Time) error {
	if _, err := db.Exec(ctx, `UPDATE runs SET last_progress_at = $2 WHERE id = $1`, id, at); err != nil {
		return fmt.Errorf("recording progress of run %d: %w", id, err)
	}
	return nil
}

// FinishRun moves a run to a final state and erases its sealed token.
func FinishRun(ctx context.Context, db DBTX, id int64, state string) error {
	if state != StateDelivered && state != StateUndeliverable {
		return fmt.Errorf("finishing run %d: %q is not a final state", id, state)
	}
	if _, err := db.Exec(ctx, `UPDATE runs SET state = $2, access_token_sealed = NULL,
    finished_at = COALESCE(finished_at, now()), updated_at = now() WHERE id = $1`, id, state); err != nil {
		return fmt.Errorf("finishing run %d: %w", id, err)
	}
	return nil
}

// OpenRun is a run still owed a final callback, for heartbeats.
type OpenRun struct {
	ID                int64
	TaskResultID      string
	CallbackURL       string
	AccessTokenSealed []byte
}

// RunsNeedingProgress lists runs not final whose last progress update (or
// receipt) is before cutoff, oldest first.
func RunsNeedingProgress(ctx context.Context, db DBTX, cutoff time.Time, limit int) ([]OpenRun, error) {
	rows, err := db.Query(ctx, `SELECT id, task_result_id, callback_url, access_token_sealed FROM runs
WHERE state IN ('received', 'estimating', 'reporting') AND access_token_sealed IS NOT NULL
  AND COALESCE(last_progress_at, received_at) < $1
ORDER BY COALESCE(last_progress_at, received_at) LIMIT $2`, cutoff, limit)
	if err != nil {
		return nil, fmt.Errorf("listing runs needing progress: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (OpenRun, error) {
		var o OpenRun
		err := row.Scan(&o.ID, &o.TaskResultID, &o.CallbackURL, &o.AccessTokenSealed)
		return o, err
	})
	if err != nil {
		return nil, fmt.Errorf("listing runs needing progress: %w", err)
	}
	return out, nil
}
