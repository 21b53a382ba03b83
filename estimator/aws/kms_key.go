package aws

import (
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// kmsKeyResource prices aws_kms_key: the customer managed key per month and
// its API requests from usage (monthly_requests). Requests of symmetric and
// HMAC keys take the general request price; asymmetric keys have their own
// request prices (RSA 2048, and every other asymmetric spec).
func kmsKeyResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_kms_key", Build: buildKMSKey}
}

// Pricing-page labels of KMS request prices, verbatim (the asymmetric ones as
// AWS's metered-unit map spells them).
const (
	kmsRequestsLabel           = "API request - Non Free Tier"
	kmsRSA2048RequestsLabel    = "Asymmetric Requests RSA_2048"
	kmsAsymmetricRequestsLabel = "Asymmetric Requests except RSA_2048API"
)

func buildKMSKey(r schema.Resource) []schema.Component {
	vals := r.Values
	query := func(label string) pricing.Query {
		return pricing.Query{Provider: v.Provider, Service: v.ServiceKMS, Region: r.Region,
			Attributes: map[string]string{v.AttrPricingPageLabel: label}}
	}
	key := schema.Component{Name: "Customer managed key", Unit: "months",
		MonthlyQuantity: schema.Monthly(decimal.NewFromInt(1)), Query: query("Encryption Key")}
	if on, _ := vals.Bool("enable_key_rotation"); on {
		key.Assumed = []string{"enable_key_rotation: the first two yearly rotations each add a key-month charge from the year they happen"}
	}
	spec, ok := stringAt(vals, "customer_master_key_spec")
	if s, given := stringAt(vals, "key_spec"); given {
		spec, ok = s, true
	}
	requests := schema.Component{Name: "Requests", Unit: "10k requests", UnitMultiplier: decimal.NewFromInt(10_000),
		Query: query(kmsRequestsLabel)}
	switch {
	case !ok || spec == "SYMMETRIC_DEFAULT" || strings.HasPrefix(spec, "HMAC_"):
	case spec == "RSA_2048":
		requests.Name, requests.Query = "Requests (asymmetric, RSA 2048)", query(kmsRSA2048RequestsLabel)
	default:
		requests.Name, requests.Query = "Requests (asymmetric)", query(kmsAsymmetricRequestsLabel)
	}
	return []schema.Component{key, usageLine(requests, r.Usage, usageMonthlyRequests)}
}
