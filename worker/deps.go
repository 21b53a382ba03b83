package worker

import (
	"context"
	"io"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/runtask"
	tfjson "github.com/hashicorp/terraform-json"
)

// PlanFetcher downloads a run's plan JSON (runtask.PlanClient).
type PlanFetcher interface {
	Fetch(ctx context.Context, url, token string) (io.ReadCloser, error)
}

// CallbackSender PATCHes a callback document to TFC (runtask.CallbackClient).
// Errors are classified as runtask.ErrAlreadyFinal, *runtask.PermanentError
// or *runtask.RetryableError; anything else is treated as retryable.
type CallbackSender interface {
	Send(ctx context.Context, url, token string, doc runtask.CallbackDoc) error
}

// Estimator decodes and prices a plan. DecodePlan errors mean the plan is
// invalid; Estimate errors mean pricing failed.
type Estimator interface {
	DecodePlan(r io.Reader) (*tfjson.Plan, error)
	Estimate(ctx context.Context, plan *tfjson.Plan) (*estimator.Estimate, error)
}
