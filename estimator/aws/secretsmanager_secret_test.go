package aws_test

import "testing"

// The price data has no Secrets Manager price (SOURCES.md: in no corpus
// file): every line is "price not found", with its quantity.
func TestSecretsManagerSecretPlan(t *testing.T) {
	runDataServicePlans(t, []dsPlan{{
		plan: "aws_secretsmanager_secret.plan.json",
		usage: `version: 0.1
resource_usage:
  aws_secretsmanager_secret.db:
    monthly_requests: 100000
`,
		resources: map[string]dsWant{
			"aws_secretsmanager_secret.db": {total: "0", components: map[string]string{
				"Secret":                     "not found q=1",
				"Secret replica (eu-west-1)": "not found q=1",
				"API requests":               "not found q=10",
			}},
			"aws_secretsmanager_secret.api": {total: "0", components: map[string]string{
				"Secret":       "not found q=1",
				"API requests": "not found",
			}},
		},
		total: "0",
	}})
}
