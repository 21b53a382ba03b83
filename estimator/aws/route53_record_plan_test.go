package aws_test

import "testing"

// Rows used (aws-route53-2025-08, global, per query): "Query Standard
// External" 0.0000004 for the first billion a month, 0.0000002 over it;
// "Query Latency Based Routing External" 0.0000006; "Query Geo DNS External"
// 0.0000007; "Query IP Based Routing External" 0.0000008.
func TestRoute53RecordPlan(t *testing.T) {
	runComputePlans(t, []cpPlan{{
		file: "aws_route53_record.plan.json",
		usage: `version: 0.1
resource_usage:
  aws_route53_record.www:
    monthly_standard_queries: 1500000000
  aws_route53_record.api:
    monthly_latency_based_queries: 10000000
  aws_route53_record.office:
    monthly_ip_based_queries: 1000000
  aws_route53_record.apex:
    monthly_standard_queries: 2000000
`,
		resources: map[string]cpResource{
			// 1B × 0.0000004 = 400; 0.5B × 0.0000002 = 100.
			"aws_route53_record.www": {proposed: "500", components: map[string]string{
				"Standard queries (first 1B)": "400 r53", "Standard queries (over 1B)": "100 r53"}},
			// 10M × 0.0000006 = 6.
			"aws_route53_record.api": {proposed: "6", components: map[string]string{
				"Latency based routing queries (first 1B)": "6 r53"}},
			"aws_route53_record.eu": {proposed: "0", components: map[string]string{
				"Geo DNS queries (first 1B)": "usage r53"}},
			// 1M × 0.0000008 = 0.8.
			"aws_route53_record.office": {proposed: "0.8", components: map[string]string{
				"IP-based routing queries (first 1B)": "0.8 r53"}},
			// Alias of a load balancer (another zone): its queries are free.
			"aws_route53_record.shop": {proposed: "0", components: map[string]string{}},
			// Alias of a record of the same zone: 2M × 0.0000004 = 0.8.
			"aws_route53_record.apex": {proposed: "0.8", components: map[string]string{
				"Standard queries (first 1B)": "0.8 r53"}},
			// Alias decided at apply: charged like a record, noted.
			"aws_route53_record.cdn": {proposed: "0", components: map[string]string{
				"Standard queries (first 1B)": "usage r53"},
				assumed: map[string]string{"Standard queries (first 1B)": "alias target unknown until apply"}},
		},
		proposed: "507.6",
	}})
}
