package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// The price data has no Secrets Manager price (SOURCES.md: in no corpus
// file): every line is "price not found", with its quantity.
func TestSecretsManagerSecretPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_secretsmanager_secret.plan.json",
		Usage: `version: 0.1
resource_usage:
  aws_secretsmanager_secret.db:
    monthly_requests: 100000
`,
		Resources: map[string]estimatortest.Resource{
			"aws_secretsmanager_secret.db": {Proposed: "0", Components: map[string]string{
				"Secret":                     "not found q=1",
				"Secret replica (eu-west-1)": "not found q=1",
				"API requests":               "not found q=10",
			}},
			"aws_secretsmanager_secret.api": {Proposed: "0", Components: map[string]string{
				"Secret":       "not found q=1",
				"API requests": "not found",
			}},
		},
		Proposed: "0",
	}})
}
