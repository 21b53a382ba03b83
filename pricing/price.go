package pricing

import (
	"time"

	"github.com/shopspring/decimal"
)

// Price is one normalised price row: a product (provider, service, family,
// region, sku, attributes) and one of its prices. It is the unit of the
// pricing-data files, of the importers' output and of the catalog tables.
type Price struct {
	Provider   string
	Service    string
	Family     string
	Region     string // "" for global products
	SKU        string
	Attributes map[string]string

	PurchaseOption     string // on_demand, spot, reserved
	Unit               string // vendor unit as published, e.g. "Hrs", "GB-Mo", "1 Hour"
	USD                decimal.Decimal
	TierStart          decimal.Decimal     // usage tier start (0 for untiered prices)
	TierEnd            decimal.NullDecimal // usage tier end; invalid means unbounded
	TermLength         string
	TermPurchaseOption string
	TermOfferingClass  string
	EffectiveDate      time.Time // date the price took effect or was published
	Description        string
}

// Source describes where a set of prices came from. Every pricing-data file
// has one, stored beside it as <name>.json, and every catalog row points at
// one.
type Source struct {
	Name      string    `json:"name"`       // unique, e.g. "aws-ec2-ondemand-2025-11"
	Origin    string    `json:"origin"`     // repository@commit:path or URL of the input
	Licence   string    `json:"licence"`    // SPDX id of the input's licence
	PriceDate time.Time `json:"price_date"` // publication/fetch date of the prices
	Rows      int       `json:"rows"`       // number of Price rows in the file
	Notes     string    `json:"notes,omitempty"`
	// BuiltWith is the command that rebuilds the file from its inputs.
	BuiltWith string `json:"built_with,omitempty"`
}
