package estimator

import "github.com/shopspring/decimal"

// Estimate is the priced diff of one plan. Its JSON form is the external
// contract of DESIGN.md ("Estimate JSON"): fields may be added, never renamed.
// Decimals marshal as strings.
type Estimate struct {
	Currency            string          `json:"currency"`
	PriorMonthlyCost    decimal.Decimal `json:"prior_monthly_cost"`
	ProposedMonthlyCost decimal.Decimal `json:"proposed_monthly_cost"`
	DeltaMonthlyCost    decimal.Decimal `json:"delta_monthly_cost"`
	Resources           []ResourceCost  `json:"resources"`
	Summary             Summary         `json:"summary"`
}

// ResourceCost is one resource change. Components list the proposed side;
// a resource being deleted lists its prior components.
type ResourceCost struct {
	Address             string          `json:"address"`
	Type                string          `json:"type"`
	Action              string          `json:"action"` // create, update, delete, no-op, read, replace
	Region              string          `json:"region"`
	RegionSource        string          `json:"region_source,omitempty"`
	PriorMonthlyCost    decimal.Decimal `json:"prior_monthly_cost"`
	ProposedMonthlyCost decimal.Decimal `json:"proposed_monthly_cost"`
	Components          []ComponentCost `json:"components"`
	// Status is "estimated", "free" or "unsupported".
	Status string `json:"status,omitempty"`
}

// ComponentCost is one priced line of a resource.
type ComponentCost struct {
	Name            string           `json:"name"`
	Unit            string           `json:"unit"`
	MonthlyQuantity *decimal.Decimal `json:"monthly_quantity"` // null when usage is unknown
	UnitPrice       *decimal.Decimal `json:"unit_price"`       // null when the price was not found
	MonthlyCost     decimal.Decimal  `json:"monthly_cost"`
	PriceFound      bool             `json:"price_found"`
	UsageBased      bool             `json:"usage_based"`
	Assumed         []string         `json:"assumed"`
	// Provenance of the price, for people checking a figure.
	SKU       string `json:"sku,omitempty"`
	PriceDate string `json:"price_date,omitempty"`
	Source    string `json:"price_source,omitempty"`
	Ambiguous bool   `json:"price_ambiguous,omitempty"`
}

// Summary counts what was and was not priced.
type Summary struct {
	Resources          int            `json:"resources"`
	Estimated          int            `json:"estimated"`
	Free               int            `json:"free"`
	Unsupported        int            `json:"unsupported"`
	UnpricedComponents int            `json:"unpriced_components"`
	UnsupportedTypes   map[string]int `json:"unsupported_types"`
	// UsageBasedComponents without usage: shown with their unit price only.
	UsageUnknownComponents int `json:"usage_unknown_components"`
}
