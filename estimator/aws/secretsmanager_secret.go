package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// secretsManagerSecretResource prices aws_secretsmanager_secret: the secret
// per month, each replica as a secret of its own region, and API requests
// from usage (monthly_requests). The price data has no Secrets Manager
// prices (FORMAT.md, "Secrets Manager"): every line says "price not found"
// until an AWSSecretsManager offer file is imported; the queries use the
// offer file's product families (Secret, API Request), not verified against
// any imported row.
func secretsManagerSecretResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_secretsmanager_secret", Build: buildSecretsManagerSecret}
}

// secretsManagerService is the offer code of Secrets Manager.
const secretsManagerService = "AWSSecretsManager"

func buildSecretsManagerSecret(r schema.Resource) []schema.Component {
	secret := func(name, region string) schema.Component {
		return schema.Component{Name: name, Unit: "months", MonthlyQuantity: schema.Monthly(decimal.NewFromInt(1)),
			Query: pricing.Query{Provider: v.Provider, Service: secretsManagerService, Family: "Secret", Region: region}}
	}
	out := []schema.Component{secret("Secret", r.Region)}
	for _, replica := range r.Values.List("replica") {
		if region, ok := stringAt(replica, "region"); ok {
			out = append(out, secret(fmt.Sprintf("Secret replica (%s)", region), region))
		}
	}
	return append(out, usageLine(schema.Component{Name: "API requests", Unit: "10k requests",
		UnitMultiplier: decimal.NewFromInt(10_000),
		Query:          pricing.Query{Provider: v.Provider, Service: secretsManagerService, Family: "API Request", Region: r.Region},
	}, r.Usage, usageMonthlyRequests))
}
