package azureretail

import (
	"fmt"
	"slices"

	"github.com/costgate/costgate/pricing"
	"github.com/shopspring/decimal"
)

// tierGroups assembles the tiers of one meter (same skuId, meterId, type and
// reservation term). The API lists a meter's tiers next to each other, so a
// group is complete when the next item belongs to another meter; each tier
// then ends where the next one starts, and the last one stays open.
type tierGroups struct {
	key  string
	rows []pricing.Price
	// seen holds the keys of completed groups: a meter that comes back later
	// would get wrong tier ends, so it is an error.
	seen map[string]bool
}

// add queues p under key and returns the rows of the group it completed, if any.
func (g *tierGroups) add(key string, p pricing.Price) ([]pricing.Price, error) {
	if key == g.key {
		for _, r := range g.rows {
			if r.TierStart.Equal(p.TierStart) {
				return nil, fmt.Errorf("meter listed twice with tier start %s", p.TierStart)
			}
		}
		g.rows = append(g.rows, p)
		return nil, nil
	}
	if g.seen[key] {
		return nil, fmt.Errorf("meter %s appears again after other meters: its tiers must be adjacent", key)
	}
	full := g.close()
	g.key, g.rows = key, []pricing.Price{p}
	return full, nil
}

// close completes the pending group and returns its rows with tier ends set.
func (g *tierGroups) close() []pricing.Price {
	rows := g.rows
	if g.key != "" {
		g.seen[g.key] = true
	}
	g.key, g.rows = "", nil
	slices.SortFunc(rows, func(a, b pricing.Price) int { return a.TierStart.Cmp(b.TierStart) })
	for i := 0; i+1 < len(rows); i++ {
		rows[i].TierEnd = decimal.NewNullDecimal(rows[i+1].TierStart)
	}
	return rows
}
