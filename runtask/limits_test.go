package runtask

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files")

// exampleResult is the §8.3 callback of runtask-protocol.md as a Result.
func exampleResult() Result {
	return Result{
		Status:  StatusFailed,
		Message: "Monthly cost +$412.80 (+18.4%) → $2,655.10/mo. Exceeds workspace budget of $2,500/mo.",
		URL:     "https://costgate.example.com/runs/run-i3Df5to9ELvibKpQ",
		Outcomes: []Outcome{
			{Attributes: OutcomeAttrs{
				OutcomeID:   "COST-SUMMARY",
				Description: "Cost diff: +$412.80/mo across 3 resource changes",
				Body:        "| Resource | Action | Before | After | Delta |\n|---|---|---:|---:|---:|\n| aws_instance.web[0] | update | $60.74 | $242.94 | +$182.20 |\n| aws_db_instance.main | create | $0.00 | $230.60 | +$230.60 |\n| aws_s3_bucket.logs | delete | $0.00 | $0.00 | $0.00 |\n\nPrices: AWS us-east-1 on-demand, 730 h/month.",
				URL:         "https://costgate.example.com/runs/run-i3Df5to9ELvibKpQ#summary",
				Tags: map[string][]Tag{
					"Status":   {{Label: "Over budget", Level: "error"}},
					"Severity": {{Label: "High", Level: "error"}},
					"Delta":    {{Label: "+$412.80/mo", Level: "warning"}},
				},
			}},
			{Attributes: OutcomeAttrs{
				OutcomeID:   "BUDGET-ws-ck4G5bb1Yei5szRh",
				Description: "Budget policy 'web-prod monthly' ($2,500/mo) exceeded by $155.10",
				Body:        "Projected total **$2,655.10/mo** against budget **$2,500.00/mo**.\n\nAsk a budget owner to override the task stage, or reduce `aws_instance.web` size.",
				Tags: map[string][]Tag{
					"Status": {{Label: "Denied", Level: "error"}},
					"Owner":  {{Label: "FinOps"}},
				},
			}},
		},
	}
}

func TestBuildCallbackMatchesProtocolExample(t *testing.T) {
	got, err := json.Marshal(BuildCallback(exampleResult(), true))
	if err != nil {
		t.Fatal(err)
	}
	var gotAny, wantAny any
	if err := json.Unmarshal(got, &gotAny); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(readTestdata(t, "callback_example.json"), &wantAny); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotAny, wantAny) {
		t.Fatalf("BuildCallback differs from §8.3:\n got %s", got)
	}
}

