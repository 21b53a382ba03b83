package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-kms-2025-08, us-east-1): "Encryption Key" 1.00 per key-month;
// "API request - Non Free Tier" 0.000003 per request; "Asymmetric Requests
// RSA_2048" 0.000003; "Asymmetric Requests except RSA_2048API" 0.000015.
func TestKMSKeyPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_kms_key.plan.json",
		Usage: `version: 0.1
resource_usage:
  aws_kms_key.main:
    monthly_requests: 2000000
  aws_kms_key.ecc:
    monthly_requests: 10000
`,
		Resources: map[string]estimatortest.Resource{
			// 1.00 + 2,000,000 × 0.000003 = 6
			"aws_kms_key.main": {Proposed: "7", Components: map[string]string{
				"Customer managed key": "1 kms",
				"Requests":             "6 kms",
			}, Assumed: map[string]string{"Customer managed key": "rotation"}},
			"aws_kms_key.rsa": {Proposed: "1", Components: map[string]string{
				"Customer managed key":            "1 kms",
				"Requests (asymmetric, RSA 2048)": "usage kms",
			}},
			// 10,000 × 0.000015 = 0.15
			"aws_kms_key.ecc": {Proposed: "1.15", Components: map[string]string{
				"Customer managed key":  "1 kms",
				"Requests (asymmetric)": "0.15 kms",
			}},
			// HMAC requests are not an exception of the pricing page: the general price
			"aws_kms_key.hmac": {Proposed: "1", Components: map[string]string{
				"Customer managed key": "1 kms",
				"Requests":             "usage kms",
			}},
		},
		Proposed: "10.15",
	}})
}
