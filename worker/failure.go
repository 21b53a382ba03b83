package worker

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/costgate/costgate/runtask"
)

// Error kinds, stored on the run (runs.error_kind) and used in messages.
const (
	KindNoPlanURL    = "no_plan_url"
	KindPlanNotFound = "plan_not_found"
	KindPlanRefused  = "plan_refused"
	KindPlanNotReady = "plan_not_ready"
	KindPlanTooLarge = "plan_too_large"
	KindPlanFetch    = "plan_fetch"
	KindInvalidPlan  = "invalid_plan"
	KindEstimator    = "estimator"
	KindDecision     = "decision"
	KindToken        = "token"
	KindTimeout      = "timeout"
	KindInternal     = "internal"
)

// failure is why costgate could not price a run, worded for the people
// reading the run's page; it never holds a token or plan content.
type failure struct {
	Kind   string
	Reason string
}

func (f *failure) Error() string { return f.Reason }

func fail(kind, format string, args ...any) *failure {
	return &failure{Kind: kind, Reason: fmt.Sprintf(format, args...)}
}

// planFailure classifies an error of the plan fetch or of reading its body.
func planFailure(err error) *failure {
	var status *runtask.HTTPStatusError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fail(KindTimeout, "timed out fetching the plan JSON")
	case errors.Is(err, runtask.ErrPlanNotReady):
		return fail(KindPlanNotReady, "the plan JSON was not ready (TFC kept answering 204)")
	case errors.Is(err, runtask.ErrPlanTooLarge):
		return fail(KindPlanTooLarge, "the plan JSON is larger than COSTGATE_PLAN_MAX_BYTES allows")
	case errors.As(err, &status) && status.Status == 404:
		return fail(KindPlanNotFound, "the plan JSON was not found (HTTP 404 from %s)", status.Host)
	case errors.As(err, &status) && status.Status >= 400 && status.Status < 500:
		return fail(KindPlanRefused, "TFC refused the plan download (HTTP %d from %s)", status.Status, status.Host)
	}
	return fail(KindPlanFetch, "fetching the plan JSON failed: %s", scrubURLs(err))
}

// scrubURLs renders an error without the query strings of URLs net/http
// puts in its messages (a signed archivist URL carries credentials there).
func scrubURLs(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil {
			u.RawQuery = ""
			u.User = nil
			return fmt.Sprintf("%s %s: %v", ue.Op, u.String(), ue.Err)
		}
		return fmt.Sprintf("%s: %v", ue.Op, ue.Err)
	}
	return err.Error()
}

// failureResult is the final result for a run costgate could not price:
// failed, or passed with a warning in fail-open mode.
func failureResult(f *failure, failOpen bool) (string, string) {
	if failOpen {
		return runtask.StatusPassed, "Warning: costgate could not price this run (" + f.Reason + "). Passing because fail-open is on; the cost was not checked."
	}
	return runtask.StatusFailed, "costgate could not price this run: " + f.Reason + "."
}
