package runtask

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxIDLength bounds the identifiers the service stores and indexes.
const maxIDLength = 255

// FieldError is one problem with one request field (named as on the wire).
type FieldError struct {
	Field   string `json:"field"`
	Problem string `json:"problem"`
}

// ValidationError lists every problem found in a request; the service
// answers it with 422 and this list as JSON.
type ValidationError struct {
	Fields []FieldError `json:"fields"`
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + " " + f.Problem
	}
	return "invalid run task request: " + strings.Join(parts, "; ")
}

// Validate checks the fields the service needs and that the plan and
// callback URLs are on an allowed host. It returns a *ValidationError, or
// nil. A verification request (IsTest) must be answered before calling
// Validate: its fields are dummies and its URLs are never used.
func (r Request) Validate(hosts HostPolicy) error {
	var v validation
	v.typeProblems = r.typeProblems
	if p, ok := r.typeProblems["payload_version"]; ok {
		v.add("payload_version", p)
	}

	switch {
	case v.typeProblem("stage"):
	case r.Stage == "":
		v.add("stage", "is required")
	case !r.Stage.Valid():
		v.add("stage", fmt.Sprintf("must be one of pre_plan, post_plan, pre_apply, post_apply, got %q", truncateRunes(string(r.Stage), 40)))
	}

	v.token("access_token", r.AccessToken)
	v.id("task_result_id", r.TaskResultID)
	v.id("run_id", r.RunID)
	v.id("organization_name", r.OrganizationName)
	v.id("workspace_id", r.WorkspaceID)
	v.id("workspace_name", r.WorkspaceName)

	v.url("task_result_callback_url", r.TaskResultCallbackURL, hosts)
	if r.Stage.HasPlan() || !r.Stage.Valid() && r.PlanJSONAPIURL != "" {
		v.url("plan_json_api_url", r.PlanJSONAPIURL, hosts)
	}
	if len(v.fields) == 0 {
		return nil
	}
	return &ValidationError{Fields: v.fields}
}

// validation collects field problems in the order they are found.
type validation struct {
	fields       []FieldError
	typeProblems map[string]string
}

func (v *validation) add(field, problem string) {
	v.fields = append(v.fields, FieldError{Field: field, Problem: problem})
}

// typeProblem reports a wrong JSON type found by DecodeRequest, if any.
func (v *validation) typeProblem(field string) bool {
	p, ok := v.typeProblems[field]
	if ok {
		v.add(field, p)
	}
	return ok
}

func (v *validation) id(field, value string) {
	switch {
	case v.typeProblem(field):
	case strings.TrimSpace(value) == "":
		v.add(field, "is required")
	case !utf8.ValidString(value):
		v.add(field, "is not valid UTF-8")
	case utf8.RuneCountInString(value) > maxIDLength:
		v.add(field, fmt.Sprintf("is longer than %d characters", maxIDLength))
	case strings.ContainsFunc(value, isControl):
		v.add(field, "contains a control character")
	}
}

// token checks the access token without ever quoting it.
func (v *validation) token(field, value string) {
	switch {
	case v.typeProblem(field):
	case value == "":
		v.add(field, "is required")
	case strings.ContainsFunc(value, func(c rune) bool { return c <= ' ' || c >= 0x7f }):
		v.add(field, "contains whitespace, a control or a non-ASCII character")
	}
}

func (v *validation) url(field, value string, hosts HostPolicy) {
	if v.typeProblem(field) {
		return
	}
	if value == "" {
		v.add(field, "is required")
		return
	}
	if err := hosts.Check(value); err != nil {
		var he *HostError
		if errors.As(err, &he) {
			v.add(field, "is not allowed: "+he.reason())
			return
		}
		v.add(field, "is not allowed")
	}
}

// reason is the HostError text without the "URL not allowed" prefix.
func (e *HostError) reason() string {
	if e.Host == "" {
		return e.Reason
	}
	return fmt.Sprintf("host %q: %s", e.Host, e.Reason)
}

func isControl(c rune) bool { return c < ' ' || c == 0x7f }
