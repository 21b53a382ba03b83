// Package awsterracost imports the AWS rows of terracost's MySQL pricing
// dumps (cycloidio/terracost, mysql/testdata/*-pricing.sql.gz): the
// INSERT statements of pricing_products(id, provider, sku, location,
// service, family, attributes JSON) and pricing_product_prices(id,
// product_id, hash, currency, unit, price, attributes JSON{TermType,
// StartingRange}). terracost ingested real AWS offer files, so SKUs,
// families, units and attribute values are AWS's; its attribute keys are
// renamed back to the offer-file keys.
//
// Only on-demand prices are imported. terracost kept one reserved price per
// product and dropped the term attributes (length, purchase option,
// offering class), so which reservation a reserved row prices cannot be
// told.
package awsterracost

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/awsvocab"
)

// Importer imports one dump (gzip-compressed or plain SQL).
type Importer struct{}

// Format implements pricing.Importer.
func (Importer) Format() string { return "terracost-mysql-dump" }

// Description implements pricing.Importer.
func (Importer) Description() string {
	return "terracost MySQL pricing dump (.sql or .sql.gz), AWS on-demand rows (no date: give --price-date)"
}

// attributeKeys maps terracost's attribute keys to offer-file keys. An
// unknown key is an error rather than a guess.
var attributeKeys = map[string]string{
	"InstanceType":     awsvocab.AttrInstanceType,
	"OperatingSystem":  awsvocab.AttrOperatingSystem,
	"Tenancy":          awsvocab.AttrTenancy,
	"PreInstalledSW":   awsvocab.AttrPreInstalledSw,
	"LicenseModel":     awsvocab.AttrLicenseModel,
	"CapacityStatus":   awsvocab.AttrCapacityStatus,
	"UsageType":        awsvocab.AttrUsageType,
	"usageType":        awsvocab.AttrUsageType,
	"VolumeAPIName":    awsvocab.AttrVolumeAPIName,
	"VolumeType":       awsvocab.AttrVolumeType,
	"Group":            awsvocab.AttrGroup,
	"EBSOptimized":     "ebsOptimized",
	"DatabaseEngine":   awsvocab.AttrDatabaseEngine,
	"DatabaseEdition":  awsvocab.AttrDatabaseEdition,
	"DeploymentOption": awsvocab.AttrDeploymentOption,
	"CacheEngine":      awsvocab.AttrCacheEngine,
}

type dumpProduct struct {
	line                 int
	sku, region, service string
	family               string
	attrs                map[string]string
}

type dumpPrice struct {
	line      int
	unit      string
	usd       decimal.Decimal
	tierStart decimal.Decimal
	onDemand  bool
}

// Import implements pricing.Importer. mysqldump writes the prices table
// before the products table, so the dump's AWS rows (~130k for the 2023
// dump) are held until the end and joined there.
func (Importer) Import(ctx context.Context, file string, r io.Reader, filter pricing.Filter, emit func(pricing.Price) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		defer gz.Close()
		br = bufio.NewReaderSize(gz, 1<<20)
	}
	products := map[string]*dumpProduct{}
	prices := map[string][]dumpPrice{}
	for line := 1; ; line++ {
		if line%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		text, err := br.ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("%s: line %d: %w", file, line, err)
		}
		if perr := parseLine(text, line, products, prices); perr != nil {
			return fmt.Errorf("%s: line %d: %w", file, line, perr)
		}
		if errors.Is(err, io.EOF) {
			break
		}
	}
	if len(products) == 0 {
		return fmt.Errorf("%s: no AWS rows in pricing_products: not a terracost dump", file)
	}
	ids := make([]string, 0, len(products))
	for id := range products {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		p := products[id]
		if !filter.Allows(p.service, p.region) {
			continue
		}
		if err := emitProduct(p, prices[id], emit); err != nil {
			return fmt.Errorf("%s: line %d (product %s, SKU %s): %w", file, p.line, id, p.sku, err)
		}
	}
	return nil
}

