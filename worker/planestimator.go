package worker

import (
	"context"
	"fmt"
	"io"
	"runtime"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/pricing"
	tfjson "github.com/hashicorp/terraform-json"
)

// PlanEstimator is the Estimator of the service: the estimator package
// against a price catalog (the Postgres one in production).
type PlanEstimator struct {
	Catalog pricing.Catalog
	Options estimator.Options
}

// DecodePlan parses plan JSON, streamed, keeping only what Estimate reads.
func (p PlanEstimator) DecodePlan(r io.Reader) (plan *tfjson.Plan, err error) {
	defer recoverAs(&err, "decoding")
	return estimator.DecodePlanForEstimate(r)
}

// Estimate prices a plan.
func (p PlanEstimator) Estimate(ctx context.Context, plan *tfjson.Plan) (est *estimator.Estimate, err error) {
	defer recoverAs(&err, "pricing")
	return estimator.EstimatePlan(ctx, plan, p.Catalog, p.Options)
}

// recoverAs turns a panic on a hostile plan into an error, so the run ends
// in a failed callback at once instead of a job retried until it gives up.
// Only runtime errors are described: a panic value could quote the plan.
func recoverAs(err *error, what string) {
	r := recover()
	if r == nil {
		return
	}
	if re, ok := r.(runtime.Error); ok {
		*err = fmt.Errorf("internal error %s the plan: %s", what, re.Error())
		return
	}
	*err = fmt.Errorf("internal error %s the plan", what)
}
