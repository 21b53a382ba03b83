package pricing

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	pricingdata "github.com/costgate/costgate/pricing-data"
)

const (
	dataFileSuffix = ".csv.gz"
	sidecarSuffix  = ".json"
)

// DataFile is one source of a data directory: <Name>.csv.gz and <Name>.json.
type DataFile struct {
	Name    string
	Rows    string // path of the gzip CSV in the directory
	Sidecar string // path of the JSON Source
}

// ListDataDir returns the sources of a data directory (its top level), in
// name order. Other files (README.md, …) are ignored; a data file without its
// sidecar, or a sidecar without its data file, is an error.
func ListDataDir(fsys fs.FS) ([]DataFile, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("listing price data: %w", err)
	}
	rows, sidecars := map[string]bool{}, map[string]bool{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		switch n := e.Name(); {
		case strings.HasSuffix(n, dataFileSuffix):
			rows[strings.TrimSuffix(n, dataFileSuffix)] = true
		case strings.HasSuffix(n, sidecarSuffix):
			sidecars[strings.TrimSuffix(n, sidecarSuffix)] = true
		}
	}
	var out []DataFile
	for name := range rows {
		if !sidecars[name] {
			return nil, fmt.Errorf("%s%s has no sidecar %s%s", name, dataFileSuffix, name, sidecarSuffix)
		}
		if !ValidSourceName(name) {
			return nil, fmt.Errorf("%s%s: %q is not a valid source name (lower-case letters, digits, '.', '_', '-')", name, dataFileSuffix, name)
		}
		out = append(out, DataFile{Name: name, Rows: name + dataFileSuffix, Sidecar: name + sidecarSuffix})
	}
	for name := range sidecars {
		if !rows[name] {
			return nil, fmt.Errorf("%s%s has no data file %s%s", name, sidecarSuffix, name, dataFileSuffix)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// ReadSource reads and checks a data file's sidecar.
func ReadSource(fsys fs.FS, df DataFile) (Source, error) {
	b, err := fs.ReadFile(fsys, df.Sidecar)
	if err != nil {
		return Source{}, fmt.Errorf("reading %s: %w", df.Sidecar, err)
	}
	return parseSource(df, b)
}

func parseSource(df DataFile, b []byte) (Source, error) {
	var s Source
	if err := json.Unmarshal(b, &s); err != nil {
		return Source{}, fmt.Errorf("%s: %w", df.Sidecar, err)
	}
	switch {
	case s.Name != df.Name:
		return Source{}, fmt.Errorf("%s: name is %q, want %q (the file name)", df.Sidecar, s.Name, df.Name)
	case s.Origin == "":
		return Source{}, fmt.Errorf("%s: origin is required", df.Sidecar)
	case s.Licence == "":
		return Source{}, fmt.Errorf("%s: licence is required", df.Sidecar)
	case s.PriceDate.IsZero():
		return Source{}, fmt.Errorf("%s: price_date is required", df.Sidecar)
	case s.Rows < 0:
		return Source{}, fmt.Errorf("%s: rows is negative", df.Sidecar)
	}
	return s, nil
}

// rowIter reads the rows of one data file in order and, at the end, checks
// their number against the sidecar.
type rowIter struct {
	dr    *DataFileReader
	df    DataFile
	src   Source
	attrs func(string) (map[string]string, error)
	n     int
}

func newRowIter(r io.Reader, df DataFile, src Source, attrs func(string) (map[string]string, error)) (*rowIter, error) {
	dr, err := NewDataFileReader(df.Rows, r)
	if err != nil {
		return nil, err
	}
	return &rowIter{dr: dr, df: df, src: src, attrs: attrs}, nil
}

// next returns the next row (its Source set), its raw record (valid until the
// next call) and its line; io.EOF after the last row. Errors name file and line.
func (it *rowIter) next() (Price, []string, int, error) {
	rec, line, err := it.dr.readRecord()
	if errors.Is(err, io.EOF) {
		if it.n != it.src.Rows {
			return Price{}, nil, line, fmt.Errorf("%s: has %d rows, its sidecar says %d", it.df.Rows, it.n, it.src.Rows)
		}
		return Price{}, nil, line, io.EOF
	}
	if err != nil {
		return Price{}, nil, line, err
	}
	p, err := parseRecord(rec, it.attrs)
	if err != nil {
		return Price{}, nil, line, fmt.Errorf("%s: line %d: %w", it.df.Rows, line, err)
	}
	p.Source = it.src.Name
	it.n++
	return p, rec, line, nil
}

func (it *rowIter) close() error { return it.dr.Close() }

// readRows streams the rows of one data file to emit.
func readRows(r io.Reader, df DataFile, src Source, attrs func(string) (map[string]string, error),
	emit func(p Price, rec []string, line int) error) error {
	it, err := newRowIter(r, df, src, attrs)
	if err != nil {
		return err
	}
	defer it.close()
	for {
		p, rec, line, err := it.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := emit(p, rec, line); err != nil {
			return fmt.Errorf("%s: line %d: %w", df.Rows, line, err)
		}
	}
}

// eachSource calls fn with every source of the directory and a reader of its rows.
func eachSource(fsys fs.FS, fn func(df DataFile, src Source, rows io.Reader) error) error {
	files, err := ListDataDir(fsys)
	if err != nil {
		return err
	}
	for _, df := range files {
		src, err := ReadSource(fsys, df)
		if err != nil {
			return err
		}
		f, err := fsys.Open(df.Rows)
		if err != nil {
			return fmt.Errorf("opening %s: %w", df.Rows, err)
		}
		err = fn(df, src, f)
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// ReadDataDir reads every source of a data directory: all rows (each with
// its Source name set) and the sources, in name order. Errors name the file
// and line.
func ReadDataDir(fsys fs.FS) ([]Price, []Source, error) {
	var (
		prices  []Price
		sources []Source
	)
	err := eachSource(fsys, func(df DataFile, src Source, r io.Reader) error {
		sources = append(sources, src)
		return readRows(r, df, src, parseAttributes, func(p Price, _ []string, _ int) error {
			prices = append(prices, p)
			return nil
		})
	})
	if err != nil {
		return nil, nil, err
	}
	return prices, sources, nil
}

// LoadMemoryCatalog builds a MemoryCatalog from a data directory, streaming
// the files (rows are not materialised as Price values).
func LoadMemoryCatalog(fsys fs.FS) (*MemoryCatalog, error) {
	b := newMemoryBuilder()
	err := eachSource(fsys, func(df DataFile, src Source, r io.Reader) error {
		rows, err := b.beginSource(df, src)
		if err != nil {
			return err
		}
		return readRows(r, df, src, rows.decodeAttributes, func(p Price, _ []string, _ int) error {
			rows.add(p)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return b.catalog(), nil
}

// LoadEmbeddedCatalog builds a MemoryCatalog from the price data embedded in
// the binary (pricing-data/data): the catalog of `costgate estimate` without
// a database.
func LoadEmbeddedCatalog() (*MemoryCatalog, error) {
	c, err := LoadMemoryCatalog(pricingdata.FS())
	if err != nil {
		return nil, fmt.Errorf("embedded price data: %w", err)
	}
	return c, nil
}

// WriteSource writes rows as the source src into dir: <name>.csv.gz (rows
// sorted with SortPrices) and <name>.json (src, with Rows set). Both files
// are written to temporary names first and renamed at the end, so a failure
// leaves any previous version in place. It returns the Source as written.
func WriteSource(dir string, src Source, rows []Price) (Source, error) {
	if !ValidSourceName(src.Name) {
		return Source{}, fmt.Errorf("%q is not a valid source name (lower-case letters, digits, '.', '_', '-')", src.Name)
	}
	SortPrices(rows)
	src.Rows = len(rows)
	dataPath := filepath.Join(dir, src.Name+dataFileSuffix)
	sidecarPath := filepath.Join(dir, src.Name+sidecarSuffix)
	dataTmp, err := writeTemp(dir, src.Name+dataFileSuffix, func(w io.Writer) error {
		dw, err := NewDataFileWriter(w)
		if err != nil {
			return err
		}
		for _, p := range rows {
			if err := dw.Write(p); err != nil {
				return fmt.Errorf("%s %s %s: %w", p.Service, p.Region, p.SKU, err)
			}
		}
		return dw.Close()
	})
	if err != nil {
		return Source{}, err
	}
	defer os.Remove(dataTmp)
	sidecarTmp, err := writeTemp(dir, src.Name+sidecarSuffix, func(w io.Writer) error {
		b, err := json.MarshalIndent(src, "", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	})
	if err != nil {
		return Source{}, err
	}
	defer os.Remove(sidecarTmp)
	if err := os.Rename(dataTmp, dataPath); err != nil {
		return Source{}, fmt.Errorf("writing %s: %w", dataPath, err)
	}
	if err := os.Rename(sidecarTmp, sidecarPath); err != nil {
		return Source{}, fmt.Errorf("writing %s: %w", sidecarPath, err)
	}
	return src, nil
}

// writeTemp writes a temporary file beside name in dir and returns its path.
func writeTemp(dir, name string, write func(io.Writer) error) (string, error) {
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("writing %s: %w", name, err)
	}
	bw := bufio.NewWriter(f)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("writing %s: %w", name, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("writing %s: %w", name, err)
	}
	return f.Name(), nil
}

// DedupePrices drops rows that repeat another row exactly (several input
// files often repeat a product's on-demand rate); two rows with the same
// product, price key and date but different prices are an error, since the
// catalog could not tell which is right.
func DedupePrices(rows []Price) ([]Price, error) {
	seen := make(map[string]int, len(rows))
	out := rows[:0:0]
	for _, p := range rows {
		attrs, err := marshalAttributes(p.Attributes)
		if err != nil {
			return nil, err
		}
		tierEnd := ""
		if p.TierEnd.Valid {
			tierEnd = p.TierEnd.Decimal.String()
		}
		key := strings.Join([]string{p.Provider, p.Service, p.Family, p.Region, p.SKU, attrs, p.PurchaseOption, p.Unit,
			p.TierStart.String(), tierEnd, p.TermLength, p.TermPurchaseOption, p.TermOfferingClass,
			p.EffectiveDate.Format(dateLayout)}, "\x1f")
		if i, dup := seen[key]; dup {
			if !out[i].USD.Equal(p.USD) {
				return nil, fmt.Errorf("%s %s %s %s %s: two prices, %s (%s) and %s (%s)", p.Service, p.Region, p.SKU,
					p.PurchaseOption, p.Unit, out[i].USD, out[i].Description, p.USD, p.Description)
			}
			continue
		}
		seen[key] = len(out)
		out = append(out, p)
	}
	return out, nil
}
