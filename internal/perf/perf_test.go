package perf

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/internal/dbtest"
	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/worker"
)

// TestEstimateRoundTrips counts the database round trips of estimating
// plans of different sizes with the Postgres catalog: one batch lookup,
// whatever the size (the limit is 3).
func TestEstimateRoundTrips(t *testing.T) {
	rt := &RoundTrips{}
	pool := TracedPool(t, dbtest.NewDB(t), rt)
	// The count does not depend on the prices: an empty catalog answers "not found".
	est := worker.PlanEstimator{Catalog: pricing.NewPostgresCatalog(pool)}
	for _, n := range []int{40, 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			plan, err := est.DecodePlan(bytes.NewReader(Plan(t, n)))
			if err != nil {
				t.Fatal(err)
			}
			before := rt.Count()
			e, err := est.Estimate(context.Background(), plan)
			if err != nil {
				t.Fatal(err)
			}
			trips := rt.Count() - before
			if trips < 1 || trips > 3 {
				t.Errorf("%d round trips to estimate %d resources, want 1 to 3", trips, n)
			}
			if e.Summary.Resources != n {
				t.Errorf("%d resources estimated, want %d", e.Summary.Resources, n)
			}
		})
	}
}

// TestGeneratedPlanIsPriced checks the benchmark plan exercises real pricing:
// most components find a price in the embedded data, and autoscaling groups
// are priced through the launch templates they refer to.
func TestGeneratedPlanIsPriced(t *testing.T) {
	plan, err := estimator.DecodePlanForEstimate(bytes.NewReader(Plan(t, 1000)))
	if err != nil {
		t.Fatal(err)
	}
	e, err := estimator.EstimatePlan(context.Background(), plan, pricing.NewEmbeddedCatalog(), estimator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := e.Summary
	if s.Estimated < 500 || s.Free < 100 || s.Unsupported == 0 {
		t.Errorf("summary %+v: want ≥ 500 estimated, ≥ 100 free and some unsupported", s)
	}
	priced, components, asgResolved := 0, 0, 0
	for _, r := range e.Resources {
		for _, c := range r.Components {
			if c.UsageBased {
				continue
			}
			components++
			if c.PriceFound {
				priced++
			}
			if r.Type == "aws_autoscaling_group" && c.PriceFound && strings.HasPrefix(c.Name, "Instance usage") {
				asgResolved++
			}
		}
	}
	if priced*10 < components*9 {
		t.Errorf("%d of %d components priced, want ≥ 90%%", priced, components)
	}
	if asgResolved == 0 {
		t.Error("no autoscaling group was priced from its launch template")
	}
}
