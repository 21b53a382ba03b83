package awsmetered

import (
	"github.com/shopspring/decimal"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/awsvocab"
)

// labelled describes a price known only by its pricing-page label: rows get
// the attribute pricingPageLabel = key (the label without its tier words),
// the unit the label states (or the service's usual unit when it states
// none), and the tier the label names.
type labelled struct {
	key       string
	unit      string
	tierStart string // "" = 0
	tierEnd   string // "" = unbounded
	global    bool   // a price of the pseudo-location "Any" (region "")
}

func convertLabelled(table map[string]labelled) func(c *conv) ([]pricing.Price, error) {
	return func(c *conv) ([]pricing.Price, error) {
		l, ok := table[c.label]
		if !ok || l.global != c.global {
			return nil, nil
		}
		row, err := c.onDemand(product{attrs: map[string]string{awsvocab.AttrPricingPageLabel: l.key}, unit: l.unit})
		if err != nil {
			return nil, err
		}
		if l.tierStart != "" {
			row.TierStart = decimal.RequireFromString(l.tierStart)
		}
		if l.tierEnd != "" {
			row.TierEnd = decimal.NewNullDecimal(decimal.RequireFromString(l.tierEnd))
		}
		return []pricing.Price{row}, nil
	}
}

// plain is an untiered regional label keyed by itself.
func plain(label, unit string) labelled { return labelled{key: label, unit: unit} }

// eksLabels: the cluster fee is "Compute per Hours" (present in all 36
// regions); "Compute per hours" is a second 0.10 product present in only 18
// and is not used.
var eksLabels = map[string]labelled{
	"Compute per Hours":                 plain("Compute per Hours", "Hours"),
	"Compute ExtendedSupport per Hours": plain("Compute ExtendedSupport per Hours", "Hours"),
	"Fargate perCPU per hours":          plain("Fargate perCPU per hours", "hours"),
	"Fargate perGB per hours":           plain("Fargate perGB per hours", "hours"),
}

// lambdaLabels: duration is tiered but the map names the higher tiers only
// "Tier2"/"Tier3" without bounds, so only the first tier is kept (open-ended).
var lambdaLabels = map[string]labelled{
	"Lambda Requests":                    plain("Lambda Requests", "Requests"),
	"Lambda Requests-ARM":                plain("Lambda Requests-ARM", "Requests"),
	"Lambda Duration":                    plain("Lambda Duration", "Lambda-GB-Second"),
	"Lambda Duration-ARM":                plain("Lambda Duration-ARM", "Lambda-GB-Second"),
	"Lambda Provisioned-Concurrency":     plain("Lambda Provisioned-Concurrency", "Lambda-GB-Second"),
	"Lambda Provisioned-Concurrency-ARM": plain("Lambda Provisioned-Concurrency-ARM", "Lambda-GB-Second"),
	"Lambda Duration-Provisioned":        plain("Lambda Duration-Provisioned", "Lambda-GB-Second"),
	"Lambda Duration-Provisioned-ARM":    plain("Lambda Duration-Provisioned-ARM", "Lambda-GB-Second"),
	"Lambda Storage-Duration":            plain("Lambda Storage-Duration", "GB-Seconds"),
	"Lambda Storage-Duration-ARM":        plain("Lambda Storage-Duration-ARM", "GB-Seconds"),
}

