package runtask

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Stage is the run stage a request was sent for.
type Stage string

// The four run task stages (runtask-protocol.md §2.3).
const (
	StagePrePlan   Stage = "pre_plan"
	StagePostPlan  Stage = "post_plan"
	StagePreApply  Stage = "pre_apply"
	StagePostApply Stage = "post_apply"
)

// Valid reports whether s is one of the four known stages.
func (s Stage) Valid() bool {
	switch s {
	case StagePrePlan, StagePostPlan, StagePreApply, StagePostApply:
		return true
	}
	return false
}

// HasPlan reports whether requests at this stage carry a plan JSON URL.
func (s Stage) HasPlan() bool { return s == StagePostPlan || s == StagePreApply || s == StagePostApply }

// TestToken is the access token of the verification request TFC sends when a
// run task is created (§3); it is never a valid API token.
const TestToken = "test-token"

// MaxRequestBytes caps the inbound request body; real payloads are ~2 KiB.
const MaxRequestBytes int64 = 1 << 20

// Capabilities are what the calling TFC/TFE supports.
type Capabilities struct {
	// Outcomes is true when the caller accepts detailed outcomes in callbacks.
	Outcomes bool
}

// Request is the body TFC POSTs to the run task URL (§2.2). Fields the docs
// call nullable, or that older TFE may leave out, are pointers; nil means
// absent or null. Required fields are plain strings, "" when absent.
type Request struct {
	PayloadVersion int // 0 when absent
	Stage          Stage
	AccessToken    string // secret: never log it (String and LogValue leave it out)
	Capabilities   Capabilities

	ConfigurationVersionDownloadURL *string
	ConfigurationVersionID          *string

	IsSpeculative    bool
	OrganizationName string
	PlanJSONAPIURL   string // "" at pre_plan

	RunAppURL    string
	RunCreatedAt time.Time // zero when absent or unparsable
	RunCreatedBy *string
	RunID        string
	RunMessage   *string

	TaskResultCallbackURL      string // may carry an auth query (url_code): treat as secret
	TaskResultEnforcementLevel string // "mandatory", "advisory", or anything else (the test request sends "test")
	TaskResultID               string

	VCSBranch         *string
	VCSCommitURL      *string
	VCSCommitHash     *string
	VCSPullRequestURL *string
	VCSRepoURL        *string

	WorkspaceAppURL           string
	WorkspaceID               string
	WorkspaceName             string
	WorkspaceWorkingDirectory *string

	ProjectID     *string
	ProjectName   *string
	ProjectAppURL *string

	// typeProblems holds fields whose JSON type was wrong, reported by Validate.
	typeProblems map[string]string
}

// IsTest reports whether r is TFC's verification request, which must be
// answered 200 with no callback and no outbound call.
func (r Request) IsTest() bool { return r.AccessToken == TestToken }

// OutcomesCapable reports whether the caller accepts detailed outcomes.
func (r Request) OutcomesCapable() bool { return r.Capabilities.Outcomes }

