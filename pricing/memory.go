package pricing

import (
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
)

// MemoryCatalog is a Catalog over price rows held in memory: used by
// `costgate estimate` without a database and by pure tests. It answers
// exactly as PostgresCatalog does over the same rows (the contract test
// checks it). It is immutable once built and safe for concurrent use.
type MemoryCatalog struct {
	sources  []Source
	products []memProduct
	prices   []memPrice
	buckets  map[bucketKey]*memBucket
}

// bucketKey is the part of a query every match shares exactly.
type bucketKey struct{ provider, service, region string }

// memBucket holds the products of one provider/service/region, with an
// inverted index from attribute to products so a query only visits products
// that have its rarest attribute.
type memBucket struct {
	products []int32
	byAttr   map[attrPair][]int32
}

type attrPair struct{ key, value string }

type memProduct struct {
	family string
	sku    string
	attrs  map[string]string // shared by every product with the same attributes; never mutated
	// The product's prices are prices[first:first+count]: a product's rows are appended together.
	first, count int32
}

type memPrice struct {
	source             int32
	purchaseOption     string
	unit               string
	usd                decimal.Decimal
	tierStart          decimal.Decimal
	termLength         string
	termPurchaseOption string
	termOfferingClass  string
	effectiveDay       int32 // days since 1970-01-01 (UTC): no pointer for the GC to scan
}

func dayNumber(t time.Time) int32 { return int32(t.Unix() / 86400) }

func dayTime(d int32) time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// NewMemoryCatalog indexes prices; every price's Source must name one of
// sources. The rows are validated as a data file's rows would be.
func NewMemoryCatalog(prices []Price, sources []Source) (*MemoryCatalog, error) {
	b := newMemoryBuilder()
	for _, s := range sources {
		if err := b.addSource(s); err != nil {
			return nil, err
		}
	}
	for i, p := range prices {
		if err := validatePrice(p); err != nil {
			return nil, fmt.Errorf("price %d (%s %s): %w", i, p.Service, p.SKU, err)
		}
		src, ok := b.sourceIndex[p.Source]
		if !ok {
			return nil, fmt.Errorf("price %d (%s %s): source %q is not among the sources", i, p.Service, p.SKU, p.Source)
		}
		attrs, err := marshalAttributes(p.Attributes)
		if err != nil {
			return nil, fmt.Errorf("price %d: %w", i, err)
		}
		b.add(p, attrs, src)
	}
	return b.catalog(), nil
}

// Len is the number of price rows.
func (c *MemoryCatalog) Len() int { return len(c.prices) }

// Lookup answers every query from memory; it fails only when ctx is done.
func (c *MemoryCatalog) Lookup(ctx context.Context, queries []Query) ([]Answer, error) {
	answers := make([]Answer, len(queries))
	for i, q := range queries {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("looking up prices: %w", err)
			}
		}
		answers[i] = c.answer(q)
	}
	return answers, nil
}

func (c *MemoryCatalog) answer(q Query) Answer {
	q, tierStart, ok := q.prepared()
	if !ok {
		return Answer{}
	}
	bucket := c.buckets[bucketKey{q.Provider, q.Service, q.Region}]
	if bucket == nil {
		return Answer{}
	}
	candidates := bucket.products
	for k, v := range q.Attributes {
		posting, found := bucket.byAttr[attrPair{k, v}]
		if !found {
			return Answer{}
		}
		if len(posting) < len(candidates) {
			candidates = posting
		}
	}
	var (
		sel     selection
		best    *memPrice
		bestSKU string
	)
	for _, pi := range candidates {
		prod := &c.products[pi]
		if q.Family != "" && prod.family != q.Family {
			continue
		}
		if !containsAll(prod.attrs, q.Attributes) {
			continue
		}
		for ri := prod.first; ri < prod.first+prod.count; ri++ {
			r := &c.prices[ri]
			if !q.matchesPrice(r, tierStart) {
				continue
			}
			if sel.offer(r.effectiveDay, r.usd) || best == nil ||
				(sel.sameAsBest(r.effectiveDay, r.usd) && c.tieBefore(prod.sku, r, bestSKU, best)) {
				best, bestSKU = r, prod.sku
			}
		}
	}
	if best == nil {
		return Answer{}
	}
	return Answer{
		Found:     true,
		USD:       best.usd,
		Unit:      best.unit,
		SKU:       bestSKU,
		PriceDate: dayTime(best.effectiveDay),
		Source:    c.sources[best.source].Name,
		Matches:   sel.matches,
		Ambiguous: !sel.minAtBestDate.Equal(best.usd),
	}
}

// tieBefore orders rows of equal date and price: smallest SKU, then source
// name, then unit (byte order, as Postgres's "C" collation).
func (c *MemoryCatalog) tieBefore(sku string, r *memPrice, bestSKU string, best *memPrice) bool {
	if sku != bestSKU {
		return sku < bestSKU
	}
	if a, b := c.sources[r.source].Name, c.sources[best.source].Name; a != b {
		return a < b
	}
	return r.unit < best.unit
}

// selection follows the choice among matches: it counts them and tracks
// the latest date, the highest price of that date and the lowest (for Ambiguous).
type selection struct {
	matches       int
	bestDate      int32
	bestUSD       decimal.Decimal
	minAtBestDate decimal.Decimal
}

// offer records a matching row and reports whether it strictly beats the
// best so far on (date, price).
func (s *selection) offer(date int32, usd decimal.Decimal) bool {
	s.matches++
	switch {
	case s.matches == 1 || date > s.bestDate:
		s.bestDate, s.bestUSD, s.minAtBestDate = date, usd, usd
		return true
	case date == s.bestDate:
		if usd.LessThan(s.minAtBestDate) {
			s.minAtBestDate = usd
		}
		if usd.GreaterThan(s.bestUSD) {
			s.bestUSD = usd
			return true
		}
	}
	return false
}

func (s *selection) sameAsBest(date int32, usd decimal.Decimal) bool {
	return date == s.bestDate && usd.Equal(s.bestUSD)
}

func (q Query) matchesPrice(r *memPrice, tierStart decimal.Decimal) bool {
	return r.purchaseOption == q.PurchaseOption &&
		(q.Unit == "" || r.unit == q.Unit) &&
		r.tierStart.Equal(tierStart) &&
		(q.TermLength == "" || r.termLength == q.TermLength) &&
		(q.TermPurchaseOption == "" || r.termPurchaseOption == q.TermPurchaseOption) &&
		(q.TermOfferingClass == "" || r.termOfferingClass == q.TermOfferingClass)
}

func containsAll(have, want map[string]string) bool {
	for k, v := range want {
		if got, ok := have[k]; !ok || got != v {
			return false
		}
	}
	return true
}
