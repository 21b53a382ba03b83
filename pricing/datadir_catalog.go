package pricing

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"

	pricingdata "github.com/costgate/costgate/pricing-data"
)

// DataDirCatalog answers from a data directory without loading all of it:
// each Lookup reads, once, only the rows of the provider/service/region
// buckets its queries name (a query can only match rows of its bucket), so
// pricing a plan touches a small part of the embedded ≈431k rows. Answers are
// those of LoadMemoryCatalog over the same directory (the contract test
// checks it). Safe for concurrent use.
type DataDirCatalog struct {
	fsys fs.FS

	mu     sync.Mutex
	loaded map[bucketKey]bool
	mem    *MemoryCatalog
}

// NewDataDirCatalog returns a catalog over the data directory fsys; nothing is
// read until the first Lookup.
func NewDataDirCatalog(fsys fs.FS) *DataDirCatalog {
	return &DataDirCatalog{fsys: fsys, loaded: map[bucketKey]bool{}}
}

// NewEmbeddedCatalog is the DataDirCatalog of the price data embedded in the
// binary: the catalog of `costgate estimate` without a database.
func NewEmbeddedCatalog() *DataDirCatalog { return NewDataDirCatalog(pricingdata.FS()) }

// Lookup loads the buckets the batch needs that are not loaded yet (one pass
// over the data files), then answers from memory.
func (c *DataDirCatalog) Lookup(ctx context.Context, queries []Query) ([]Answer, error) {
	mem, err := c.catalogFor(queries)
	if err != nil {
		return nil, err
	}
	return mem.Lookup(ctx, queries)
}

func (c *DataDirCatalog) catalogFor(queries []Query) (*MemoryCatalog, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	missing := false
	for _, q := range queries {
		k := bucketKey{q.Provider, q.Service, q.Region}
		if !c.loaded[k] {
			c.loaded[k] = true
			missing = true
		}
	}
	if !missing && c.mem != nil {
		return c.mem, nil
	}
	mem, err := loadBuckets(c.fsys, c.loaded)
	if err != nil {
		// Forget the attempt so that a later Lookup tries again.
		c.loaded, c.mem = map[bucketKey]bool{}, nil
		return nil, err
	}
	c.mem = mem
	return mem, nil
}

