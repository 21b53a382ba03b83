package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
)

// cloudwatchLogGroupResource prices aws_cloudwatch_log_group from usage:
// data ingested (monthly_data_ingested_gb) at the Standard or Infrequent
// Access rate of its log_group_class, data stored (storage_gb) and data
// scanned by Logs Insights queries (monthly_data_scanned_gb), as Infracost
// does. Storage and queries cost the same in both classes (one price each in
// the data). The free tier is not deducted.
func cloudwatchLogGroupResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_cloudwatch_log_group", Build: buildCloudWatchLogGroup}
}

// Usage keys of log groups (Infracost's names).
const (
	usageMonthlyDataIngestedGB = "monthly_data_ingested_gb"
	usageMonthlyDataScannedGB  = "monthly_data_scanned_gb"
)

// logGroupIngestionLabels: the ingestion price of each log class.
func logGroupIngestionLabels() map[string]string {
	return map[string]string{
		"STANDARD":          "Logs Collected Data Ingestion",
		"INFREQUENT_ACCESS": "IA Custom ingested Logs",
	}
}

func buildCloudWatchLogGroup(r schema.Resource) []schema.Component {
	query := func(label string) pricing.Query {
		return pricing.Query{Provider: v.Provider, Service: v.ServiceCloudWatch, Region: r.Region,
			Attributes: map[string]string{v.AttrPricingPageLabel: label}}
	}
	class, _ := stringAt(r.Values, "log_group_class")
	var notes []string
	switch {
	case class == "" && r.Values.Unknown("log_group_class"):
		class = "STANDARD"
		notes = []string{"log_group_class unknown until apply: assumed STANDARD (Infrequent Access ingestion costs less)"}
	case class == "":
		class = "STANDARD"
	}
	name := "Data ingested"
	if class == "INFREQUENT_ACCESS" {
		name = "Data ingested (Infrequent Access)"
	}
	label, known := logGroupIngestionLabels()[class]
	if !known {
		// Kept as given so that the price is reported as not found, not guessed.
		label = fmt.Sprintf("log_group_class %s ingestion", class)
		name = fmt.Sprintf("Data ingested (%s)", class)
		notes = append(notes, fmt.Sprintf("log_group_class %q has no ingestion price in the data", class))
	}
	return []schema.Component{
		usageLine(schema.Component{Name: name, Unit: "GB", Query: query(label), Assumed: notes}, r.Usage, usageMonthlyDataIngestedGB),
		usageLine(schema.Component{Name: "Storage", Unit: "GB", Query: query("Stored Data")}, r.Usage, usageStorageGB),
		usageLine(schema.Component{Name: "Insights queries data scanned", Unit: "GB", Query: query("Queried Logs Insights")},
			r.Usage, usageMonthlyDataScannedGB),
	}
}