const (
	insertProducts = "INSERT INTO `pricing_products` VALUES "
	insertPrices   = "INSERT INTO `pricing_product_prices` VALUES "
)

func parseLine(text string, line int, products map[string]*dumpProduct, prices map[string][]dumpPrice) error {
	switch {
	case strings.HasPrefix(text, insertProducts):
		return eachTuple(text[len(insertProducts):], 7, func(f []field) error {
			return addProduct(f, line, products)
		})
	case strings.HasPrefix(text, insertPrices):
		return eachTuple(text[len(insertPrices):], 7, func(f []field) error {
			return addPrice(f, line, prices)
		})
	}
	return nil
}

// addProduct reads (id, provider, sku, location, service, family, attributes).
func addProduct(f []field, line int, products map[string]*dumpProduct) error {
	id := f[0].text
	if f[1].text != awsvocab.Provider {
		return nil
	}
	p := &dumpProduct{line: line, sku: f[2].text, region: f[3].text, service: f[4].text, family: f[5].text}
	if p.sku == "" || p.service == "" {
		return fmt.Errorf("product %s: no SKU or service", id)
	}
	if p.region != "" {
		if loc, ok := awsvocab.LookupCode(p.region); !ok || !loc.IsRegion() {
			return fmt.Errorf("product %s: unknown region %q", id, p.region)
		}
	}
	var raw map[string]string
	if err := json.Unmarshal([]byte(f[6].text), &raw); err != nil {
		return fmt.Errorf("product %s: attributes: %w", id, err)
	}
	p.attrs = make(map[string]string, len(raw))
	for k, v := range raw {
		key, ok := attributeKeys[k]
		if !ok {
			return fmt.Errorf("product %s: unknown attribute %q", id, k)
		}
		p.attrs[key] = v
	}
	if _, dup := products[id]; dup {
		return fmt.Errorf("product %s appears twice", id)
	}
	products[id] = p
	return nil
}

// addPrice reads (id, product_id, hash, currency, unit, price, attributes).
func addPrice(f []field, line int, prices map[string][]dumpPrice) error {
	id, productID := f[0].text, f[1].text
	var attrs struct {
		TermType      string `json:"TermType"`
		StartingRange string `json:"StartingRange"`
	}
	if err := json.Unmarshal([]byte(f[6].text), &attrs); err != nil {
		return fmt.Errorf("price %s: attributes: %w", id, err)
	}
	if f[3].text != "USD" {
		return fmt.Errorf("price %s: currency %q", id, f[3].text)
	}
	p := dumpPrice{line: line, unit: f[4].text, onDemand: attrs.TermType == "OnDemand"}
	if attrs.TermType != "OnDemand" && attrs.TermType != "Reserved" {
		return fmt.Errorf("price %s: TermType %q", id, attrs.TermType)
	}
	var err error
	if p.usd, err = decimal.NewFromString(f[5].text); err != nil {
		return fmt.Errorf("price %s: %q: %w", id, f[5].text, err)
	}
	if p.usd.IsNegative() {
		return fmt.Errorf("price %s: %s is negative", id, f[5].text)
	}
	if p.onDemand {
		if attrs.StartingRange == "" {
			return fmt.Errorf("price %s: on-demand price without StartingRange", id)
		}
		if p.tierStart, err = decimal.NewFromString(attrs.StartingRange); err != nil {
			return fmt.Errorf("price %s: StartingRange %q: %w", id, attrs.StartingRange, err)
		}
	}
	if p.unit == "" {
		return fmt.Errorf("price %s: no unit", id)
	}
	prices[productID] = append(prices[productID], p)
	return nil
}

