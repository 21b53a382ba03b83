package e2e

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/faketfc"
	"github.com/costgate/costgate/store"
)

// TestPostPlanPricedAndReported: the §8.1 payload (with each spelling of
// capabilities) is acked, the plan fetched through the 307 without the
// token reaching the archivist, priced, saved, and reported once with
// outcomes; the token is erased at the end.
func TestPostPlanPricedAndReported(t *testing.T) {
	h := newHarness(t, options{})
	plan := corpusPlan(t)
	tests := []struct {
		name         string
		id           string
		mutate       func(p payload)
		wantOutcomes bool
	}{
		{"capabilities", "caps", nil, true},
		{"old capabilitites spelling", "capstypo", func(p payload) {
			delete(p, "capabilities")
			p["capabilitites"] = map[string]bool{"outcomes": true}
		}, true},
		{"no capabilities", "nocaps", func(p payload) { delete(p, "capabilities") }, false},
		{"outcomes false", "capsfalse", func(p payload) { p["capabilities"] = map[string]bool{"outcomes": false} }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			h.startRun(tt.id, plan, tt.mutate)
			if ack := time.Since(start); ack > 2*time.Second {
				t.Errorf("ack took %s", ack)
			}
			final := h.tfc.waitFinal(tt.id, 20*time.Second)
			if final.Status != "passed" || !strings.HasPrefix(final.Message, "Monthly cost ") {
				t.Fatalf("final = %+v", final)
			}
			if final.URL != publicURL+"/runs/run-"+tt.id {
				t.Errorf("url = %q", final.URL)
			}
			if tt.wantOutcomes && len(final.Outcomes) == 0 {
				t.Errorf("outcomes missing though the caller accepts them")
			}
			if !tt.wantOutcomes && final.Relationships {
				t.Errorf("relationships sent though the caller does not accept outcomes")
			}
			patches := h.tfc.patchesOf(tt.id)
			if patches[0].Status != "running" {
				t.Errorf("first PATCH is %q, want a running update", patches[0].Status)
			}
			r := h.waitState(tt.id, store.StateDelivered, 5*time.Second)
			if r.AccessTokenSealed != nil {
				t.Error("sealed token not erased after the final callback")
			}
			est, err := store.GetEstimate(context.Background(), h.pool, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if est.Decision != "passed" || est.Message != final.Message || len(est.Estimate) == 0 {
				t.Errorf("stored estimate = %+v", est)
			}
			if total := est.ProposedMonthlyCost.StringFixed(2); est.ProposedMonthlyCost.IntPart() < 1000 && !strings.Contains(final.Message, "$"+total) {
				t.Errorf("message %q does not show the stored proposed total $%s", final.Message, total)
			}
			d := h.delivery(tt.id)
			if d.DeliveredAt == nil || d.Attempts != 1 || *d.LastOutcome != store.OutcomeAccepted {
				t.Errorf("delivery = %+v", d)
			}
		})
	}
	auths := h.tfc.ArchivistAuthHeaders()
	if len(auths) == 0 {
		t.Fatal("the archivist host was never asked: the check would prove nothing")
	}
	for _, a := range auths {
		if a != "" {
			t.Fatal("the archivist host received an Authorization header")
		}
	}
}

