package aws

import (
	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// route53ZoneResource prices aws_route53_zone: the hosted zone per month (a
// global price: 0.50 for each of an account's first 25 zones, 0.10 beyond;
// a plan cannot tell which, so the first-25 price is used, noted) and its
// standard queries from usage (monthly_standard_queries), split at the
// billion-query tier. Queries are global prices (FORMAT.md, "Route 53");
// latency, geo and IP-based routing queries are not estimated here.
func route53ZoneResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_route53_zone", Build: buildRoute53Zone}
}

// Usage key of standard DNS queries a month (Infracost's name), and the end
// of the first query tier.
const (
	usageMonthlyStandardQueries = "monthly_standard_queries"
	route53QueryTier2Start      = 1_000_000_000
)

func buildRoute53Zone(r schema.Resource) []schema.Component {
	zone := schema.Component{
		Name: "Hosted zone", Unit: "months", MonthlyQuantity: schema.Monthly(decimal.NewFromInt(1)),
		Query: pricing.Query{Provider: v.Provider, Service: v.ServiceRoute53, Region: "",
			Attributes: map[string]string{v.AttrPricingPageLabel: "DNS Zone"}},
		Assumed: []string{"priced at the rate of an account's first 25 hosted zones (0.10 a month beyond them)"},
	}
	query := func(tierStart string) pricing.Query {
		return pricing.Query{Provider: v.Provider, Service: v.ServiceRoute53, Region: "",
			Attributes: map[string]string{v.AttrPricingPageLabel: "Query Standard External"}, TierStart: tierStart}
	}
	first := usageLine(schema.Component{Name: "Standard queries (first 1B)", Unit: "1M queries",
		UnitMultiplier: whole(million), Query: query("0")}, r.Usage, usageMonthlyStandardQueries)
	out := []schema.Component{zone, first}
	tier2 := whole(route53QueryTier2Start)
	if first.MonthlyQuantity != nil && first.MonthlyQuantity.GreaterThan(tier2) {
		over := first
		over.Name = "Standard queries (over 1B)"
		over.MonthlyQuantity = schema.Monthly(first.MonthlyQuantity.Sub(tier2))
		over.Query = query("1000000000")
		out[1].MonthlyQuantity = schema.Monthly(tier2)
		out = append(out, over)
	}
	return out
}