// emitProduct emits a product's on-demand prices. terracost keeps only the
// start of each tier; tiers of one unit are contiguous in offer files, so a
// tier ends where the next one starts and the last is open.
func emitProduct(p *dumpProduct, prices []dumpPrice, emit func(pricing.Price) error) error {
	var od []dumpPrice
	for _, pr := range prices {
		if pr.onDemand {
			od = append(od, pr)
		}
	}
	slices.SortFunc(od, func(a, b dumpPrice) int {
		if c := strings.Compare(a.unit, b.unit); c != 0 {
			return c
		}
		return a.tierStart.Cmp(b.tierStart)
	})
	for i, pr := range od {
		if i > 0 && od[i-1].unit == pr.unit && od[i-1].tierStart.Equal(pr.tierStart) {
			return fmt.Errorf("two on-demand %s prices start at %s", pr.unit, pr.tierStart)
		}
		attrs := make(map[string]string, len(p.attrs))
		for k, v := range p.attrs {
			attrs[k] = v
		}
		row := pricing.Price{
			Provider: awsvocab.Provider, Service: p.service, Family: p.family, Region: p.region, SKU: p.sku,
			Attributes: attrs, PurchaseOption: pricing.OnDemand, Unit: pr.unit, USD: pr.usd, TierStart: pr.tierStart,
			Description: strings.TrimSpace(p.family + " " + p.attrs[awsvocab.AttrUsageType] + " (terracost dump)"),
		}
		if i+1 < len(od) && od[i+1].unit == pr.unit {
			row.TierEnd = decimal.NewNullDecimal(od[i+1].tierStart)
		}
		if err := emit(row); err != nil {
			return err
		}
	}
	return nil
}

// field is one value of a VALUES tuple; null is set for SQL NULL.
type field struct {
	text string
	null bool
}

// eachTuple parses "(v,…),(v,…);" as mysqldump writes it: quoted strings
// with backslash escapes, NULL and bare numbers.
func eachTuple(s string, width int, fn func([]field) error) error {
	s = strings.TrimRight(s, "\r\n")
	i := 0
	fields := make([]field, 0, width)
	for {
		if i >= len(s) || s[i] != '(' {
			return fmt.Errorf("expected '(' at column %d", i+1)
		}
		i++
		fields = fields[:0]
		for {
			var f field
			var err error
			f, i, err = parseField(s, i)
			if err != nil {
				return err
			}
			fields = append(fields, f)
			if i >= len(s) {
				return errors.New("unterminated tuple")
			}
			if s[i] == ',' {
				i++
				continue
			}
			if s[i] == ')' {
				i++
				break
			}
			return fmt.Errorf("unexpected %q at column %d", s[i], i+1)
		}
		if len(fields) != width {
			return fmt.Errorf("tuple has %d values, want %d", len(fields), width)
		}
		if err := fn(fields); err != nil {
			return err
		}
		switch {
		case i < len(s) && s[i] == ',':
			i++
		case i < len(s) && s[i] == ';' && i == len(s)-1:
			return nil
		default:
			return errors.New("statement does not end with ';' (truncated?)")
		}
	}
}

func parseField(s string, i int) (field, int, error) {
	if i >= len(s) {
		return field{}, i, errors.New("unterminated tuple")
	}
	if s[i] != '\'' {
		j := i
		for j < len(s) && s[j] != ',' && s[j] != ')' {
			j++
		}
		v := s[i:j]
		if v == "NULL" {
			return field{null: true}, j, nil
		}
		if v == "" {
			return field{}, j, fmt.Errorf("empty value at column %d", i+1)
		}
		return field{text: v}, j, nil
	}
	var b bytes.Buffer
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; c {
		case '\\':
			if j+1 >= len(s) {
				return field{}, j, errors.New("unterminated string")
			}
			j++
			switch e := s[j]; e {
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case '0':
				b.WriteByte(0)
			case 'Z':
				b.WriteByte(26)
			default:
				b.WriteByte(e)
			}
		case '\'':
			return field{text: b.String()}, j + 1, nil
		default:
			b.WriteByte(c)
		}
	}
	return field{}, len(s), errors.New("unterminated string")
}