func TestBuildCallbackLimits(t *testing.T) {
	long := func(s string, n int) string { return strings.Repeat(s, n) }
	manyOutcomes := make([]Outcome, 300)
	for i := range manyOutcomes {
		manyOutcomes[i] = NewOutcome(fmt.Sprintf("R-%d", i), "resource", "", nil)
	}
	manyLabels := make([]Tag, 40)
	for i := range manyLabels {
		manyLabels[i] = Tag{Label: fmt.Sprintf("l%d", i)}
	}
	manyKeys := map[string][]Tag{}
	for _, k := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "status", "SEVERITY"} {
		manyKeys[k] = []Tag{{Label: k}}
	}
	one := func(o OutcomeAttrs) Result {
		return Result{Status: StatusPassed, Message: "m", Outcomes: []Outcome{{Attributes: o}}}
	}
	first := func(d CallbackDoc) OutcomeAttrs { return d.Data.Relationships.Outcomes.Data[0].Attributes }

	tests := []struct {
		name    string
		res     Result
		allowed bool
		check   func(t *testing.T, d CallbackDoc)
	}{
		{"long message clipped with marker", Result{Status: StatusFailed, Message: long("x", 1500)}, true, func(t *testing.T, d CallbackDoc) {
			m := d.Data.Attributes.Message
			if utf8.RuneCountInString(m) != MaxMessageRunes || !strings.HasSuffix(m, "[truncated]") {
				t.Errorf("message: %d runes, ends %q", utf8.RuneCountInString(m), m[len(m)-20:])
			}
		}},
		{"multi-byte message clipped on rune boundaries", Result{Status: StatusFailed, Message: long("€é", 800)}, true, func(t *testing.T, d CallbackDoc) {
			m := d.Data.Attributes.Message
			if !utf8.ValidString(m) || utf8.RuneCountInString(m) != MaxMessageRunes {
				t.Errorf("message: valid %t, %d runes", utf8.ValidString(m), utf8.RuneCountInString(m))
			}
		}},
		{"message of exactly 1000 kept", Result{Status: StatusFailed, Message: long("é", 1000)}, true, func(t *testing.T, d CallbackDoc) {
			if d.Data.Attributes.Message != long("é", 1000) {
				t.Error("message changed")
			}
		}},
		{"empty message gets a placeholder", Result{Status: StatusPassed}, true, func(t *testing.T, d CallbackDoc) {
			if d.Data.Attributes.Message != "costgate: passed" {
				t.Errorf("message = %q", d.Data.Attributes.Message)
			}
		}},
		{"invalid UTF-8 repaired", Result{Status: StatusPassed, Message: "a\xffb"}, true, func(t *testing.T, d CallbackDoc) {
			if d.Data.Attributes.Message != "a\uFFFDb" {
				t.Errorf("message = %q", d.Data.Attributes.Message)
			}
		}},
		{"URL without scheme dropped", Result{Status: StatusPassed, URL: "costgate.example.com/runs/1"}, true, func(t *testing.T, d CallbackDoc) {
			if d.Data.Attributes.URL != "" {
				t.Errorf("url = %q", d.Data.Attributes.URL)
			}
		}},
		{"javascript URL dropped", Result{Status: StatusPassed, URL: "javascript:alert(1)"}, true, func(t *testing.T, d CallbackDoc) {
			if d.Data.Attributes.URL != "" {
				t.Errorf("url = %q", d.Data.Attributes.URL)
			}
		}},
		{"URL over 500 dropped", Result{Status: StatusPassed, URL: "https://costgate.example.com/" + long("a", 480)}, true, func(t *testing.T, d CallbackDoc) {
			if d.Data.Attributes.URL != "" {
				t.Errorf("url kept, %d chars", len(d.Data.Attributes.URL))
			}
		}},
		{"http URL kept", Result{Status: StatusPassed, URL: "http://costgate.internal:8080/runs/1"}, true, func(t *testing.T, d CallbackDoc) {
			if d.Data.Attributes.URL != "http://costgate.internal:8080/runs/1" {
				t.Errorf("url = %q", d.Data.Attributes.URL)
			}
		}},
		{"outcomes left out when the caller cannot take them", exampleResult(), false, func(t *testing.T, d CallbackDoc) {
			if d.Data.Relationships != nil {
				t.Error("relationships present")
			}
		}},
		{"relationships left out without outcomes", Result{Status: StatusPassed, Message: "ok"}, true, func(t *testing.T, d CallbackDoc) {
			if d.Data.Relationships != nil {
				t.Error("relationships present")
			}
		}},
		{"more than 250 outcomes: 249 and a note", Result{Status: StatusFailed, Message: "m", Outcomes: manyOutcomes}, true, func(t *testing.T, d CallbackDoc) {
			list := d.Data.Relationships.Outcomes.Data
			if len(list) != MaxOutcomes {
				t.Fatalf("%d outcomes", len(list))
			}
			if list[248].Attributes.OutcomeID != "R-248" || !strings.HasPrefix(list[249].Attributes.Description, "51 more outcomes not shown") {
				t.Errorf("last two: %+v %+v", list[248].Attributes, list[249].Attributes)
			}
		}},
		{"long outcome ids stay unique", Result{Status: StatusPassed, Message: "m", Outcomes: []Outcome{
			NewOutcome(long("a", 70)+"1", "d", "", nil), NewOutcome(long("a", 70)+"2", "d", "", nil),
		}}, true, func(t *testing.T, d CallbackDoc) {
			a, b := d.Data.Relationships.Outcomes.Data[0].Attributes.OutcomeID, d.Data.Relationships.Outcomes.Data[1].Attributes.OutcomeID
			if utf8.RuneCountInString(a) != MaxOutcomeIDRunes || a == b {
				t.Errorf("ids %q %q", a, b)
			}
		}},
		{"empty outcome id and description filled", one(OutcomeAttrs{}), true, func(t *testing.T, d CallbackDoc) {
			o := first(d)
			if o.OutcomeID != "OUTCOME-1" || o.Description != "(no description)" || d.Data.Relationships.Outcomes.Data[0].Type != OutcomeType {
				t.Errorf("outcome %+v", o)
			}
		}},
		{"description folded to one line and clipped", one(OutcomeAttrs{OutcomeID: "x", Description: "a\nb\t c" + long(" word", 300)}), true, func(t *testing.T, d CallbackDoc) {
			o := first(d)
			if !strings.HasPrefix(o.Description, "a b c word") || utf8.RuneCountInString(o.Description) != MaxDescriptionRunes || !strings.HasSuffix(o.Description, "[truncated]") {
				t.Errorf("description %q…", o.Description[:30])
			}
		}},
		{"long body clipped with a count", one(OutcomeAttrs{OutcomeID: "x", Description: "d", Body: long("|a|", 5000)}), true, func(t *testing.T, d CallbackDoc) {
			b := first(d).Body
			if utf8.RuneCountInString(b) != MaxBodyRunes || !strings.Contains(b, "[truncated: ") || !strings.HasPrefix(b, "|a||a|") {
				t.Errorf("body: %d runes, ends %q", utf8.RuneCountInString(b), b[len(b)-40:])
			}
		}},
		{"outcome URL without scheme dropped", one(OutcomeAttrs{OutcomeID: "x", Description: "d", URL: "/runs/1"}), true, func(t *testing.T, d CallbackDoc) {
			if first(d).URL != "" {
				t.Errorf("url = %q", first(d).URL)
			}
		}},
		{"tag keys made single words and merged", one(OutcomeAttrs{OutcomeID: "x", Description: "d", Tags: map[string][]Tag{
			"Cost Centre": {{Label: "a"}}, "Cost_Centre": {{Label: "b"}}, "1st": {{Label: "c"}}, "": {{Label: "d"}}, "Empty": {{Label: " "}},
		}}), true, func(t *testing.T, d CallbackDoc) {
			want := map[string][]Tag{"Cost_Centre": {{Label: "a"}, {Label: "b"}}, "_1st": {{Label: "c"}}, "_": {{Label: "d"}}}
			if !reflect.DeepEqual(first(d).Tags, want) {
				t.Errorf("tags = %v", first(d).Tags)
			}
		}},
		{"at most 10 tag keys, status and severity kept", one(OutcomeAttrs{OutcomeID: "x", Description: "d", Tags: manyKeys}), true, func(t *testing.T, d CallbackDoc) {
			tags := first(d).Tags
			_, status := tags["status"]
			_, severity := tags["SEVERITY"]
			if len(tags) != MaxTagKeys || !status || !severity {
				t.Errorf("tags = %v", tags)
			}
		}},
		{"labels clipped and counted, levels normalised", one(OutcomeAttrs{OutcomeID: "x", Description: "d", Tags: map[string][]Tag{
			"Many": manyLabels, "Levels": {{Label: long("L", 40), Level: "ERROR"}, {Label: "b", Level: "critical"}, {Label: "c", Level: "none"}, {Label: "d", Level: " Info "}},
		}}), true, func(t *testing.T, d CallbackDoc) {
			tags := first(d).Tags
			if n := len(tags["Many"]); n != MaxLabelsPerKey || tags["Many"][31].Label != "+9 more" {
				t.Errorf("Many: %d labels, last %q", n, tags["Many"][n-1].Label)
			}
			want := []Tag{{Label: long("L", 31) + "…", Level: "error"}, {Label: "b"}, {Label: "c"}, {Label: "d", Level: "info"}}
			if !reflect.DeepEqual(tags["Levels"], want) {
				t.Errorf("Levels = %v", tags["Levels"])
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := BuildCallback(tt.res, tt.allowed)
			if doc.Data.Type != CallbackType || doc.Data.Attributes.Status != tt.res.Status {
				t.Errorf("type %q status %q", doc.Data.Type, doc.Data.Attributes.Status)
			}
			if err := doc.Validate(); err != nil {
				t.Errorf("BuildCallback output invalid: %v", err)
			}
			tt.check(t, doc)
		})
	}
}

