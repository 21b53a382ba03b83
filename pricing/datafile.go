package pricing

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// DataFileColumns is the header of a normalised price file (CSV, gzip
// compressed, one Price per row). Attributes are a JSON object with sorted
// keys; dates are YYYY-MM-DD; an empty tier_end means unbounded.
func DataFileColumns() []string {
	return []string{
		"provider", "service", "family", "region", "sku", "attributes",
		"purchase_option", "unit", "usd", "tier_start", "tier_end",
		"term_length", "term_purchase_option", "term_offering_class",
		"effective_date", "description",
	}
}

// dataFileWidth is the number of DataFileColumns, for the hot paths that
// only count them.
const dataFileWidth = 16

const dateLayout = "2006-01-02"

// DataFileWriter writes normalised price rows as gzip-compressed CSV.
type DataFileWriter struct {
	gz   *gzip.Writer
	csv  *csv.Writer
	rows int
}

// NewDataFileWriter starts a data file on w and writes its header.
func NewDataFileWriter(w io.Writer) (*DataFileWriter, error) {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("creating gzip writer: %w", err)
	}
	// A zero ModTime keeps the output byte-for-byte reproducible.
	gz.ModTime = time.Time{}
	cw := csv.NewWriter(gz)
	if err := cw.Write(DataFileColumns()); err != nil {
		return nil, fmt.Errorf("writing header: %w", err)
	}
	return &DataFileWriter{gz: gz, csv: cw}, nil
}

// Write appends one price row; a row the reader would reject is refused.
func (w *DataFileWriter) Write(p Price) error {
	if err := validatePrice(p); err != nil {
		return fmt.Errorf("row %d: %w", w.rows+1, err)
	}
	attrs, err := marshalAttributes(p.Attributes)
	if err != nil {
		return err
	}
	tierEnd := ""
	if p.TierEnd.Valid {
		tierEnd = p.TierEnd.Decimal.String()
	}
	rec := []string{
		p.Provider, p.Service, p.Family, p.Region, p.SKU, attrs,
		p.PurchaseOption, p.Unit, p.USD.String(), p.TierStart.String(), tierEnd,
		p.TermLength, p.TermPurchaseOption, p.TermOfferingClass,
		p.EffectiveDate.Format(dateLayout), p.Description,
	}
	if err := w.csv.Write(rec); err != nil {
		return fmt.Errorf("writing row %d: %w", w.rows+1, err)
	}
	w.rows++
	return nil
}

// Close flushes the CSV and gzip streams; it does not close the underlying writer.
func (w *DataFileWriter) Close() error {
	w.csv.Flush()
	if err := w.csv.Error(); err != nil {
		return fmt.Errorf("flushing csv: %w", err)
	}
	if err := w.gz.Close(); err != nil {
		return fmt.Errorf("closing gzip: %w", err)
	}
	return nil
}

// marshalAttributes encodes attributes as JSON with sorted keys (encoding/json
// sorts map keys), so files are stable.
func marshalAttributes(attrs map[string]string) (string, error) {
	if len(attrs) == 0 {
		return "{}", nil
	}
	b, err := json.Marshal(attrs)
	if err != nil {
		return "", fmt.Errorf("encoding attributes: %w", err)
	}
	return string(b), nil
}

// DataFileReader reads a normalised price file row by row.
type DataFileReader struct {
	name string
	gz   *gzip.Reader
	csv  *csv.Reader
	line int
}

// NewDataFileReader opens a data file; name is used in error messages.
func NewDataFileReader(name string, r io.Reader) (*DataFileReader, error) {
	gz, err := gzip.NewReader(bufio.NewReader(r))
	if err != nil {
		return nil, fmt.Errorf("%s: opening gzip: %w", name, err)
	}
	cr := csv.NewReader(gz)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: reading header: %w", name, err)
	}
	if err := checkColumns(name, header); err != nil {
		return nil, err
	}
	return &DataFileReader{name: name, gz: gz, csv: cr, line: 1}, nil
}

// checkColumns checks the header of data file name.
func checkColumns(name string, header []string) error {
	columns := DataFileColumns()
	if len(header) != len(columns) {
		return fmt.Errorf("%s: header has %d columns, want %d", name, len(header), len(columns))
	}
	for i, c := range columns {
		if header[i] != c {
			return fmt.Errorf("%s: header column %d is %q, want %q", name, i+1, header[i], c)
		}
	}
	return nil
}