// TestCallbackResponses: 409 is done (no retry), 503 and 429 are retried,
// 422 and 401 stop and are recorded.
func TestCallbackResponses(t *testing.T) {
	h := newHarness(t, options{})
	plan := corpusPlan(t)
	tests := []struct {
		id           string
		script       []int
		wantState    string
		wantOutcome  string
		wantAttempts int
		wantStatus   int
	}{
		{"cb409", []int{409}, store.StateDelivered, store.OutcomeAlreadyFinal, 1, 409},
		{"cb503", []int{503, 503}, store.StateDelivered, store.OutcomeAccepted, 3, 200},
		{"cb429", []int{429}, store.StateDelivered, store.OutcomeAccepted, 2, 200},
		{"cb422", []int{422}, store.StateUndeliverable, store.OutcomePermanent, 1, 422},
		{"cb401", []int{401}, store.StateUndeliverable, store.OutcomePermanent, 1, 401},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			// The running update is sent first; script only the final PATCHes.
			token := h.startRunScripted(tt.id, plan, tt.script)
			r := h.waitState(tt.id, tt.wantState, 20*time.Second)
			d := h.delivery(tt.id)
			if *d.LastOutcome != tt.wantOutcome || d.Attempts != tt.wantAttempts || *d.LastHTTPStatus != tt.wantStatus {
				t.Fatalf("delivery: outcome %s attempts %d status %d; want %s %d %d", *d.LastOutcome, d.Attempts, *d.LastHTTPStatus,
					tt.wantOutcome, tt.wantAttempts, tt.wantStatus)
			}
			if r.AccessTokenSealed != nil {
				t.Error("token not erased")
			}
			if tt.wantOutcome == store.OutcomePermanent && (d.LastError == nil || *d.LastError == "") {
				t.Error("permanent refusal not recorded with its error")
			}
			time.Sleep(400 * time.Millisecond) // several backoff periods: no further PATCH may come
			var finalsTried int
			for _, p := range h.tfc.patchesOf(tt.id) {
				if p.Status != "running" {
					finalsTried++
				}
			}
			if finalsTried != tt.wantAttempts {
				t.Errorf("%d final PATCHes sent, want %d", finalsTried, tt.wantAttempts)
			}
			if strings.Contains(*d.LastOutcome+deref(d.LastError), token) {
				t.Error("token in the delivery record")
			}
		})
	}
}

// startRunScripted starts a run whose final PATCHes get the scripted
// answers (the initial running update is accepted).
func (h *harness) startRunScripted(id string, plan []byte, script []int) string {
	h.t.Helper()
	return h.startRunWith(id, plan, faketfc.RunOptions{CallbackScript: append([]int{200}, script...)}, nil)
}

// TestFailuresEndInAFinalCallback: each way pricing can fail ends in a
// failed callback saying why; pre_plan passes with advice.
func TestFailuresEndInAFinalCallback(t *testing.T) {
	h := newHarness(t, options{})
	plan := corpusPlan(t)
	tests := []struct {
		id         string
		setup      faketfc.RunOptions
		plan       []byte
		mutate     func(p payload)
		wantStatus string
		wantMsg    []string
		wantKind   string
	}{
		{"preplan", faketfc.RunOptions{}, nil, func(p payload) { p["stage"] = "pre_plan"; delete(p, "plan_json_api_url") }, "passed", []string{"post_plan", "pre_apply"}, ""},
		{"plan404", faketfc.RunOptions{PlanStatus: 404}, nil, nil, "failed", []string{"could not price", "not found", "404"}, "plan_not_found"},
		{"plan403", faketfc.RunOptions{PlanStatus: 403}, nil, nil, "failed", []string{"could not price", "403"}, "plan_refused"},
		{"notjson", faketfc.RunOptions{}, []byte("<html>maintenance</html>"), nil, "failed", []string{"not a valid Terraform plan"}, "invalid_plan"},
		{"notready", faketfc.RunOptions{NotReady: ptr(100)}, nil, nil, "failed", []string{"not ready", "204"}, "plan_not_ready"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			token := "atlasv1-" + tt.id + "-Xy12AbCdEfGhIjklmnopqrstuvwx"
			runPlan := plan
			if tt.plan != nil {
				runPlan = tt.plan
			}
			h.tfc.addRun(tt.id, token, runPlan, tt.setup)
			p := h.payload(tt.id, token)
			if tt.mutate != nil {
				tt.mutate(p)
			}
			if resp, b := h.post(p.bytes(t), "sign"); resp.StatusCode != 200 {
				t.Fatalf("POST: %d %s", resp.StatusCode, b)
			}
			final := h.tfc.waitFinal(tt.id, 20*time.Second)
			if final.Status != tt.wantStatus || !contains(final.Message, tt.wantMsg...) {
				t.Fatalf("final = %s %q, want %s with %q", final.Status, final.Message, tt.wantStatus, tt.wantMsg)
			}
			r := h.waitState(tt.id, store.StateDelivered, 5*time.Second)
			if deref(r.ErrorKind) != tt.wantKind {
				t.Errorf("error kind %q, want %q", deref(r.ErrorKind), tt.wantKind)
			}
			if strings.Contains(final.Message, token) {
				t.Error("message contains the token")
			}
		})
	}
	if gets := h.tfc.planGets("preplan"); gets != 0 {
		t.Errorf("pre_plan fetched a plan %d times", gets)
	}
}