// DecodeRequest parses a run task request leniently: unknown fields are
// ignored, every string may be null, both spellings of capabilities are read
// (and OR-ed), and a wrong JSON type in a field is recorded for Validate
// rather than failing the decode. Only malformed JSON, or a body that is not
// a JSON object, is an error.
func DecodeRequest(body []byte) (Request, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return Request{}, errors.New("decoding run task request: empty body")
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return Request{}, errors.New("decoding run task request: body is not a JSON object")
		}
		return Request{}, fmt.Errorf("decoding run task request: %w", err)
	}
	if fields == nil {
		return Request{}, errors.New("decoding run task request: body is not a JSON object")
	}
	var r Request
	d := decoder{fields: fields, req: &r}

	if raw, ok := fields["payload_version"]; ok && !isNull(raw) {
		if v, ok := readInt(raw); ok {
			r.PayloadVersion = v
			if v != 1 {
				d.problem("payload_version", fmt.Sprintf("must be 1, got %d", v))
			}
		} else {
			d.problem("payload_version", "must be the integer 1, got "+jsonKind(raw))
		}
	}

	var stage string
	d.required("stage", &stage)
	r.Stage = Stage(stage)
	d.required("access_token", &r.AccessToken)
	d.required("organization_name", &r.OrganizationName)
	d.required("plan_json_api_url", &r.PlanJSONAPIURL)
	d.required("run_id", &r.RunID)
	d.required("task_result_callback_url", &r.TaskResultCallbackURL)
	d.required("task_result_id", &r.TaskResultID)
	d.required("workspace_id", &r.WorkspaceID)
	d.required("workspace_name", &r.WorkspaceName)

	d.optional("run_app_url", &r.RunAppURL)
	d.optional("task_result_enforcement_level", &r.TaskResultEnforcementLevel)
	d.optional("workspace_app_url", &r.WorkspaceAppURL)

	r.ConfigurationVersionDownloadURL = d.nullable("configuration_version_download_url")
	r.ConfigurationVersionID = d.nullable("configuration_version_id")
	r.RunCreatedBy = d.nullable("run_created_by")
	r.RunMessage = d.nullable("run_message")
	r.VCSBranch = d.nullable("vcs_branch")
	r.VCSCommitURL = d.nullable("vcs_commit_url")
	r.VCSCommitHash = d.nullable("vcs_commit_hash")
	r.VCSPullRequestURL = d.nullable("vcs_pull_request_url")
	r.VCSRepoURL = d.nullable("vcs_repo_url")
	r.WorkspaceWorkingDirectory = d.nullable("workspace_working_directory")
	r.ProjectID = d.nullable("project_id")
	r.ProjectName = d.nullable("project_name")
	r.ProjectAppURL = d.nullable("project_app_url")

	if raw, ok := fields["is_speculative"]; ok {
		r.IsSpeculative, _ = readBool(raw)
	}
	if raw, ok := fields["run_created_at"]; ok {
		r.RunCreatedAt, _ = readTime(raw)
	}
	// The docs spelled it "capabilitites" from 2023-08 to 2024-11 (§2.2).
	for _, name := range []string{"capabilities", "capabilitites"} {
		if raw, ok := fields[name]; ok && readOutcomes(raw) {
			r.Capabilities.Outcomes = true
		}
	}
	return r, nil
}

// decoder reads named fields from a decoded JSON object into a Request.
type decoder struct {
	fields map[string]json.RawMessage
	req    *Request
}

func (d decoder) problem(field, problem string) {
	if d.req.typeProblems == nil {
		d.req.typeProblems = map[string]string{}
	}
	d.req.typeProblems[field] = problem
}

// required reads a string Validate insists on; a wrong type is recorded.
func (d decoder) required(field string, dst *string) {
	raw, ok := d.fields[field]
	if !ok {
		return
	}
	s, ok := readString(raw)
	if !ok {
		d.problem(field, "must be a string, got "+jsonKind(raw))
		return
	}
	if s != nil {
		*dst = *s
	}
}

// optional reads a string nobody depends on; a wrong type leaves it empty.
func (d decoder) optional(field string, dst *string) {
	if s := d.nullable(field); s != nil {
		*dst = *s
	}
}

// nullable reads a string that may be absent or null; a wrong type gives nil.
func (d decoder) nullable(field string) *string {
	raw, ok := d.fields[field]
	if !ok {
		return nil
	}
	s, _ := readString(raw)
	return s
}

// String describes r without its access token or callback URL.
func (r Request) String() string {
	return fmt.Sprintf("runtask.Request{stage=%s run=%s task_result=%s org=%s workspace=%s(%s) speculative=%t outcomes=%t test=%t}",
		r.Stage, r.RunID, r.TaskResultID, r.OrganizationName, r.WorkspaceName, r.WorkspaceID,
		r.IsSpeculative, r.Capabilities.Outcomes, r.IsTest())
}

// GoString keeps %#v from printing the access token.
func (r Request) GoString() string { return r.String() }

// LogValue gives slog the request's identifiers, never its secrets.
func (r Request) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("stage", string(r.Stage)),
		slog.String("run_id", r.RunID),
		slog.String("task_result_id", r.TaskResultID),
		slog.String("organization", r.OrganizationName),
		slog.String("workspace_id", r.WorkspaceID),
		slog.String("workspace_name", r.WorkspaceName),
		slog.Bool("speculative", r.IsSpeculative),
		slog.Bool("outcomes", r.Capabilities.Outcomes),
		slog.Bool("test", r.IsTest()),
	)
}
