package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-apigateway-2025-10): REST API requests ("API Calls")
// us-east-1 0.0000035 (first 333M), 0.0000028 (next 667M), 0.00000238 (next
// 19B); eu-west-1 0.0000035 (first 333M); cache hours "Caching Memory Size
// 0 5" us-east-1 0.02, "Caching Memory Size 118" eu-west-1 1.9.
func TestAPIGatewayPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_api_gateway.plan.json",
		Usage: `version: 0.1
resource_usage:
  aws_api_gateway_rest_api.shop:
    monthly_requests: 1500000000
`,
		Resources: map[string]estimatortest.Resource{
			// 333M × 0.0000035 = 1165.5; 667M × 0.0000028 = 1867.6; 500M × 0.00000238 = 1190.
			"aws_api_gateway_rest_api.shop": {Proposed: "4223.1", Components: map[string]string{
				"Requests (first 333M)": "1165.5 apigw", "Requests (next 667M)": "1867.6 apigw", "Requests (next 19B)": "1190 apigw"}},
			"aws_api_gateway_rest_api.ireland": {Proposed: "0", Components: map[string]string{
				"Requests (first 333M)": "usage apigw"}},
			// 0.02 × 730 = 14.6.
			"aws_api_gateway_stage.prod": {Proposed: "14.6", Components: map[string]string{"Cache memory (0.5 GB)": "14.6 apigw"}},
			// 1.9 × 730 = 1387.
			"aws_api_gateway_stage.ireland": {Proposed: "1387", Components: map[string]string{"Cache memory (118 GB)": "1387 apigw"}},
			// No cache: nothing to pay for the stage itself.
			"aws_api_gateway_stage.dev": {Proposed: "0", Components: map[string]string{}},
			// 3 GB is not a size API Gateway offers.
			"aws_api_gateway_stage.odd": {Proposed: "0", Components: map[string]string{"Cache memory (3 GB)": "not found"}},
		},
		Proposed: "5624.7",
	}})
}
