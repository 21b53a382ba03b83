package faketfc

import (
	"encoding/json"
	"time"

	"github.com/costgate/costgate/runtask"
)

// RequestBody returns the run task POST body TFC would send for the run at
// stage, shaped like runtask-protocol.md §8.1 and pointing at the fake. The
// caller signs it (runtask.Sign) and POSTs it to the service.
func (s *Server) RequestBody(f RunFixture, stage runtask.Stage) []byte {
	p := map[string]any{
		"payload_version":                    1,
		"stage":                              string(stage),
		"access_token":                       f.Token,
		"capabilities":                       map[string]any{"outcomes": f.Outcomes},
		"configuration_version_download_url": s.api.URL + "/api/v2/configuration-versions/cv-ntv3HbhJqvFzamy7/download",
		"configuration_version_id":           "cv-ntv3HbhJqvFzamy7",
		"is_speculative":                     f.Speculative,
		"organization_name":                  f.OrganizationName,
		"project_id":                         "prj-gFVyPJ2q2Aurn5DV",
		"project_name":                       "Default Project",
		"project_app_url":                    s.api.URL + "/app/" + f.OrganizationName + "/projects/prj-gFVyPJ2q2Aurn5DV",
		"run_app_url":                        s.api.URL + "/app/" + f.OrganizationName + "/workspaces/" + f.WorkspaceName + "/runs/" + f.RunID,
		"run_created_at":                     time.Now().UTC().Format("2006-01-02T15:04:05.000Z"),
		"run_created_by":                     "jdoe",
		"run_id":                             f.RunID,
		"run_message":                        "Triggered via UI",
		"task_result_callback_url":           f.CallbackURL,
		"task_result_enforcement_level":      "mandatory",
		"task_result_id":                     f.TaskResultID,
		"vcs_branch":                         "main",
		"vcs_commit_url":                     "https://github.com/acme/infra/commit/7d8fb2a2d601edebdb7a59ad2088a96673637d22",
		"vcs_commit_hash":                    "7d8fb2a2d601edebdb7a59ad2088a96673637d22",
		"vcs_pull_request_url":               nil,
		"vcs_repo_url":                       "https://github.com/acme/infra",
		"workspace_app_url":                  s.api.URL + "/app/" + f.OrganizationName + "/workspaces/" + f.WorkspaceName,
		"workspace_id":                       f.WorkspaceID,
		"workspace_name":                     f.WorkspaceName,
		"workspace_working_directory":        "/terraform",
	}
	if stage.HasPlan() {
		p["plan_json_api_url"] = f.PlanURL
	}
	b, _ := json.Marshal(p) // cannot fail: only strings, numbers, bools and nulls
	return b
}

// Request returns RequestBody decoded by runtask.DecodeRequest.
func (s *Server) Request(f RunFixture, stage runtask.Stage) runtask.Request {
	r, _ := runtask.DecodeRequest(s.RequestBody(f, stage)) // our own JSON object always decodes
	return r
}

// VerificationBody returns the test POST TFC sends when a run task is
// created (§8.2), with URLs on the fake so that any call the service wrongly
// makes is recorded (APIRequests, AllCallbacks).
func (s *Server) VerificationBody() []byte {
	p := map[string]any{
		"payload_version":               1,
		"access_token":                  runtask.TestToken,
		"task_result_id":                "taskrs-xxxxxxxxxxxxxxxx",
		"task_result_enforcement_level": "test",
		"task_result_callback_url":      s.api.URL + "/api/v2/task-results/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx/callback",
		"run_app_url":                   s.api.URL + "/app/test-org/test-workspace/runs/run-xxxxxxxxxxxxxxxx",
		"run_id":                        "run-xxxxxxxxxxxxxxxx",
		"run_message":                   "Test run message",
		"run_created_at":                "2021-01-01T00:00:00.000Z",
		"run_created_by":                "test-user",
		"workspace_id":                  "ws-xxxxxxxxxxxxxxxx",
		"workspace_name":                "test-workspace",
		"workspace_app_url":             s.api.URL + "/app/test-org/test-workspace",
		"organization_name":             "test-org",
		"plan_json_api_url":             s.api.URL + "/api/v2/plans/plan-xxxxxxxxxxxxxxxx/json-output",
		"vcs_repo_url":                  nil,
		"vcs_branch":                    nil,
		"vcs_pull_request_url":          nil,
		"vcs_commit_url":                nil,
	}
	b, _ := json.Marshal(p) // cannot fail: only strings, numbers, bools and nulls
	return b
}
