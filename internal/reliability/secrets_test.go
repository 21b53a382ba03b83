package reliability

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/faketfc"
	"github.com/costgate/costgate/runtask"
	"github.com/jackc/pgx/v5"
)

// API tokens of TestSecretsNeverInClear.
const (
	readAPIToken  = "rel-read-token-6f0c1d9a7be24e55"
	adminAPIToken = "rel-admin-token-0d3b8e7c55a14f92"
)

// TestSecretsNeverInClear drives runs through every path (priced, plan
// refused, callback retried, callback refused, still open, refused at
// intake, bad signature) and the JSON API with known secrets — access
// tokens, both HMAC keys, the API tokens and COSTGATE_SECRET_KEY — then
// scans the whole log, every column of every table (river's included) and
// every API and intake response for them, raw, hex and base64.
func TestSecretsNeverInClear(t *testing.T) {
	t.Parallel()
	r := newRig(t, rigOptions{env: []string{
		"COSTGATE_API_TOKENS=" + readAPIToken + ":read," + adminAPIToken + ":admin",
		"COSTGATE_HEARTBEAT_INTERVAL=1s",
	}})
	p := r.start("serve")
	plan := corpusPlan(t)
	secrets := map[string][]byte{
		"HMAC key": []byte(hmacKey), "retired HMAC key": []byte(oldHMACKey),
		"read API token": []byte(readAPIToken), "admin API token": []byte(adminAPIToken),
		"COSTGATE_SECRET_KEY": []byte(secretKeyHex),
	}
	key, _ := hex.DecodeString(secretKeyHex)
	secrets["COSTGATE_SECRET_KEY bytes"] = key
	var responses bytes.Buffer

	hold := make(chan struct{})
	defer close(hold)
	runs := map[string]faketfc.RunOptions{
		"priced":             {},
		"plan refused":       {PlanStatus: 404},
		"callback retried":   {CallbackScript: []int{200, 503}},
		"callback refused":   {CallbackScript: []int{200, 422}},
		"still open":         {PlanHold: hold},
		"plan server errors": {PlanStatus: 500},
	}
	var open faketfc.RunFixture
	for name, o := range runs {
		f, body := r.newRun(plan, o)
		secrets["access token of "+name] = []byte(f.Token)
		if name == "still open" {
			open = f
		}
		for _, status := range r.deliver(context.Background(), p.url, f, body) {
			fmt.Fprintln(&responses, status)
		}
	}
	// Refused at intake: a forged callback URL, a bad signature, the retired key.
	for i, sig := range []string{"forge", "bad", "retired"} {
		f, body := r.newRun(plan, faketfc.RunOptions{})
		secrets[fmt.Sprintf("access token of refused request %d", i)] = []byte(f.Token)
		signature := runtask.Sign([]byte(hmacKey), body)
		switch sig {
		case "forge":
			body = bytes.Replace(body, []byte(`"task_result_callback_url":"https://127.0.0.1`), []byte(`"task_result_callback_url":"https://127.0.0.2`), 1)
			signature = runtask.Sign([]byte(hmacKey), body)
		case "bad":
			signature = runtask.Sign([]byte("not-the-key"), body)
		case "retired":
			signature = runtask.Sign([]byte(oldHMACKey), body) // accepted: rotation
		}
		_, resp, err := p.post(context.Background(), body, signature)
		if err != nil {
			t.Fatal(err)
		}
		responses.Write(resp)
	}
	// The JSON API with each token, a wrong one and none.
	for _, call := range []struct{ method, path, token, body string }{
		{"GET", "/api/v1/budgets", readAPIToken, ""},
		{"POST", "/api/v1/budgets", readAPIToken, `{"organization":"acme","max_monthly_cost":"100"}`},
		{"POST", "/api/v1/budgets", adminAPIToken, `{"organization":"acme","max_monthly_cost":"100"}`},
		{"GET", "/api/v1/budgets", adminAPIToken + "x", ""},
		{"GET", "/api/v1/budgets", "", ""},
	} {
		responses.Write(apiCall(t, p.url, call.method, call.path, call.token, call.body))
	}

	pool := r.pool()
	waitUntil(t, time.Minute, "every run but the open one to end", func() bool {
		return count(t, pool, `SELECT count(*) FROM runs WHERE state NOT IN ('delivered', 'undeliverable')`) == 1
	})
	waitUntil(t, 10*time.Second, "heartbeats of the open run", func() bool { return len(r.tfc.Callbacks(open.TaskResultID)) >= 2 })
	if n := count(t, pool, `SELECT count(*) FROM runs WHERE access_token_sealed IS NOT NULL`); n != 1 {
		t.Errorf("%d runs hold a sealed token, want only the open one", n)
	}

	logs, err := os.ReadFile(p.log)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(logs, []byte(open.TaskResultID)) {
		t.Fatal("the log does not name the runs: the scan would prove nothing")
	}
	tables := dumpTables(t, r.dbURL)
	var callbacks bytes.Buffer
	for _, c := range r.tfc.AllCallbacks() {
		fmt.Fprintf(&callbacks, "%s %s %s %+v\n", c.Status, c.Message, c.URL, c.Outcomes)
	}
	places := map[string][]byte{"the log": logs, "the database": tables, "API and intake responses": responses.Bytes(), "callbacks sent to TFC": callbacks.Bytes()}
	for what, secret := range secrets {
		for form, enc := range encodings(secret) {
			for where, content := range places {
				if bytes.Contains(content, enc) {
					t.Errorf("%s (%s) found in %s", what, form, where)
				}
			}
		}
	}
	t.Logf("scanned %d KiB of log, %d KiB of tables, %d responses and %d callbacks for %d secrets in 7 encodings",
		len(logs)>>10, len(tables)>>10, strings.Count(responses.String(), "\n")+5, len(r.tfc.AllCallbacks()), len(secrets))
}

// encodings are the forms a secret could leak in.
func encodings(secret []byte) map[string][]byte {
	return map[string][]byte{
		"raw":           secret,
		"hex":           []byte(hex.EncodeToString(secret)),
		"HEX":           []byte(strings.ToUpper(hex.EncodeToString(secret))),
		"base64":        []byte(strings.TrimRight(base64.StdEncoding.EncodeToString(secret), "=")),
		"base64url":     []byte(strings.TrimRight(base64.URLEncoding.EncodeToString(secret), "=")),
		"JSON-escaped":  jsonEscaped(secret),
		"Bearer header": append([]byte("Bearer "), secret...),
	}
}

func jsonEscaped(b []byte) []byte {
	out, _ := json.Marshal(string(b))
	return bytes.Trim(out, `"`)
}

// dumpTables returns every row of every table in the database as JSON
// (bytea as hex), river's tables included.
func dumpTables(t *testing.T, dbURL string) []byte {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'`)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for _, table := range tables {
		rows, err := conn.Query(ctx, `SELECT row_to_json(t)::text FROM `+table+` t`)
		if err != nil {
			t.Fatal(err)
		}
		texts, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range texts {
			out.WriteString(s)
			out.WriteByte('\n')
		}
	}
	if !bytes.Contains(out.Bytes(), []byte("taskrs-")) {
		t.Fatal("the dump holds no run: the scan would prove nothing")
	}
	return out.Bytes()
}

// apiCall sends one JSON API request and returns status line and body.
func apiCall(t *testing.T, base, method, path, token, body string) []byte {
	t.Helper()
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return append([]byte(fmt.Sprintf("%d %v\n", resp.StatusCode, resp.Header)), b...)
}