// Read returns the next row, or io.EOF after the last one.
func (r *DataFileReader) Read() (Price, error) {
	rec, line, err := r.readRecord()
	if err != nil {
		return Price{}, err
	}
	p, err := parseRecord(rec, parseAttributes)
	if err != nil {
		return Price{}, fmt.Errorf("%s: line %d: %w", r.name, line, err)
	}
	return p, nil
}

// readRecord returns the next raw record (valid until the next call) and its
// line number, or io.EOF after the last one.
func (r *DataFileReader) readRecord() ([]string, int, error) {
	rec, err := r.csv.Read()
	if errors.Is(err, io.EOF) {
		return nil, r.line, io.EOF
	}
	r.line++
	if err != nil {
		return nil, r.line, fmt.Errorf("%s: line %d: %w", r.name, r.line, err)
	}
	return rec, r.line, nil
}

func parseAttributes(s string) (map[string]string, error) {
	if s == "" || s == "{}" {
		return nil, nil
	}
	if !validText(s) {
		return nil, errors.New("attributes: not valid UTF-8 text")
	}
	if m, ok := parseFlatObject(s); ok {
		return m, nil
	}
	var m map[string]string
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, fmt.Errorf("attributes: %w", err)
	}
	if m == nil {
		return nil, errors.New("attributes: want a JSON object")
	}
	return m, nil
}

// Close releases the gzip reader.
func (r *DataFileReader) Close() error { return r.gz.Close() }

// zeroTier is the tier start of almost every row, parsed once (decimals are immutable).
var zeroTier = decimal.RequireFromString("0")

// parseRecord turns one CSV record into a Price; attrs decodes the attributes
// column (the memory catalog passes a caching decoder).
func parseRecord(rec []string, attrs func(string) (map[string]string, error)) (Price, error) {
	p := Price{
		Provider: rec[0], Service: rec[1], Family: rec[2], Region: rec[3], SKU: rec[4],
		PurchaseOption: rec[6], Unit: rec[7],
		TermLength: rec[11], TermPurchaseOption: rec[12], TermOfferingClass: rec[13],
		Description: rec[15],
	}
	var err error
	if p.Attributes, err = attrs(rec[5]); err != nil {
		return Price{}, err
	}
	if p.USD, err = decimal.NewFromString(rec[8]); err != nil {
		return Price{}, fmt.Errorf("usd %q: %w", rec[8], err)
	}
	if rec[9] == "0" {
		p.TierStart = zeroTier
	} else if p.TierStart, err = decimal.NewFromString(rec[9]); err != nil {
		return Price{}, fmt.Errorf("tier_start %q: %w", rec[9], err)
	}
	if rec[10] != "" {
		d, err := decimal.NewFromString(rec[10])
		if err != nil {
			return Price{}, fmt.Errorf("tier_end %q: %w", rec[10], err)
		}
		p.TierEnd = decimal.NewNullDecimal(d)
	}
	if p.EffectiveDate, err = time.Parse(dateLayout, rec[14]); err != nil {
		return Price{}, fmt.Errorf("effective_date %q: %w", rec[14], err)
	}
	if err := validatePrice(p); err != nil {
		return Price{}, err
	}
	return p, nil
}

// parseFlatObject decodes the common form of the attributes column, a JSON
// object of plain strings without escapes, much faster than encoding/json;
// anything else (escapes, spaces, other types, errors) reports !ok and is
// left to encoding/json, so both give the same result.
func parseFlatObject(s string) (map[string]string, bool) {
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return nil, false
	}
	m := make(map[string]string, strings.Count(s, ":"))
	i := 1
	str := func() (string, bool) {
		if i >= len(s) || s[i] != '"' {
			return "", false
		}
		j := i + 1
		for j < len(s) && s[j] != '"' {
			if s[j] == '\\' || s[j] < 0x20 {
				return "", false
			}
			j++
		}
		if j >= len(s) {
			return "", false
		}
		v := s[i+1 : j]
		i = j + 1
		return v, true
	}
	for {
		k, ok := str()
		if !ok || i >= len(s) || s[i] != ':' {
			return nil, false
		}
		i++
		v, ok := str()
		if !ok || i >= len(s) {
			return nil, false
		}
		m[k] = v
		switch s[i] {
		case ',':
			i++
		case '}':
			if i != len(s)-1 {
				return nil, false
			}
			return m, true
		default:
			return nil, false
		}
	}
}

