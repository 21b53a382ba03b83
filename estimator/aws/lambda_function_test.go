package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-lambda-2025-10, us-east-1): "Lambda Requests" and "Lambda
// Requests-ARM" 0.0000002/request; "Lambda Duration" 0.0000166667 and "Lambda
// Duration-ARM" 0.0000133334 per GB-second (first tier only, FORMAT.md);
// "Lambda Storage-Duration-ARM" 0.0000000309 per GB-second.
func TestLambdaFunctionPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_lambda_function.plan.json",
		Usage: `version: 0.1
resource_usage:
  aws_lambda_function.api:
    monthly_requests: 10000000
    request_duration_ms: 250
  aws_lambda_function.arm:
    monthly_requests: 1000000
    request_duration_ms: 1000
  aws_lambda_function.huge:
    monthly_requests: 1000000000
    request_duration_ms: 1000
`,
		Resources: map[string]estimatortest.Resource{
			// 10M × 0.0000002 = 2; 10M × 0.25 s × 0.5 GB = 1,250,000 GB-s × 0.0000166667 = 20.833375
			"aws_lambda_function.api": {Proposed: "22.833375", Components: map[string]string{
				"Requests": "2 lambda",
				"Duration": "20.833375 lambda",
			}},
			// 1M × 0.0000002 = 0.2; 1M × 1 s × 1 GB = 1M GB-s × 0.0000133334 = 13.3334;
			// (2048 − 512) / 1024 = 1.5 GB × 1M s = 1.5M GB-s × 0.0000000309 = 0.04635
			"aws_lambda_function.arm": {Proposed: "13.57975", Components: map[string]string{
				"Requests":                         "0.2 lambda",
				"Duration":                         "13.3334 lambda",
				"Ephemeral storage (above 512 MB)": "0.04635 lambda",
			}},
			"aws_lambda_function.nousage": {Proposed: "0", Components: map[string]string{
				"Requests": "usage lambda",
				"Duration": "usage lambda",
			}, Assumed: map[string]string{"Duration": "assumed 128 MB"}},
			// 1B × 0.0000002 = 200; 1B × 1 s × 10 GB = 10B GB-s, above the 6B first tier:
			// all at 0.0000166667 = 166,667 (an over-estimate, said on the line)
			"aws_lambda_function.huge": {Proposed: "166867", Components: map[string]string{
				"Requests": "200 lambda",
				"Duration": "166667 lambda",
			}, Assumed: map[string]string{"Duration": "over-estimate"}},
		},
		Proposed: "166903.413125",
	}})
}

func TestLambdaFunctionComponents(t *testing.T) {
	got := dsBuild(t, "aws_lambda_function", "eu-west-1", `{"memory_size":256,"architectures":["arm64"]}`, "",
		map[string]any{"monthly_requests": 1000})
	dsCheckLines(t, got, []string{
		`Requests; m=1000; AWSLambda//eu-west-1; pricingPageLabel=Lambda Requests-ARM; on_demand    0; []`,
		`Duration; usage; AWSLambda//eu-west-1; pricingPageLabel=Lambda Duration-ARM; on_demand    0; []`,
	})
}
