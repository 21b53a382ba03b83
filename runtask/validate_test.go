package runtask

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

// examplePayload returns the §8.1 example as a map tests can edit.
func examplePayload(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(readTestdata(t, "post_plan_request.json"), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(m map[string]any)
		hosts  HostPolicy
		fields []string // fields reported; nil means valid
		want   string   // a problem text that must appear
	}{
		{name: "example is valid", edit: func(map[string]any) {}},
		{name: "old TFE without optional fields", edit: func(m map[string]any) {
			for _, k := range []string{"capabilities", "payload_version", "vcs_branch", "project_id", "run_created_at", "configuration_version_download_url", "workspace_working_directory"} {
				delete(m, k)
			}
		}},
		{name: "pre_plan needs no plan URL", edit: func(m map[string]any) {
			m["stage"] = "pre_plan"
			delete(m, "plan_json_api_url")
		}},
		{name: "post_apply needs a plan URL", edit: func(m map[string]any) {
			m["stage"] = "post_apply"
			delete(m, "plan_json_api_url")
		}, fields: []string{"plan_json_api_url"}, want: "is required"},
		{name: "pre_apply needs a plan URL", edit: func(m map[string]any) {
			m["stage"] = "pre_apply"
			m["plan_json_api_url"] = nil
		}, fields: []string{"plan_json_api_url"}},
		{name: "unknown stage", edit: func(m map[string]any) { m["stage"] = "post_destroy" }, fields: []string{"stage"}, want: "must be one of"},
		{name: "payload version 2", edit: func(m map[string]any) { m["payload_version"] = 2 }, fields: []string{"payload_version"}, want: "must be 1"},
		{name: "payload version of the wrong type", edit: func(m map[string]any) { m["payload_version"] = true }, fields: []string{"payload_version"}, want: "must be the integer 1"},
		{name: "every required field missing", edit: func(m map[string]any) {
			for _, k := range []string{"stage", "access_token", "task_result_id", "task_result_callback_url", "run_id", "organization_name", "workspace_id", "workspace_name"} {
				delete(m, k)
			}
		}, fields: []string{"stage", "access_token", "task_result_id", "run_id", "organization_name", "workspace_id", "workspace_name", "task_result_callback_url"}, want: "is required"},
		{name: "required fields of the wrong type", edit: func(m map[string]any) {
			m["access_token"] = 12
			m["run_id"] = []any{"run-x"}
			m["task_result_callback_url"] = map[string]any{}
		}, fields: []string{"access_token", "run_id", "task_result_callback_url"}, want: "must be a string, got a number"},
		{name: "blank id", edit: func(m map[string]any) { m["task_result_id"] = "   " }, fields: []string{"task_result_id"}},
		{name: "overlong id", edit: func(m map[string]any) { m["run_id"] = strings.Repeat("r", 256) }, fields: []string{"run_id"}, want: "longer than 255"},
		{name: "control character in id", edit: func(m map[string]any) { m["workspace_name"] = "web\nprod" }, fields: []string{"workspace_name"}},
		{name: "token with a line break", edit: func(m map[string]any) { m["access_token"] = "abc\r\nX-Evil: 1" }, fields: []string{"access_token"}},
		{name: "callback to another host", edit: func(m map[string]any) {
			m["task_result_callback_url"] = "https://evil.example/api/v2/task-results/x/callback"
		}, fields: []string{"task_result_callback_url"}, want: `host "evil.example"`},
		{name: "plan URL over plain http", edit: func(m map[string]any) {
			m["plan_json_api_url"] = "http://app.terraform.io/api/v2/plans/plan-1/json-output"
		}, fields: []string{"plan_json_api_url"}, want: "plain http"},
		{name: "plain http allowed for tests", edit: func(m map[string]any) {
			m["plan_json_api_url"] = "http://127.0.0.1:8080/api/v2/plans/plan-1/json-output"
			m["task_result_callback_url"] = "http://127.0.0.1:8080/api/v2/task-results/x/callback"
		}, hosts: HostPolicy{Hosts: []string{"127.0.0.1"}, AllowHTTP: true}},
		{name: "userinfo trick", edit: func(m map[string]any) {
			m["plan_json_api_url"] = "https://app.terraform.io@evil.example/api/v2/plans/plan-1/json-output"
		}, fields: []string{"plan_json_api_url"}, want: "user information"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := examplePayload(t)
			tt.edit(m)
			body, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			r, err := DecodeRequest(body)
			if err != nil {
				t.Fatal(err)
			}
			hosts := tt.hosts
			if hosts.Hosts == nil {
				hosts = DefaultHostPolicy()
			}
			err = r.Validate(hosts)
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate = %v, want *ValidationError", err)
			}
			var got []string
			for _, f := range ve.Fields {
				got = append(got, f.Field)
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tt.fields))
			if !slices.Equal(got, want) {
				t.Errorf("fields = %v, want %v (%v)", got, want, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q lacks %q", err, tt.want)
			}
			if tok, ok := m["access_token"].(string); ok && strings.Contains(err.Error(), tok) {
				t.Errorf("error quotes the access token: %v", err)
			}
		})
	}
}

func TestValidationErrorJSON(t *testing.T) {
	err := Request{}.Validate(DefaultHostPolicy())
	b, jerr := json.Marshal(err)
	if jerr != nil {
		t.Fatal(jerr)
	}
	if !strings.Contains(string(b), `{"field":"stage","problem":"is required"}`) {
		t.Errorf("JSON = %s", b)
	}
}
