package awsoffer

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/awsvocab"
)

// Offer file term types.
const (
	termOnDemand = "OnDemand"
	termReserved = "Reserved"
)

// dimension is one price dimension of one term, as both formats give it.
type dimension struct {
	termType       string
	rateCode       string
	description    string
	beginRange     string
	endRange       string
	unit           string
	usd            string
	hasUSD         bool
	leaseLength    string
	purchaseOption string
	offeringClass  string
}

// price turns a product and one of its price dimensions into a row.
func (d dimension) price(p *product, published time.Time) (pricing.Price, error) {
	row := pricing.Price{
		Provider: awsvocab.Provider, Service: p.service, Family: p.family, Region: p.region,
		SKU: p.sku, Attributes: p.attributeMap(), Unit: d.unit, EffectiveDate: published,
		Description: d.description,
	}
	switch d.termType {
	case termOnDemand:
		row.PurchaseOption = pricing.OnDemand
	case termReserved:
		row.PurchaseOption = pricing.Reserved
		if d.leaseLength == "" || d.purchaseOption == "" {
			return pricing.Price{}, errors.New("reserved term without LeaseContractLength or PurchaseOption")
		}
		row.TermLength, row.TermPurchaseOption, row.TermOfferingClass = d.leaseLength, d.purchaseOption, d.offeringClass
	default:
		return pricing.Price{}, fmt.Errorf("unknown term type %q", d.termType)
	}
	if d.unit == "" {
		return pricing.Price{}, errors.New("no unit")
	}
	if !d.hasUSD {
		return pricing.Price{}, errors.New("no USD price (only USD offer files are supported)")
	}
	usd, err := decimal.NewFromString(d.usd)
	if err != nil {
		return pricing.Price{}, fmt.Errorf("price %q: %w", d.usd, err)
	}
	if usd.IsNegative() {
		return pricing.Price{}, fmt.Errorf("price %q is negative", d.usd)
	}
	row.USD = usd
	if row.TierStart, err = decimal.NewFromString(d.beginRange); err != nil {
		return pricing.Price{}, fmt.Errorf("beginRange %q: %w", d.beginRange, err)
	}
	if d.endRange != "Inf" {
		end, err := decimal.NewFromString(d.endRange)
		if err != nil {
			return pricing.Price{}, fmt.Errorf("endRange %q: %w", d.endRange, err)
		}
		if !end.GreaterThan(row.TierStart) {
			return pricing.Price{}, fmt.Errorf("endRange %s is not above beginRange %s", d.endRange, d.beginRange)
		}
		row.TierEnd = decimal.NewNullDecimal(end)
	}
	return row, nil
}
