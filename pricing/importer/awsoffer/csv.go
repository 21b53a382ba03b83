package awsoffer

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/costgate/costgate/pricing"
)

// CSVImporter imports an offer file in CSV (index.csv): a few "key","value"
// metadata lines, a header row, then one price dimension per row.
type CSVImporter struct{}

// Format implements pricing.Importer.
func (CSVImporter) Format() string { return "aws-offer-csv" }

// Description implements pricing.Importer.
func (CSVImporter) Description() string {
	return "AWS Price List offer file, CSV (offers/v1.0/aws/<service>/current[/<region>]/index.csv), streamed"
}

// Price columns of the CSV form; every other column is a product attribute.
const (
	colSKU            = "SKU"
	colOfferTermCode  = "OfferTermCode"
	colRateCode       = "RateCode"
	colTermType       = "TermType"
	colDescription    = "PriceDescription"
	colEffectiveDate  = "EffectiveDate"
	colStartingRange  = "StartingRange"
	colEndingRange    = "EndingRange"
	colUnit           = "Unit"
	colPricePerUnit   = "PricePerUnit"
	colCurrency       = "Currency"
	colRelatedTo      = "RelatedTo"
	colLeaseLength    = "LeaseContractLength"
	colPurchaseOption = "PurchaseOption"
	colOfferingClass  = "OfferingClass"
	colProductFamily  = "Product Family"
)

var requiredColumns = []string{
	colSKU, colTermType, colStartingRange, colEndingRange, colUnit, colPricePerUnit, colCurrency,
	colLeaseLength, colPurchaseOption, colOfferingClass, colProductFamily,
}

var priceColumns = map[string]bool{
	colSKU: true, colOfferTermCode: true, colRateCode: true, colTermType: true, colDescription: true,
	colEffectiveDate: true, colStartingRange: true, colEndingRange: true, colUnit: true, colPricePerUnit: true,
	colCurrency: true, colRelatedTo: true, colLeaseLength: true, colPurchaseOption: true, colOfferingClass: true,
	colProductFamily: true,
}

// maxMetadataLines bounds the preamble (AWS writes five lines).
const maxMetadataLines = 20

// Import implements pricing.Importer. Rows are self-contained, so nothing is
// held between rows.
func (CSVImporter) Import(ctx context.Context, file string, r io.Reader, filter pricing.Filter, emit func(pricing.Price) error) error {
	cr := csv.NewReader(bufio.NewReaderSize(r, 1<<20))
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	meta := map[string]string{}
	var header []string
	for i := 0; header == nil; i++ {
		rec, err := cr.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return fmt.Errorf("%s: no header row", file)
			}
			return fmt.Errorf("%s: line %d: %w", file, i+1, err)
		}
		switch {
		case len(rec) == 2 && i < maxMetadataLines:
			meta[rec[0]] = rec[1]
		case len(rec) > 2:
			header = slices.Clone(rec)
		default:
			return fmt.Errorf("%s: line %d: neither a metadata line nor the header row", file, i+1)
		}
	}
	var published time.Time
	if v := meta["Publication Date"]; v != "" {
		var err error
		if published, err = parsePublicationDate(v); err != nil {
			return fmt.Errorf("%s: metadata: %w", file, err)
		}
	}
	cols, err := newColumns(header)
	if err != nil {
		return fmt.Errorf("%s: header: %w", file, err)
	}
	strs := make(interner)
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			// The error (a *csv.ParseError) names the line itself.
			return fmt.Errorf("%s: %w", file, err)
		}
		line, _ := cr.FieldPos(0)
		if err := cols.importRow(rec, meta["OfferCode"], published, filter, strs, emit); err != nil {
			return fmt.Errorf("%s: line %d (SKU %s): %w", file, line, cols.get(rec, colSKU), err)
		}
	}
}

// columns indexes a header row.
type columns struct {
	n     int
	index map[string]int
	attrs []attrColumn
}

type attrColumn struct {
	pos int
	key string
}

func newColumns(header []string) (*columns, error) {
	c := &columns{n: len(header), index: make(map[string]int, len(header))}
	for i, h := range header {
		if _, dup := c.index[h]; dup {
			return nil, fmt.Errorf("column %q appears twice", h)
		}
		c.index[h] = i
		if !priceColumns[h] {
			c.attrs = append(c.attrs, attrColumn{i, AttributeKey(h)})
		}
	}
	for _, req := range requiredColumns {
		if _, ok := c.index[req]; !ok {
			return nil, fmt.Errorf("missing column %q", req)
		}
	}
	return c, nil
}

func (c *columns) get(rec []string, col string) string {
	if i, ok := c.index[col]; ok && i < len(rec) {
		return rec[i]
	}
	return ""
}

func (c *columns) importRow(rec []string, offerCode string, published time.Time, filter pricing.Filter, strs interner, emit func(pricing.Price) error) error {
	if len(rec) != c.n {
		return fmt.Errorf("%d fields, the header has %d", len(rec), c.n)
	}
	attr := func(key string) string {
		for _, a := range c.attrs {
			if a.key == key {
				return rec[a.pos]
			}
		}
		return ""
	}
	service := attr("servicecode")
	if service == "" {
		service = offerCode
	}
	if service == "" {
		return errors.New("no serviceCode column value and no OfferCode metadata")
	}
	region, err := productRegion(attr)
	if err != nil {
		return err
	}
	if !filter.Allows(service, region) {
		return nil
	}
	if cur := c.get(rec, colCurrency); cur != "USD" {
		return fmt.Errorf("currency %q: only USD offer files are supported", cur)
	}
	sku := c.get(rec, colSKU)
	if sku == "" {
		return errors.New("empty SKU")
	}
	p := &product{sku: sku, service: strs.intern(service), family: strs.intern(c.get(rec, colProductFamily)), region: strs.intern(region)}
	for _, a := range c.attrs {
		if v := rec[a.pos]; v != "" {
			p.attrs = append(p.attrs, attribute{a.key, strs.intern(v)})
		}
	}
	d := dimension{
		termType: c.get(rec, colTermType), rateCode: c.get(rec, colRateCode), description: c.get(rec, colDescription),
		beginRange: c.get(rec, colStartingRange), endRange: c.get(rec, colEndingRange), unit: c.get(rec, colUnit),
		usd: c.get(rec, colPricePerUnit), hasUSD: true, leaseLength: c.get(rec, colLeaseLength),
		purchaseOption: c.get(rec, colPurchaseOption), offeringClass: c.get(rec, colOfferingClass),
	}
	row, err := d.price(p, published)
	if err != nil {
		return err
	}
	return emit(row)
}

// csvAttributeKeys are the CSV headers whose JSON attribute key does not
// follow AttributeKey's general rule.
var csvAttributeKeys = map[string]string{
	"Pre Installed S/W":     "preInstalledSw",
	"Max IOPS/volume":       "maxIopsvolume",
	"Max throughput/volume": "maxThroughputvolume",
	"Instance Type Family":  "instanceTypeFamily",
}

// AttributeKey maps a CSV column title to the attribute key the JSON form of
// the same offer file uses ("Instance Type" → "instanceType", "Volume API
// Name" → "volumeApiName", "usageType" → "usagetype"), so rows imported from
// either form answer the same queries.
func AttributeKey(column string) string {
	if k, ok := csvAttributeKeys[column]; ok {
		return k
	}
	words := strings.FieldsFunc(column, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) == 1 {
		return strings.ToLower(words[0])
	}
	var b strings.Builder
	for i, w := range words {
		w = strings.ToLower(w)
		if i > 0 && w != "" {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
	}
	return b.String()
}
