package pricing

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Purchase options used in Query.PurchaseOption and Price.PurchaseOption.
const (
	OnDemand = "on_demand"
	Spot     = "spot"
	Reserved = "reserved"
)

// Query asks for one unit price. Every non-empty field must match exactly;
// Attributes must all be present with exactly these values on the product.
type Query struct {
	Provider   string            // "aws", "google", "azure"
	Service    string            // e.g. "AmazonEC2", "Compute Engine", "Virtual Machines"
	Family     string            // product family, e.g. "Compute Instance"
	Region     string            // provider region code; "" matches only global products
	Attributes map[string]string // exact-match product attribute filters

	PurchaseOption string // on_demand (default when empty), spot, reserved
	Unit           string // vendor unit, e.g. "Hrs", "GB-Mo"; "" matches any unit
	// TierStart selects the usage tier whose start is exactly this amount
	// ("0" is the first tier). Empty means the first tier.
	TierStart          string
	TermLength         string // reserved only: "1yr", "3yr"
	TermPurchaseOption string // reserved only: "No Upfront", "Partial Upfront", "All Upfront"
	TermOfferingClass  string // reserved only: "standard", "convertible"
}

// Key is a canonical string identifying the query; equal queries have equal
// keys, so a batch can be de-duplicated by it.
func (q Query) Key() string {
	var b strings.Builder
	for _, s := range []string{q.Provider, q.Service, q.Family, q.Region, q.purchaseOption(), q.Unit,
		q.tierStart(), q.TermLength, q.TermPurchaseOption, q.TermOfferingClass} {
		b.WriteString(s)
		b.WriteByte('\x1f')
	}
	keys := make([]string, 0, len(q.Attributes))
	for k := range q.Attributes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(q.Attributes[k])
		b.WriteByte('\x1e')
	}
	return b.String()
}

func (q Query) purchaseOption() string {
	if q.PurchaseOption == "" {
		return OnDemand
	}
	return q.PurchaseOption
}

func (q Query) tierStart() string {
	if q.TierStart == "" {
		return "0"
	}
	return q.TierStart
}

// Normalized returns the query with defaults made explicit (purchase option
// on_demand, tier start "0"), the form both catalogs match on.
func (q Query) Normalized() Query {
	q.PurchaseOption = q.purchaseOption()
	q.TierStart = q.tierStart()
	return q
}

// Answer is the catalog's reply to one Query.
type Answer struct {
	Found     bool
	USD       decimal.Decimal // price per Unit, in USD
	Unit      string
	SKU       string
	PriceDate time.Time // effective date of the chosen price
	Source    string    // name of the price source (pricing-data file / import)
	// Matches is the number of price rows that matched (all dates); when it
	// is more than one the choice followed the rule of the package
	// documentation. Ambiguous is true when rows of the winning date
	// disagree on the price (the highest was taken).
	Matches   int
	Ambiguous bool
}

// Catalog resolves a batch of queries in one call; answers[i] answers
// queries[i]. A query with no matching price gets an Answer with Found false,
// not an error; errors are reserved for the catalog itself failing.
type Catalog interface {
	Lookup(ctx context.Context, queries []Query) ([]Answer, error)
}

// prepared returns the query normalised and its tier start as a number, or
// ok false when the query can match nothing (both catalogs then answer
// "not found" without looking).
func (q Query) prepared() (_ Query, tierStart decimal.Decimal, ok bool) {
	q = q.Normalized()
	tierStart, ok = q.tierStartDecimal()
	if !ok || !q.valid() {
		return q, decimal.Decimal{}, false
	}
	return q, tierStart, true
}

// tierStartDecimal parses the (normalised) TierStart; a query whose tier is
// not a number matches nothing.
func (q Query) tierStartDecimal() (decimal.Decimal, bool) {
	d, err := decimal.NewFromString(q.TierStart)
	// Bounded so that Postgres's numeric accepts every tier the memory catalog does.
	if err != nil || d.Exponent() < -1000 || d.Exponent() > 1000 || d.NumDigits() > 1000 {
		return decimal.Decimal{}, false
	}
	return d, true
}

// valid reports whether every text of the query could be stored in the
// catalog (UTF-8 without NUL); an invalid query matches nothing.
func (q Query) valid() bool {
	for _, s := range []string{q.Provider, q.Service, q.Family, q.Region, q.PurchaseOption, q.Unit,
		q.TierStart, q.TermLength, q.TermPurchaseOption, q.TermOfferingClass} {
		if !validText(s) {
			return false
		}
	}
	for k, v := range q.Attributes {
		if !validText(k) || !validText(v) {
			return false
		}
	}
	return true
}
