package aws_test

import "testing"

// Public and imported certificates are free; the price data has no ACM
// price, so a private certificate is shown unpriced.
func TestACMCertificatePlan(t *testing.T) {
	runComputePlans(t, []cpPlan{{
		file: "aws_acm_certificate.plan.json",
		resources: map[string]cpResource{
			"aws_acm_certificate.public":   {proposed: "0", components: map[string]string{}},
			"aws_acm_certificate.imported": {proposed: "0", components: map[string]string{}},
			"aws_acm_certificate.internal": {proposed: "0", components: map[string]string{"Private certificate": "not found"}},
		},
		proposed: "0",
	}})
}
