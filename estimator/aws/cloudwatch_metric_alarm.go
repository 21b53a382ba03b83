package aws

import (
	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// cloudwatchMetricAlarmResource prices aws_cloudwatch_metric_alarm per alarm
// metric and month (CloudWatch pricing): standard resolution, or high
// resolution when a period is shorter than 60 seconds; a metric-math alarm
// pays for each metric it reads (not for its expressions); an anomaly
// detection alarm for three metrics per metric (the metric and its two
// bands).
func cloudwatchMetricAlarmResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_cloudwatch_metric_alarm", Build: buildCloudWatchMetricAlarm}
}

// alarmHighResolutionBelow is the period (seconds) under which an alarm is high
// resolution; alarmAnomalyMetrics the metrics an anomaly detection alarm pays per
// metric.
const (
	alarmHighResolutionBelow = 60
	alarmAnomalyMetrics      = 3
)

func buildCloudWatchMetricAlarm(r schema.Resource) []schema.Component {
	vals := r.Values
	metrics := decimal.NewFromInt(1)
	periods := []schema.Values{vals}
	periodPaths := []string{"period"}
	if queries := vals.List("metric_query"); len(queries) > 0 {
		n := int64(0)
		periods, periodPaths = nil, nil
		for _, q := range queries {
			if len(q.List("metric")) > 0 {
				n++
				periods = append(periods, q)
				periodPaths = append(periodPaths, "metric.0.period")
			}
		}
		metrics = decimal.NewFromInt(n)
	}
	high := false
	for i, p := range periods {
		if d, ok := p.Decimal(periodPaths[i]); ok && d.IsPositive() && d.LessThan(decimal.NewFromInt(alarmHighResolutionBelow)) {
			high = true
		}
	}
	name, label := "Standard resolution", "Alarm Standard"
	if high {
		name, label = "High resolution", "Alarm High Resolution"
	}
	switch vals.String("comparison_operator") {
	case "LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold":
		name += " anomaly detection"
		metrics = metrics.Mul(decimal.NewFromInt(alarmAnomalyMetrics))
	}
	return []schema.Component{{
		Name:            name,
		Unit:            "alarm metrics",
		MonthlyQuantity: schema.Monthly(metrics),
		Query: pricing.Query{Provider: v.Provider, Service: v.ServiceCloudWatch, Region: r.Region,
			Attributes: map[string]string{v.AttrPricingPageLabel: label}},
	}}
}
