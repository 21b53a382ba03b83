package budget

import (
	"testing"

	"github.com/costgate/costgate/estimator"
	"github.com/shopspring/decimal"
)

// Real on-demand Linux prices in us-east-1, USD per hour, from
// lamngockhuong/aws-price@508fb45296c8 lib/data/pricing/ec2-transformed.json
// (fetched from the AWS Price List on 2025-11-04; corpus/aws-price).
var hourly = map[string]string{
	"t3.micro":   "0.0104",
	"t3.medium":  "0.0416",
	"c5.large":   "0.085",
	"m5.large":   "0.096",
	"m5.xlarge":  "0.192",
	"r5.2xlarge": "0.504",
}

var hoursPerMonth = decimal.NewFromInt(730)

// monthly is the monthly cost of count instances of an instance type.
func monthly(t testing.TB, instanceType string, count int) decimal.Decimal {
	t.Helper()
	p, ok := hourly[instanceType]
	if !ok {
		t.Fatalf("no real price recorded for %s", instanceType)
	}
	return decimal.RequireFromString(p).Mul(hoursPerMonth).Mul(decimal.NewFromInt(int64(count)))
}

// change is one aws_instance in a fixture: its type before and after ("" =
// absent).
type change struct {
	address       string
	before, after string
}

// estimateOf builds an estimate from instance changes priced with real rows.
func estimateOf(t testing.TB, changes ...change) *estimator.Estimate {
	t.Helper()
	e := &estimator.Estimate{Currency: "USD", Summary: estimator.Summary{UnsupportedTypes: map[string]int{}}}
	for _, c := range changes {
		r := estimator.ResourceCost{Address: c.address, Type: "aws_instance", Region: "us-east-1", Status: "estimated"}
		switch {
		case c.before == "":
			r.Action = "create"
		case c.after == "":
			r.Action = "delete"
		case c.before == c.after:
			r.Action = "no-op"
		default:
			r.Action = "update"
		}
		if c.before != "" {
			r.PriorMonthlyCost = monthly(t, c.before, 1)
		}
		if c.after != "" {
			r.ProposedMonthlyCost = monthly(t, c.after, 1)
			price := decimal.RequireFromString(hourly[c.after])
			qty := hoursPerMonth
			r.Components = []estimator.ComponentCost{{
				Name: "Instance usage (Linux/UNIX, on-demand, " + c.after + ")", Unit: "hours",
				MonthlyQuantity: &qty, UnitPrice: &price, MonthlyCost: r.ProposedMonthlyCost, PriceFound: true,
			}}
		}
		e.Resources = append(e.Resources, r)
		e.PriorMonthlyCost = e.PriorMonthlyCost.Add(r.PriorMonthlyCost)
		e.ProposedMonthlyCost = e.ProposedMonthlyCost.Add(r.ProposedMonthlyCost)
		e.Summary.Resources++
		e.Summary.Estimated++
	}
	e.DeltaMonthlyCost = e.ProposedMonthlyCost.Sub(e.PriorMonthlyCost)
	return e
}

// fleet is n unchanged instances of one type, a workspace's steady cost.
func fleet(t testing.TB, prefix, instanceType string, n int) []change {
	out := make([]change, n)
	for i := range out {
		out[i] = change{address: prefix + "[" + itoa(i) + "]", before: instanceType, after: instanceType}
	}
	return out
}

func itoa(i int) string { return decimal.NewFromInt(int64(i)).String() }

func dec(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

func decv(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func str(s string) *string { return &s }

func withUnpriced(e *estimator.Estimate, address, component string) *estimator.Estimate {
	qty := hoursPerMonth
	e.Resources = append(e.Resources, estimator.ResourceCost{
		Address: address, Type: "aws_nat_gateway", Action: "create", Region: "us-east-1", Status: "estimated",
		Components: []estimator.ComponentCost{{Name: component, Unit: "hours", MonthlyQuantity: &qty, PriceFound: false}},
	})
	e.Summary.Resources++
	e.Summary.Estimated++
	e.Summary.UnpricedComponents++
	return e
}

func withUnsupported(e *estimator.Estimate, address, typ string) *estimator.Estimate {
	e.Resources = append(e.Resources, estimator.ResourceCost{Address: address, Type: typ, Action: "create", Status: "unsupported"})
	e.Summary.Resources++
	e.Summary.Unsupported++
	e.Summary.UnsupportedTypes[typ]++
	return e
}
