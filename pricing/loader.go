package pricing

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"
)

// TxBeginner starts a transaction: *pgxpool.Pool, *pgx.Conn, or a pgx.Tx
// (then each source is loaded in a savepoint).
type TxBeginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// LoadStatus says what loading one source did.
type LoadStatus string

const (
	Loaded    LoadStatus = "loaded"    // the source's rows were replaced by the file's
	Unchanged LoadStatus = "unchanged" // the same file was already loaded: nothing done
	Failed    LoadStatus = "failed"    // nothing changed; Err says why
)

// LoadResult is the outcome of loading one source.
type LoadResult struct {
	Source   string
	Status   LoadStatus
	Rows     int // price rows of the source
	Products int // distinct products written (0 unless Loaded)
	Duration time.Duration
	Err      error
}

// loadLockID serialises catalog loads ("cgprices"), so two loaders of the
// same source cannot interleave their check and their write.
const loadLockID = 0x6367707269636573

// Load loads every source of a data directory into the catalog tables, each
// in its own transaction: a source's old rows are replaced by the file's at
// commit (readers see the old or the new rows, never a mix), and a source
// whose files have not changed since it was loaded is skipped. A failing
// source changes nothing; the others are still loaded, and the error joins
// every failure.
func Load(ctx context.Context, db TxBeginner, fsys fs.FS) ([]LoadResult, error) {
	files, err := ListDataDir(fsys)
	if err != nil {
		return nil, err
	}
	results := make([]LoadResult, 0, len(files))
	var errs []error
	for _, df := range files {
		res, err := LoadDataFile(ctx, db, fsys, df)
		if err != nil {
			errs = append(errs, err)
		}
		results = append(results, res)
		if ctx.Err() != nil {
			break
		}
	}
	return results, errors.Join(errs...)
}