var dynamoDBLabels = map[string]labelled{
	"Provisioned Read Units":               plain("Provisioned Read Units", "ReadCapacityUnit-Hrs"),
	"Provisioned Write Units":              plain("Provisioned Write Units", "WriteCapacityUnit-Hrs"),
	"Provisioned Read Units IA":            plain("Provisioned Read Units IA", "ReadCapacityUnit-Hrs"),
	"Provisioned Write Units IA":           plain("Provisioned Write Units IA", "WriteCapacityUnit-Hrs"),
	"PayPerRequest Read Request Units":     plain("PayPerRequest Read Request Units", "ReadRequestUnits"),
	"PayPerRequest Write Request Units":    plain("PayPerRequest Write Request Units", "WriteRequestUnits"),
	"PayPerRequest Read Request Units IA":  plain("PayPerRequest Read Request Units IA", "ReadRequestUnits"),
	"PayPerRequest Write Request Units IA": plain("PayPerRequest Write Request Units IA", "WriteRequestUnits"),
	// Global tables: writes replicated to a replica table's region.
	"Provisioned Replicated Write Units":              plain("Provisioned Replicated Write Units", "ReplicatedWriteCapacityUnit-Hrs"),
	"Provisioned Replicated Write Units IA":           plain("Provisioned Replicated Write Units IA", "ReplicatedWriteCapacityUnit-Hrs"),
	"PayPerRequest Replicated Write Request Units":    plain("PayPerRequest Replicated Write Request Units", "ReplicatedWriteRequestUnits"),
	"PayPerRequest Replicated Write Request Units IA": plain("PayPerRequest Replicated Write Request Units IA", "ReplicatedWriteRequestUnits"),
	"Data Storage Indexed GB-Mo":                      plain("Data Storage Indexed GB-Mo", "GB-Mo"),
	"Data Storage Indexed - IA GB-Mo":                 plain("Data Storage Indexed - IA GB-Mo", "GB-Mo"),
	"PITR Backup Storage GB-Mo":                       plain("PITR Backup Storage GB-Mo", "GB-Mo"),
	"On-Demand Backup Storage GB-Month":               plain("On-Demand Backup Storage GB-Month", "GB-Month"),
}

// cloudWatchLabels: custom metrics are one tiered price whose labels give
// the tier sizes (first 10,000; next 240,000; next 750,000; over 1,000,000).
// Vended logs (AWS services' logs, such as VPC flow logs) are tiered by GB
// delivered a month: the Infrequent Access labels state the bounds in GB
// (10240, 30720, 51200), and the other vended prices use the same tier rate
// codes with the bounds written in TB (first 10, next 20, next 20, over 50).
var cloudWatchLabels = map[string]labelled{
	"Alarm Standard":                          plain("Alarm Standard", "Alarms"),
	"Alarm High Resolution":                   plain("Alarm High Resolution", "Alarms"),
	"Alarm Composite":                         plain("Alarm Composite", "Alarms"),
	"Metric for the first 10000":              {key: "Metric", unit: "Metrics", tierEnd: "10000"},
	"Metric for the next 240000":              {key: "Metric", unit: "Metrics", tierStart: "10000", tierEnd: "250000"},
	"Metric for the next 750000":              {key: "Metric", unit: "Metrics", tierStart: "250000", tierEnd: "1000000"},
	"Metric for over 1000000":                 {key: "Metric", unit: "Metrics", tierStart: "1000000"},
	"Logs Collected Data Ingestion":           plain("Logs Collected Data Ingestion", "GB"),
	"IA Custom ingested Logs from 0 upto Inf": {key: "IA Custom ingested Logs", unit: "GB"},
	"Stored Data":                             plain("Stored Data", "GB-Mo"),
	"Queried Logs Insights":                   plain("Queried Logs Insights", "GB"),
	"Parquet Conversion":                      plain("Parquet Conversion", "GB"),

	"Vended Logs First 10TB":                                          vendedTier("Vended Logs", 0),
	"Vended Logs Next 20TB":                                           vendedTier("Vended Logs", 1),
	"Vended Logs Next Next 20TB":                                      vendedTier("Vended Logs", 2),
	"Vended Logs over 50TB":                                           vendedTier("Vended Logs", 3),
	"Delivered Logs for first 10TB":                                   vendedTier("Delivered Logs", 0),
	"Delivered Logs for next 20TB":                                    vendedTier("Delivered Logs", 1),
	"Delivered Logs for next next 20 TB":                              vendedTier("Delivered Logs", 2),
	"Delivered Logs for over 50TB":                                    vendedTier("Delivered Logs", 3),
	"Amazon Kinesis Data Firehose Delivered Logs for first 10TB":      vendedTier(firehoseDeliveredLogs, 0),
	"Amazon Kinesis Data Firehose Delivered Logs for next 20TB":       vendedTier(firehoseDeliveredLogs, 1),
	"Amazon Kinesis Data Firehose Delivered Logs for next next 20 TB": vendedTier(firehoseDeliveredLogs, 2),
	"Amazon Kinesis Data Firehose Delivered Logs for over 50TB":       vendedTier(firehoseDeliveredLogs, 3),
	"IA Vended ingested logs from 0 upto 10240":                       vendedTier("IA Vended ingested logs", 0),
	"IA Vended ingested logs from 10240 upto 30720":                   vendedTier("IA Vended ingested logs", 1),
	"IA Vended ingested logs from 30720 upto 51200":                   vendedTier("IA Vended ingested logs", 2),
	"IA Vended ingested logs from 51200 upto Inf":                     vendedTier("IA Vended ingested logs", 3),
}

