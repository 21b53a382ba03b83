package pricing

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"
)

// Querier runs a query: satisfied by *pgxpool.Pool, *pgx.Conn and pgx.Tx.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// PostgresCatalog is the Catalog over the Postgres tables filled by Load.
// A Lookup is one query whatever the batch size.
type PostgresCatalog struct {
	db Querier
}

// NewPostgresCatalog returns a catalog reading through db.
func NewPostgresCatalog(db Querier) *PostgresCatalog {
	return &PostgresCatalog{db: db}
}

// lookupSQL resolves a batch with the function price_lookup (migration
// 0011): the queries travel as parallel arrays, one element per query.
const lookupSQL = `SELECT ord, usd_text, unit, sku, effective_date, source, matches, ambiguous
FROM price_lookup($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`

// Lookup answers the batch with one query: queries are de-duplicated by Key,
// and those that can match nothing (bad tier, invalid text) are not sent.
func (c *PostgresCatalog) Lookup(ctx context.Context, queries []Query) ([]Answer, error) {
	answers := make([]Answer, len(queries))
	// slot[k] is the position in the sent batch of queries[k], or -1.
	slot := make([]int, len(queries))
	index := make(map[string]int, len(queries))
	var a lookupArrays
	for i, q := range queries {
		q, _, ok := q.prepared()
		if !ok {
			slot[i] = -1
			continue
		}
		key := q.Key()
		if n, seen := index[key]; seen {
			slot[i] = n
			continue
		}
		n := len(a.ord)
		index[key] = n
		slot[i] = n
		if err := a.add(int32(n), q); err != nil {
			return nil, fmt.Errorf("query %d: %w", i, err)
		}
	}
	if len(a.ord) == 0 {
		return answers, nil
	}
	found, err := c.run(ctx, &a)
	if err != nil {
		return nil, err
	}
	for i, n := range slot {
		if n >= 0 {
			answers[i] = found[n]
		}
	}
	return answers, nil
}

func (c *PostgresCatalog) run(ctx context.Context, a *lookupArrays) ([]Answer, error) {
	rows, err := c.db.Query(ctx, lookupSQL, a.ord, a.provider, a.service, a.family, a.region, a.attributes,
		a.purchaseOption, a.unit, a.tierStart, a.termLength, a.termPurchaseOption, a.termOfferingClass, a.productKey)
	if err != nil {
		return nil, fmt.Errorf("looking up %d prices: %w", len(a.ord), err)
	}
	defer rows.Close()
	found := make([]Answer, len(a.ord))
	for rows.Next() {
		var (
			ord     int32
			usdText string
			date    time.Time
			ans     = Answer{Found: true}
			matches int64
		)
		if err := rows.Scan(&ord, &usdText, &ans.Unit, &ans.SKU, &date, &ans.Source, &matches, &ans.Ambiguous); err != nil {
			return nil, fmt.Errorf("reading price answers: %w", err)
		}
		if ans.USD, err = decimal.NewFromString(usdText); err != nil {
			return nil, fmt.Errorf("reading price answers: usd %q: %w", usdText, err)
		}
		if ord < 0 || int(ord) >= len(found) {
			return nil, fmt.Errorf("reading price answers: unexpected query number %d", ord)
		}
		ans.PriceDate = date
		ans.Matches = int(matches)
		found[ord] = ans
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("looking up %d prices: %w", len(a.ord), err)
	}
	return found, nil
}

// lookupArrays is a batch as the parallel arrays lookupSQL unnests.
type lookupArrays struct {
	ord                                               []int32
	provider, service, family, region, attributes     []string
	purchaseOption, unit, tierStart                   []string
	termLength, termPurchaseOption, termOfferingClass []string
	productKey                                        []string
}

func (a *lookupArrays) add(ord int32, q Query) error {
	attrs, err := marshalAttributes(q.Attributes)
	if err != nil {
		return err
	}
	key, err := productKeyJSON(q)
	if err != nil {
		return err
	}
	a.ord = append(a.ord, ord)
	a.provider = append(a.provider, q.Provider)
	a.service = append(a.service, q.Service)
	a.family = append(a.family, q.Family)
	a.region = append(a.region, q.Region)
	a.attributes = append(a.attributes, attrs)
	a.purchaseOption = append(a.purchaseOption, q.PurchaseOption)
	a.unit = append(a.unit, q.Unit)
	a.tierStart = append(a.tierStart, q.TierStart)
	a.termLength = append(a.termLength, q.TermLength)
	a.termPurchaseOption = append(a.termPurchaseOption, q.TermPurchaseOption)
	a.termOfferingClass = append(a.termOfferingClass, q.TermOfferingClass)
	a.productKey = append(a.productKey, key)
	return nil
}

// productKeyJSON is the query's side of the indexed containment test: the
// shape price_product_key (migration 0010) builds for a product, with family
// and attributes only when the query sets them, and the "*" marker (present
// on every product) when it sets neither, so the index still has a key.
func productKeyJSON(q Query) (string, error) {
	inner := map[string]any{}
	if len(q.Attributes) > 0 {
		inner["a"] = q.Attributes
	}
	if q.Family != "" {
		inner["f"] = q.Family
	}
	if len(inner) == 0 {
		inner["*"] = ""
	}
	b, err := json.Marshal(map[string]any{q.Provider + "\x1f" + q.Service + "\x1f" + q.Region: inner})
	if err != nil {
		return "", fmt.Errorf("encoding the product key: %w", err)
	}
	return string(b), nil
}
