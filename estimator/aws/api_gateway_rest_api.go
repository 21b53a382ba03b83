package aws

import (
	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
)

// apiGatewayRestAPIResource prices aws_api_gateway_rest_api: its requests
// from usage (monthly_requests, Infracost's key) at API Gateway's tiered
// REST API prices (first 333 million a month, next 667 million, next 19
// billion, over 20 billion). Regional, edge-optimized and private APIs are
// charged the same. The cache is priced on the stage that enables it.
func apiGatewayRestAPIResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_api_gateway_rest_api", Build: buildAPIGatewayRestAPI}
}

// restAPIRequestTiers are the REST API request tiers, in requests a month.
func restAPIRequestTiers() []usageTier {
	return []usageTier{{"first 333M", 0}, {"next 667M", 333_000_000}, {"next 19B", 1_000_000_000}, {"over 20B", 20_000_000_000}}
}

func buildAPIGatewayRestAPI(r schema.Resource) []schema.Component {
	base := schema.Component{Name: "Requests", Unit: "1M requests", UnitMultiplier: whole(million),
		Query: pricing.Query{Provider: v.Provider, Service: v.ServiceAPIGateway, Region: r.Region,
			Attributes: map[string]string{v.AttrPricingPageLabel: "API Calls"}}}
	return tieredUsageLines(base, r.Usage, usageMonthlyRequests, restAPIRequestTiers())
}