// validatePrice checks what the format requires of a row (pricing-data/FORMAT.md).
func validatePrice(p Price) error {
	for _, f := range []struct{ name, value string }{
		{"provider", p.Provider}, {"service", p.Service}, {"sku", p.SKU},
		{"purchase_option", p.PurchaseOption}, {"unit", p.Unit},
	} {
		if f.value == "" {
			return fmt.Errorf("%s is required", f.name)
		}
	}
	for _, f := range []struct{ name, value string }{
		{"provider", p.Provider}, {"service", p.Service}, {"family", p.Family}, {"region", p.Region},
		{"sku", p.SKU}, {"purchase_option", p.PurchaseOption}, {"unit", p.Unit},
		{"term_length", p.TermLength}, {"term_purchase_option", p.TermPurchaseOption},
		{"term_offering_class", p.TermOfferingClass}, {"description", p.Description},
	} {
		if !validText(f.value) {
			return fmt.Errorf("%s %q is not valid UTF-8 text", f.name, f.value)
		}
	}
	for k, v := range p.Attributes {
		if !validText(k) || !validText(v) {
			return fmt.Errorf("attribute %q=%q is not valid UTF-8 text", k, v)
		}
	}
	if p.USD.IsNegative() {
		return fmt.Errorf("usd %s is negative", p.USD)
	}
	if p.TierStart.IsNegative() {
		return fmt.Errorf("tier_start %s is negative", p.TierStart)
	}
	if p.TierEnd.Valid && !p.TierEnd.Decimal.GreaterThan(p.TierStart) {
		return fmt.Errorf("tier_end %s is not above tier_start %s", p.TierEnd.Decimal, p.TierStart)
	}
	if p.EffectiveDate.IsZero() {
		return errors.New("effective_date is required")
	}
	return nil
}

// validText is what Postgres text and jsonb accept: UTF-8 without NUL.
func validText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// SortPrices orders rows canonically so that a rebuilt file is byte-identical:
// by product, then purchase option, unit, tier (numerically), term, and
// finally every other column, so no two different rows tie.
func SortPrices(ps []Price) {
	sort.SliceStable(ps, func(i, j int) bool { return comparePrices(&ps[i], &ps[j]) < 0 })
}

func comparePrices(a, b *Price) int {
	for _, c := range [][2]string{
		{a.Provider, b.Provider}, {a.Service, b.Service}, {a.Family, b.Family},
		{a.Region, b.Region}, {a.SKU, b.SKU}, {a.PurchaseOption, b.PurchaseOption}, {a.Unit, b.Unit},
	} {
		if c := strings.Compare(c[0], c[1]); c != 0 {
			return c
		}
	}
	if c := a.TierStart.Cmp(b.TierStart); c != 0 {
		return c
	}
	for _, c := range [][2]string{
		{a.TermLength, b.TermLength}, {a.TermPurchaseOption, b.TermPurchaseOption},
		{a.TermOfferingClass, b.TermOfferingClass},
	} {
		if c := strings.Compare(c[0], c[1]); c != 0 {
			return c
		}
	}
	// Ties are rare (the same SKU with other attributes, dates or prices).
	if c := compareAttributes(a.Attributes, b.Attributes); c != 0 {
		return c
	}
	if c := a.EffectiveDate.Compare(b.EffectiveDate); c != 0 {
		return c
	}
	if c := a.USD.Cmp(b.USD); c != 0 {
		return c
	}
	if c := compareTierEnd(a.TierEnd, b.TierEnd); c != 0 {
		return c
	}
	return strings.Compare(a.Description, b.Description)
}

func compareAttributes(a, b map[string]string) int {
	ja, _ := marshalAttributes(a)
	jb, _ := marshalAttributes(b)
	return strings.Compare(ja, jb)
}

// compareTierEnd orders bounded tiers before the unbounded one.
func compareTierEnd(a, b decimal.NullDecimal) int {
	switch {
	case a.Valid && b.Valid:
		return a.Decimal.Cmp(b.Decimal)
	case a.Valid:
		return -1
	case b.Valid:
		return 1
	}
	return 0
}
