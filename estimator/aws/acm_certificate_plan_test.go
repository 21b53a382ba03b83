package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Public and imported certificates are free; the price data has no ACM
// price, so a private certificate is shown unpriced.
func TestACMCertificatePlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_acm_certificate.plan.json",
		Resources: map[string]estimatortest.Resource{
			"aws_acm_certificate.public":   {Proposed: "0", Components: map[string]string{}},
			"aws_acm_certificate.imported": {Proposed: "0", Components: map[string]string{}},
			"aws_acm_certificate.internal": {Proposed: "0", Components: map[string]string{"Private certificate": "not found"}},
		},
		Proposed: "0",
	}})
}
