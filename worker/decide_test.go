package worker

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/internal/usd"
	"github.com/costgate/costgate/runtask"
	"github.com/shopspring/decimal"
)

func TestUSD(t *testing.T) {
	tests := []struct{ in, want, signed string }{
		{"0", "$0.00", "+$0.00"},
		{"12.404", "$12.40", "+$12.40"},
		{"1234567.5", "$1,234,567.50", "+$1,234,567.50"},
		{"-30.368", "-$30.37", "-$30.37"},
		{"-0.001", "$0.00", "+$0.00"},
		{"999.999", "$1,000.00", "+$1,000.00"},
	}
	for _, tt := range tests {
		d := decimal.RequireFromString(tt.in)
		if got := usd.Format(d); got != tt.want {
			t.Errorf("usd.Format(%s) = %s, want %s", tt.in, got, tt.want)
		}
		if got := signedUSD(d); got != tt.signed {
			t.Errorf("signedUSD(%s) = %s, want %s", tt.in, got, tt.signed)
		}
	}
}

func TestCostSummary(t *testing.T) {
	est := &estimator.Estimate{
		PriorMonthlyCost: decimal.RequireFromString("100"), ProposedMonthlyCost: decimal.RequireFromString("112.4"),
		DeltaMonthlyCost: decimal.RequireFromString("12.4"),
		Summary:          estimator.Summary{Resources: 3, UnpricedComponents: 1},
	}
	want := "Monthly cost +$12.40: $100.00 → $112.40 (3 resources, 1 component not priced)"
	if got := CostSummary(est); got != want {
		t.Fatalf("CostSummary = %q\nwant          %q", got, want)
	}
	est.Summary = estimator.Summary{Resources: 1, Unsupported: 2}
	if got := CostSummary(est); !strings.HasSuffix(got, "(1 resource, 2 resources of unsupported type)") {
		t.Fatalf("CostSummary = %q", got)
	}
}

func TestPlanFailure(t *testing.T) {
	tests := []struct {
		err  error
		kind string
		want string
	}{
		{runtask.ErrPlanNotReady, KindPlanNotReady, "not ready"},
		{fmt.Errorf("reading: %w", runtask.ErrPlanTooLarge), KindPlanTooLarge, "COSTGATE_PLAN_MAX_BYTES"},
		{&runtask.HTTPStatusError{Op: "fetching plan", Host: "app.terraform.io", Status: 404}, KindPlanNotFound, "HTTP 404 from app.terraform.io"},
		{&runtask.HTTPStatusError{Op: "fetching plan", Host: "app.terraform.io", Status: 401}, KindPlanRefused, "HTTP 401"},
		{&url.Error{Op: "Get", URL: "https://archivist.terraform.io/v1/object/x?sig=SECRET", Err: errors.New("connection reset")}, KindPlanFetch, "connection reset"},
	}
	for _, tt := range tests {
		f := planFailure(tt.err)
		if f.Kind != tt.kind || !strings.Contains(f.Reason, tt.want) || strings.Contains(f.Reason, "SECRET") {
			t.Errorf("planFailure(%v) = %s %q, want %s containing %q and no query string", tt.err, f.Kind, f.Reason, tt.kind, tt.want)
		}
	}
}

func TestFailureResult(t *testing.T) {
	f := fail(KindInvalidPlan, "the plan JSON is not a valid Terraform plan")
	if s, m := failureResult(f, false); s != runtask.StatusFailed || !strings.Contains(m, "could not price") {
		t.Errorf("fail closed: %s %q", s, m)
	}
	if s, m := failureResult(f, true); s != runtask.StatusPassed || !strings.HasPrefix(m, "Warning") {
		t.Errorf("fail open: %s %q", s, m)
	}
}
