package aws_test

import "testing"

// Rows used (aws-kms-2025-08, us-east-1): "Encryption Key" 1.00 per key-month;
// "API request - Non Free Tier" 0.000003 per request; "Asymmetric Requests
// RSA_2048" 0.000003; "Asymmetric Requests except RSA_2048API" 0.000015.
func TestKMSKeyPlan(t *testing.T) {
	runDataServicePlans(t, []dsPlan{{
		plan: "aws_kms_key.plan.json",
		usage: `version: 0.1
resource_usage:
  aws_kms_key.main:
    monthly_requests: 2000000
  aws_kms_key.ecc:
    monthly_requests: 10000
`,
		resources: map[string]dsWant{
			// 1.00 + 2,000,000 × 0.000003 = 6
			"aws_kms_key.main": {total: "7", components: map[string]string{
				"Customer managed key": "1 kms",
				"Requests":             "6 kms",
			}, assumed: map[string]string{"Customer managed key": "rotation"}},
			"aws_kms_key.rsa": {total: "1", components: map[string]string{
				"Customer managed key":            "1 kms",
				"Requests (asymmetric, RSA 2048)": "usage kms",
			}},
			// 10,000 × 0.000015 = 0.15
			"aws_kms_key.ecc": {total: "1.15", components: map[string]string{
				"Customer managed key":  "1 kms",
				"Requests (asymmetric)": "0.15 kms",
			}},
			// HMAC requests are not an exception of the pricing page: the general price
			"aws_kms_key.hmac": {total: "1", components: map[string]string{
				"Customer managed key": "1 kms",
				"Requests":             "usage kms",
			}},
		},
		total: "10.15",
	}})
}
