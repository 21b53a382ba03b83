package aws

import "testing"

func TestBuildCloudWatchLogGroup(t *testing.T) {
	const (
		cw      = "AmazonCloudWatch//us-east-1"
		storage = "Storage; usage; " + cw + "; pricingPageLabel=Stored Data; on_demand; usage-based"
		scanned = "Insights queries data scanned; usage; " + cw + "; pricingPageLabel=Queried Logs Insights; on_demand; usage-based"
	)
	tests := []struct {
		name, values, unknown, usage string
		want                         []string
	}{
		{"standard by default, no usage", `{"name": "/a"}`, "", "", []string{
			"Data ingested; usage; " + cw + "; pricingPageLabel=Logs Collected Data Ingestion; on_demand; usage-based",
			storage, scanned}},
		{"infrequent access with usage", `{"log_group_class": "INFREQUENT_ACCESS"}`, "",
			`{"monthly_data_ingested_gb": 12.5, "storage_gb": 300, "monthly_data_scanned_gb": 0}`, []string{
				"Data ingested (Infrequent Access); m=12.5; " + cw + "; pricingPageLabel=IA Custom ingested Logs; on_demand; usage-based",
				"Storage; m=300; " + cw + "; pricingPageLabel=Stored Data; on_demand; usage-based",
				"Insights queries data scanned; m=0; " + cw + "; pricingPageLabel=Queried Logs Insights; on_demand; usage-based"}},
		{"class known at apply", `{}`, `{"log_group_class": true}`, "", []string{
			"Data ingested; usage; " + cw + "; pricingPageLabel=Logs Collected Data Ingestion; on_demand; usage-based; assumed: " +
				"log_group_class unknown until apply: assumed STANDARD (Infrequent Access ingestion costs less)",
			storage, scanned}},
		{"a class without a price is not guessed", `{"log_group_class": "DELIVERY"}`, "", "", []string{
			"Data ingested (DELIVERY); usage; " + cw + "; pricingPageLabel=log_group_class DELIVERY ingestion; on_demand; usage-based; assumed: " +
				`log_group_class "DELIVERY" has no ingestion price in the data`,
			storage, scanned}},
		{"bad usage is refused, not zeroed", `{}`, "", `{"monthly_data_ingested_gb": -1, "storage_gb": "lots"}`, []string{
			"Data ingested; usage; " + cw + "; pricingPageLabel=Logs Collected Data Ingestion; on_demand; usage-based; assumed: " +
				"usage monthly_data_ingested_gb is not a non-negative number: ignored",
			storage + "; assumed: usage storage_gb is not a non-negative number: ignored", scanned}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkComputeLines(t, buildCloudWatchLogGroup(computeResource(t, "aws_cloudwatch_log_group", tt.values, tt.unknown, tt.usage)), tt.want)
		})
	}
}
