package faketfc

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"time"
	"unicode/utf8"

	"github.com/costgate/costgate/runtask"
)

// serveCallback answers PATCH /api/v2/task-results/{uuid}/callback as TFC
// does, checking everything runtask-protocol.md §6 says, and records it.
func (s *Server) serveCallback(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 6<<20))
	c := Callback{TaskResultUUID: r.PathValue("uuid"), At: time.Now()}
	s.mu.Lock()
	run, known := s.runs[c.TaskResultUUID]
	if known {
		c.TaskResultID = run.fixture.TaskResultID
	}
	s.mu.Unlock()
	var doc callbackBody
	if err := json.Unmarshal(body, &doc); err == nil {
		c.Status, c.Message, c.URL = doc.Data.Attributes.Status, doc.Data.Attributes.Message, doc.Data.Attributes.URL
		if doc.Data.Relationships != nil {
			c.Relationships = true
			c.Outcomes = doc.Data.Relationships.Outcomes.Data
		}
	}

	if known && run.faults.callbackRedirect != "" {
		c.Response, c.Problem = http.StatusTemporaryRedirect, "redirect set by the test"
		s.record(c)
		w.Header().Set("Location", run.faults.callbackRedirect)
		w.WriteHeader(http.StatusTemporaryRedirect)
		return
	}
	if status, ok := s.scripted(run, known); ok {
		c.Response, c.Problem = status, "status scripted by the test"
		s.record(c)
		s.applyFault(w, r, fault{status: status})
		return
	}
	if f, ok := s.nextFault(&s.callbackFault); ok {
		c.Response, c.Problem = f.status, "fault injected by the test"
		if f.hang {
			c.Problem = "hung by the test"
		}
		s.record(c)
		s.applyFault(w, r, f)
		return
	}
	status, title, problem := s.checkCallback(r, run, known, body)
	if status == http.StatusOK {
		s.mu.Lock()
		if run.final { // checked again under the lock: two PATCHes may race
			status, title, problem = http.StatusConflict, "conflict", "The task result is in a terminal state and cannot be updated"
		} else if c.Status == runtask.StatusPassed || c.Status == runtask.StatusFailed {
			run.final = true
		}
		s.mu.Unlock()
	}
	c.Response, c.Problem = status, problem
	s.record(c)
	s.delayAnswer(r)
	if status != http.StatusOK {
		writeError(w, status, title, problem)
		return
	}
	w.Header().Set("Content-Type", runtask.JSONAPIMimeType)
	fmt.Fprintf(w, `{"data":{"id":%q,"type":"task-results","attributes":{"status":%q}}}`, c.TaskResultID, c.Status)
}

