package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/shopspring/decimal"
)

// usageTier is one volume tier of a usage-priced line: the name shown after
// the line's name and the tier's start, in the catalog unit of the price.
type usageTier struct {
	name  string
	start int64
}

// tieredUsageLines prices a usage value over volume tiers (ascending, the
// first starting at 0): one line per tier the usage reaches, each asking for
// its tier's price. Without usage it is the first tier's line, depending on
// usage.
func tieredUsageLines(base schema.Component, u schema.Usage, key string, tiers []usageTier) []schema.Component {
	first := usageLine(base, u, key)
	first.Name = fmt.Sprintf("%s (%s)", base.Name, tiers[0].name)
	if first.MonthlyQuantity == nil {
		return []schema.Component{first}
	}
	total := *first.MonthlyQuantity
	var out []schema.Component
	for i, t := range tiers {
		start := whole(t.start)
		qty := total.Sub(start)
		if i+1 < len(tiers) {
			qty = decimal.Min(qty, whole(tiers[i+1].start).Sub(start))
		}
		if i > 0 && !qty.IsPositive() {
			break
		}
		line := first
		line.Name = fmt.Sprintf("%s (%s)", base.Name, t.name)
		line.MonthlyQuantity = schema.Monthly(decimal.Max(qty, decimal.Zero))
		line.Query.TierStart = fmt.Sprint(t.start)
		out = append(out, line)
	}
	return out
}
