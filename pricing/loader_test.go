package pricing

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/costgate/costgate/internal/dbtest"
	pricingdata "github.com/costgate/costgate/pricing-data"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/shopspring/decimal"
)

// smallDataDir writes a data directory of real rows taken from the test
// catalog: the terracost eu-west-1 source (3,663 rows) and the 2024 Google
// calculator source, as two sources.
func smallDataDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"aws-eu-west-1-terracost-2023-02", "google-compute-calculator-2024-01"} {
		for _, ext := range []string{dataFileSuffix, sidecarSuffix} {
			b, err := os.ReadFile(filepath.Join(fixtureDir, name+ext))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name+ext), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

type catalogCounts struct{ sources, products, prices int }

func countCatalog(t *testing.T, db Querier) catalogCounts {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT (SELECT count(*) FROM price_sources), (SELECT count(*) FROM price_products), (SELECT count(*) FROM prices)`)
	if err != nil {
		t.Fatal(err)
	}
	c, err := pgx.CollectExactlyOneRow(rows, func(r pgx.CollectableRow) (catalogCounts, error) {
		var c catalogCounts
		err := r.Scan(&c.sources, &c.products, &c.prices)
		return c, err
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLoadThenReloadIsNoOp(t *testing.T) {
	ctx := t.Context()
	pool := dbtest.NewPool(t)
	fsys := os.DirFS(smallDataDir(t))
	res, err := Load(ctx, pool, fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]LoadResult{
		"aws-eu-west-1-terracost-2023-02":   {Status: Loaded, Rows: 3663},
		"google-compute-calculator-2024-01": {Status: Loaded, Rows: 2800},
	}
	if len(res) != len(want) {
		t.Fatalf("results: %+v", res)
	}
	for _, r := range res {
		w := want[r.Source]
		if r.Status != w.Status || r.Rows != w.Rows || r.Products == 0 || r.Err != nil {
			t.Errorf("%s: %+v, want %+v", r.Source, r, w)
		}
	}
	got := countCatalog(t, pool)
	if got.sources != 2 || got.prices != 3663+2800 {
		t.Fatalf("catalog after load: %+v", got)
	}
	var loadedAt time.Time
	if err := pool.QueryRow(ctx, "SELECT max(loaded_at) FROM price_sources").Scan(&loadedAt); err != nil {
		t.Fatal(err)
	}

	res, err = Load(ctx, pool, fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Status != Unchanged {
			t.Errorf("second load of %s: %s, want unchanged", r.Source, r.Status)
		}
	}
	var loadedAt2 time.Time
	if err := pool.QueryRow(ctx, "SELECT max(loaded_at) FROM price_sources").Scan(&loadedAt2); err != nil {
		t.Fatal(err)
	}
	if !loadedAt2.Equal(loadedAt) || countCatalog(t, pool) != got {
		t.Errorf("a no-op load changed the catalog")
	}
}

func TestLoadRowsTraceToSourceAndLine(t *testing.T) {
	ctx := t.Context()
	pool := dbtest.NewPool(t)
	dir := smallDataDir(t)
	if _, err := Load(ctx, pool, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	// Line 2 of the terracost file is its first row; the database row of
	// that line must carry exactly its values.
	f, err := os.Open(filepath.Join(dir, "aws-eu-west-1-terracost-2023-02.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dr, err := NewDataFileReader("terracost", f)
	if err != nil {
		t.Fatal(err)
	}
	first, err := dr.Read()
	if err != nil {
		t.Fatal(err)
	}
	var sku, unit, usd, source string
	err = pool.QueryRow(ctx, `SELECT p.sku, pr.unit, pr.usd::text, s.name FROM prices pr
		JOIN price_products p USING (source_id, product_no) JOIN price_sources s ON s.id = pr.source_id
		WHERE s.name = 'aws-eu-west-1-terracost-2023-02' AND pr.line = 2`).Scan(&sku, &unit, &usd, &source)
	if err != nil {
		t.Fatal(err)
	}
	if sku != first.SKU || unit != first.Unit || !first.USD.Equal(decimal.RequireFromString(usd)) {
		t.Errorf("line 2 in the catalog: %s %s %s, in the file: %s %s %s", sku, unit, usd, first.SKU, first.Unit, first.USD)
	}
	var orphans int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM prices pr LEFT JOIN price_products p USING (source_id, product_no)
		WHERE p.product_no IS NULL`).Scan(&orphans); err != nil || orphans != 0 {
		t.Errorf("prices without product: %d (%v)", orphans, err)
	}
}

