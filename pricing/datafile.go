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
	"time"

	"github.com/shopspring/decimal"
)

// DataFileColumns is the header of a normalised price file (CSV, gzip
// compressed, one Price per row). Attributes are a JSON object with sorted
// keys; dates are YYYY-MM-DD; an empty tier_end means unbounded.
var DataFileColumns = []string{
	"provider", "service", "family", "region", "sku", "attributes",
	"purchase_option", "unit", "usd", "tier_start", "tier_end",
	"term_length", "term_purchase_option", "term_offering_class",
	"effective_date", "description",
}

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
	if err := cw.Write(DataFileColumns); err != nil {
		return nil, fmt.Errorf("writing header: %w", err)
	}
	return &DataFileWriter{gz: gz, csv: cw}, nil
}

// Write appends one price row.
func (w *DataFileWriter) Write(p Price) error {
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

// Rows is the number of rows written so far.
func (w *DataFileWriter) Rows() int { return w.rows }

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
	if len(header) != len(DataFileColumns) {
		return nil, fmt.Errorf("%s: header has %d columns, want %d", name, len(header), len(DataFileColumns))
	}
	for i, c := range DataFileColumns {
		if header[i] != c {
			return nil, fmt.Errorf("%s: header column %d is %q, want %q", name, i+1, header[i], c)
		}
	}
	return &DataFileReader{name: name, gz: gz, csv: cr, line: 1}, nil
}

// Read returns the next row, or io.EOF after the last one.
func (r *DataFileReader) Read() (Price, error) {
	rec, err := r.csv.Read()
	if errors.Is(err, io.EOF) {
		return Price{}, io.EOF
	}
	r.line++
	if err != nil {
		return Price{}, fmt.Errorf("%s: line %d: %w", r.name, r.line, err)
	}
	p, err := parseRecord(rec)
	if err != nil {
		return Price{}, fmt.Errorf("%s: line %d: %w", r.name, r.line, err)
	}
	return p, nil
}

// Close releases the gzip reader.
func (r *DataFileReader) Close() error { return r.gz.Close() }

func parseRecord(rec []string) (Price, error) {
	p := Price{
		Provider: rec[0], Service: rec[1], Family: rec[2], Region: rec[3], SKU: rec[4],
		PurchaseOption: rec[6], Unit: rec[7],
		TermLength: rec[11], TermPurchaseOption: rec[12], TermOfferingClass: rec[13],
		Description: rec[15],
	}
	if p.Provider == "" || p.Service == "" {
		return Price{}, errors.New("provider and service are required")
	}
	if rec[5] != "" && rec[5] != "{}" {
		if err := json.Unmarshal([]byte(rec[5]), &p.Attributes); err != nil {
			return Price{}, fmt.Errorf("attributes: %w", err)
		}
	}
	var err error
	if p.USD, err = decimal.NewFromString(rec[8]); err != nil {
		return Price{}, fmt.Errorf("usd %q: %w", rec[8], err)
	}
	if p.USD.IsNegative() {
		return Price{}, fmt.Errorf("usd %q is negative", rec[8])
	}
	if p.TierStart, err = decimal.NewFromString(rec[9]); err != nil {
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
	return p, nil
}

// SortPrices orders rows canonically so that a rebuilt file is byte-identical.
func SortPrices(ps []Price) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		for _, c := range [][2]string{
			{a.Provider, b.Provider}, {a.Service, b.Service}, {a.Family, b.Family},
			{a.Region, b.Region}, {a.SKU, b.SKU}, {a.PurchaseOption, b.PurchaseOption},
			{a.Unit, b.Unit}, {a.TierStart.String(), b.TierStart.String()},
			{a.TermLength, b.TermLength}, {a.TermPurchaseOption, b.TermPurchaseOption},
			{a.TermOfferingClass, b.TermOfferingClass},
		} {
			if c[0] != c[1] {
				return c[0] < c[1]
			}
		}
		return false
	})
}
