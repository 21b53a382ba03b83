package aws

import (
	"fmt"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// apiGatewayStageResource prices aws_api_gateway_stage: the cache cluster
// by the hour when cache_cluster_enabled, at the price of its
// cache_cluster_size (GB). A stage without cache costs nothing by itself:
// requests are priced on the REST API.
func apiGatewayStageResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_api_gateway_stage", Build: buildAPIGatewayStage}
}

// apiGatewayDefaultCacheGB is the size API Gateway gives a cache when none
// is set.
const apiGatewayDefaultCacheGB = "0.5"

func buildAPIGatewayStage(r schema.Resource) []schema.Component {
	vals := r.Values
	var notes []string
	enabled, known := vals.Bool("cache_cluster_enabled")
	switch {
	case !known && vals.Unknown("cache_cluster_enabled"):
		notes = append(notes, "cache_cluster_enabled unknown until apply: assumed enabled")
	case !enabled:
		return nil
	}
	size, ok := stringAt(vals, "cache_cluster_size")
	if !ok {
		size = apiGatewayDefaultCacheGB
		notes = append(notes, fmt.Sprintf("cache_cluster_size %s: assumed %s GB", absentReason(vals, "cache_cluster_size"), size))
	}
	return []schema.Component{{
		Name:           fmt.Sprintf("Cache memory (%s GB)", size),
		Unit:           "hours",
		HourlyQuantity: schema.Hourly(decimal.NewFromInt(1)),
		// The map's label writes the size's decimal point as a space (FORMAT.md,
		// "API Gateway"); a size AWS does not offer finds no price.
		Query: pricing.Query{Provider: v.Provider, Service: v.ServiceAPIGateway, Region: r.Region,
			Attributes: map[string]string{v.AttrPricingPageLabel: "Caching Memory Size " + strings.ReplaceAll(size, ".", " ")}},
		Assumed: notes,
	}}
}