// checkCallback returns 200 or the status, title and detail TFC would answer.
func (s *Server) checkCallback(r *http.Request, run *run, known bool, body []byte) (int, string, string) {
	if r.Method != http.MethodPatch {
		return http.StatusMethodNotAllowed, "method not allowed", "callbacks are PATCH, got " + r.Method
	}
	if !known {
		return http.StatusNotFound, "not found", "no such task result"
	}
	if r.Header.Get("Authorization") != "Bearer "+run.fixture.Token {
		return http.StatusUnauthorized, "unauthorized", "bad or missing bearer token"
	}
	if s.opts.URLCode && r.URL.RawQuery != "url_code="+urlCode(run.fixture) {
		return http.StatusUnauthorized, "unauthorized", "url_code missing or changed: send the callback URL exactly as received"
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != runtask.JSONAPIMimeType {
		return http.StatusUnsupportedMediaType, "unsupported media type", "Content-Type must be application/vnd.api+json, got " + r.Header.Get("Content-Type")
	}
	s.mu.Lock()
	final := run.final
	s.mu.Unlock()
	if final {
		return http.StatusConflict, "conflict", "The task result is in a terminal state and cannot be updated"
	}
	if problem := validateBody(body); problem != "" {
		return http.StatusUnprocessableEntity, "invalid attribute", problem
	}
	return http.StatusOK, "", ""
}

// callbackBody is the callback as the fake reads it.
type callbackBody struct {
	Data struct {
		Type       string `json:"type"`
		Attributes struct {
			Status  string `json:"status"`
			Message string `json:"message"`
			URL     string `json:"url"`
		} `json:"attributes"`
		Relationships *struct {
			Outcomes struct {
				Data []runtask.Outcome `json:"data"`
			} `json:"outcomes"`
		} `json:"relationships"`
	} `json:"data"`
}

var tagKeyPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// validateBody checks a callback against §6.1 and the limits of §6.2,
// independently of runtask's own code; it returns "" or the first problem.
func validateBody(body []byte) string {
	var raw struct {
		Data *struct {
			Type          *string                    `json:"type"`
			Attributes    map[string]json.RawMessage `json:"attributes"`
			Relationships map[string]json.RawMessage `json:"relationships"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return "body is not a JSON:API document: " + err.Error()
	}
	d := raw.Data
	switch {
	case d == nil:
		return "missing data"
	case d.Type == nil || *d.Type != "task-results":
		return `data.type must be "task-results"`
	case d.Attributes == nil:
		return "missing data.attributes"
	}
	if _, ok := d.Attributes["outcomes"]; ok {
		return "outcomes belong under data.relationships.outcomes.data, not data.attributes"
	}
	var status string
	if json.Unmarshal(d.Attributes["status"], &status) != nil {
		return "data.attributes.status must be a string"
	}
	if status != "running" && status != "passed" && status != "failed" {
		return fmt.Sprintf("status %q must be running, passed or failed", status)
	}
	if p := checkText(d.Attributes, "message", 1, 1000); p != "" {
		return p
	}
	if p := checkURL(d.Attributes, "url"); p != "" {
		return p
	}
	for k := range d.Relationships {
		if k != "outcomes" {
			return "unknown relationship " + k
		}
	}
	rawOutcomes, ok := d.Relationships["outcomes"]
	if !ok {
		return ""
	}
	var outcomes struct {
		Data []struct {
			Type       string                     `json:"type"`
			Attributes map[string]json.RawMessage `json:"attributes"`
		} `json:"data"`
	}
	if err := json.Unmarshal(rawOutcomes, &outcomes); err != nil || outcomes.Data == nil {
		return "relationships.outcomes.data must be an array"
	}
	if len(outcomes.Data) > 250 {
		return fmt.Sprintf("%d outcomes, at most 250", len(outcomes.Data))
	}
	for i, o := range outcomes.Data {
		if p := validateOutcome(o.Type, o.Attributes); p != "" {
			return fmt.Sprintf("outcome %d: %s", i, p)
		}
	}
	return ""
}

func validateOutcome(typ string, attrs map[string]json.RawMessage) string {
	if typ != "task-result-outcomes" {
		return `type must be "task-result-outcomes"`
	}
	if _, ok := attrs["outcome_id"]; ok {
		return `the attribute is "outcome-id", not "outcome_id"`
	}
	for _, check := range []struct {
		name     string
		min, max int
	}{{"outcome-id", 1, 64}, {"description", 1, 1000}} {
		if _, ok := attrs[check.name]; !ok {
			return check.name + " is required"
		}
		if p := checkText(attrs, check.name, check.min, check.max); p != "" {
			return p
		}
	}
	if p := checkText(attrs, "body", 1, 10000); p != "" {
		return p
	}
	if p := checkURL(attrs, "url"); p != "" {
		return p
	}
	rawTags, ok := attrs["tags"]
	if !ok {
		return ""
	}
	var tags map[string][]struct {
		Label *string `json:"label"`
		Level *string `json:"level"`
	}
	if err := json.Unmarshal(rawTags, &tags); err != nil {
		return "tags must map header names to arrays of {label, level}"
	}
	if len(tags) < 1 || len(tags) > 10 {
		return fmt.Sprintf("%d tag keys, want 1 to 10", len(tags))
	}
	for k, labels := range tags {
		if !tagKeyPattern.MatchString(k) {
			return fmt.Sprintf("tag key %q does not match %s", k, tagKeyPattern)
		}
		if len(labels) > 32 {
			return fmt.Sprintf("tag %q has %d labels, at most 32", k, len(labels))
		}
		for _, l := range labels {
			if l.Label == nil || utf8.RuneCountInString(*l.Label) > 32 {
				return fmt.Sprintf("tag %q: label missing or over 32 characters", k)
			}
			if l.Level != nil {
				switch *l.Level {
				case "none", "info", "warning", "error":
				default:
					return fmt.Sprintf("tag %q: level %q must be none, info, warning or error", k, *l.Level)
				}
			}
		}
	}
	return ""
}

// checkText checks an optional string attribute's length in characters.
func checkText(attrs map[string]json.RawMessage, name string, minLen, maxLen int) string {
	return checkString(attrs, name, func(s string) string {
		if n := utf8.RuneCountInString(s); n < minLen || n > maxLen {
			return fmt.Sprintf("%s has %d characters, want %d to %d", name, n, minLen, maxLen)
		}
		return ""
	})
}

var urlPattern = regexp.MustCompile(`^https?://[^/?#\s]+`)

// checkURL checks an optional URL attribute: http(s), at most 500 characters.
func checkURL(attrs map[string]json.RawMessage, name string) string {
	return checkString(attrs, name, func(s string) string {
		if utf8.RuneCountInString(s) > 500 || !urlPattern.MatchString(s) {
			return name + " must be an http(s) URL of at most 500 characters"
		}
		return ""
	})
}

// checkString checks an optional attribute is a string, then checks its value.
func checkString(attrs map[string]json.RawMessage, name string, check func(string) string) string {
	raw, ok := attrs[name]
	if !ok {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return name + " must be a string"
	}
	return check(s)
}

// writeError answers a JSON:API error document.
func writeError(w http.ResponseWriter, status int, title, detail string) {
	w.Header().Set("Content-Type", runtask.JSONAPIMimeType)
	w.WriteHeader(status)
	b, _ := json.Marshal(map[string]any{"errors": []map[string]string{{
		"status": fmt.Sprint(status), "title": title, "detail": detail,
	}}})
	w.Write(b)
}
