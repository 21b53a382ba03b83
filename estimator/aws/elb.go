package aws

import (
	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// elbResource prices aws_elb, the classic load balancer: its hour and the
// data it processes (usage monthly_data_processed_gb).
func elbResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_elb", Build: buildELB}
}

func buildELB(r schema.Resource) []schema.Component {
	query := func(unit string) pricing.Query {
		return pricing.Query{Provider: v.Provider, Service: v.ServiceELB, Family: "Load Balancer", Region: r.Region, Unit: unit}
	}
	return []schema.Component{
		{Name: "Classic load balancer", Unit: "hours", HourlyQuantity: schema.Hourly(decimal.NewFromInt(1)), Query: query("Hrs")},
		dataProcessed(r.Usage, query("GB")),
	}
}
