package worker

import (
	"context"
	"io"

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

// DecodePlan parses plan JSON.
func (p PlanEstimator) DecodePlan(r io.Reader) (*tfjson.Plan, error) { return estimator.DecodePlan(r) }

// Estimate prices a plan.
func (p PlanEstimator) Estimate(ctx context.Context, plan *tfjson.Plan) (*estimator.Estimate, error) {
	return estimator.EstimatePlan(ctx, plan, p.Catalog, p.Options)
}
