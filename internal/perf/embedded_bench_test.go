package perf

import (
	"bytes"
	"context"
	"testing"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/pricing"
)

// BenchmarkEmbeddedCatalog is what `costgate estimate` pays without a
// database: decode the 1,000-resource plan and price it with the catalog of
// the embedded pricing-data, as the command does (a fresh catalog each time).
func BenchmarkEmbeddedCatalog(b *testing.B) {
	data := Plan(b, 1_000)
	ctx := context.Background()
	b.Run("estimate-1k-plan", func(b *testing.B) {
		b.ReportAllocs()
		cpu := CPUTime()
		for b.Loop() {
			plan, err := estimator.DecodePlanForEstimate(bytes.NewReader(data))
			if err != nil {
				b.Fatal(err)
			}
			e, err := estimator.EstimatePlan(ctx, plan, pricing.NewEmbeddedCatalog(), estimator.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if e.Summary.Estimated == 0 {
				b.Fatalf("nothing priced: %+v", e.Summary)
			}
		}
		reportCPU(b, cpu)
	})
	// The catalog before: every embedded row loaded into memory.
	b.Run("estimate-1k-plan-load-all", func(b *testing.B) {
		b.ReportAllocs()
		cpu := CPUTime()
		for b.Loop() {
			plan, err := estimator.DecodePlan(bytes.NewReader(data))
			if err != nil {
				b.Fatal(err)
			}
			cat, err := pricing.LoadEmbeddedCatalog()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := estimator.EstimatePlan(ctx, plan, cat, estimator.Options{}); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, cpu)
	})
}