func TestCallbackDocValidate(t *testing.T) {
	valid := BuildCallback(exampleResult(), true)
	tests := []struct {
		name string
		edit func(d *CallbackDoc)
		want string
	}{
		{"unknown status", func(d *CallbackDoc) { d.Data.Attributes.Status = "errored" }, "status must be"},
		{"wrong type", func(d *CallbackDoc) { d.Data.Type = "task-result" }, "data.type"},
		{"long message", func(d *CallbackDoc) { d.Data.Attributes.Message = strings.Repeat("m", 1001) }, "message has 1001"},
		{"bad url", func(d *CallbackDoc) { d.Data.Attributes.URL = "ftp://x" }, "url must be"},
		{"empty outcome list", func(d *CallbackDoc) { d.Data.Relationships.Outcomes.Data = nil }, "outcomes must number"},
		{"outcome without id", func(d *CallbackDoc) { d.Data.Relationships.Outcomes.Data[0].Attributes.OutcomeID = "" }, "outcome-id"},
		{"bad tag key", func(d *CallbackDoc) {
			d.Data.Relationships.Outcomes.Data[0].Attributes.Tags["Cost Centre"] = []Tag{{Label: "x"}}
		}, "single word"},
		{"bad level", func(d *CallbackDoc) {
			d.Data.Relationships.Outcomes.Data[0].Attributes.Tags["Status"] = []Tag{{Label: "x", Level: "fatal"}}
		}, "level"},
	}
	if err := valid.Validate(); err != nil {
		t.Fatalf("example invalid: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := BuildCallback(exampleResult(), true)
			tt.edit(&d)
			if err := d.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestBuildCallbackGolden pins the exact wire form of a clipped callback.
func TestBuildCallbackGolden(t *testing.T) {
	res := Result{
		Status:  StatusFailed,
		Message: strings.Repeat("Monthly cost over budget. ", 50),
		URL:     "https://costgate.example.com/runs/run-1?tab=diff",
		Outcomes: []Outcome{
			NewOutcome("COST-SUMMARY-"+strings.Repeat("x", 60), "Cost diff:\n+$1/mo", strings.Repeat("| a | b |\n", 1200),
				map[string][]Tag{"Status": {{Label: "Over budget", Level: "Error"}}, "Cost Centre": {{Label: "Platform engineering and FinOps"}}}),
		},
	}
	got, err := json.MarshalIndent(BuildCallback(res, true), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	const golden = "testdata/callback_clipped.golden.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("callback differs from %s (run with -update if intended):\n%s", golden, got)
	}
}
