package e2e

import (
	"bytes"
	"context"
	"net/http/httptest"

	"encoding/json"
	"github.com/costgate/costgate/secretbox"
	"github.com/jackc/pgx/v5/pgxpool"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/costgate/costgate/api"
	"github.com/costgate/costgate/internal/faketfc"
	"github.com/costgate/costgate/runtask"
)

// TestSignatures covers §4 and §12: valid, tampered, missing, uppercase,
// and a key being rotated. Bodies are verification requests so a correct
// signature yields 200 and nothing else.
func TestSignatures(t *testing.T) {
	h := newHarness(t, options{})
	body := []byte(`{"access_token":"test-token","stage":"post_plan","capabilities":{"outcomes":true}}`)
	good := runtask.Sign([]byte(hmacKey), body)
	tests := []struct {
		name string
		body []byte
		sig  string
		want int
	}{
		{"valid", body, good, 200},
		{"uppercase hex", body, strings.ToUpper(good), 200},
		{"retired key still accepted during rotation", body, runtask.Sign([]byte("retired-key"), body), 200},
		{"tampered body", append(bytes.Clone(body[:len(body)-1]), ' ', '}'), good, 401},
		{"missing", body, "", 401},
		{"wrong key", body, runtask.Sign([]byte("other"), body), 401},
		{"not hex", body, "zz" + good[2:], 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := h.post(tt.body, tt.sig)
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d (%s), want %d", resp.StatusCode, b, tt.want)
			}
			if tt.want == 401 {
				var e api.ErrorBody
				if err := json.Unmarshal(b, &e); err != nil || e.Error.Code != "unauthorized" {
					t.Fatalf("401 body %s is not the JSON error shape", b)
				}
			}
		})
	}
	if n := h.tfc.Requests(); n != 0 {
		t.Fatalf("%d outbound requests, want 0", n)
	}
}

// TestVerificationRequest: test-token gets exactly 200, stores nothing,
// queues nothing and calls nobody, signed or (with no key) unsigned.
func TestVerificationRequest(t *testing.T) {
	signed := newHarness(t, options{})
	unsigned := newHarness(t, options{noHMAC: true})
	full := signed.payload("verify", "test-token")
	full["task_result_enforcement_level"] = "test"
	tests := []struct {
		name string
		h    *harness
		body []byte
		sig  string
	}{
		{"minimal signed", signed, []byte(`{"access_token":"test-token"}`), "sign"},
		{"§8.2 signed", signed, full.bytes(t), "sign"},
		{"minimal unsigned without key", unsigned, []byte(`{"access_token":"test-token"}`), ""},
		{"§8.2 unsigned without key", unsigned, full.bytes(t), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := tt.h.post(tt.body, tt.sig)
			if resp.StatusCode != 200 || len(b) != 0 {
				t.Fatalf("got %d %q, want exactly 200 with an empty body", resp.StatusCode, b)
			}
		})
	}
	time.Sleep(300 * time.Millisecond) // a wrongly queued job would have run by now
	for _, h := range []*harness{signed, unsigned} {
		if n := h.tfc.Requests(); n != 0 {
			t.Errorf("%d outbound requests, want 0", n)
		}
		if n := h.count("SELECT count(*) FROM runs"); n != 0 {
			t.Errorf("%d runs stored, want 0", n)
		}
		if n := h.count("SELECT count(*) FROM river_job WHERE kind = 'estimate'"); n != 0 {
			t.Errorf("%d estimate jobs, want 0", n)
		}
	}
	// With no key configured, a signed request means TFC and costgate disagree.
	resp, _ := unsigned.post([]byte(`{"access_token":"test-token"}`), "sign")
	if resp.StatusCode != 400 {
		t.Errorf("signature without a configured key: %d, want 400", resp.StatusCode)
	}
}

// TestRejectsBadInput: 422 (JSON error naming fields) for missing fields
// and foreign hosts, 400 for malformed JSON, 413 over 1 MiB; never a 5xx,
// never an outbound request, nothing stored.
func TestRejectsBadInput(t *testing.T) {
	h := newHarness(t, options{})
	base := func() payload { return h.payload("bad", "atlasv1-bad-token-0000000000") }
	tests := []struct {
		name      string
		body      func() []byte
		want      int
		wantField string
	}{
		{"missing task_result_id", func() []byte { p := base(); delete(p, "task_result_id"); return p.bytes(t) }, 422, "task_result_id"},
		{"missing callback url", func() []byte { p := base(); p["task_result_callback_url"] = nil; return p.bytes(t) }, 422, "task_result_callback_url"},
		{"callback on a foreign host", func() []byte {
			p := base()
			p["task_result_callback_url"] = "https://evil.example.com/api/v2/task-results/x/callback"
			return p.bytes(t)
		}, 422, "task_result_callback_url"},
		{"plan on a foreign host", func() []byte {
			p := base()
			p["plan_json_api_url"] = "https://169.254.169.254/latest/meta-data"
			return p.bytes(t)
		}, 422, "plan_json_api_url"},
		{"wrong type", func() []byte { p := base(); p["stage"] = 42; return p.bytes(t) }, 422, "stage"},
		{"malformed JSON", func() []byte { return []byte(`{"access_token":`) }, 400, ""},
		{"not an object", func() []byte { return []byte(`[1,2,3]`) }, 400, ""},
		{"over 1 MiB", func() []byte {
			p := base()
			p["run_message"] = strings.Repeat("x", 1<<20)
			return p.bytes(t)
		}, 413, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := h.post(tt.body(), "sign")
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d %s, want %d", resp.StatusCode, b, tt.want)
			}
			var e api.ErrorBody
			if err := json.Unmarshal(b, &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
				t.Fatalf("body %s is not the JSON error shape", b)
			}
			if tt.wantField != "" && e.Error.Field != tt.wantField {
				t.Fatalf("error field %q, want %q (%s)", e.Error.Field, tt.wantField, b)
			}
		})
	}
	if n := h.tfc.Requests(); n != 0 {
		t.Fatalf("%d outbound requests, want 0", n)
	}
	if n := h.count("SELECT count(*) FROM runs"); n != 0 {
		t.Fatalf("%d runs stored, want 0", n)
	}
}

