package reliability

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/faketfc"
	"github.com/costgate/costgate/runtask"
)

// TestInvalidPlans serves broken and hostile plans from the fake TFC to the
// real binary: each run ends in an accepted final callback (failed, saying
// why, when the plan is unusable), the process never restarts, and it keeps
// answering.
func TestInvalidPlans(t *testing.T) {
	t.Parallel()
	const maxBytes = 8 << 20
	r := newRig(t, rigOptions{env: []string{fmt.Sprintf("COSTGATE_PLAN_MAX_BYTES=%d", maxBytes), "COSTGATE_JOB_TIMEOUT=20s", "COSTGATE_RESCUE_AFTER=30s"}})
	p := r.start("serve")
	good := corpusPlan(t)
	var base map[string]any
	if err := json.Unmarshal(good, &base); err != nil {
		t.Fatal(err)
	}
	with := func(mutate func(m map[string]any)) []byte {
		var m map[string]any
		_ = json.Unmarshal(good, &m)
		mutate(m)
		b, _ := json.Marshal(m)
		return b
	}
	firstChange := func(m map[string]any) map[string]any {
		return m["resource_changes"].([]any)[0].(map[string]any)
	}
	manyChanges := with(func(m map[string]any) {
		rc := firstChange(m)
		var list []any
		for i := range 5000 {
			c := map[string]any{}
			for k, v := range rc {
				c[k] = v
			}
			c["address"] = fmt.Sprintf("aws_instance.many[%d]", i)
			list = append(list, c)
		}
		m["resource_changes"] = list
	})
	tests := []struct {
		name string
		plan []byte
		want string // "" accepts any final status; else the failed message must contain it
	}{
		{"truncated", good[:len(good)/2], "not a Terraform plan"},
		{"not JSON", []byte("<html><body>maintenance</body></html>"), "not a Terraform plan"},
		{"empty", []byte{}, "empty input"},
		{"a JSON array", []byte(`[1,2,3]`), "JSON array"},
		{"a state file", []byte(`{"format_version":"1.0","terraform_version":"1.9.0","values":{}}`), "neither planned_values nor resource_changes"},
		{"wrong types", with(func(m map[string]any) { m["resource_changes"] = "everything" }), "not a Terraform plan"},
		{"wrong types inside a change", with(func(m map[string]any) { firstChange(m)["change"] = []any{1, 2} }), "not a Terraform plan"},
		{"deep nesting", []byte(`{"format_version":"1.2","resource_changes":[{"address":"a.b","mode":"managed","type":"aws_instance","name":"b","change":{"actions":["create"],"after":` +
			strings.Repeat("[", 200000) + strings.Repeat("]", 200000) + `}}]}`), "not a Terraform plan"},
		{"two documents", append(append([]byte{}, good...), good...), "not a Terraform plan"},
		{"over COSTGATE_PLAN_MAX_BYTES", bytes.Repeat([]byte(" "), maxBytes+1), "larger than COSTGATE_PLAN_MAX_BYTES"},
		{"enormous strings", with(func(m map[string]any) {
			rc := firstChange(m)
			rc["address"] = "aws_instance." + strings.Repeat("x", 4<<20)
			rc["change"].(map[string]any)["after"].(map[string]any)["instance_type"] = strings.Repeat("t3.micro", 256<<10)
		}), ""},
		{"invalid UTF-8", bytes.Replace(good, []byte(`"aws_instance"`), []byte("\"aws_\xff\xfe_instance\""), 1), ""},
		{"5,000 changes", manyChanges, ""},
	}
	var fixtures []faketfc.RunFixture
	for _, tt := range tests {
		f, body := r.newRun(tt.plan, faketfc.RunOptions{})
		if seen := r.deliver(context.Background(), p.url, f, body); seen[len(seen)-1] != 200 {
			t.Fatalf("%s: intake answered %v", tt.name, seen)
		}
		fixtures = append(fixtures, f)
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			final, err := r.tfc.WaitFinal(ctx, fixtures[i].TaskResultID)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want != "" && (final.Status != runtask.StatusFailed || !strings.Contains(final.Message, tt.want)) {
				t.Fatalf("final %s %q, want failed saying %q", final.Status, final.Message, tt.want)
			}
			for _, cb := range r.tfc.Callbacks(fixtures[i].TaskResultID) {
				if cb.Response == 422 {
					t.Errorf("a callback broke TFC's limits: %s", cb.Problem)
				}
			}
			t.Logf("%s: %.160q", final.Status, final.Message)
		})
	}
	select {
	case <-p.done:
		t.Fatalf("costgate exited: %v", p.err)
	default:
	}
	if n := countLines(p.log, `"msg":"starting costgate"`); n != 1 {
		t.Errorf("costgate started %d times", n)
	}
}
