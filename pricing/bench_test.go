package pricing

import (
	"context"
	"io"
	"io/fs"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/dbtest"
	pricingdata "github.com/costgate/costgate/pricing-data"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Benchmarks run on the full embedded catalog (pricing-data/data), or on
// the directory named by COSTGATE_BENCH_DATA:
//
//	go test ./pricing -run '^$' -bench . -benchtime 3x

func benchData(b *testing.B) (fs.FS, int) {
	b.Helper()
	fsys := pricingdata.FS()
	if dir := os.Getenv("COSTGATE_BENCH_DATA"); dir != "" {
		fsys = os.DirFS(dir)
	}
	files, err := ListDataDir(fsys)
	if err != nil {
		b.Fatal(err)
	}
	rows := 0
	for _, df := range files {
		src, err := ReadSource(fsys, df)
		if err != nil {
			b.Fatal(err)
		}
		rows += src.Rows
	}
	if rows == 0 {
		b.Fatal("no price data to benchmark with")
	}
	return fsys, rows
}

func benchPool(b *testing.B) *pgxpool.Pool {
	b.Helper()
	pool, err := pgxpool.New(context.Background(), dbtest.NewDB(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(pool.Close)
	return pool
}

// BenchmarkLoad measures Load (both COPY passes, indexes, constraints, one
// transaction per source) into an empty catalog, in rows per second.
func BenchmarkLoad(b *testing.B) {
	fsys, rows := benchData(b)
	pool := benchPool(b)
	ctx := context.Background()
	var elapsed time.Duration
	for b.Loop() {
		b.StopTimer()
		if _, err := pool.Exec(ctx, "TRUNCATE price_sources, price_products, prices, price_attribute_stats"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		if _, err := Load(ctx, pool, fsys); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
	}
	b.ReportMetric(float64(rows)*float64(b.N)/elapsed.Seconds(), "rows/s")
}

// BenchmarkPlainCopy is Load's baseline: the same files parsed the same way
// and COPYed once into a bare table with no index or constraint.
func BenchmarkPlainCopy(b *testing.B) {
	fsys, rows := benchData(b)
	pool := benchPool(b)
	ctx := context.Background()
	if _, err := pool.Exec(ctx, `CREATE TABLE bare_prices (
		provider text, service text, family text, region text, sku text, attributes jsonb,
		purchase_option text, unit text, usd numeric, tier_start numeric, tier_end numeric,
		term_length text, term_purchase_option text, term_offering_class text, effective_date date, description text)`); err != nil {
		b.Fatal(err)
	}
	columns := []string{"provider", "service", "family", "region", "sku", "attributes", "purchase_option", "unit", "usd",
		"tier_start", "tier_end", "term_length", "term_purchase_option", "term_offering_class", "effective_date", "description"}
	var elapsed time.Duration
	for b.Loop() {
		b.StopTimer()
		if _, err := pool.Exec(ctx, "TRUNCATE bare_prices"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		err := eachSource(fsys, func(df DataFile, src Source, r io.Reader) error {
			it, err := newRowIter(r, df, src, parseAttributes)
			if err != nil {
				return err
			}
			defer it.close()
			_, err = pool.CopyFrom(ctx, pgx.Identifier{"bare_prices"}, columns, pgx.CopyFromFunc(func() ([]any, error) {
				p, rec, _, err := it.next()
				if err == io.EOF {
					return nil, nil
				}
				if err != nil {
					return nil, err
				}
				tierEnd := numericOrNull(p)
				return []any{p.Provider, p.Service, p.Family, p.Region, p.SKU, rec[5], p.PurchaseOption, p.Unit,
					numeric(p.USD), numeric(p.TierStart), tierEnd, p.TermLength, p.TermPurchaseOption,
					p.TermOfferingClass, p.EffectiveDate, p.Description}, nil
			}))
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
	}
	b.ReportMetric(float64(rows)*float64(b.N)/elapsed.Seconds(), "rows/s")
}

// BenchmarkLookup10k resolves a batch of 10,000 estimator-shaped queries
// (products of the catalog with all their attributes, some unmatchable)
// against the full catalog: one query per batch (checked by TestCatalogContract).
func BenchmarkLookup10k(b *testing.B) {
	fsys, _ := benchData(b)
	prices, _, err := ReadDataDir(fsys)
	if err != nil {
		b.Fatal(err)
	}
	queries := randomQueries(prices, 10_000, 2, 0)
	ctx := context.Background()
	b.Run("postgres", func(b *testing.B) {
		pool := benchPool(b)
		if _, err := Load(ctx, pool, fsys); err != nil {
			b.Fatal(err)
		}
		if _, err := pool.Exec(ctx, "ANALYZE"); err != nil {
			b.Fatal(err)
		}
		benchLookup(b, NewPostgresCatalog(pool), queries)
	})
	b.Run("memory", func(b *testing.B) {
		c, err := LoadMemoryCatalog(fsys)
		if err != nil {
			b.Fatal(err)
		}
		benchLookup(b, c, queries)
	})
}

func benchLookup(b *testing.B, c Catalog, queries []Query) {
	ctx := context.Background()
	for b.Loop() {
		if _, err := c.Lookup(ctx, queries); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(queries))*float64(b.N)/b.Elapsed().Seconds(), "queries/s")
}

// BenchmarkLoadMemoryCatalog builds the in-memory catalog of `costgate
// estimate` from the data files; heap-MB is what the catalog keeps.
func BenchmarkLoadMemoryCatalog(b *testing.B) {
	fsys, rows := benchData(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadMemoryCatalog(fsys); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c, err := LoadMemoryCatalog(fsys)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	runtime.KeepAlive(c)
}
