package estimator

import (
	"sort"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	"github.com/shopspring/decimal"
)

// countResource adds one resource to the summary. Unpriced and
// usage-unknown components count on the side shown (Components) and on the
// prior side of an update or replace.
func countResource(s *Summary, r ResourceCost, sources map[PriceSource]bool) {
	s.Resources++
	switch r.Status {
	case StatusEstimated:
		s.Estimated++
	case StatusFree:
		s.Free++
	case StatusUnsupported:
		s.Unsupported++
		s.UnsupportedTypes[r.Type]++
	}
	unpriced, unpricedUsage := unpricedCounts(r)
	s.UnpricedComponents += unpriced
	s.UnpricedUsageComponents += unpricedUsage
	if unpriced > 0 {
		s.UnpricedResources++
	}
	s.UsageUnknownComponents += usageUnknownCount(r)
	for _, list := range [][]ComponentCost{r.Components, r.PriorComponents} {
		for _, c := range list {
			if c.PriceFound {
				sources[PriceSource{Name: c.Source, Date: c.PriceDate}] = true
			}
		}
	}
}

// priceComponents turns components and their answers into sorted costs.
func priceComponents(list []pendingComponent, answers []pricing.Answer) []ComponentCost {
	if len(list) == 0 {
		return nil
	}
	out := make([]ComponentCost, len(list))
	for i, pc := range list {
		out[i] = priceComponent(pc.c, answers[pc.query])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// priceComponent computes one line: monthly quantity (hourly × 730), cost =
// price × quantity; display quantity and price follow UnitMultiplier.
func priceComponent(c schema.Component, a pricing.Answer) ComponentCost {
	out := ComponentCost{
		Name:       c.Name,
		Unit:       c.Unit,
		UsageBased: c.UsageBased,
		Assumed:    append([]string{}, c.Assumed...),
		PriceFound: a.Found,
	}
	mult := c.UnitMultiplier
	if mult.IsZero() || mult.IsNegative() {
		mult = decimal.NewFromInt(1)
	}
	var qty *decimal.Decimal
	switch {
	case c.MonthlyQuantity != nil:
		q := *c.MonthlyQuantity
		qty = &q
	case c.HourlyQuantity != nil:
		q := c.HourlyQuantity.Mul(schema.HoursPerMonth())
		qty = &q
	}
	if qty != nil {
		shown := qty.Div(mult)
		out.MonthlyQuantity = &shown
	}
	if a.Found {
		price := a.USD.Mul(mult)
		out.UnitPrice = &price
		out.SKU = a.SKU
		out.Source = a.Source
		out.Ambiguous = a.Ambiguous
		if !a.PriceDate.IsZero() {
			out.PriceDate = a.PriceDate.Format("2006-01-02")
		}
		if qty != nil {
			out.MonthlyCost = a.USD.Mul(*qty)
		}
	}
	return out
}

func sumCost(list []ComponentCost) decimal.Decimal {
	total := decimal.Zero
	for _, c := range list {
		total = total.Add(c.MonthlyCost)
	}
	return total
}

// unpricedCounts counts a resource's components whose price was not found,
// on both sides shown: those with a quantity (money is missing) and
// usage-based ones without usage.
func unpricedCounts(r ResourceCost) (unpriced, unpricedUsage int) {
	for _, cs := range [][]ComponentCost{r.Components, r.PriorComponents} {
		for _, c := range cs {
			switch {
			case c.Unpriced():
				unpriced++
			case !c.PriceFound:
				unpricedUsage++
			}
		}
	}
	return unpriced, unpricedUsage
}

// usageUnknownCount counts a resource's components without usage.
func usageUnknownCount(r ResourceCost) int {
	n := 0
	for _, cs := range [][]ComponentCost{r.Components, r.PriorComponents} {
		for _, c := range cs {
			if c.MonthlyQuantity == nil {
				n++
			}
		}
	}
	return n
}
