package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-cloudwatch-2025-09, us-east-1): "Alarm Standard" 0.10 and
// "Alarm High Resolution" 0.30 per alarm metric and month.
func TestCloudWatchMetricAlarmPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_cloudwatch_metric_alarm.plan.json",
		Resources: map[string]estimatortest.Resource{
			// one metric, 300 s: 0.10
			"aws_cloudwatch_metric_alarm.cpu": {Proposed: "0.1", Components: map[string]string{
				"Standard resolution": "0.1 cw",
			}},
			// one metric, 10 s: 0.30
			"aws_cloudwatch_metric_alarm.fast": {Proposed: "0.3", Components: map[string]string{
				"High resolution": "0.3 cw",
			}},
			// metric math over two metrics (the expression is free): 2 × 0.10
			"aws_cloudwatch_metric_alarm.math": {Proposed: "0.2", Components: map[string]string{
				"Standard resolution": "0.2 cw",
			}},
			// anomaly detection: the metric and its two bands, 3 × 0.10
			"aws_cloudwatch_metric_alarm.anomaly": {Proposed: "0.3", Components: map[string]string{
				"Standard resolution anomaly detection": "0.3 cw",
			}},
		},
		Proposed: "0.9",
	}})
}

func TestCloudWatchMetricAlarmComponents(t *testing.T) {
	got := dsBuild(t, "aws_cloudwatch_metric_alarm", "eu-west-1",
		`{"comparison_operator":"GreaterThanThreshold","metric_query":[{"id":"m1","metric":[{"metric_name":"A","period":30}]},{"id":"m2","metric":[{"metric_name":"B","period":60}]},{"id":"e1","expression":"m1+m2","metric":[]}]}`,
		"", nil)
	dsCheckLines(t, got, []string{
		`High resolution; m=2; AmazonCloudWatch//eu-west-1; pricingPageLabel=Alarm High Resolution; on_demand    0; []`,
	})
}
