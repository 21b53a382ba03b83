package estimator

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// FuzzEstimate feeds plans (real third-party plans from the shared corpus
// and hostile variants: truncated, wrong types, enormous strings, deep
// nesting; see testdata/fuzz/README.md) through decoding, pricing against
// real price rows and every renderer. No input may panic or hang; whatever
// estimates must add up (delta = proposed - prior, totals = sum of the
// resources) and render. Longer runs:
// go test ./estimator -run '^$' -fuzz '^FuzzEstimate$' -fuzztime 5m
func FuzzEstimate(f *testing.F) {
	catalog := testCatalog(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			checkEstimate(t, b, catalog)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("decoding and pricing %d bytes still running after 10s", len(b))
		}
	})
}

func checkEstimate(t *testing.T, b []byte, catalog *countingCatalog) {
	plan, err := DecodePlan(bytes.NewReader(b))
	if err != nil {
		return
	}
	est, err := EstimatePlan(context.Background(), plan, catalog, Options{})
	if err != nil {
		return
	}
	if !est.DeltaMonthlyCost.Equal(est.ProposedMonthlyCost.Sub(est.PriorMonthlyCost)) {
		t.Errorf("delta %s != proposed %s - prior %s", est.DeltaMonthlyCost, est.ProposedMonthlyCost, est.PriorMonthlyCost)
	}
	prior, proposed := decimal.Zero, decimal.Zero
	for _, r := range est.Resources {
		prior, proposed = prior.Add(r.PriorMonthlyCost), proposed.Add(r.ProposedMonthlyCost)
	}
	if !prior.Equal(est.PriorMonthlyCost) || !proposed.Equal(est.ProposedMonthlyCost) {
		t.Errorf("totals %s → %s, resources add up to %s → %s", est.PriorMonthlyCost, est.ProposedMonthlyCost, prior, proposed)
	}
	if est.Summary.Resources != len(est.Resources) {
		t.Errorf("summary counts %d resources, the estimate lists %d", est.Summary.Resources, len(est.Resources))
	}
	var out bytes.Buffer
	if err := RenderJSON(&out, est); err != nil || !json.Valid(out.Bytes()) {
		t.Errorf("RenderJSON: %v (valid JSON %t)", err, json.Valid(out.Bytes()))
	}
	out.Reset()
	if err := RenderTable(&out, est); err != nil {
		t.Errorf("RenderTable: %v", err)
	}
	// The run task outcome body is at most 10,000 characters.
	if md := Markdown(est, MarkdownOptions{MaxChars: 10000}); utf8.RuneCountInString(md) > 10000 {
		t.Errorf("markdown of %d characters, limit 10000", utf8.RuneCountInString(md))
	}
}
