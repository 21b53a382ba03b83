package awsmetered

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/awsvocab"
)

// ruleSet converts the labels of one map source.
type ruleSet struct {
	service string
	convert func(c *conv) ([]pricing.Price, error)
}

// ruleSets are the supported map sources, by manifest "source".
var ruleSets = map[string]*ruleSet{
	"ebs":                             {awsvocab.ServiceEC2, convertProducts(ebsLabels)},
	"natgateway":                      {awsvocab.ServiceEC2, convertProducts(natLabels)},
	"ec2-reservedinstance":            {awsvocab.ServiceEC2, convertEC2Reserved},
	"rds-postgresql-ondemand":         {awsvocab.ServiceRDS, convertRDSOnDemand("PostgreSQL")},
	"rds-mysql-ondemand":              {awsvocab.ServiceRDS, convertRDSOnDemand("MySQL")},
	"rds-mariadb-ondemand":            {awsvocab.ServiceRDS, convertRDSOnDemand("MariaDB")},
	"rds-postgresql-reservedinstance": {awsvocab.ServiceRDS, convertRDSReserved("PostgreSQL")},
	"rds-mysql-reservedinstance":      {awsvocab.ServiceRDS, convertRDSReserved("MySQL")},
	"elasticache":                     {awsvocab.ServiceElastiCache, convertElastiCache},
	"eks":                             {awsvocab.ServiceEKS, convertLabelled(eksLabels)},
	"lambda":                          {awsvocab.ServiceLambda, convertLabelled(lambdaLabels)},
	"dynamodb":                        {awsvocab.ServiceDynamoDB, convertLabelled(dynamoDBLabels)},
	"cloudwatch":                      {awsvocab.ServiceCloudWatch, convertLabelled(cloudWatchLabels)},
	"kms":                             {awsvocab.ServiceKMS, convertLabelled(kmsLabels)},
	"route53":                         {awsvocab.ServiceRoute53, convertLabelled(route53Labels)},
	"vpc":                             {awsvocab.ServiceVPC, convertLabelled(vpcLabels)},
	"apigateway":                      {awsvocab.ServiceAPIGateway, convertLabelled(apiGatewayLabels)},
}

// conv is the conversion of one label of one location.
type conv struct {
	region    string
	global    bool
	service   string
	published time.Time
	label     string
	e         entry
}

// rate splits a rate code "SKU.OfferTermCode.RateCode".
func rate(code string) (sku, term string, err error) {
	parts := strings.Split(code, ".")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return "", "", fmt.Errorf("rate code %q is not SKU.OfferTermCode.RateCode", code)
	}
	return parts[0], parts[1], nil
}

func parseUSD(s string) (decimal.Decimal, error) {
	if s == "" {
		return decimal.Decimal{}, errors.New("no price")
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("price %q: %w", s, err)
	}
	if d.IsNegative() {
		return decimal.Decimal{}, fmt.Errorf("price %q is negative", s)
	}
	return d, nil
}

// product is the offer-file description of what a label prices.
type product struct {
	family string
	attrs  map[string]string
	unit   string
}

// onDemand builds the row of a label whose rateCode is an on-demand rate.
func (c *conv) onDemand(p product) (pricing.Price, error) {
	return c.priced(p, c.e["rateCode"], c.e["price"], pricing.OnDemand, awsvocab.OfferTerm{})
}

// priced builds a row from a rate code and a price of this label.
func (c *conv) priced(p product, rateCode, price, purchase string, term awsvocab.OfferTerm) (pricing.Price, error) {
	sku, termCode, err := rate(rateCode)
	if err != nil {
		return pricing.Price{}, err
	}
	switch purchase {
	case pricing.OnDemand:
		if termCode != awsvocab.OnDemandTermCode {
			return pricing.Price{}, fmt.Errorf("rate code %q is not an on-demand rate", rateCode)
		}
	case pricing.Reserved:
		known, ok := awsvocab.ReservedTerm(termCode)
		if !ok || known.Length != term.Length || known.PurchaseOption != term.PurchaseOption {
			return pricing.Price{}, fmt.Errorf("rate code %q does not stand for a %s %s reservation", rateCode, term.Length, term.PurchaseOption)
		}
	}
	usd, err := parseUSD(price)
	if err != nil {
		return pricing.Price{}, err
	}
	return pricing.Price{
		Provider: awsvocab.Provider, Service: c.service, Family: p.family, Region: c.region, SKU: sku,
		Attributes: p.attrs, PurchaseOption: purchase, Unit: p.unit, USD: usd,
		TermLength: term.Length, TermPurchaseOption: term.PurchaseOption, TermOfferingClass: term.OfferingClass,
		EffectiveDate: c.published, Description: c.label,
	}, nil
}

// need returns an entry attribute that must be present.
func (c *conv) need(key string) (string, error) {
	v := c.e[key]
	if v == "" {
		return "", fmt.Errorf("no %q", key)
	}
	return v, nil
}