// LoadDataFile loads one source atomically (see Load).
func LoadDataFile(ctx context.Context, db TxBeginner, fsys fs.FS, df DataFile) (LoadResult, error) {
	start := time.Now()
	res := LoadResult{Source: df.Name, Status: Failed}
	fail := func(err error) (LoadResult, error) {
		res.Err = fmt.Errorf("loading price source %s: %w", df.Name, err)
		res.Duration = time.Since(start)
		return res, res.Err
	}
	sidecar, err := fs.ReadFile(fsys, df.Sidecar)
	if err != nil {
		return fail(fmt.Errorf("reading %s: %w", df.Sidecar, err))
	}
	src, err := parseSource(df, sidecar)
	if err != nil {
		return fail(err)
	}
	res.Rows = src.Rows
	hash, err := contentHash(fsys, df, sidecar)
	if err != nil {
		return fail(err)
	}

	tx, err := db.Begin(ctx)
	if err != nil {
		return fail(fmt.Errorf("beginning transaction: %w", err))
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(loadLockID)); err != nil {
		return fail(fmt.Errorf("taking the catalog load lock: %w", err))
	}
	var oldHash string
	err = tx.QueryRow(ctx, "SELECT content_sha256 FROM price_sources WHERE name = $1", src.Name).Scan(&oldHash)
	switch {
	case err == nil && oldHash == hash:
		res.Status = Unchanged
		res.Duration = time.Since(start)
		return res, nil
	case err == nil:
		if err := deleteSource(ctx, tx, src.Name); err != nil {
			return fail(err)
		}
	case !errors.Is(err, pgx.ErrNoRows):
		return fail(fmt.Errorf("reading the loaded source: %w", err))
	}
	var sourceID int32
	if err := tx.QueryRow(ctx, `INSERT INTO price_sources
		(name, origin, licence, price_date, row_count, notes, built_with, content_sha256)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		src.Name, src.Origin, src.Licence, src.PriceDate, src.Rows, src.Notes, src.BuiltWith, hash,
	).Scan(&sourceID); err != nil {
		return fail(fmt.Errorf("recording the source: %w", err))
	}
	products, values, err := copyProducts(ctx, tx, fsys, df, src, sourceID)
	if err != nil {
		return fail(err)
	}
	if err := copyPrices(ctx, tx, fsys, df, src, sourceID, products); err != nil {
		return fail(err)
	}
	if err := copyAttributeValues(ctx, tx, sourceID, values); err != nil {
		return fail(err)
	}
	// COPY fills the GIN index's pending list, which every lookup would scan
	// until autovacuum merges it: merge it now, before readers see the rows.
	if _, err := tx.Exec(ctx, "SELECT gin_clean_pending_list('price_products_key_idx'::regclass)"); err != nil {
		return fail(fmt.Errorf("merging the lookup index: %w", err))
	}
	if err := tx.Commit(ctx); err != nil {
		return fail(fmt.Errorf("committing: %w", err))
	}
	res.Status = Loaded
	res.Products = len(products)
	res.Duration = time.Since(start)
	return res, nil
}

// contentHash is the SHA-256 of the sidecar, a zero byte and the data file.
func contentHash(fsys fs.FS, df DataFile, sidecar []byte) (string, error) {
	f, err := fsys.Open(df.Rows)
	if err != nil {
		return "", fmt.Errorf("opening %s: %w", df.Rows, err)
	}
	defer f.Close()
	h := sha256.New()
	h.Write(sidecar)
	h.Write([]byte{0})
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("reading %s: %w", df.Rows, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// refOf is the identity of a record's product within one file: its
// columns, with the attributes as their JSON text.
func refOf(rec []string) productKey {
	return productKey{rec[0], rec[1], rec[2], rec[3], rec[4], rec[5]}
}

// withRows opens the data file and runs fn over a row iterator.
func withRows(fsys fs.FS, df DataFile, src Source, fn func(it *rowIter) error) error {
	f, err := fsys.Open(df.Rows)
	if err != nil {
		return fmt.Errorf("opening %s: %w", df.Rows, err)
	}
	defer f.Close()
	it, err := newRowIter(f, df, src, parseAttributes)
	if err != nil {
		return err
	}
	defer it.close()
	return fn(it)
}

var productColumns = []string{"source_id", "product_no", "provider", "service", "family", "region", "sku", "attributes"}

// copyProducts is the first pass over the file: it validates every row and
// COPYs each product at its first appearance, numbering them from 1.
func copyProducts(ctx context.Context, tx pgx.Tx, fsys fs.FS, df DataFile, src Source, sourceID int32) (map[productKey]int32, attributeValues, error) {
	products := map[productKey]int32{}
	values := attributeValues{}
	err := withRows(fsys, df, src, func(it *rowIter) error {
		next := func() ([]any, error) {
			for {
				p, rec, _, err := it.next()
				if errors.Is(err, io.EOF) {
					return nil, nil
				}
				if err != nil {
					return nil, err
				}
				ref := refOf(rec)
				if _, seen := products[ref]; seen {
					continue
				}
				no := int32(len(products) + 1)
				products[ref] = no
				values.add(p)
				attrs := ref.attrs
				if attrs == "" {
					attrs = "{}"
				}
				return []any{sourceID, no, ref.provider, ref.service, ref.family, ref.region, ref.sku, attrs}, nil
			}
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"price_products"}, productColumns, pgx.CopyFromFunc(next)); err != nil {
			return fmt.Errorf("copying products: %w", err)
		}
		return nil
	})
	return products, values, err
}

// attributeValues collects the distinct values of each attribute key per
// provider/service/region of one source, for price_attribute_stats.
type attributeValues map[attributeKey]map[string]struct{}

type attributeKey struct{ provider, service, region, key string }

func (v attributeValues) add(p Price) {
	for k, val := range p.Attributes {
		ak := attributeKey{p.Provider, p.Service, p.Region, k}
		set := v[ak]
		if set == nil {
			set = map[string]struct{}{}
			v[ak] = set
		}
		set[val] = struct{}{}
	}
}

var priceColumns = []string{"source_id", "product_no", "line", "purchase_option", "unit", "usd", "tier_start", "tier_end",
	"term_length", "term_purchase_option", "term_offering_class", "effective_date", "description"}

// copyPrices is the second pass: it COPYs every row into prices.
func copyPrices(ctx context.Context, tx pgx.Tx, fsys fs.FS, df DataFile, src Source, sourceID int32, products map[productKey]int32) error {
	return withRows(fsys, df, src, func(it *rowIter) error {
		next := func() ([]any, error) {
			p, rec, line, err := it.next()
			if errors.Is(err, io.EOF) {
				return nil, nil
			}
			if err != nil {
				return nil, err
			}
			no, ok := products[refOf(rec)]
			if !ok {
				return nil, fmt.Errorf("%s: line %d: product changed between passes (file modified while loading?)", df.Rows, line)
			}
			return []any{sourceID, no, int32(line), p.PurchaseOption, p.Unit, numeric(p.USD), numeric(p.TierStart), numericOrNull(p),
				p.TermLength, p.TermPurchaseOption, p.TermOfferingClass, p.EffectiveDate, p.Description}, nil
		}
		n, err := tx.CopyFrom(ctx, pgx.Identifier{"prices"}, priceColumns, pgx.CopyFromFunc(next))
		if err != nil {
			return fmt.Errorf("copying prices: %w", err)
		}
		if int(n) != src.Rows {
			return fmt.Errorf("copied %d prices, want %d", n, src.Rows)
		}
		return nil
	})
}

// numeric converts exactly, keeping the number's scale as written.
func numeric(d decimal.Decimal) pgtype.Numeric {
	return pgtype.Numeric{Int: d.Coefficient(), Exp: d.Exponent(), Valid: true}
}

// numericOrNull is the tier end, NULL when unbounded.
func numericOrNull(p Price) pgtype.Numeric {
	if !p.TierEnd.Valid {
		return pgtype.Numeric{}
	}
	return numeric(p.TierEnd.Decimal)
}

// deleteSource removes a source and all its rows (prices have no foreign
// key, so they are deleted explicitly; products cascade).
func deleteSource(ctx context.Context, tx pgx.Tx, name string) error {
	if _, err := tx.Exec(ctx, `DELETE FROM prices WHERE source_id = (SELECT id FROM price_sources WHERE name = $1)`, name); err != nil {
		return fmt.Errorf("removing the previous prices: %w", err)
	}
	if _, err := tx.Exec(ctx, "DELETE FROM price_sources WHERE name = $1", name); err != nil {
		return fmt.Errorf("removing the previous source: %w", err)
	}
	return nil
}

// copyAttributeValues records the number of distinct values of each
// attribute key of the source's products per provider/service/region
// (migration 0011: the lookup probes the index with the most selective
// attribute). The counts go with the source: deleted with it.
func copyAttributeValues(ctx context.Context, tx pgx.Tx, sourceID int32, values attributeValues) error {
	rows := make([][]any, 0, len(values))
	for k, set := range values {
		rows = append(rows, []any{sourceID, k.provider, k.service, k.region, k.key, int32(len(set))})
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"price_attribute_stats"},
		[]string{"source_id", "provider", "service", "region", "key", "distinct_values"}, pgx.CopyFromRows(rows))
	if err != nil {
		return fmt.Errorf("copying attribute statistics: %w", err)
	}
	return nil
}
