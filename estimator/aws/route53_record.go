package aws

import (
	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
)

// route53RecordResource prices aws_route53_record: the queries it answers,
// from usage, at the global query price of its routing policy (FORMAT.md,
// "Route 53"), split at the billion-query tier. Records themselves are not
// charged (a zone's first 10,000 are included). Queries to an alias of an
// AWS resource (load balancer, CloudFront, API Gateway, S3 website, VPC
// endpoint) are free: an alias whose target zone differs from the record's
// own zone has no cost line; an alias to a record of the same zone is charged.
func route53RecordResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_route53_record", Build: buildRoute53Record}
}

// route53Policy is the query price and usage key of one routing policy.
// Infracost names the standard, latency and geolocation keys; the
// geoproximity and IP-based keys are costgate's.
type route53Policy struct {
	block, name, label, usageKey string
}

// route53Policies lists the routing policies priced apart from standard
// queries (simple, weighted, failover and multivalue records).
func route53Policies() []route53Policy {
	return []route53Policy{
		{"latency_routing_policy", "Latency based routing queries", "Query Latency Based Routing External", "monthly_latency_based_queries"},
		{"geolocation_routing_policy", "Geo DNS queries", "Query Geo DNS External", "monthly_geo_queries"},
		{"geoproximity_routing_policy", "Geoproximity routing queries", "Query Geoproximity External", "monthly_geoproximity_queries"},
		{"cidr_routing_policy", "IP-based routing queries", "Query IP Based Routing External", "monthly_ip_based_queries"},
	}
}

// route53QueryTiers: the first billion queries a month, and those over it.
func route53QueryTiers() []usageTier {
	return []usageTier{{"first 1B", 0}, {"over 1B", route53QueryTier2Start}}
}

func buildRoute53Record(r schema.Resource) []schema.Component {
	vals := r.Values
	var notes []string
	if len(vals.List("alias")) > 0 {
		target, targetKnown := stringAt(vals, "alias.0.zone_id")
		zone, zoneKnown := stringAt(vals, "zone_id")
		switch {
		case targetKnown && zoneKnown && target != zone:
			return nil
		case !targetKnown || !zoneKnown:
			notes = append(notes, "alias target unknown until apply: priced as an alias of a record in the same zone "+
				"(queries to aliases of AWS resources are free)")
		}
	}
	policy := route53Policy{name: "Standard queries", label: "Query Standard External", usageKey: usageMonthlyStandardQueries}
	for _, p := range route53Policies() {
		if len(vals.List(p.block)) > 0 {
			policy = p
			break
		}
	}
	base := schema.Component{Name: policy.name, Unit: "1M queries", UnitMultiplier: whole(million), Assumed: notes,
		Query: pricing.Query{Provider: v.Provider, Service: v.ServiceRoute53, Region: "",
			Attributes: map[string]string{v.AttrPricingPageLabel: policy.label}}}
	return tieredUsageLines(base, r.Usage, policy.usageKey, route53QueryTiers())
}
