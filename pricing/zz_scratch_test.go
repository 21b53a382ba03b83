package pricing

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/dbtest"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

func TestScratchExplain(t *testing.T) {
	url := os.Getenv("SCRATCH_DB")
	if url == "" {
		t.Skip()
	}
	ctx := context.Background()
	if os.Getenv("SCRATCH_CREATE") != "" {
		tpl := dbtest.Template(t)
		admin, err := pgx.Connect(ctx, dbtest.ServerURL())
		if err != nil {
			t.Fatal(err)
		}
		admin.Exec(ctx, "DROP DATABASE IF EXISTS costgate_explain")
		if _, err := admin.Exec(ctx, "CREATE DATABASE costgate_explain TEMPLATE "+tpl); err != nil {
			t.Fatal(err)
		}
		admin.Exec(ctx, "ALTER DATABASE costgate_explain SET jit = off")
		admin.Close(ctx)
	}
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if os.Getenv("SCRATCH_LOAD") != "" {
		dir := os.Getenv("SCRATCH_LOAD")
		start := time.Now()
		res, err := Load(ctx, pool, os.DirFS(dir))
		fmt.Println(res, err, time.Since(start))
	}
	if os.Getenv("SCRATCH_MEM") != "" {
		start := time.Now()
		c, err := LoadMemoryCatalog(os.DirFS(os.Getenv("SCRATCH_MEM")))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println("memory catalog", c.Len(), time.Since(start))
	}
	n, _ := strconv.Atoi(os.Getenv("SCRATCH_N"))
	drop, _ := strconv.Atoi(os.Getenv("SCRATCH_DROP"))
	queries := randomQueries(t, os.DirFS(os.Getenv("SCRATCH_Q")), n, 1, drop)
	var a lookupArrays
	for i, q := range queries {
		q = q.Normalized()
		_ = a.add(int32(i), q)
	}
	rows, err := pool.Query(ctx, "EXPLAIN (ANALYZE, BUFFERS) "+lookupSQL, a.ord, a.provider, a.service, a.family, a.region, a.attributes,
		a.purchaseOption, a.unit, a.tierStart, a.termLength, a.termPurchaseOption, a.termOfferingClass, a.productKey)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		fmt.Println(l)
	}
}
