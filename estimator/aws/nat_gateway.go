package aws

import (
	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// Usage key of the GB a NAT gateway or classic load balancer processes per
// month (Infracost's name).
const usageDataProcessedGB = "monthly_data_processed_gb"

// natGatewayResource prices aws_nat_gateway: the gateway hour and the data
// it processes (usage monthly_data_processed_gb). Private NAT gateways are
// charged the same.
func natGatewayResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_nat_gateway", Build: buildNATGateway}
}

func buildNATGateway(r schema.Resource) []schema.Component {
	query := func(unit string) pricing.Query {
		return pricing.Query{Provider: v.Provider, Service: v.ServiceEC2, Family: "NAT Gateway", Region: r.Region,
			Attributes: map[string]string{v.AttrGroup: "NGW:NatGateway"}, Unit: unit}
	}
	return []schema.Component{
		{Name: "NAT gateway", Unit: "hours", HourlyQuantity: schema.Hourly(decimal.NewFromInt(1)), Query: query("Hrs")},
		dataProcessed(r.Usage, query("GB")),
	}
}

// dataProcessed is a usage-based "Data processed" line in GB.
func dataProcessed(u schema.Usage, q pricing.Query) schema.Component {
	return usageLine(schema.Component{Name: "Data processed", Unit: "GB", Query: q}, u, usageDataProcessedGB)
}
