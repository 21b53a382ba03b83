package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
)

// flowLogResource prices aws_flow_log: VPC flow logs are CloudWatch vended
// logs, charged per GB delivered a month (usage monthly_data_ingested_gb,
// costgate's key: Infracost does not price flow logs) at the tiered rate of
// the destination: a CloudWatch Logs group (its Infrequent Access rate when
// the log group the flow log names has that class), an S3 bucket (plus the
// conversion to Parquet when asked) or a Firehose stream. Storage at the
// destination is priced on the log group; S3 and Firehose charges are not
// priced here.
func flowLogResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_flow_log", Build: buildFlowLog}
}

// vendedLogTiers are the volume tiers of vended logs, in GB a month (the
// price data's bounds: 10, 30 and 50 TB of 1024 GB).
func vendedLogTiers() []usageTier {
	return []usageTier{{"first 10 TB", 0}, {"10-30 TB", 10240}, {"30-50 TB", 30720}, {"over 50 TB", 51200}}
}

func buildFlowLog(r schema.Resource) []schema.Component {
	vals := r.Values
	query := func(label string) pricing.Query {
		return pricing.Query{Provider: v.Provider, Service: v.ServiceCloudWatch, Region: r.Region,
			Attributes: map[string]string{v.AttrPricingPageLabel: label}}
	}
	dest, _ := stringAt(vals, "log_destination_type")
	var notes []string
	if dest == "" {
		if vals.Unknown("log_destination_type") {
			notes = append(notes, "log_destination_type unknown until apply: assumed cloud-watch-logs (the highest rate)")
		}
		dest = "cloud-watch-logs"
	}
	var name, label string
	switch dest {
	case "cloud-watch-logs":
		name, label = "Logs delivered to CloudWatch Logs", "Vended Logs"
		if flowLogGroupClass(r) == "INFREQUENT_ACCESS" {
			name, label = "Logs delivered to CloudWatch Logs (Infrequent Access)", "IA Vended ingested logs"
		}
	case "s3":
		name, label = "Logs delivered to S3", "Delivered Logs"
	case "kinesis-data-firehose":
		name, label = "Logs delivered to Firehose", "Amazon Kinesis Data Firehose Delivered Logs"
	default:
		// Kept as given so that the price is reported as not found, not guessed.
		name, label = fmt.Sprintf("Logs delivered to %s", dest), "Vended Logs to "+dest
		notes = append(notes, fmt.Sprintf("log_destination_type %q has no price in the data", dest))
	}
	out := tieredUsageLines(schema.Component{Name: name, Unit: "GB", Query: query(label), Assumed: notes},
		r.Usage, usageMonthlyDataIngestedGB, vendedLogTiers())
	if dest == "s3" && vals.String("destination_options.0.file_format") == "parquet" {
		out = append(out, usageLine(schema.Component{Name: "Conversion to Apache Parquet", Unit: "GB",
			Query: query("Parquet Conversion")}, r.Usage, usageMonthlyDataIngestedGB))
	}
	return out
}

// flowLogGroupClass is the log_group_class of the aws_cloudwatch_log_group
// that the flow log delivers to, when the plan shows it.
func flowLogGroupClass(r schema.Resource) string {
	for _, path := range []string{"log_destination", "log_group_name"} {
		for _, ref := range r.Referenced(path) {
			if class, ok := stringAt(ref, "log_group_class"); ok {
				return class
			}
		}
	}
	return ""
}
