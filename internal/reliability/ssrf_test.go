package reliability

import (
	"context"
	"encoding/json"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/faketfc"
	"github.com/costgate/costgate/runtask"
)

// tripwire is a TCP listener that counts every connection made to it.
type tripwire struct {
	addr string
	mu   sync.Mutex
	hits int
}

func newTripwire(t *testing.T, host string) *tripwire {
	t.Helper()
	ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		t.Fatal(err)
	}
	tw := &tripwire{addr: ln.Addr().String()}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			tw.mu.Lock()
			tw.hits++
			tw.mu.Unlock()
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return tw
}

func (tw *tripwire) count() int {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	return tw.hits
}

func (tw *tripwire) port() string { _, p, _ := net.SplitHostPort(tw.addr); return p }

// TestSSRF runs the real binary with COSTGATE_TFC_HOSTS=127.0.0.1 over
// https only, and points plan and callback URLs (and the fake TFC's
// redirects) at listeners outside the allow-list: 127.0.0.2, and 127.0.0.1
// reached by the name "localhost". Intake refuses every forged URL (422),
// the plan fetch refuses every forged redirect (the run fails saying so),
// a callback redirect is not followed, and no listener is ever contacted.
func TestSSRF(t *testing.T) {
	t.Parallel()
	r := newRig(t, rigOptions{tls: true})
	p := r.start("serve")
	evil := newTripwire(t, "127.0.0.2")
	local := newTripwire(t, "127.0.0.1") // allowed by address, never by the name localhost
	ep := evil.port()
	fakePort := strings.TrimPrefix(r.tfc.APIURL(), "https://127.0.0.1:")

	// Forged URLs in the request: intake refuses them before anything is stored or sent.
	forged := []struct{ field, url string }{
		{"task_result_callback_url", "https://127.0.0.2:" + ep + "/api/v2/task-results/x/callback"},
		{"plan_json_api_url", "https://127.0.0.2:" + ep + "/api/v2/plans/x/json-output"},
		{"task_result_callback_url", "https://127.0.0.1:" + fakePort + "@127.0.0.2:" + ep + "/cb"},
		{"plan_json_api_url", "https://app.terraform.io@127.0.0.2:" + ep + "/p"},
		{"plan_json_api_url", "https://127.0.0.2:" + ep + "\\@127.0.0.1:" + fakePort + "/p"},
		{"plan_json_api_url", "https://127.0.0.2:" + ep + "#@127.0.0.1:" + fakePort + "/p"},
		{"plan_json_api_url", "https://2130706434:" + ep + "/p"},
		{"plan_json_api_url", "https://0x7f000002:" + ep + "/p"},
		{"plan_json_api_url", "https://0177.0.0.2:" + ep + "/p"},
		{"plan_json_api_url", "https://127.2:" + ep + "/p"},
		{"plan_json_api_url", "https://[::ffff:127.0.0.2]:" + ep + "/p"},
		{"plan_json_api_url", "https://127.0.0.%32:" + ep + "/p"},
		{"plan_json_api_url", "https://localhost:" + local.port() + "/p"},
		{"task_result_callback_url", "http://127.0.0.1:" + local.port() + "/cb"},
		{"plan_json_api_url", "https://169.254.169.254/latest/meta-data/iam/security-credentials/"},
	}
	before := r.tfc.Requests()
	for _, tt := range forged {
		t.Run("intake "+tt.field+" "+tt.url, func(t *testing.T) {
			f, body := r.newRun(corpusPlan(t), faketfc.RunOptions{})
			var req map[string]any
			if err := json.Unmarshal(body, &req); err != nil {
				t.Fatal(err)
			}
			req[tt.field] = tt.url
			body, _ = json.Marshal(req)
			status, resp, err := p.post(context.Background(), body, runtask.Sign([]byte(hmacKey), body))
			if err != nil {
				t.Fatal(err)
			}
			if status != 422 || !strings.Contains(string(resp), tt.field) {
				t.Fatalf("intake answered %d %s, want 422 naming %s", status, resp, tt.field)
			}
			if strings.Contains(string(resp), f.Token) {
				t.Fatal("the refusal quotes the access token")
			}
		})
	}
	if n := r.tfc.Requests() - before; n != 0 {
		t.Errorf("the fake TFC got %d requests for refused runs", n)
	}

	// Forged redirects from an allowed plan URL: the fetch refuses them.
	redirects := []string{
		"https://127.0.0.2:" + ep + "/plan",
		"https://localhost:" + local.port() + "/plan",
		"http://127.0.0.2:" + ep + "/plan",
		"http://127.0.0.1:" + local.port() + "/plan",
		"https://user:pass@127.0.0.1:" + local.port() + "/plan",
		"https://169.254.169.254/latest/meta-data/",
		"https://[::1]:" + ep + "/plan",
		"ftp://127.0.0.2:" + ep + "/plan",
	}
	for _, loc := range redirects {
		t.Run("redirect to "+loc, func(t *testing.T) {
			f, body := r.newRun(corpusPlan(t), faketfc.RunOptions{PlanRedirect: loc})
			if seen := r.deliver(context.Background(), p.url, f, body); seen[len(seen)-1] != 200 {
				t.Fatalf("intake answered %v", seen)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			final, err := r.tfc.WaitFinal(ctx, f.TaskResultID)
			if err != nil {
				t.Fatal(err)
			}
			if final.Status != runtask.StatusFailed || !strings.Contains(final.Message, "redirect refused") {
				t.Fatalf("final %s %q, want failed: redirect refused", final.Status, final.Message)
			}
			if u, _ := url.Parse(loc); u != nil && u.User != nil && strings.Contains(final.Message, "pass") {
				t.Errorf("the message repeats the Location's credentials: %q", final.Message)
			}
		})
	}

	// A callback URL that redirects elsewhere: the PATCH is not re-sent there.
	t.Run("callback redirect", func(t *testing.T) {
		f, body := r.newRun(corpusPlan(t), faketfc.RunOptions{CallbackRedirect: "https://127.0.0.2:" + ep + "/steal"})
		r.deliver(context.Background(), p.url, f, body)
		pool := r.pool()
		waitUntil(t, 30*time.Second, "the run to end undeliverable", func() bool {
			return count(t, pool, `SELECT count(*) FROM runs WHERE task_result_id = $1 AND state = 'undeliverable'`, f.TaskResultID) == 1
		})
	})

	if n := evil.count() + local.count(); n != 0 {
		t.Fatalf("the listeners outside the allow-list were contacted %d times", n)
	}
	// Only the callback-redirect run had a genuine plan redirect, followed without the token.
	if auths := r.tfc.ArchivistAuthHeaders(); len(auths) != 1 || auths[0] != "" {
		t.Errorf("archivist Authorization headers %q, want one request without", auths)
	}
}