// corruptLine rewrites a data file with line `line` (header = 1) replaced.
func corruptLine(t *testing.T, path string, line int, replace func(string) string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(gz)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	lines[line-1] = replace(lines[line-1])
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write([]byte(strings.Join(lines, "\n")))
	zw.Close()
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadBadFileChangesNothing(t *testing.T) {
	ctx := t.Context()
	pool := dbtest.NewPool(t)
	dir := smallDataDir(t)
	if _, err := Load(ctx, pool, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	before := countCatalog(t, pool)
	var hashBefore string
	if err := pool.QueryRow(ctx, "SELECT content_sha256 FROM price_sources WHERE name = 'google-compute-calculator-2024-01'").Scan(&hashBefore); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		line    int
		replace func(string) string
		wantErr string
	}{
		{"bad price near the end", 2700, func(l string) string { return strings.Replace(l, ",on_demand,h,", ",on_demand,h,abc", 1) }, "line 2700: usd"},
		{"short row", 10, func(l string) string { return "google,Compute Engine" }, "line 10:"},
		{"negative price", 2, func(l string) string { return strings.Replace(l, ",h,", ",h,-", 1) }, "line 2: usd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := smallDataDir(t)
			corruptLine(t, filepath.Join(bad, "google-compute-calculator-2024-01.csv.gz"), tt.line, tt.replace)
			res, err := Load(ctx, pool, os.DirFS(bad))
			if err == nil || !strings.Contains(err.Error(), "google-compute-calculator-2024-01.csv.gz") || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v: want one naming the file and %q", err, tt.wantErr)
			}
			statuses := map[string]LoadStatus{}
			for _, r := range res {
				statuses[r.Source] = r.Status
			}
			if statuses["google-compute-calculator-2024-01"] != Failed || statuses["aws-eu-west-1-terracost-2023-02"] != Unchanged {
				t.Errorf("statuses: %v", statuses)
			}
			var hash string
			if err := pool.QueryRow(ctx, "SELECT content_sha256 FROM price_sources WHERE name = 'google-compute-calculator-2024-01'").Scan(&hash); err != nil {
				t.Fatal(err)
			}
			if got := countCatalog(t, pool); got != before || hash != hashBefore {
				t.Errorf("a failed load changed the catalog: %+v → %+v", before, got)
			}
		})
	}
}

func TestLoadRowCountMismatch(t *testing.T) {
	pool := dbtest.NewPool(t)
	dir := smallDataDir(t)
	side := filepath.Join(dir, "google-compute-calculator-2024-01.json")
	b, _ := os.ReadFile(side)
	os.WriteFile(side, bytes.Replace(b, []byte(`"rows": 2800`), []byte(`"rows": 2801`), 1), 0o644)
	_, err := Load(t.Context(), pool, os.DirFS(dir))
	if err == nil || !strings.Contains(err.Error(), "has 2800 rows, its sidecar says 2801") {
		t.Fatalf("error %v", err)
	}
	if c := countCatalog(t, pool); c.sources != 1 {
		t.Errorf("catalog: %+v, want only the good source", c)
	}
}

// blockingBeginner hands out transactions whose Commit waits for release,
// so a test can look at the catalog while a load is about to commit.
type blockingBeginner struct {
	pool    *pgxpool.Pool
	reached chan struct{}
	release chan struct{}
}

func (b *blockingBeginner) Begin(ctx context.Context) (pgx.Tx, error) {
	tx, err := b.pool.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return &blockingTx{Tx: tx, b: b}, nil
}

type blockingTx struct {
	pgx.Tx
	b *blockingBeginner
}

func (t *blockingTx) Commit(ctx context.Context) error {
	t.b.reached <- struct{}{}
	<-t.b.release
	return t.Tx.Commit(ctx)
}

