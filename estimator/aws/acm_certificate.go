package aws

import (
	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// acmCertificateResource prices aws_acm_certificate. Public certificates
// that ACM issues and certificates imported into ACM are free: they have no
// cost line. Two kinds are charged, and the price data has no ACM price for
// either, so their line says "price not found": a private certificate
// (certificate_authority_arn, issued by AWS Private CA) and an exportable
// public certificate (options.export ENABLED).
func acmCertificateResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_acm_certificate", Build: buildACMCertificate}
}

// acmService is the offer code of AWS Certificate Manager.
const acmService = "AWSCertificateManager"

func buildACMCertificate(r schema.Resource) []schema.Component {
	vals := r.Values
	line := func(name string, notes ...string) []schema.Component {
		return []schema.Component{{Name: name, Unit: "certificates", MonthlyQuantity: schema.Monthly(decimal.NewFromInt(1)),
			Query: pricing.Query{Provider: v.Provider, Service: acmService, Region: r.Region}, Assumed: notes}}
	}
	if _, ok := stringAt(vals, "certificate_authority_arn"); ok {
		return line("Private certificate")
	}
	if vals.Unknown("certificate_authority_arn") {
		return line("Private certificate", "certificate_authority_arn known only at apply: a private certificate")
	}
	if vals.String("options.0.export") == "ENABLED" {
		return line("Exportable public certificate")
	}
	return nil
}