// TestDuplicateDeliveries: the same task result POSTed twice, then ten
// times at once, gives one run, one estimate job and one final callback.
func TestDuplicateDeliveries(t *testing.T) {
	h := newHarness(t, options{})
	plan := corpusPlan(t)

	token := h.startRun("dup-seq", plan, nil)
	resp, _ := h.post(h.payload("dup-seq", token).bytes(t), "sign")
	if resp.StatusCode != 200 {
		t.Fatalf("duplicate POST: %d", resp.StatusCode)
	}

	conToken := "atlasv1-dup-con-token-000000000000"
	h.tfc.addRun("dup-con", conToken, plan, faketfc.RunOptions{})
	body := h.payload("dup-con", conToken).bytes(t)
	var wg sync.WaitGroup
	statuses := make([]int, 10)
	for i := range statuses {
		wg.Go(func() {
			req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/runtask", bytes.NewReader(body))
			req.Header.Set("X-TFC-Task-Signature", runtask.Sign([]byte(hmacKey), body))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		})
	}
	wg.Wait()
	for i, s := range statuses {
		if s != 200 {
			t.Errorf("concurrent POST %d: %d", i, s)
		}
	}
	for _, id := range []string{"dup-seq", "dup-con"} {
		h.waitState(id, "delivered", 20*time.Second)
		if n := h.count("SELECT count(*) FROM runs WHERE task_result_id = $1", "taskrs-"+id); n != 1 {
			t.Errorf("%s: %d runs", id, n)
		}
		if n := h.count("SELECT count(*) FROM river_job WHERE kind = 'estimate' AND (args->>'run_pk')::bigint = $1", h.run(id).ID); n != 1 {
			t.Errorf("%s: %d estimate jobs, want 1", id, n)
		}
	}
	time.Sleep(500 * time.Millisecond) // room for a wrong second callback
	for _, id := range []string{"dup-seq", "dup-con"} {
		if n := len(finals(h.tfc.patchesOf(id))); n != 1 {
			t.Errorf("%s: %d final callbacks, want exactly 1", id, n)
		}
	}
	metricsBody := h.get("/metrics")
	for _, want := range []string{
		`costgate_runs_received_total{result="accepted",stage="post_plan"} 2`,
		`costgate_runs_received_total{result="duplicate",stage="post_plan"} 10`,
		`costgate_callback_attempts_total{kind="final",outcome="accepted"} 2`,
		`costgate_estimate_duration_seconds_count{result="passed"} 2`,
	} {
		if !strings.Contains(metricsBody, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestDatabaseDownIs503: intake answers 503 (TFC retries), not a generic
// 500, and /readyz reports the database.
func TestDatabaseDownIs503(t *testing.T) {
	h := newHarness(t, options{})
	down, err := pgxpool.New(context.Background(), "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=1")
	if err != nil {
		t.Fatal(err)
	}
	defer down.Close()
	srv := httptest.NewServer(api.New(api.Deps{
		DB: down, Jobs: nil, Verifier: runtask.NewVerifier([][]byte{[]byte(hmacKey)}),
		Hosts: runtask.HostPolicy{Hosts: []string{"127.0.0.1"}, AllowHTTP: true}, Box: mustBox(t),
		Ready: []api.ReadyCheck{{Name: "database", Check: down.Ping}},
	}).Handler())
	defer srv.Close()
	h.srv = srv
	resp, b := h.post(h.payload("dbdown", "atlasv1-dbdown-token-00000000").bytes(t), "sign")
	if resp.StatusCode != 503 || !strings.Contains(string(b), `"code":"unavailable"`) {
		t.Fatalf("status %d %s, want 503", resp.StatusCode, b)
	}
	resp2, err := http.Get(srv.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := io.ReadAll(resp2.Body)
	resp2.Body.Close()
	if resp2.StatusCode != 503 || !strings.Contains(string(b2), `"database"`) {
		t.Fatalf("/readyz with the database down: %d %s, want 503", resp2.StatusCode, b2)
	}
}

func mustBox(t *testing.T) *secretbox.Box {
	b, err := secretbox.New(secretbox.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (h *harness) get(path string) string {
	h.t.Helper()
	resp, err := http.Get(h.srv.URL + path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		h.t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	return string(b)
}

func TestHealthEndpoints(t *testing.T) {
	h := newHarness(t, options{})
	if got := h.get("/healthz"); !strings.Contains(got, "ok") {
		t.Fatalf("/healthz = %s", got)
	}
	if got := h.get("/readyz"); !contains(got, `"status":"ready"`, `"database":"ok"`) {
		t.Fatalf("/readyz = %s", got)
	}
	h.startRun("metrics", corpusPlan(t), nil)
	h.tfc.waitFinal("metrics", 20*time.Second)
	m := h.get("/metrics")
	for _, want := range []string{"costgate_runs_received_total", "costgate_estimate_duration_seconds_bucket", "costgate_callback_attempts_total", "go_goroutines"} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	resp, err := http.Get(h.srv.URL + "/nope")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 404 || !strings.Contains(string(b), `"code":"not_found"`) {
		t.Fatalf("unknown route: %d %s", resp.StatusCode, b)
	}
}