func TestReloadIsAtomicForReaders(t *testing.T) {
	ctx := t.Context()
	pool := dbtest.NewPool(t)
	dir := smallDataDir(t)
	if _, err := Load(ctx, pool, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	old := countCatalog(t, pool)
	// A new version of the Google source: its first 100 rows only.
	prices, sources, err := ReadDataDir(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	var google []Price
	for _, p := range prices {
		if p.Source == "google-compute-calculator-2024-01" && len(google) < 100 {
			google = append(google, p)
		}
	}
	src := sources[1]
	src.Notes = "first 100 rows"
	newDir := t.TempDir()
	if _, err := WriteSource(newDir, src, google); err != nil {
		t.Fatal(err)
	}

	b := &blockingBeginner{pool: pool, reached: make(chan struct{}), release: make(chan struct{})}
	done := make(chan error, 1)
	go func() {
		_, err := Load(ctx, b, os.DirFS(newDir))
		done <- err
	}()
	<-b.reached
	if got := countCatalog(t, pool); got != old {
		t.Errorf("before commit a reader sees %+v, want the old catalog %+v", got, old)
	}
	close(b.release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	got := countCatalog(t, pool)
	if got.sources != 2 || got.prices != 3663+100 {
		t.Errorf("after commit: %+v, want the terracost rows and 100 Google rows", got)
	}
}

func TestStatus(t *testing.T) {
	ctx := t.Context()
	pool := dbtest.NewPool(t)
	if st, err := Status(ctx, pool, 0, time.Now()); err != nil || len(st) != 0 {
		t.Fatalf("empty catalog: %v, %v", st, err)
	}
	if _, err := Load(ctx, pool, os.DirFS(smallDataDir(t))); err != nil {
		t.Fatal(err)
	}
	now := day("2026-12-01")
	tests := []struct {
		maxAge    time.Duration
		wantStale map[string]bool
	}{
		{0, map[string]bool{"aws-eu-west-1-terracost-2023-02": false, "google-compute-calculator-2024-01": false}},
		{365 * 24 * time.Hour, map[string]bool{"aws-eu-west-1-terracost-2023-02": true, "google-compute-calculator-2024-01": true}},
		// 2024-01-26 is 1,040 days before 2026-12-01; 2023-02-23 is 1,377 days before.
		{1100 * 24 * time.Hour, map[string]bool{"aws-eu-west-1-terracost-2023-02": true, "google-compute-calculator-2024-01": false}},
	}
	for _, tt := range tests {
		st, err := Status(ctx, pool, tt.maxAge, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(st) != 2 {
			t.Fatalf("status: %+v", st)
		}
		for _, s := range st {
			if s.Stale != tt.wantStale[s.Source.Name] {
				t.Errorf("max age %v: %s stale = %v", tt.maxAge, s.Source.Name, s.Stale)
			}
			if s.Source.Rows == 0 || s.Products == 0 || s.LoadedAt.IsZero() || s.Source.Origin == "" || s.Source.Licence == "" {
				t.Errorf("incomplete status %+v", s)
			}
		}
	}
}

func TestLoadIfEmpty(t *testing.T) {
	ctx := t.Context()
	pool := dbtest.NewPool(t)
	small := os.DirFS(smallDataDir(t))
	res, err := loadIfEmpty(ctx, pool, small)
	if err != nil || len(res) != 2 {
		t.Fatalf("empty catalog: %v, %v", res, err)
	}
	loaded := countCatalog(t, pool)
	if loaded.sources != 2 {
		t.Fatalf("catalog: %+v", loaded)
	}
	// A catalog that has any source is left alone, even if it differs.
	other := fstest.MapFS{}
	res, err = loadIfEmpty(ctx, pool, other)
	if err != nil || len(res) != 0 || countCatalog(t, pool) != loaded {
		t.Fatalf("non-empty catalog: %v, %v", res, err)
	}
	// The embedded data is a valid data directory (what serve would load).
	if _, err := ListDataDir(pricingdata.FS()); err != nil {
		t.Fatal(err)
	}
}

func TestLoadMissingSidecar(t *testing.T) {
	fsys := fstest.MapFS{"a.csv.gz": {Data: []byte("x")}}
	if _, err := Load(t.Context(), nil, fsys); err == nil || !strings.Contains(err.Error(), "a.csv.gz has no sidecar a.json") {
		t.Fatalf("error %v", err)
	}
}

func TestLoadCountsAttributeValues(t *testing.T) {
	ctx := t.Context()
	pool := dbtest.NewPool(t)
	if _, err := Load(ctx, pool, os.DirFS(smallDataDir(t))); err != nil {
		t.Fatal(err)
	}
	// Every count must equal the distinct values of the source's products.
	var wrong, regions int
	err := pool.QueryRow(ctx, `
		WITH truth AS (
			SELECT source_id, provider, service, region, e.key, count(DISTINCT e.value) AS n
			FROM price_products CROSS JOIN jsonb_each_text(attributes) e GROUP BY 1, 2, 3, 4, 5)
		SELECT count(*) FILTER (WHERE st.distinct_values IS DISTINCT FROM truth.n),
		       count(DISTINCT (truth.provider, truth.service, truth.region))
		FROM truth FULL JOIN price_attribute_stats st USING (source_id, provider, service, region, key)`).Scan(&wrong, &regions)
	if err != nil {
		t.Fatal(err)
	}
	if wrong != 0 || regions < 40 {
		t.Errorf("%d wrong counts over %d regions", wrong, regions)
	}
	var machineTypes int
	if err := pool.QueryRow(ctx, `SELECT distinct_values FROM price_attribute_stats
		WHERE provider = 'google' AND service = 'Compute Engine' AND region = 'us-central1' AND key = 'machineType'`).Scan(&machineTypes); err != nil || machineTypes < 20 {
		t.Errorf("machine types in us-central1: %d (%v)", machineTypes, err)
	}
}
