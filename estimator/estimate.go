package estimator

import (
	"encoding/json"

	"github.com/shopspring/decimal"
)

// Estimate is the priced diff of one plan. Its JSON form is the external
// contract of DESIGN.md ("Estimate JSON"): fields may be added, never renamed.
// Decimals marshal as strings; cost totals with two decimals, component
// figures as computed.
type Estimate struct {
	Currency            string          `json:"currency"`
	PriorMonthlyCost    decimal.Decimal `json:"prior_monthly_cost"`
	ProposedMonthlyCost decimal.Decimal `json:"proposed_monthly_cost"`
	DeltaMonthlyCost    decimal.Decimal `json:"delta_monthly_cost"`
	Resources           []ResourceCost  `json:"resources"`
	Summary             Summary         `json:"summary"`
	// PriceSources names every price source (and its date) used.
	PriceSources []PriceSource `json:"price_sources,omitempty"`
	// Warnings are things the user should know, e.g. usage-file entries that
	// matched no resource.
	Warnings []string `json:"warnings,omitempty"`
}

// ResourceCost is one resource change. Components list the proposed side;
// a resource being deleted lists its prior components.
type ResourceCost struct {
	Address             string          `json:"address"`
	Type                string          `json:"type"`
	Action              string          `json:"action"` // create, update, delete, no-op, read, replace, forget
	Region              string          `json:"region"`
	RegionSource        string          `json:"region_source,omitempty"`
	PriorMonthlyCost    decimal.Decimal `json:"prior_monthly_cost"`
	ProposedMonthlyCost decimal.Decimal `json:"proposed_monthly_cost"`
	Components          []ComponentCost `json:"components"`
	// Status is "estimated", "free" or "unsupported".
	Status string `json:"status,omitempty"`

	DeltaMonthlyCost decimal.Decimal `json:"delta_monthly_cost"`
	Provider         string          `json:"provider,omitempty"`
	// ReplaceOrder says how a replace runs: "create_before_destroy",
	// "destroy_before_create" or "create_then_forget".
	ReplaceOrder string `json:"replace_order,omitempty"`
	// Deposed is the deposed-object key of a change to a deposed object.
	Deposed string `json:"deposed,omitempty"`
	// PriorComponents lists the prior side of an update or replace, so a
	// reader sees which component changed.
	PriorComponents []ComponentCost `json:"prior_components,omitempty"`
}

// ComponentCost is one priced line of a resource. Quantity and unit price
// are in the display unit (Unit): monthly cost = quantity × unit price.
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
	// UnpricedResources counts estimated resources with at least one
	// component whose price was not found.
	UnpricedResources int `json:"unpriced_resources"`
	// UnpricedUsageComponents are usage-based components without usage whose
	// unit price was not found either: no money is missing yet, but giving
	// usage will not price them. They are not in UnpricedComponents.
	UnpricedUsageComponents int `json:"unpriced_usage_components"`
}

// Unpriced reports whether the component has a quantity but no price, so part
// of the monthly cost is unknown. A usage-based component without usage has
// no cost to miss; it is counted apart (Summary.UnpricedUsageComponents).
func (c ComponentCost) Unpriced() bool { return !c.PriceFound && c.MonthlyQuantity != nil }

// PriceSource is one price source used by an estimate.
type PriceSource struct {
	Name string `json:"name"`
	Date string `json:"date"`
}

// Resource statuses.
const (
	StatusEstimated   = "estimated"
	StatusFree        = "free"
	StatusUnsupported = "unsupported"
)

// money renders a cost total with two decimals, as DESIGN.md's example.
func money(d decimal.Decimal) string { return d.StringFixed(2) }

// MarshalJSON writes the totals with two decimals; the field order follows
// DESIGN.md.
func (e Estimate) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Currency            string         `json:"currency"`
		PriorMonthlyCost    string         `json:"prior_monthly_cost"`
		ProposedMonthlyCost string         `json:"proposed_monthly_cost"`
		DeltaMonthlyCost    string         `json:"delta_monthly_cost"`
		Resources           []ResourceCost `json:"resources"`
		Summary             Summary        `json:"summary"`
		PriceSources        []PriceSource  `json:"price_sources,omitempty"`
		Warnings            []string       `json:"warnings,omitempty"`
	}{
		e.Currency, money(e.PriorMonthlyCost), money(e.ProposedMonthlyCost), money(e.DeltaMonthlyCost),
		nonNil(e.Resources), e.Summary, e.PriceSources, e.Warnings,
	})
}

// MarshalJSON writes the resource totals with two decimals.
func (r ResourceCost) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Address             string          `json:"address"`
		Type                string          `json:"type"`
		Action              string          `json:"action"`
		Region              string          `json:"region"`
		RegionSource        string          `json:"region_source,omitempty"`
		PriorMonthlyCost    string          `json:"prior_monthly_cost"`
		ProposedMonthlyCost string          `json:"proposed_monthly_cost"`
		DeltaMonthlyCost    string          `json:"delta_monthly_cost"`
		Components          []ComponentCost `json:"components"`
		Status              string          `json:"status,omitempty"`
		Provider            string          `json:"provider,omitempty"`
		ReplaceOrder        string          `json:"replace_order,omitempty"`
		Deposed             string          `json:"deposed,omitempty"`
		PriorComponents     []ComponentCost `json:"prior_components,omitempty"`
	}{
		r.Address, r.Type, r.Action, r.Region, r.RegionSource,
		money(r.PriorMonthlyCost), money(r.ProposedMonthlyCost), money(r.DeltaMonthlyCost),
		nonNil(r.Components), r.Status, r.Provider, r.ReplaceOrder, r.Deposed, r.PriorComponents,
	})
}

// MarshalJSON writes an empty assumption list as [] rather than null.
func (c ComponentCost) MarshalJSON() ([]byte, error) {
	type plain ComponentCost
	p := plain(c)
	p.Assumed = nonNil(p.Assumed)
	return json.Marshal(p)
}

// MarshalJSON writes an empty unsupported-type map as {} rather than null.
func (s Summary) MarshalJSON() ([]byte, error) {
	type plain Summary
	p := plain(s)
	if p.UnsupportedTypes == nil {
		p.UnsupportedTypes = map[string]int{}
	}
	return json.Marshal(p)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
