package perf

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"testing"

	"github.com/costgate/costgate/internal/dbtest"
	"github.com/costgate/costgate/pricing"
	pricingdata "github.com/costgate/costgate/pricing-data"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// CatalogDatabase returns the URL of a database migrated and loaded with the
// embedded pricing-data (≈431k rows), built once and kept on the test server
// (≈170 MB) under a name carrying the migrations' and the data's hashes, so
// repeated benchmark runs skip the load; building a new one drops the stale
// ones. A build in progress is serialised by dbtest.Ensure's advisory lock.
func CatalogDatabase(tb testing.TB) string {
	tb.Helper()
	return dbtest.URLFor(tb, catalogName(tb))
}

// catalogName is CatalogDatabase's database name, built if missing.
func catalogName(tb testing.TB) string {
	tb.Helper()
	ctx := context.Background()
	tpl := dbtest.Template(tb)
	sum, err := dataHash(pricingdata.FS())
	if err != nil {
		tb.Fatal(err)
	}
	name := "costgate_bench_" + tpl[len("costgate_tpl_"):] + "_" + sum
	built, err := dbtest.Ensure(ctx, name, tpl, func(ctx context.Context, pool *pgxpool.Pool) error {
		if _, err := pricing.Load(ctx, pool, pricingdata.FS()); err != nil {
			return fmt.Errorf("loading the embedded prices: %w", err)
		}
		if _, err := pool.Exec(ctx, "ANALYZE"); err != nil {
			return fmt.Errorf("analysing the catalog: %w", err)
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("building the catalog database: %v", err)
	}
	if built {
		dropStaleCatalogs(ctx, tb, name)
	}
	return name
}

// dropStaleCatalogs removes the catalog databases of older migrations or
// price data, so that only the current one stays on the server.
func dropStaleCatalogs(ctx context.Context, tb testing.TB, current string) {
	admin, err := pgx.Connect(ctx, dbtest.ServerURL())
	if err != nil {
		tb.Logf("dropping stale catalog databases: %v", err)
		return
	}
	defer admin.Close(ctx)
	rows, err := admin.Query(ctx, `SELECT datname FROM pg_database WHERE datname ~ '^costgate_bench_[0-9a-f]{12}_[0-9a-f]{12}$' AND datname <> $1`, current)
	if err != nil {
		tb.Logf("listing stale catalog databases: %v", err)
		return
	}
	stale, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		tb.Logf("listing stale catalog databases: %v", err)
		return
	}
	for _, db := range stale {
		if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{db}.Sanitize()+" WITH (FORCE)"); err != nil {
			tb.Logf("dropping stale catalog database %s: %v", db, err)
		}
	}
}

// CatalogPool opens a pool on CatalogDatabase with the round-trip counter
// installed, closed at cleanup.
func CatalogPool(tb testing.TB, rt *RoundTrips) *pgxpool.Pool {
	tb.Helper()
	return TracedPool(tb, CatalogDatabase(tb), rt)
}

// TracedPool opens a pool on url with the round-trip counter rt (if not nil)
// installed, closed at cleanup.
func TracedPool(tb testing.TB, url string, rt *RoundTrips) *pgxpool.Pool {
	tb.Helper()
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		tb.Fatal(err)
	}
	if rt != nil {
		cfg.ConnConfig.Tracer = rt
	}
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(pool.Close)
	return pool
}

// dataHash identifies the content of a pricing-data directory.
func dataHash(fsys fs.FS) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := fsys.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Fprintf(h, "%s\x00", path)
		_, err = io.Copy(h, f)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("hashing price data: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}
