package pricing

import (
	"fmt"
	"maps"
	"strings"
)

// memoryBuilder fills a MemoryCatalog, sharing every repeated string,
// attribute set and price so a few hundred thousand rows stay small.
type memoryBuilder struct {
	c           *MemoryCatalog
	sourceIndex map[string]int32
	strs        map[string]string
	attrSets    map[string]map[string]string
	// Rows of a product are adjacent in a sorted data file, so the builder
	// only compares with the previous row's product (a product that comes
	// back later is stored twice, which changes no answer).
	lastKey     productKey
	lastProduct int32
	// lastText/lastShared short-cut interning of a column equal to the previous row's.
	lastText, lastShared [numColumns]string
}

// productKey identifies a product (here and in the loader); attrs is its
// attributes' JSON text.
type productKey struct{ provider, service, family, region, sku, attrs string }

// Columns interned through the previous-row cache.
const (
	colProvider = iota
	colService
	colFamily
	colRegion
	colPurchaseOption
	colUnit
	colTermLength
	colTermPurchaseOption
	colTermOfferingClass
	numColumns
)

func newMemoryBuilder() *memoryBuilder {
	return &memoryBuilder{
		c:           &MemoryCatalog{buckets: map[bucketKey]*memBucket{}},
		sourceIndex: map[string]int32{},
		strs:        map[string]string{},
		attrSets:    map[string]map[string]string{},
		lastProduct: -1,
	}
}

func (b *memoryBuilder) addSource(s Source) error {
	if _, dup := b.sourceIndex[s.Name]; dup {
		return fmt.Errorf("source %q appears twice", s.Name)
	}
	b.sourceIndex[s.Name] = int32(len(b.c.sources))
	b.c.sources = append(b.c.sources, s)
	return nil
}

// sourceRows adds the rows of one data file to a builder.
type sourceRows struct {
	b      *memoryBuilder
	source int32
	// attrsText is the attributes JSON of the row being parsed: the key
	// under which add shares equal attribute maps.
	attrsText string
}

// beginSource adds the source of data file df and returns what adds its rows.
func (b *memoryBuilder) beginSource(df DataFile, src Source) (*sourceRows, error) {
	if err := b.addSource(src); err != nil {
		return nil, fmt.Errorf("%s: %w", df.Sidecar, err)
	}
	return &sourceRows{b: b, source: b.sourceIndex[src.Name]}, nil
}

// decodeAttributes is the attribute decoder of the row parser: it returns the
// shared map of this JSON text and remembers the text for add.
func (s *sourceRows) decodeAttributes(text string) (map[string]string, error) {
	s.attrsText = text
	return s.b.attributes(text, func() (map[string]string, error) { return parseAttributes(text) })
}

// add appends the row whose attributes were decoded last.
func (s *sourceRows) add(p Price) { s.b.add(p, s.attrsText, s.source) }

// intern returns the shared copy of s; the copy is cloned so that it does not
// keep alive the CSV line it was cut from.
func (b *memoryBuilder) intern(s string) string {
	if v, ok := b.strs[s]; ok {
		return v
	}
	v := strings.Clone(s)
	b.strs[v] = v
	return v
}

// internCol interns a value of column col, first comparing it with the
// previous value of that column (sorted files repeat them row after row).
func (b *memoryBuilder) internCol(col int, s string) string {
	if s == b.lastText[col] && b.lastShared[col] != "" {
		return b.lastShared[col]
	}
	v := b.intern(s)
	b.lastText[col], b.lastShared[col] = v, v
	return v
}

// attributes returns the shared attribute map for this JSON text, decoding it
// with decode the first time it is seen.
func (b *memoryBuilder) attributes(text string, decode func() (map[string]string, error)) (map[string]string, error) {
	if m, ok := b.attrSets[text]; ok {
		return m, nil
	}
	m, err := decode()
	if err != nil {
		return nil, err
	}
	shared := make(map[string]string, len(m))
	for k, v := range m {
		shared[b.intern(k)] = b.intern(v)
	}
	b.attrSets[strings.Clone(text)] = shared
	return shared, nil
}

// add appends one row; attrsJSON is its attributes' JSON text (the key under
// which equal attribute sets are shared).
func (b *memoryBuilder) add(p Price, attrsJSON string, source int32) {
	attrs, _ := b.attributes(attrsJSON, func() (map[string]string, error) { return maps.Clone(p.Attributes), nil })
	key := productKey{
		provider: b.internCol(colProvider, p.Provider), service: b.internCol(colService, p.Service),
		family: b.internCol(colFamily, p.Family), region: b.internCol(colRegion, p.Region),
		sku: p.SKU, attrs: attrsJSON,
	}
	pi := b.lastProduct
	if pi < 0 || key != b.lastKey {
		// SKUs are nearly unique: copied, not interned.
		key.sku, key.attrs = strings.Clone(key.sku), b.intern(attrsJSON)
		pi = int32(len(b.c.products))
		b.lastKey, b.lastProduct = key, pi
		b.c.products = append(b.c.products, memProduct{family: key.family, sku: key.sku, attrs: attrs, first: int32(len(b.c.prices))})
		bk := bucketKey{key.provider, key.service, key.region}
		bucket := b.c.buckets[bk]
		if bucket == nil {
			bucket = &memBucket{byAttr: map[attrPair][]int32{}}
			b.c.buckets[bk] = bucket
		}
		bucket.products = append(bucket.products, pi)
		for k, v := range attrs {
			pair := attrPair{k, v}
			bucket.byAttr[pair] = append(bucket.byAttr[pair], pi)
		}
	}
	b.c.products[pi].count++
	b.c.prices = append(b.c.prices, memPrice{
		source:             source,
		purchaseOption:     b.internCol(colPurchaseOption, p.PurchaseOption),
		unit:               b.internCol(colUnit, p.Unit),
		usd:                p.USD,
		tierStart:          p.TierStart,
		termLength:         b.internCol(colTermLength, p.TermLength),
		termPurchaseOption: b.internCol(colTermPurchaseOption, p.TermPurchaseOption),
		termOfferingClass:  b.internCol(colTermOfferingClass, p.TermOfferingClass),
		effectiveDay:       dayNumber(p.EffectiveDate),
	})
}

// catalog finishes the build, dropping the builder's look-up tables.
func (b *memoryBuilder) catalog() *MemoryCatalog {
	c := b.c
	c.products = c.products[:len(c.products):len(c.products)]
	c.prices = c.prices[:len(c.prices):len(c.prices)]
	b.c = nil
	return c
}
