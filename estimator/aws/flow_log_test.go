package aws

import "testing"

func TestBuildFlowLog(t *testing.T) {
	const cw = "AmazonCloudWatch//us-east-1"
	tests := []struct {
		name, values, unknown, usage string
		refs                         map[string]string
		want                         []string
	}{
		{"CloudWatch Logs by default, no usage", `{}`, "", "", nil, []string{
			"Logs delivered to CloudWatch Logs (first 10 TB); usage; " + cw + "; pricingPageLabel=Vended Logs; on_demand; usage-based"}},
		{"destination known at apply", `{}`, `{"log_destination_type": true}`, `{"monthly_data_ingested_gb": 10240}`, nil, []string{
			"Logs delivered to CloudWatch Logs (first 10 TB); m=10240; " + cw + "; pricingPageLabel=Vended Logs; on_demand; usage-based; assumed: " +
				"log_destination_type unknown until apply: assumed cloud-watch-logs (the highest rate)"}},
		{"Infrequent Access log group", `{"log_destination_type": "cloud-watch-logs"}`, "", `{"monthly_data_ingested_gb": 30721}`,
			map[string]string{"log_destination": `{"log_group_class": "INFREQUENT_ACCESS"}`}, []string{
				"Logs delivered to CloudWatch Logs (Infrequent Access) (first 10 TB); m=10240; " + cw + "; pricingPageLabel=IA Vended ingested logs; on_demand; usage-based",
				"Logs delivered to CloudWatch Logs (Infrequent Access) (10-30 TB); m=20480; " + cw + "; pricingPageLabel=IA Vended ingested logs; on_demand tier 10240; usage-based",
				"Logs delivered to CloudWatch Logs (Infrequent Access) (30-50 TB); m=1; " + cw + "; pricingPageLabel=IA Vended ingested logs; on_demand tier 30720; usage-based"}},
		{"S3 without Parquet", `{"log_destination_type": "s3", "destination_options": [{"file_format": "plain-text"}]}`, "", `{"monthly_data_ingested_gb": 0}`, nil, []string{
			"Logs delivered to S3 (first 10 TB); m=0; " + cw + "; pricingPageLabel=Delivered Logs; on_demand; usage-based"}},
		{"Firehose", `{"log_destination_type": "kinesis-data-firehose"}`, "", `{"monthly_data_ingested_gb": 5}`, nil, []string{
			"Logs delivered to Firehose (first 10 TB); m=5; " + cw + "; pricingPageLabel=Amazon Kinesis Data Firehose Delivered Logs; on_demand; usage-based"}},
		{"unknown destination is not guessed", `{"log_destination_type": "carrier-pigeon"}`, "", "", nil, []string{
			"Logs delivered to carrier-pigeon (first 10 TB); usage; " + cw + "; pricingPageLabel=Vended Logs to carrier-pigeon; on_demand; usage-based; assumed: " +
				`log_destination_type "carrier-pigeon" has no price in the data`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := computeResource(t, "aws_flow_log", tt.values, tt.unknown, tt.usage)
			if tt.refs != nil {
				r = withComputeRefs(t, r, tt.refs)
			}
			checkComputeLines(t, buildFlowLog(r), tt.want)
		})
	}
}
