package awsec2instances

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/awsvocab"
)

// priced is one os/engine entry: the on-demand rate and the reserved rates
// keyed like "yrTerm1Standard.noUpfront" (EC2, ElastiCache) or
// "yrTerm1.noUpfront" (RDS; a few Oracle and SQL Server entries also have
// "-hrs"/"-quantity" dimensions, which are not imported).
type priced struct {
	OnDemand json.Number            `json:"ondemand"`
	Reserved map[string]json.Number `json:"reserved"`
}

func parsePriced(raw json.RawMessage) (priced, error) {
	var p priced
	if err := json.Unmarshal(raw, &p); err != nil {
		return priced{}, err
	}
	return p, nil
}

func usd(n json.Number) (decimal.Decimal, error) {
	d, err := decimal.NewFromString(n.String())
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("price %q: %w", n, err)
	}
	if d.IsNegative() {
		return decimal.Decimal{}, fmt.Errorf("price %q is negative", n)
	}
	return d, nil
}

// base is the product part of a row.
type base struct {
	service, family, region string
	attrs                   map[string]string
	what                    string // for the description
}

func (b base) row(purchase, unit string, price json.Number, term awsvocab.OfferTerm) (pricing.Price, error) {
	v, err := usd(price)
	if err != nil {
		return pricing.Price{}, err
	}
	attrs := make(map[string]string, len(b.attrs))
	for k, val := range b.attrs {
		attrs[k] = val
	}
	row := pricing.Price{
		Provider: awsvocab.Provider, Service: b.service, Family: b.family, Region: b.region, Attributes: attrs,
		PurchaseOption: purchase, Unit: unit, USD: v,
		TermLength: term.Length, TermPurchaseOption: term.PurchaseOption, TermOfferingClass: term.OfferingClass,
		Description: b.what + " (ec2instances.info)",
	}
	if purchase == pricing.Reserved {
		row.Description = fmt.Sprintf("%s, %s %s reservation (ec2instances.info)", b.what, term.Length, term.PurchaseOption)
	}
	if row.SKU, err = pricing.SynthesizeSKU(row); err != nil {
		return pricing.Price{}, err
	}
	return row, nil
}

// onDemandRow is the on-demand rate, when the entry has one.
func (b base) onDemandRow(p priced) ([]pricing.Price, error) {
	if p.OnDemand == "" {
		return nil, nil
	}
	r, err := b.row(pricing.OnDemand, "Hrs", p.OnDemand, awsvocab.OfferTerm{})
	if err != nil {
		return nil, fmt.Errorf("ondemand: %w", err)
	}
	return []pricing.Price{r}, nil
}

// hourlyRows are the on-demand row of p and its No Upfront reservations,
// whose effective rate is the hourly rate. withClass keeps EC2's offering
// class (standard or convertible); RDS and ElastiCache terms have none.
func (b base) hourlyRows(p priced, withClass bool) ([]pricing.Price, error) {
	rows, err := b.onDemandRow(p)
	if err != nil {
		return nil, err
	}
	for _, k := range slices.Sorted(maps.Keys(p.Reserved)) {
		length, class, purchase, dim, ok := termKey(k)
		if !ok || purchase != "No Upfront" || dim != "" {
			continue
		}
		term := awsvocab.OfferTerm{Length: length, PurchaseOption: purchase}
		if withClass {
			if class != "standard" && class != "convertible" {
				continue
			}
			term.OfferingClass = class
		}
		r, err := b.row(pricing.Reserved, "Hrs", p.Reserved[k], term)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// termKey splits "yrTerm3Convertible.noUpfront" into its parts.
func termKey(key string) (length, class, purchase, dimension string, ok bool) {
	head, tail, found := strings.Cut(key, ".")
	if !found {
		return "", "", "", "", false
	}
	switch {
	case strings.HasPrefix(head, "yrTerm1"):
		length = "1yr"
	case strings.HasPrefix(head, "yrTerm3"):
		length = "3yr"
	default:
		return "", "", "", "", false
	}
	class = strings.ToLower(head[len("yrTerm1"):])
	purchase, dimension, _ = strings.Cut(tail, "-")
	switch purchase {
	case "noUpfront":
		purchase = "No Upfront"
	case "partialUpfront":
		purchase = "Partial Upfront"
	case "allUpfront":
		purchase = "All Upfront"
	default:
		return "", "", "", "", false
	}
	return length, class, purchase, dimension, true
}
