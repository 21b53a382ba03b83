package aws

import "testing"

func TestBuildACMCertificate(t *testing.T) {
	const acm = "; m=1; AWSCertificateManager//us-east-1; ; on_demand"
	tests := []struct {
		name, values, unknown string
		want                  []string
	}{
		{"public, DNS validated", `{"domain_name": "example.com", "validation_method": "DNS", "certificate_authority_arn": null}`, "", nil},
		{"imported", `{"certificate_body": "-----BEGIN CERTIFICATE-----"}`, "", nil},
		{"private", `{"certificate_authority_arn": "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/x"}`, "",
			[]string{"Private certificate" + acm}},
		{"private CA known at apply", `{}`, `{"certificate_authority_arn": true}`,
			[]string{"Private certificate" + acm + "; assumed: certificate_authority_arn known only at apply: a private certificate"}},
		{"exportable public", `{"options": [{"export": "ENABLED"}]}`, "", []string{"Exportable public certificate" + acm}},
		{"export disabled", `{"options": [{"export": "DISABLED", "certificate_transparency_logging_preference": "ENABLED"}]}`, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkComputeLines(t, buildACMCertificate(computeResource(t, "aws_acm_certificate", tt.values, tt.unknown, "")), tt.want)
		})
	}
}
