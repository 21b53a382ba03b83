// Package dbtest gives tests a real, migrated Postgres database: a fresh
// database per test (NewDB) or a transaction rolled back at cleanup (Tx).
//
// Databases are cloned from a template that is built once per set of
// migrations (its name carries their hash), so a test pays only for a
// CREATE DATABASE ... TEMPLATE. The server is TEST_DATABASE_URL, by default
// postgres://postgres@127.0.0.1:5432/postgres.
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/costgate/costgate/migrations"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

const defaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// ServerURL is the admin connection string of the test server.
func ServerURL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return defaultURL
}

// URLFor returns the connection string of database name on the test server.
func URLFor(tb testing.TB, name string) string {
	tb.Helper()
	cfg, err := pgx.ParseConfig(ServerURL())
	if err != nil {
		tb.Fatalf("parsing TEST_DATABASE_URL: %v", err)
	}
	return fmt.Sprintf("postgres://%s@%s:%d/%s?sslmode=disable", cfg.User, cfg.Host, cfg.Port, name)
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// Template returns the name of the migrated template database, building it
// if this set of migrations has none yet.
func Template(tb testing.TB) string {
	tb.Helper()
	templateOnce.Do(func() { templateName, templateErr = buildTemplate(context.Background()) })
	if templateErr != nil {
		tb.Fatalf("preparing test database template: %v", templateErr)
	}
	return templateName
}

func migrationsHash() (string, error) {
	all, err := migrations.All()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, m := range all {
		fmt.Fprintf(h, "%d\x00%s\x00%s\x00", m.Version, m.Name, m.SQL)
	}
	// River's schema version is pinned by go.mod; its migrations ride along.
	h.Write([]byte(riverVersionMarker))
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// riverVersionMarker changes when river is upgraded, forcing a new template.
const riverVersionMarker = "river v0.51.2"

func buildTemplate(ctx context.Context) (string, error) {
	hash, err := migrationsHash()
	if err != nil {
		return "", err
	}
	name := "costgate_tpl_" + hash
	if _, err := Ensure(ctx, name, "", func(ctx context.Context, pool *pgxpool.Pool) error {
		return migrations.Up(ctx, pool, nil)
	}); err != nil {
		return "", fmt.Errorf("building template: %w", err)
	}
	return name, nil
}

// Ensure makes sure database name exists on the test server. When it is
// missing it is built under an advisory lock (concurrent test processes build
// it once): created as name_building from template ("" for an empty
// database), filled by fill, then renamed, so a half-built database is never
// taken for a finished one. It reports whether this call built it.
func Ensure(ctx context.Context, name, template string, fill func(context.Context, *pgxpool.Pool) error) (bool, error) {
	admin, err := pgx.Connect(ctx, ServerURL())
	if err != nil {
		return false, fmt.Errorf("connecting to test server (is Postgres running? set TEST_DATABASE_URL): %w", err)
	}
	defer admin.Close(ctx)
	sum := sha256.Sum256([]byte(name))
	lock := int64(binary.BigEndian.Uint64(sum[:8]))
	if _, err := admin.Exec(ctx, "SELECT pg_advisory_lock($1)", lock); err != nil {
		return false, fmt.Errorf("locking the build of %s: %w", name, err)
	}
	defer admin.Exec(ctx, "SELECT pg_advisory_unlock($1)", lock) //nolint:errcheck
	var exists bool
	if err := admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return false, fmt.Errorf("looking for %s: %w", name, err)
	}
	if exists {
		return false, nil
	}
	building := name + "_building"
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{building}.Sanitize()+" WITH (FORCE)"); err != nil {
		return false, fmt.Errorf("dropping a stale %s: %w", building, err)
	}
	create := "CREATE DATABASE " + pgx.Identifier{building}.Sanitize()
	if template != "" {
		create += " TEMPLATE " + pgx.Identifier{template}.Sanitize()
	}
	if _, err := admin.Exec(ctx, create); err != nil {
		return false, fmt.Errorf("creating %s: %w", building, err)
	}
	pool, err := pgxpool.New(ctx, urlFromServer(building))
	if err != nil {
		return false, fmt.Errorf("connecting to %s: %w", building, err)
	}
	err = fill(ctx, pool)
	pool.Close()
	if err != nil {
		return false, fmt.Errorf("filling %s: %w", building, err)
	}
	if _, err := admin.Exec(ctx, "ALTER DATABASE "+pgx.Identifier{building}.Sanitize()+" RENAME TO "+pgx.Identifier{name}.Sanitize()); err != nil {
		return false, fmt.Errorf("renaming %s: %w", building, err)
	}
	return true, nil
}