// TestPlanAfter204: a 204 (plan not ready) is retried, then the plan priced.
func TestPlanAfter204(t *testing.T) {
	h := newHarness(t, options{})
	h.startRunWith("ready", corpusPlan(t), faketfc.RunOptions{NotReady: ptr(2)}, nil)
	final := h.tfc.waitFinal("ready", 20*time.Second)
	if final.Status != "passed" {
		t.Fatalf("final = %+v", final)
	}
	if gets := h.tfc.planGets("ready"); gets != 3 {
		t.Fatalf("plan endpoint asked %d times, want 3 (two 204s, then the plan)", gets)
	}
}

// TestFailOpen: with fail-open a failure passes with a warning.
func TestFailOpen(t *testing.T) {
	h := newHarness(t, options{failOpen: true})
	h.startRunWith("open", nil, faketfc.RunOptions{PlanStatus: 404}, nil)
	final := h.tfc.waitFinal("open", 20*time.Second)
	if final.Status != "passed" || !contains(final.Message, "Warning", "could not price", "404") {
		t.Fatalf("final = %s %q", final.Status, final.Message)
	}
}

// TestHeartbeat: a slow plan download gets running updates at the
// configured interval (seconds here, minutes in production) before the
// final result.
func TestHeartbeat(t *testing.T) {
	h := newHarness(t, options{heartbeat: 300 * time.Millisecond})
	release := make(chan struct{})
	h.startRunWith("slow", corpusPlan(t), faketfc.RunOptions{PlanHold: release}, nil)
	h.tfc.waitFor(10*time.Second, "three running updates", func() bool {
		return len(h.tfc.patchesOf("slow")) >= 3
	})
	close(release)
	final := h.tfc.waitFinal("slow", 20*time.Second)
	ps := h.tfc.patchesOf("slow")
	var running []time.Time
	for _, p := range ps {
		if p.Status == "running" && p.At.Before(final.At) {
			running = append(running, p.At)
		}
	}
	if len(running) < 3 {
		t.Fatalf("%d running updates before the final one, want >= 3", len(running))
	}
	for i := 1; i < len(running); i++ {
		if gap := running[i].Sub(running[i-1]); gap > 2*time.Second {
			t.Errorf("gap of %s between running updates (interval 300ms)", gap)
		}
	}
	if r := h.run("slow"); r.LastProgressAt == nil {
		t.Error("last progress not recorded")
	}
}

// TestJobTimeoutFails: a plan that never arrives ends, at the job timeout,
// in a failed callback that says so.
func TestJobTimeoutFails(t *testing.T) {
	h := newHarness(t, options{jobTimeout: time.Second})
	h.startRunWith("hang", corpusPlan(t), faketfc.RunOptions{PlanHold: make(chan struct{})}, nil)
	final := h.tfc.waitFinal("hang", 20*time.Second)
	if final.Status != "failed" || !contains(final.Message, "timed out") {
		t.Fatalf("final = %s %q", final.Status, final.Message)
	}
	if k := deref(h.waitState("hang", store.StateDelivered, 5*time.Second).ErrorKind); k != "timeout" {
		t.Fatalf("error kind %q", k)
	}
}

