package perf

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
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
// ones. A build in progress is serialised by an advisory lock.
func CatalogDatabase(tb testing.TB) string {
	tb.Helper()
	ctx := context.Background()
	tpl := dbtest.Template(tb)
	sum, err := dataHash(pricingdata.FS())
	if err != nil {
		tb.Fatal(err)
	}
	name := "costgate_bench_" + tpl[len("costgate_tpl_"):] + "_" + sum
	admin, err := pgx.Connect(ctx, dbtest.ServerURL())
	if err != nil {
		tb.Fatalf("connecting to test server: %v", err)
	}
	defer admin.Close(ctx)
	lock := int64(binary.BigEndian.Uint64([]byte(sum[:8])))
	if _, err := admin.Exec(ctx, "SELECT pg_advisory_lock($1)", lock); err != nil {
		tb.Fatalf("locking catalog build: %v", err)
	}
	defer admin.Exec(ctx, "SELECT pg_advisory_unlock($1)", lock) //nolint:errcheck
	var exists bool
	if err := admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		tb.Fatalf("looking for the catalog database: %v", err)
	}
	if exists {
		return dbtest.URLFor(tb, name)
	}
	building := name + "_building"
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{building}.Sanitize()+" WITH (FORCE)"); err != nil {
		tb.Fatalf("dropping a stale catalog database: %v", err)
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{building}.Sanitize()+" TEMPLATE "+pgx.Identifier{tpl}.Sanitize()); err != nil {
		tb.Fatalf("creating the catalog database: %v", err)
	}
	pool, err := pgxpool.New(ctx, dbtest.URLFor(tb, building))
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := pricing.Load(ctx, pool, pricingdata.FS()); err != nil {
		pool.Close()
		tb.Fatalf("loading the embedded prices: %v", err)
	}
	_, err = pool.Exec(ctx, "ANALYZE")
	pool.Close()
	if err != nil {
		tb.Fatalf("analysing the catalog: %v", err)
	}
	if _, err := admin.Exec(ctx, "ALTER DATABASE "+pgx.Identifier{building}.Sanitize()+" RENAME TO "+pgx.Identifier{name}.Sanitize()); err != nil {
		tb.Fatalf("renaming the catalog database: %v", err)
	}
	dropStaleCatalogs(ctx, tb, admin, name)
	return dbtest.URLFor(tb, name)
}

// dropStaleCatalogs removes the catalog databases of older migrations or
// price data, so that only the current one stays on the server.
func dropStaleCatalogs(ctx context.Context, tb testing.TB, admin *pgx.Conn, current string) {
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
	cfg, err := pgxpool.ParseConfig(CatalogDatabase(tb))
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
