package runtask

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"
)

// testdata/post_plan_request.json and verification_request.json are the
// §8.1 and §8.2 examples of runtask-protocol.md, copied verbatim.

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeRequestExamplePayload(t *testing.T) {
	r, err := DecodeRequest(readTestdata(t, "post_plan_request.json"))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"payload_version", r.PayloadVersion, 1},
		{"stage", r.Stage, StagePostPlan},
		{"access_token", r.AccessToken, "Xy12AbCdEfGhIj.atlasv1.0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX"},
		{"outcomes", r.OutcomesCapable(), true},
		{"cv url", deref(r.ConfigurationVersionDownloadURL), "https://app.terraform.io/api/v2/configuration-versions/cv-ntv3HbhJqvFzamy7/download"},
		{"cv id", deref(r.ConfigurationVersionID), "cv-ntv3HbhJqvFzamy7"},
		{"is_speculative", r.IsSpeculative, false},
		{"organization_name", r.OrganizationName, "acme"},
		{"plan_json_api_url", r.PlanJSONAPIURL, "https://app.terraform.io/api/v2/plans/plan-6AFmRJW1PFJ7qbAh/json-output"},
		{"project_id", deref(r.ProjectID), "prj-gFVyPJ2q2Aurn5DV"},
		{"project_name", deref(r.ProjectName), "Default Project"},
		{"project_app_url", deref(r.ProjectAppURL), "https://app.terraform.io/app/acme/projects/prj-gFVyPJ2q2Aurn5DV"},
		{"run_app_url", r.RunAppURL, "https://app.terraform.io/app/acme/workspaces/web-prod/runs/run-i3Df5to9ELvibKpQ"},
		{"run_created_at", r.RunCreatedAt, time.Date(2026, 9, 2, 14, 47, 13, 36_000_000, time.UTC)},
		{"run_created_by", deref(r.RunCreatedBy), "jdoe"},
		{"run_id", r.RunID, "run-i3Df5to9ELvibKpQ"},
		{"run_message", deref(r.RunMessage), "Triggered via UI"},
		{"callback", r.TaskResultCallbackURL, "https://app.terraform.io/api/v2/task-results/5ea8d46c-2ceb-42cd-83f2-82e54697bddd/callback"},
		{"enforcement", r.TaskResultEnforcementLevel, "mandatory"},
		{"task_result_id", r.TaskResultID, "taskrs-2nH5dncYoXaMVQmJ"},
		{"vcs_branch", deref(r.VCSBranch), "main"},
		{"vcs_commit_url", deref(r.VCSCommitURL), "https://github.com/acme/infra/commit/7d8fb2a2d601edebdb7a59ad2088a96673637d22"},
		{"vcs_commit_hash", deref(r.VCSCommitHash), "7d8fb2a2d601edebdb7a59ad2088a96673637d22"},
		{"vcs_pull_request_url is null", r.VCSPullRequestURL == nil, true},
		{"vcs_repo_url", deref(r.VCSRepoURL), "https://github.com/acme/infra"},
		{"workspace_app_url", r.WorkspaceAppURL, "https://app.terraform.io/app/acme/workspaces/web-prod"},
		{"workspace_id", r.WorkspaceID, "ws-ck4G5bb1Yei5szRh"},
		{"workspace_name", r.WorkspaceName, "web-prod"},
		{"workspace_working_directory", deref(r.WorkspaceWorkingDirectory), "/terraform"},
		{"is test", r.IsTest(), false},
	}
	for _, c := range checks {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if err := r.Validate(DefaultHostPolicy()); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func TestDecodeRequestLenient(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		check func(t *testing.T, r Request)
	}{
		{"minimal verification request", `{"access_token":"test-token"}`, func(t *testing.T, r Request) {
			if !r.IsTest() || r.OutcomesCapable() || r.Stage != "" {
				t.Errorf("got %+v", r)
			}
		}},
		{"verification example", string(readTestdata(t, "verification_request.json")), func(t *testing.T, r Request) {
			if !r.IsTest() || r.TaskResultEnforcementLevel != "test" || r.VCSRepoURL != nil {
				t.Errorf("got %+v", r)
			}
		}},
		{"old capabilitites spelling", `{"capabilitites":{"outcomes":true}}`, func(t *testing.T, r Request) {
			if !r.OutcomesCapable() {
				t.Error("capabilitites.outcomes=true not read")
			}
		}},
		{"both spellings are OR-ed (new false)", `{"capabilities":{"outcomes":false},"capabilitites":{"outcomes":true}}`, func(t *testing.T, r Request) {
			if !r.OutcomesCapable() {
				t.Error("want outcomes")
			}
		}},
		{"both spellings are OR-ed (old false)", `{"capabilities":{"outcomes":true},"capabilitites":{"outcomes":false}}`, func(t *testing.T, r Request) {
			if !r.OutcomesCapable() {
				t.Error("want outcomes")
			}
		}},
		{"capabilities false", `{"capabilities":{"outcomes":false}}`, func(t *testing.T, r Request) {
			if r.OutcomesCapable() {
				t.Error("want no outcomes")
			}
		}},
		{"capabilities absent (old TFE)", `{"stage":"post_plan"}`, func(t *testing.T, r Request) {
			if r.OutcomesCapable() {
				t.Error("want no outcomes")
			}
		}},
		{"capabilities of the wrong type", `{"capabilities":true,"capabilitites":[1]}`, func(t *testing.T, r Request) {
			if r.OutcomesCapable() {
				t.Error("want no outcomes")
			}
		}},
		{"outcomes as a string", `{"capabilities":{"outcomes":"true"}}`, func(t *testing.T, r Request) {
			if !r.OutcomesCapable() {
				t.Error("want outcomes")
			}
		}},
		{"nulls everywhere", `{"access_token":null,"stage":null,"vcs_branch":null,"configuration_version_download_url":null,"run_message":null,"is_speculative":null,"run_created_at":null,"capabilities":null,"payload_version":null}`, func(t *testing.T, r Request) {
			if r.AccessToken != "" || r.VCSBranch != nil || r.ConfigurationVersionDownloadURL != nil || !r.RunCreatedAt.IsZero() || r.PayloadVersion != 0 {
				t.Errorf("got %+v", r)
			}
		}},
		{"optional fields of the wrong type are ignored", `{"is_speculative":"yes","run_created_at":12,"vcs_branch":7,"run_app_url":{},"workspace_working_directory":[]}`, func(t *testing.T, r Request) {
			if r.IsSpeculative || !r.RunCreatedAt.IsZero() || r.VCSBranch != nil || r.RunAppURL != "" || r.WorkspaceWorkingDirectory != nil {
				t.Errorf("got %+v", r)
			}
		}},
		{"is_speculative as a string", `{"is_speculative":"true"}`, func(t *testing.T, r Request) {
			if !r.IsSpeculative {
				t.Error("want speculative")
			}
		}},
		{"payload_version as a string", `{"payload_version":"1"}`, func(t *testing.T, r Request) {
			if r.PayloadVersion != 1 {
				t.Errorf("payload_version = %d", r.PayloadVersion)
			}
		}},
		{"run_created_at without fraction", `{"run_created_at":"2021-09-02T14:47:13Z"}`, func(t *testing.T, r Request) {
			if !r.RunCreatedAt.Equal(time.Date(2021, 9, 2, 14, 47, 13, 0, time.UTC)) {
				t.Errorf("run_created_at = %v", r.RunCreatedAt)
			}
		}},
		{"unknown fields are ignored", `{"run_id":"run-1","future_field":{"x":[1,2]},"Run_Id":"other"}`, func(t *testing.T, r Request) {
			if r.RunID != "run-1" {
				t.Errorf("run_id = %q", r.RunID)
			}
		}},
		{"unicode strings", `{"run_message":"déploiement \u2603"}`, func(t *testing.T, r Request) {
			if deref(r.RunMessage) != "déploiement ☃" {
				t.Errorf("run_message = %q", deref(r.RunMessage))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := DecodeRequest([]byte(tt.body))
			if err != nil {
				t.Fatalf("DecodeRequest: %v", err)
			}
			tt.check(t, r)
		})
	}
}

func TestDecodeRequestErrors(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"empty", "", "empty body"},
		{"blank", " \n", "empty body"},
		{"truncated", `{"access_token":"x"`, "unexpected end"},
		{"trailing garbage", `{"a":1} x`, "invalid character"},
		{"array", `[{"access_token":"x"}]`, "not a JSON object"},
		{"string", `"hello"`, "not a JSON object"},
		{"null", `null`, "not a JSON object"},
		{"number", `1`, "not a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeRequest([]byte(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestRequestNeverPrintsSecrets(t *testing.T) {
	r, err := DecodeRequest(readTestdata(t, "post_plan_request.json"))
	if err != nil {
		t.Fatal(err)
	}
	r.TaskResultCallbackURL += "?url_code=SECRETCODE"
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("request", "req", r)
	outputs := map[string]string{
		"%v":   fmt.Sprintf("%v", r),
		"%+v":  fmt.Sprintf("%+v", r),
		"%#v":  fmt.Sprintf("%#v", r),
		"%s":   fmt.Sprintf("%s", r),
		"slog": logged.String(),
	}
	for verb, out := range outputs {
		for _, secret := range []string{r.AccessToken, "SECRETCODE"} {
			if strings.Contains(out, secret) {
				t.Errorf("%s output contains a secret: %s", verb, out)
			}
		}
		if !strings.Contains(out, "run-i3Df5to9ELvibKpQ") {
			t.Errorf("%s output lacks the run id: %s", verb, out)
		}
	}
}