// TestGiveUpBeforeDeadline: a callback endpoint that keeps failing is given
// up, recorded, once the deadline after receipt passes.
func TestGiveUpBeforeDeadline(t *testing.T) {
	h := newHarness(t, options{giveUp: 1500 * time.Millisecond})
	script := make([]int, 200)
	for i := range script {
		script[i] = 500 // no Retry-After: the test backoff (100 ms) paces the retries
	}
	h.startRunScripted("down", corpusPlan(t), script)
	h.waitState("down", store.StateUndeliverable, 20*time.Second)
	d := h.delivery("down")
	if d.GivenUpAt == nil || *d.LastOutcome != store.OutcomeGaveUp || d.Attempts < 2 {
		t.Fatalf("delivery = %+v", d)
	}
	if d.GivenUpAt.Sub(h.run("down").ReceivedAt) > 5*time.Second {
		t.Errorf("gave up %s after receipt, deadline 1.5s", d.GivenUpAt.Sub(h.run("down").ReceivedAt))
	}
}

// TestTokenNeverInLogsOrClear runs a mix of runs and scans the log and the
// runs table for the access tokens.
func TestTokenNeverInLogsOrClear(t *testing.T) {
	h := newHarness(t, options{heartbeat: 200 * time.Millisecond})
	var tokens []string
	tokens = append(tokens, h.startRun("logok", corpusPlan(t), nil))
	tokens = append(tokens, h.startRunWith("log404", nil, faketfc.RunOptions{PlanStatus: 404}, nil))
	// 503 to the final callback, then 422 to every later PATCH: a heartbeat
	// sent between the final and its retry must not take the refusal.
	tokens = append(tokens, h.startRunScripted("log503", corpusPlan(t), []int{503, 422, 422, 422, 422, 422, 422, 422, 422, 422}))
	// A run still open keeps its token sealed, not in clear.
	openHang := make(chan struct{})
	defer close(openHang)
	tokens = append(tokens, h.startRunWith("logopen", corpusPlan(t), faketfc.RunOptions{PlanHold: openHang}, nil))
	// A bad request carrying a token.
	bad := h.payload("logbad", tokenOf("logbad"))
	bad["task_result_callback_url"] = "https://evil.example.com/cb"
	h.post(bad.bytes(t), "sign")
	tokens = append(tokens, tokenOf("logbad"))

	h.tfc.waitFinal("logok", 20*time.Second)
	h.tfc.waitFinal("log404", 20*time.Second)
	h.waitState("log503", store.StateUndeliverable, 20*time.Second)
	h.tfc.waitFor(10*time.Second, "heartbeats of the open run", func() bool { return len(h.tfc.patchesOf("logopen")) >= 2 })

	logs := h.logs.String()
	if !strings.Contains(logs, "taskrs-logok") {
		t.Fatal("logs do not name the task result: the scan would prove nothing")
	}
	var dump bytes.Buffer
	rows, err := h.pool.Query(context.Background(), "SELECT row_to_json(r)::text FROM runs r")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		_ = rows.Scan(&s)
		dump.WriteString(s)
	}
	rows.Close()
	var sealed []byte
	_ = h.pool.QueryRow(context.Background(), "SELECT access_token_sealed FROM runs WHERE task_result_id = 'taskrs-logopen'").Scan(&sealed)
	if len(sealed) == 0 {
		t.Fatal("open run has no sealed token")
	}
	for _, tok := range tokens {
		if strings.Contains(logs, tok) {
			t.Errorf("token %s… found in the logs", tok[:12])
		}
		if strings.Contains(dump.String(), tok) || bytes.Contains(sealed, []byte(tok)) {
			t.Errorf("token %s… stored in clear", tok[:12])
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func ptr[T any](v T) *T { return &v }