const firehoseDeliveredLogs = "Amazon Kinesis Data Firehose Delivered Logs"

// vendedTier is tier i (0-3) of a vended-log price, per GB: 0-10240,
// 10240-30720, 30720-51200, over 51200.
func vendedTier(key string, i int) labelled {
	bounds := []string{"", "10240", "30720", "51200", ""}
	return labelled{key: key, unit: "GB", tierStart: bounds[i], tierEnd: bounds[i+1]}
}

// kmsLabels: requests of symmetric and HMAC keys, and the two asymmetric
// request prices (the last label is spelled so in the map).
var kmsLabels = map[string]labelled{
	"Encryption Key":                         plain("Encryption Key", "Months"),
	"API request - Non Free Tier":            plain("API request - Non Free Tier", "Requests"),
	"Asymmetric Requests RSA_2048":           plain("Asymmetric Requests RSA_2048", "Requests"),
	"Asymmetric Requests except RSA_2048API": plain("Asymmetric Requests except RSA_2048API", "Requests"),
}

// route53Labels: the hosted-zone fee is a global price ("Any") tiered at 25
// zones ("DNS Zone first 25", then "DNS Zone" for the rest, the same SKU).
// Queries to hosted zones are global prices (location ""), one per routing
// policy, tiered at 1 billion. The regional "Query" labels are Resolver
// queries: the newest regions label the same SKU "Query Resolver" (Osaka
// only so), and "Query ENI" is the Resolver endpoint.
var route53Labels = map[string]labelled{
	"Query first 1B":          {key: "Query", unit: "Queries", tierEnd: "1000000000"},
	"Query over 1B":           {key: "Query", unit: "Queries", tierStart: "1000000000"},
	"Query Resolver first 1B": {key: "Query", unit: "Queries", tierEnd: "1000000000"},
	"Query Resolver over 1B":  {key: "Query", unit: "Queries", tierStart: "1000000000"},
	"Query ENI":               plain("Query ENI", "Hours"),
	"DNS Zone first 25":       {key: "DNS Zone", unit: "HostedZone", tierEnd: "25", global: true},
	"DNS Zone":                {key: "DNS Zone", unit: "HostedZone", tierStart: "25", global: true},

	"Query Standard External first 1B":              globalQuery("Query Standard External", ""),
	"Query Standard External over 1B":               globalQuery("Query Standard External", "1000000000"),
	"Query Latency Based Routing External first 1B": globalQuery("Query Latency Based Routing External", ""),
	"Query Latency Based Routing External over 1B":  globalQuery("Query Latency Based Routing External", "1000000000"),
	"Query Geo DNS External first 1B":               globalQuery("Query Geo DNS External", ""),
	"Query Geo DNS External over 1B":                globalQuery("Query Geo DNS External", "1000000000"),
	"Query Geoproximity External first 1B":          globalQuery("Query Geoproximity External", ""),
	"Query Geoproximity External over 1B":           globalQuery("Query Geoproximity External", "1000000000"),
	"Query IP Based Routing External first 1B":      globalQuery("Query IP Based Routing External", ""),
	"Query IP Based Routing External over 1B":       globalQuery("Query IP Based Routing External", "1000000000"),
}

