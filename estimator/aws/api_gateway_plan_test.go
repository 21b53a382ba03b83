package aws_test

import "testing"

// Rows used (aws-apigateway-2025-10): REST API requests ("API Calls")
// us-east-1 0.0000035 (first 333M), 0.0000028 (next 667M), 0.00000238 (next
// 19B); eu-west-1 0.0000035 (first 333M); cache hours "Caching Memory Size
// 0 5" us-east-1 0.02, "Caching Memory Size 118" eu-west-1 1.9.
func TestAPIGatewayPlan(t *testing.T) {
	runComputePlans(t, []cpPlan{{
		file: "aws_api_gateway.plan.json",
		usage: `version: 0.1
resource_usage:
  aws_api_gateway_rest_api.shop:
    monthly_requests: 1500000000
`,
		resources: map[string]cpResource{
			// 333M × 0.0000035 = 1165.5; 667M × 0.0000028 = 1867.6; 500M × 0.00000238 = 1190.
			"aws_api_gateway_rest_api.shop": {proposed: "4223.1", components: map[string]string{
				"Requests (first 333M)": "1165.5 apigw", "Requests (next 667M)": "1867.6 apigw", "Requests (next 19B)": "1190 apigw"}},
			"aws_api_gateway_rest_api.ireland": {proposed: "0", components: map[string]string{
				"Requests (first 333M)": "usage apigw"}},
			// 0.02 × 730 = 14.6.
			"aws_api_gateway_stage.prod": {proposed: "14.6", components: map[string]string{"Cache memory (0.5 GB)": "14.6 apigw"}},
			// 1.9 × 730 = 1387.
			"aws_api_gateway_stage.ireland": {proposed: "1387", components: map[string]string{"Cache memory (118 GB)": "1387 apigw"}},
			// No cache: nothing to pay for the stage itself.
			"aws_api_gateway_stage.dev": {proposed: "0", components: map[string]string{}},
			// 3 GB is not a size API Gateway offers.
			"aws_api_gateway_stage.odd": {proposed: "0", components: map[string]string{"Cache memory (3 GB)": "not found"}},
		},
		proposed: "5624.7",
	}})
}
