package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-route53-2025-08, global, per query): "Query Standard
// External" 0.0000004 for the first billion a month, 0.0000002 over it;
// "Query Latency Based Routing External" 0.0000006; "Query Geo DNS External"
// 0.0000007; "Query IP Based Routing External" 0.0000008.
func TestRoute53RecordPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_route53_record.plan.json",
		Usage: `version: 0.1
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
		Resources: map[string]estimatortest.Resource{
			// 1B × 0.0000004 = 400; 0.5B × 0.0000002 = 100.
			"aws_route53_record.www": {Proposed: "500", Components: map[string]string{
				"Standard queries (first 1B)": "400 r53", "Standard queries (over 1B)": "100 r53"}},
			// 10M × 0.0000006 = 6.
			"aws_route53_record.api": {Proposed: "6", Components: map[string]string{
				"Latency based routing queries (first 1B)": "6 r53"}},
			"aws_route53_record.eu": {Proposed: "0", Components: map[string]string{
				"Geo DNS queries (first 1B)": "usage r53"}},
			// 1M × 0.0000008 = 0.8.
			"aws_route53_record.office": {Proposed: "0.8", Components: map[string]string{
				"IP-based routing queries (first 1B)": "0.8 r53"}},
			// Alias of a load balancer (another zone): its queries are free.
			"aws_route53_record.shop": {Proposed: "0", Components: map[string]string{}},
			// Alias of a record of the same zone: 2M × 0.0000004 = 0.8.
			"aws_route53_record.apex": {Proposed: "0.8", Components: map[string]string{
				"Standard queries (first 1B)": "0.8 r53"}},
			// Alias decided at apply: charged like a record, noted.
			"aws_route53_record.cdn": {Proposed: "0", Components: map[string]string{
				"Standard queries (first 1B)": "usage r53"},
				Assumed: map[string]string{"Standard queries (first 1B)": "alias target unknown until apply"}},
		},
		Proposed: "507.6",
	}})
}