// globalQuery is a tier of a global hosted-zone query price: the first
// billion queries (tierStart "") or those over it.
func globalQuery(key, tierStart string) labelled {
	if tierStart == "" {
		return labelled{key: key, unit: "Queries", tierEnd: "1000000000", global: true}
	}
	return labelled{key: key, unit: "Queries", tierStart: tierStart, global: true}
}

var vpcLabels = map[string]labelled{
	"Hourly charge for VPC Endpoints per Hrs":                                          plain("Hourly charge for VPC Endpoints per Hrs", "Hrs"),
	"Hourly charge for In use Public IPv4 Addresses per Hrs":                           plain("Hourly charge for In use Public IPv4 Addresses per Hrs", "Hrs"),
	"Hourly charge for Idle Public IPv4 Addresses per Hrs":                             plain("Hourly charge for Idle Public IPv4 Addresses per Hrs", "Hrs"),
	"CreateVpnConnection per Hrs":                                                      plain("CreateVpnConnection per Hrs", "Hrs"),
	"Hourly charge for Transit Gateway VPC Attachments per hour":                       plain("Hourly charge for Transit Gateway VPC Attachments per hour", "hour"),
	"Charge for per GB data processed by VPC Endpoints per GB from 0 to 1048576":       {key: vpcEndpointData, unit: "GB", tierEnd: "1048576"},
	"Charge for per GB data processed by VPC Endpoints per GB from 1048576 to 5242880": {key: vpcEndpointData, unit: "GB", tierStart: "1048576", tierEnd: "5242880"},
	"Charge for per GB data processed by VPC Endpoints per GB from 5242880 to Inf":     {key: vpcEndpointData, unit: "GB", tierStart: "5242880"},
}

const vpcEndpointData = "Charge for per GB data processed by VPC Endpoints per GB"

// apiGatewayLabels: REST API requests are one tiered price (first 333
// million, next 667 million, next 19 billion, over 20 billion a month); HTTP
// API requests tier at 300 million and WebSocket messages at 1 billion. The
// cache is priced per hour by its size, and the size is in the label with
// its decimal point written as a space ("Caching Memory Size 0 5" = 0.5 GB):
// each size is its own label, kept verbatim.
var apiGatewayLabels = map[string]labelled{
	"API Calls Number of up to 333 million":        {key: "API Calls", unit: "Requests", tierEnd: "333000000"},
	"API Calls Number of Request Next 667 million": {key: "API Calls", unit: "Requests", tierStart: "333000000", tierEnd: "1000000000"},
	"API Calls Number of Request Next 19 billion":  {key: "API Calls", unit: "Requests", tierStart: "1000000000", tierEnd: "20000000000"},
	"API Calls Number of Request Over 20 billion":  {key: "API Calls", unit: "Requests", tierStart: "20000000000"},

	"ApiGatewayHttpApi First 300 million":     {key: "ApiGatewayHttpApi", unit: "Requests", tierEnd: "300000000"},
	"ApiGatewayHttpApi more than 300 million": {key: "ApiGatewayHttpApi", unit: "Requests", tierStart: "300000000"},

	"WebSocket Messages Messages first 1 billion": {key: "WebSocket Messages", unit: "Messages", tierEnd: "1000000000"},
	"WebSocket Messages Messages over 1 billion":  {key: "WebSocket Messages", unit: "Messages", tierStart: "1000000000"},
	"WebSocket Connection Minutes":                plain("WebSocket Connection Minutes", "Minutes"),

	"Caching Memory Size 0 5":  plain("Caching Memory Size 0 5", "Hrs"),
	"Caching Memory Size 1 6":  plain("Caching Memory Size 1 6", "Hrs"),
	"Caching Memory Size 6 1":  plain("Caching Memory Size 6 1", "Hrs"),
	"Caching Memory Size 13 5": plain("Caching Memory Size 13 5", "Hrs"),
	"Caching Memory Size 28 4": plain("Caching Memory Size 28 4", "Hrs"),
	"Caching Memory Size 58 2": plain("Caching Memory Size 58 2", "Hrs"),
	"Caching Memory Size 118":  plain("Caching Memory Size 118", "Hrs"),
	"Caching Memory Size 237":  plain("Caching Memory Size 237", "Hrs"),
}
