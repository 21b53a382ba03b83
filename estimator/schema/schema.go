package schema

import (
	"github.com/costgate/costgate/pricing"
	"github.com/shopspring/decimal"
)

// HoursPerMonth converts hourly quantities to monthly ones: 730.
func HoursPerMonth() decimal.Decimal { return hoursPerMonth }

var hoursPerMonth = decimal.NewFromInt(730)

// ResourceType prices one Terraform resource type.
type ResourceType struct {
	Name string // Terraform type, e.g. "aws_instance"
	// Build reads one side (before or after) of a resource change and declares
	// its cost components. It must not do I/O and must not panic on any input.
	Build func(r Resource) []Component
}

// Resource is one side of a resource change, as a ResourceType sees it.
type Resource struct {
	Address  string
	Type     string
	Provider string // "aws", "google", "azure", ...
	Region   string // resolved by the engine; see RegionSource
	// RegionSource says where Region came from: "attribute", "reference",
	// "provider", "provider-variable", "default", "flag".
	RegionSource string
	Values       Values
	Usage        Usage
	refs         func(path string) []Values
}

// Referenced returns the values (same side of the plan) of the resources that
// the configuration expression at attribute path refers to, for example the
// launch template named by "launch_template.0.id" of an autoscaling group.
func (r Resource) Referenced(path string) []Values {
	if r.refs == nil {
		return nil
	}
	return r.refs(path)
}

// WithReferences returns r whose Referenced calls fn; the engine sets it.
func (r Resource) WithReferences(fn func(path string) []Values) Resource {
	r.refs = fn
	return r
}

// Component is one priced line of a resource: a quantity of a unit times a
// catalog price.
type Component struct {
	Name string // e.g. "Instance usage (Linux/UNIX, on-demand, t3.medium)"
	Unit string // display unit, e.g. "hours", "GB", "1M requests"

	// Exactly one of HourlyQuantity and MonthlyQuantity is set, in catalog
	// units. Neither is set for a usage-based component without usage: its
	// unit price is shown and it is marked as depending on usage.
	HourlyQuantity  *decimal.Decimal
	MonthlyQuantity *decimal.Decimal

	// UnitMultiplier scales display only: shown price = price × multiplier,
	// shown quantity = quantity ÷ multiplier (e.g. 1,000,000 for "1M
	// requests"). Zero means 1.
	UnitMultiplier decimal.Decimal

	Query      pricing.Query
	UsageBased bool
	// Assumed lists defaults taken for unknown or missing values, e.g.
	// "root_block_device.volume_size unknown: assumed 8 GB".
	Assumed []string
}

// Hourly and Monthly build quantity pointers for Component literals.
func Hourly(d decimal.Decimal) *decimal.Decimal  { return &d }
func Monthly(d decimal.Decimal) *decimal.Decimal { return &d }
