package perf

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/worker"
	tfjson "github.com/hashicorp/terraform-json"
)

// BenchmarkEstimate compares, per plan size, decoding the plan bytes into a
// tfjson.Plan (the baseline) with the service's whole estimate: decode as
// the worker does, walk, one batch lookup against the Postgres catalog
// loaded with the embedded pricing-data, totals. Targets: estimate ≤ 1.5 ×
// decode at 10k and 50k; ≤ 3 round trips; peak heap ≤ 3 × plan bytes.
//
//	go test ./internal/perf -run '^$' -bench Estimate -benchtime 3x
func BenchmarkEstimate(b *testing.B) {
	rt := &RoundTrips{}
	pool := CatalogPool(b, rt)
	est := worker.PlanEstimator{Catalog: pricing.NewPostgresCatalog(pool)}
	ctx := context.Background()
	// The service's path (streamed lean decode), and the path before it:
	// the whole plan decoded into tfjson.Plan, then estimated.
	paths := []struct {
		name   string
		decode func(io.Reader) (*tfjson.Plan, error)
	}{{"estimate", est.DecodePlan}, {"estimate-via-tfjson", estimator.DecodePlan}}
	var decode func(io.Reader) (*tfjson.Plan, error)
	estimate := func(b *testing.B, r io.Reader) *estimator.Estimate {
		plan, err := decode(r)
		if err != nil {
			b.Fatal(err)
		}
		e, err := est.Estimate(ctx, plan)
		if err != nil {
			b.Fatal(err)
		}
		return e
	}
	fromFile := func(b *testing.B, path string) *estimator.Estimate {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		return estimate(b, f)
	}
	for _, n := range PlanSizes(b) {
		path := PlanFile(b, n)
		b.Run(fmt.Sprintf("decode/resources=%d", n), func(b *testing.B) {
			data := Plan(b, n)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			cpu := CPUTime()
			for b.Loop() {
				var p tfjson.Plan
				p.UseJSONNumber(true)
				if err := json.Unmarshal(data, &p); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
		})
		for _, p := range paths {
			decode = p.decode
			b.Run(fmt.Sprintf("%s/resources=%d", p.name, n), func(b *testing.B) {
				fromFile(b, path) // warms the pool and its statement cache
				// Measured as the service and the CLI run: the plan streamed
				// (here from a file), no plan bytes on the heap.
				var e *estimator.Estimate
				before := rt.Count()
				peak := PeakHeap(time.Millisecond, func() { e = fromFile(b, path) })
				trips := rt.Count() - before
				if e.Summary.Resources != n || e.Summary.Estimated == 0 {
					b.Fatalf("summary %+v: want %d resources, some priced", e.Summary, n)
				}
				e = nil
				data := Plan(b, n)
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				cpu := CPUTime()
				for b.Loop() {
					estimate(b, bytes.NewReader(data))
				}
				reportCPU(b, cpu)
				b.ReportMetric(float64(trips), "roundtrips/op")
				b.ReportMetric(float64(peak)/float64(len(data)), "peakheap/planbyte")
				b.ReportMetric(float64(len(data)), "planbytes")
			})
		}
	}
}

// reportCPU reports the process CPU time per operation since start (the
// benchmark's own goroutines and the GC; Postgres runs in its own process).
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((CPUTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}
