package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-cloudwatch-2025-09, us-east-1, per GB delivered a month):
// "Vended Logs" 0.50 (first 10 TB), 0.25 (next 20 TB), 0.10 (next 20 TB),
// 0.05 (over 50 TB); "IA Vended ingested logs" 0.25 (first 10 TB);
// "Delivered Logs" (to S3) 0.25 and 0.15; "Parquet Conversion" 0.03;
// "Amazon Kinesis Data Firehose Delivered Logs" 0.25 (first 10 TB). The log
// groups of the plan have no usage: their lines depend on usage.
func TestFlowLogPlan(t *testing.T) {
	logGroup := estimatortest.Resource{Proposed: "0", Components: map[string]string{
		"Data ingested": "usage cw", "Storage": "usage cw", "Insights queries data scanned": "usage cw"}}
	logGroupIA := estimatortest.Resource{Proposed: "0", Components: map[string]string{
		"Data ingested (Infrequent Access)": "usage cw", "Storage": "usage cw", "Insights queries data scanned": "usage cw"}}
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_flow_log.plan.json",
		Usage: `version: 0.1
resource_usage:
  aws_flow_log.to_logs:
    monthly_data_ingested_gb: 100
  aws_flow_log.to_logs_big:
    monthly_data_ingested_gb: 61440
  aws_flow_log.to_ia:
    monthly_data_ingested_gb: 100
  aws_flow_log.to_s3:
    monthly_data_ingested_gb: 20480
`,
		Resources: map[string]estimatortest.Resource{
			"aws_cloudwatch_log_group.flows":    logGroup,
			"aws_cloudwatch_log_group.flows_ia": logGroupIA,
			// 100 × 0.50 = 50.
			"aws_flow_log.to_logs": {Proposed: "50", Components: map[string]string{
				"Logs delivered to CloudWatch Logs (first 10 TB)": "50 cw"}},
			// 60 TB: 10240 × 0.50 = 5120; 20480 × 0.25 = 5120; 20480 × 0.10 = 2048; 10240 × 0.05 = 512.
			"aws_flow_log.to_logs_big": {Proposed: "12800", Components: map[string]string{
				"Logs delivered to CloudWatch Logs (first 10 TB)": "5120 cw",
				"Logs delivered to CloudWatch Logs (10-30 TB)":    "5120 cw",
				"Logs delivered to CloudWatch Logs (30-50 TB)":    "2048 cw",
				"Logs delivered to CloudWatch Logs (over 50 TB)":  "512 cw"}},
			// The log group it names is Infrequent Access: 100 × 0.25 = 25.
			"aws_flow_log.to_ia": {Proposed: "25", Components: map[string]string{
				"Logs delivered to CloudWatch Logs (Infrequent Access) (first 10 TB)": "25 cw"}},
			// 20 TB to S3 as Parquet: 10240 × 0.25 = 2560; 10240 × 0.15 = 1536; 20480 × 0.03 = 614.4.
			"aws_flow_log.to_s3": {Proposed: "4710.4", Components: map[string]string{
				"Logs delivered to S3 (first 10 TB)": "2560 cw",
				"Logs delivered to S3 (10-30 TB)":    "1536 cw",
				"Conversion to Apache Parquet":       "614.4 cw"}},
			"aws_flow_log.to_firehose": {Proposed: "0", Components: map[string]string{
				"Logs delivered to Firehose (first 10 TB)": "usage cw"}},
		},
		Proposed: "17585.4",
	}})
}