func urlFromServer(db string) string {
	cfg, err := pgx.ParseConfig(ServerURL())
	if err != nil {
		return ServerURL()
	}
	return fmt.Sprintf("postgres://%s@%s:%d/%s?sslmode=disable", cfg.User, cfg.Host, cfg.Port, db)
}

// NewDB creates a fresh migrated database for this test, dropped at cleanup,
// and returns its URL.
func NewDB(tb testing.TB) string {
	tb.Helper()
	return NewDBFrom(tb, Template(tb))
}

// NewDBFrom creates a fresh database for this test copied from the database
// template on the test server, dropped at cleanup, and returns its URL.
func NewDBFrom(tb testing.TB, template string) string {
	tb.Helper()
	ctx := context.Background()
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "costgate_t_" + hex.EncodeToString(b[:])
	admin, err := pgx.Connect(ctx, ServerURL())
	if err != nil {
		tb.Fatalf("connecting to test server: %v", err)
	}
	defer admin.Close(ctx)
	// A concurrent clone of the same template briefly holds it; retry.
	for attempt := 0; ; attempt++ {
		_, err = admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+" TEMPLATE "+pgx.Identifier{template}.Sanitize())
		if err == nil || attempt == 100 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		tb.Fatalf("creating test database from %s: %v", template, err)
	}
	tb.Cleanup(func() {
		ctx := context.Background()
		admin, err := pgx.Connect(ctx, ServerURL())
		if err != nil {
			tb.Errorf("dropping test database: %v", err)
			return
		}
		defer admin.Close(ctx)
		if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			tb.Errorf("dropping test database %s: %v", name, err)
		}
	})
	return urlFromServer(name)
}

// NewPool creates a fresh migrated database and a pool on it, both closed at
// cleanup.
func NewPool(tb testing.TB) *pgxpool.Pool {
	tb.Helper()
	pool, err := pgxpool.New(context.Background(), NewDB(tb))
	if err != nil {
		tb.Fatalf("connecting to test database: %v", err)
	}
	tb.Cleanup(pool.Close)
	return pool
}

var (
	sharedOnce sync.Once
	sharedPool *pgxpool.Pool
	sharedErr  error
)

// Tx returns a transaction on a migrated database shared by the tests of
// this process, rolled back at cleanup, so tests see only their own writes.
func Tx(tb testing.TB) pgx.Tx {
	tb.Helper()
	tpl := Template(tb)
	sharedOnce.Do(func() {
		ctx := context.Background()
		var b [6]byte
		_, _ = rand.Read(b[:])
		name := "costgate_s_" + hex.EncodeToString(b[:])
		admin, err := pgx.Connect(ctx, ServerURL())
		if err != nil {
			sharedErr = err
			return
		}
		defer admin.Close(ctx)
		if _, err := admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+" TEMPLATE "+pgx.Identifier{tpl}.Sanitize()); err != nil {
			sharedErr = err
			return
		}
		sharedPool, sharedErr = pgxpool.New(ctx, urlFromServer(name))
	})
	if sharedErr != nil {
		tb.Fatalf("preparing shared test database: %v", sharedErr)
	}
	ctx := context.Background()
	tx, err := sharedPool.Begin(ctx)
	if err != nil {
		tb.Fatalf("beginning test transaction: %v", err)
	}
	tb.Cleanup(func() { _ = tx.Rollback(context.Background()) })
	return tx
}