// loadBuckets builds a MemoryCatalog of every source of fsys (all sources, so
// that answers name them as the full catalog does) holding only the rows of
// the wanted buckets. Other rows are skipped on their first fields, before
// the CSV record is parsed.
func loadBuckets(fsys fs.FS, want map[bucketKey]bool) (*MemoryCatalog, error) {
	b := newMemoryBuilder()
	wanted := make(map[string]bool, len(want))
	for k := range want {
		wanted[string(bucketText(nil, []byte(k.provider), []byte(k.service), []byte(k.region)))] = true
	}
	err := eachSource(fsys, func(df DataFile, src Source, r io.Reader) error {
		rows, err := b.beginSource(df, src)
		if err != nil {
			return err
		}
		return eachWantedRecord(df, r, wanted, func(rec []string, line int) error {
			p, err := parseRecord(rec, rows.decodeAttributes)
			if err != nil {
				return fmt.Errorf("%s: line %d: %w", df.Rows, line, err)
			}
			rows.add(p)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("price data: %w", err)
	}
	return b.catalog(), nil
}

// eachWantedRecord calls fn with the parsed records of one data file whose
// provider, service and region form a wanted bucket. A record is found by
// its lines (a quoted field may span lines: a record ends when its quotes
// balance); its leading fields are read without a CSV parser when they are
// not quoted, which is how the data files write them.
func eachWantedRecord(df DataFile, r io.Reader, want map[string]bool, fn func(rec []string, line int) error) error {
	gz, err := gzip.NewReader(bufio.NewReaderSize(r, 64<<10))
	if err != nil {
		return fmt.Errorf("%s: opening gzip: %w", df.Rows, err)
	}
	defer gz.Close()
	br := bufio.NewReaderSize(gz, 256<<10)
	var (
		record, key []byte
		line        int // line of the record's first line
		next        = 1
	)
	for {
		chunk, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			record = append(record, chunk...)
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("%s: %w", df.Rows, err)
		}
		if len(record) == 0 {
			line = next
		}
		record = append(record, chunk...)
		next++
		if len(record) == 0 && errors.Is(err, io.EOF) {
			return nil
		}
		if bytes.Count(record, []byte{'"'})%2 == 1 && err == nil {
			continue // a quoted field goes on on the next line
		}
		if line == 1 {
			if err := checkHeader(df, record); err != nil {
				return err
			}
		} else if ferr := wantedRecord(df, record, &key, line, want, fn); ferr != nil {
			return ferr
		}
		record = record[:0]
		if errors.Is(err, io.EOF) {
			return nil
		}
	}
}

// wantedRecord parses one raw record and passes it on if its bucket is wanted.
func wantedRecord(df DataFile, raw []byte, key *[]byte, line int, want map[string]bool, fn func([]string, int) error) error {
	if f, ok := leadingFields(raw); ok {
		*key = bucketText((*key)[:0], f[0], f[1], f[3])
		if !want[string(*key)] {
			return nil
		}
	}
	rec, err := splitRecord(raw)
	if err != nil {
		return fmt.Errorf("%s: line %d: %w", df.Rows, line, err)
	}
	*key = bucketText((*key)[:0], []byte(rec[0]), []byte(rec[1]), []byte(rec[3]))
	if !want[string(*key)] {
		return nil
	}
	return fn(rec, line)
}

// leadingFields returns the first four fields of a raw record when none of
// them is quoted; ok is false otherwise and the caller parses the record.
func leadingFields(raw []byte) (fields [4][]byte, ok bool) {
	rest := raw
	for i := range fields {
		end := bytes.IndexByte(rest, ',')
		if end < 0 || bytes.IndexByte(rest[:end], '"') >= 0 {
			return fields, false
		}
		fields[i], rest = rest[:end], rest[end+1:]
	}
	return fields, true
}

// bucketText appends the look-up key of a bucket to dst.
func bucketText(dst, provider, service, region []byte) []byte {
	dst = append(dst, provider...)
	dst = append(dst, 0x1f)
	dst = append(dst, service...)
	dst = append(dst, 0x1f)
	return append(dst, region...)
}

// splitRecord parses one raw CSV record (RFC 4180, as encoding/csv reads
// the data files) into its fields; the fields share one string.
func splitRecord(raw []byte) ([]string, error) {
	raw = bytes.TrimSuffix(raw, []byte{'\n'})
	raw = bytes.TrimSuffix(raw, []byte{'\r'})
	text := string(raw)
	fields := make([]string, 0, dataFileWidth)
	for i := 0; ; {
		if i < len(text) && text[i] == '"' {
			var b strings.Builder
			j := i + 1
			for {
				q := strings.IndexByte(text[j:], '"')
				if q < 0 {
					return nil, errors.New(`extraneous or missing " in quoted-field`)
				}
				b.WriteString(text[j : j+q])
				j += q + 1
				if j < len(text) && text[j] == '"' {
					b.WriteByte('"')
					j++
					continue
				}
				break
			}
			fields = append(fields, b.String())
			if j == len(text) {
				break
			}
			if text[j] != ',' {
				return nil, errors.New(`extraneous or missing " in quoted-field`)
			}
			i = j + 1
			continue
		}
		end := strings.IndexByte(text[i:], ',')
		if end < 0 {
			end = len(text) - i
		}
		field := text[i : i+end]
		if strings.IndexByte(field, '"') >= 0 {
			return nil, errors.New(`bare " in non-quoted-field`)
		}
		fields = append(fields, field)
		i += end
		if i == len(text) {
			break
		}
		i++
		if i == len(text) {
			fields = append(fields, "")
			break
		}
	}
	if len(fields) != dataFileWidth {
		return nil, fmt.Errorf("record has %d fields, want %d", len(fields), dataFileWidth)
	}
	return fields, nil
}

// checkHeader checks a data file's header line.
func checkHeader(df DataFile, raw []byte) error {
	rec, err := csv.NewReader(bytes.NewReader(raw)).Read()
	if err != nil {
		return fmt.Errorf("%s: reading header: %w", df.Rows, err)
	}
	return checkColumns(df.Rows, rec)
}
