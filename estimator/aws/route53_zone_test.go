package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-route53-2025-08): "DNS Zone" (global) 0.50 per zone-month
// for the first 25 zones; "Query Standard External" (global) 0.0000004 per
// query for the first billion, 0.0000002 over it.
func TestRoute53ZonePlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_route53_zone.plan.json",
		Usage: `version: 0.1
resource_usage:
  aws_route53_zone.public:
    monthly_standard_queries: 1500000000
`,
		Resources: map[string]estimatortest.Resource{
			// 0.50 + 1B × 0.0000004 = 400 + 0.5B × 0.0000002 = 100
			"aws_route53_zone.public": {Proposed: "500.5", Components: map[string]string{
				"Hosted zone":                 "0.5 r53",
				"Standard queries (first 1B)": "400 r53",
				"Standard queries (over 1B)":  "100 r53",
			}, Assumed: map[string]string{"Hosted zone": "first 25"}},
			"aws_route53_zone.private": {Proposed: "0.5", Components: map[string]string{
				"Hosted zone":                 "0.5 r53",
				"Standard queries (first 1B)": "usage r53",
			}},
		},
		Proposed: "501",
	}})
}
