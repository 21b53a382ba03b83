package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-cloudwatch-2025-09): us-east-1 "Logs Collected Data
// Ingestion" 0.50 per GB, "Stored Data" 0.03 per GB-month, "Queried Logs
// Insights" 0.005 per GB; eu-west-1 "IA Custom ingested Logs" 0.285 per GB,
// "Stored Data" 0.03, "Queried Logs Insights" 0.0057.
func TestCloudWatchLogGroupPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_cloudwatch_log_group.plan.json",
		Usage: `version: 0.1
resource_usage:
  aws_cloudwatch_log_group.app:
    monthly_data_ingested_gb: 100
    storage_gb: 500
    monthly_data_scanned_gb: 1000
  aws_cloudwatch_log_group.audit:
    monthly_data_ingested_gb: 200
    storage_gb: 100
    monthly_data_scanned_gb: 100
`,
		Resources: map[string]estimatortest.Resource{
			// 100 × 0.50 = 50; 500 × 0.03 = 15; 1000 × 0.005 = 5.
			"aws_cloudwatch_log_group.app": {Proposed: "70", Components: map[string]string{
				"Data ingested": "50 cw", "Storage": "15 cw", "Insights queries data scanned": "5 cw"}},
			// Infrequent Access in eu-west-1: 200 × 0.285 = 57; 100 × 0.03 = 3; 100 × 0.0057 = 0.57.
			"aws_cloudwatch_log_group.audit": {Proposed: "60.57", Components: map[string]string{
				"Data ingested (Infrequent Access)": "57 cw", "Storage": "3 cw", "Insights queries data scanned": "0.57 cw"}},
			// No usage: unit prices only; the class is known at apply.
			"aws_cloudwatch_log_group.quiet": {Proposed: "0", Components: map[string]string{
				"Data ingested": "usage cw", "Storage": "usage cw", "Insights queries data scanned": "usage cw"},
				Assumed: map[string]string{"Data ingested": "assumed STANDARD"}},
		},
		Proposed: "130.57",
	}})
}
