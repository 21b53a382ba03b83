package pricing

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/costgate/costgate/internal/dbtest"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/shopspring/decimal"
)

// The contract: the same queries over the same rows get identical answers
// from the Postgres and the memory catalogs. Rows: testdata/catalog (real
// corpus rows, see fixture_test.go).

// countingTracer counts the queries a pool sends.
type countingTracer struct{ queries atomic.Int64 }

func (c *countingTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.queries.Add(1)
	return ctx
}

func (c *countingTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// fixtureCatalogs loads testdata/catalog into a fresh database and into
// memory (both ways of building a MemoryCatalog).
func fixtureCatalogs(t testing.TB) (pg *PostgresCatalog, tracer *countingTracer, memories map[string]*MemoryCatalog, prices []Price) {
	t.Helper()
	ctx := context.Background()
	cfg, err := pgxpool.ParseConfig(dbtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	tracer = &countingTracer{}
	cfg.ConnConfig.Tracer = tracer
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	fsys := os.DirFS(fixtureDir)
	if _, err := Load(ctx, pool, fsys); err != nil {
		t.Fatal(err)
	}
	streamed, err := LoadMemoryCatalog(fsys)
	if err != nil {
		t.Fatal(err)
	}
	prices, sources, err := ReadDataDir(fsys)
	if err != nil {
		t.Fatal(err)
	}
	built, err := NewMemoryCatalog(prices, sources)
	if err != nil {
		t.Fatal(err)
	}
	return NewPostgresCatalog(pool), tracer, map[string]*MemoryCatalog{"LoadMemoryCatalog": streamed, "NewMemoryCatalog": built}, prices
}

func ec2Linux(region, instanceType string, extra ...string) map[string]string {
	m := map[string]string{"instanceType": instanceType, "operatingSystem": "Linux", "tenancy": "Shared"}
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i]] = extra[i+1]
	}
	return m
}

// expect is what a case requires beyond both catalogs agreeing.
type expect struct {
	found     bool
	usd       string
	unit      string
	source    string
	date      string
	matches   int
	ambiguous bool
}

type contractCase struct {
	name string
	q    Query
	want expect
}

func contractCases() []contractCase {
	const ec2shop, awsprice, terracost = "aws-ec2-ri-ec2shop-2025-04", "aws-ec2-ondemand-awsprice-2025-10", "aws-eu-west-1-terracost-2023-02"
	const gcpNew, gcpOld = "google-compute-calculator-2026-07", "google-compute-calculator-2024-01"
	ec2 := func(region string, attrs map[string]string) Query {
		return Query{Provider: "aws", Service: "AmazonEC2", Region: region, Attributes: attrs}
	}
	with := func(q Query, f func(*Query)) Query { f(&q); return q }
	m5 := ec2("us-east-1", ec2Linux("us-east-1", "m5.large", "preInstalledSw", "NA"))
	gcp := Query{Provider: "google", Service: "Compute Engine", Region: "us-central1", Attributes: map[string]string{"machineType": "n1-standard-1"}}
	eip := Query{Provider: "aws", Service: "AmazonEC2", Family: "IP Address", Region: "eu-west-1",
		Attributes: map[string]string{"usagetype": "EU-ElasticIP:Remap"}}
	return []contractCase{
		{"found, one source", m5, expect{found: true, usd: "0.096", unit: "Hrs", source: ec2shop, date: "2025-04-06", matches: 1}},
		{"attribute subset: newer source supersedes", ec2("us-east-1", ec2Linux("us-east-1", "m5.large")),
			expect{found: true, usd: "0.096", unit: "Hrs", source: awsprice, date: "2025-10-28", matches: 2}},
		{"family given", with(m5, func(q *Query) { q.Family = "Compute Instance" }),
			expect{found: true, usd: "0.096", unit: "Hrs", source: ec2shop, date: "2025-04-06", matches: 1}},
		{"wrong family", with(m5, func(q *Query) { q.Family = "Storage" }), expect{}},
		{"unit given", with(m5, func(q *Query) { q.Unit = "Hrs" }),
			expect{found: true, usd: "0.096", unit: "Hrs", source: ec2shop, date: "2025-04-06", matches: 1}},
		{"wrong unit", with(m5, func(q *Query) { q.Unit = "GB-Mo" }), expect{}},
		{"unknown instance type", ec2("us-east-1", ec2Linux("us-east-1", "m5.huge")), expect{}},
		{"unknown attribute", ec2("us-east-1", ec2Linux("us-east-1", "m5.large", "colour", "blue")), expect{}},
		{"unknown region", ec2("mars-north-1", ec2Linux("", "m5.large")), expect{}},
		{"regional product asked globally", ec2("", ec2Linux("", "m5.large")), expect{}},
		{"reserved 1yr", with(m5, func(q *Query) { q.PurchaseOption, q.TermLength = Reserved, "1yr" }),
			expect{found: true, usd: "0.06", unit: "Hrs", source: ec2shop, date: "2025-04-06", matches: 1}},
		{"reserved, full term", with(m5, func(q *Query) {
			q.PurchaseOption, q.TermLength, q.TermPurchaseOption, q.TermOfferingClass = Reserved, "3yr", "No Upfront", "standard"
		}), expect{found: true, usd: "0.041", unit: "Hrs", source: ec2shop, date: "2025-04-06", matches: 1}},
		{"reserved, any term: ambiguous, highest wins", with(m5, func(q *Query) { q.PurchaseOption = Reserved }),
			expect{found: true, usd: "0.06", unit: "Hrs", source: ec2shop, date: "2025-04-06", matches: 2, ambiguous: true}},
		{"reserved, unknown offering class", with(m5, func(q *Query) { q.PurchaseOption, q.TermOfferingClass = Reserved, "convertible" }), expect{}},
		{"spot, newest version wins", with(gcp, func(q *Query) { q.PurchaseOption = Spot }),
			expect{found: true, unit: "h", source: gcpNew, date: "2026-07-30", matches: 2}},
		{"on-demand price of two versions", gcp,
			expect{found: true, usd: "0.04749975", unit: "h", source: gcpNew, date: "2026-07-30", matches: 2}},
		{"other provider's vocabulary", with(gcp, func(q *Query) { q.Provider = "aws" }), expect{}},
		{"tier 0", eip, expect{found: true, usd: "0", unit: "Count", source: terracost, date: "2023-02-23", matches: 1}},
		{"tier 100", with(eip, func(q *Query) { q.TierStart = "100" }),
			expect{found: true, usd: "0.1", unit: "Count", source: terracost, date: "2023-02-23", matches: 1}},
		{"tier 100.00 is tier 100", with(eip, func(q *Query) { q.TierStart = "100.00" }),
			expect{found: true, usd: "0.1", unit: "Count", source: terracost, date: "2023-02-23", matches: 1}},
		{"no tier starts at 50", with(eip, func(q *Query) { q.TierStart = "50" }), expect{}},
		{"tier not a number", with(eip, func(q *Query) { q.TierStart = "lots" }), expect{}},
		{"tier out of numeric range", with(eip, func(q *Query) { q.TierStart = "1e-99999" }), expect{}},
		{"global product", Query{Provider: "aws", Service: "AmazonEC2", Family: "Data Transfer",
			Attributes: map[string]string{"usagetype": "EU-DataTransfer-Regional-Bytes"}},
			expect{found: true, usd: "0.01", unit: "GB", source: terracost, date: "2023-02-23", matches: 1}},
		{"global product asked in a region", Query{Provider: "aws", Service: "AmazonEC2", Family: "Data Transfer", Region: "eu-west-1",
			Attributes: map[string]string{"usagetype": "EU-DataTransfer-Regional-Bytes"}}, expect{}},
		{"same date, prices disagree: ambiguous", ec2("eu-west-1", map[string]string{"instanceType": "m5.large", "licenseModel": "No License required"}),
			expect{found: true, source: terracost, date: "2023-02-23", ambiguous: true}},
		{"no attributes: whole service region", Query{Provider: "aws", Service: "AWSELB", Region: "eu-west-1", Unit: "Hrs"},
			expect{found: true, source: terracost, date: "2023-02-23", ambiguous: true}},
		{"empty provider matches nothing", Query{Service: "AmazonEC2", Region: "us-east-1"}, expect{}},
		{"invalid UTF-8", ec2("us-east-1", map[string]string{"instanceType": "m5.large\xff"}), expect{}},
		{"NUL in text", ec2("us-east-1\x00", ec2Linux("", "m5.large")), expect{}},
	}
}

// TestCatalogContract runs the query sets against both catalogs, loaded once.
func TestCatalogContract(t *testing.T) {
	pg, tracer, memories, prices := fixtureCatalogs(t)
	t.Run("cases", func(t *testing.T) { testContractCases(t, pg, tracer, memories) })
	t.Run("empty batch", func(t *testing.T) { testContractEmptyBatch(t, pg, tracer, memories) })
	t.Run("10k batch", func(t *testing.T) { testContractLargeBatch(t, pg, tracer, memories, prices) })
}

func testContractCases(t *testing.T, pg *PostgresCatalog, tracer *countingTracer, memories map[string]*MemoryCatalog) {
	ctx := t.Context()
	cases := contractCases()
	queries := queryList(cases, func(c contractCase) Query { return c.q })
	// Duplicates: the same queries again, spelled with explicit defaults.
	for _, c := range cases[:5] {
		q := c.q
		q.PurchaseOption, q.TierStart = q.purchaseOption(), q.tierStart()
		queries = append(queries, q)
	}

	before := tracer.queries.Load()
	got, err := pg.Lookup(ctx, queries)
	if err != nil {
		t.Fatal(err)
	}
	if n := tracer.queries.Load() - before; n != 1 {
		t.Errorf("Postgres lookup of %d queries sent %d queries, want 1", len(queries), n)
	}
	for name, mem := range memories {
		want, err := mem.Lookup(ctx, queries)
		if err != nil {
			t.Fatal(err)
		}
		compareAnswers(t, name, queries, got, want)
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkExpect(t, got[i], c.want) })
	}
	for i := range cases[:5] {
		if !sameAnswer(got[len(cases)+i], got[i]) {
			t.Errorf("duplicate of case %d answered %+v, first answered %+v", i, got[len(cases)+i], got[i])
		}
	}
}

func checkExpect(t *testing.T, a Answer, w expect) {
	t.Helper()
	if a.Found != w.found {
		t.Fatalf("Found = %v, want %v (%+v)", a.Found, w.found, a)
	}
	if !w.found {
		if !sameAnswer(a, Answer{}) {
			t.Errorf("not-found answer has fields set: %+v", a)
		}
		return
	}
	if w.usd != "" && !a.USD.Equal(decimal.RequireFromString(w.usd)) {
		t.Errorf("USD = %s, want %s", a.USD, w.usd)
	}
	if w.unit != "" && a.Unit != w.unit {
		t.Errorf("Unit = %q, want %q", a.Unit, w.unit)
	}
	if a.Source != w.source {
		t.Errorf("Source = %q, want %q", a.Source, w.source)
	}
	if d := a.PriceDate.Format(dateLayout); d != w.date {
		t.Errorf("PriceDate = %s, want %s", d, w.date)
	}
	if w.matches != 0 && a.Matches != w.matches {
		t.Errorf("Matches = %d, want %d", a.Matches, w.matches)
	}
	if w.matches == 0 && a.Matches < 2 {
		t.Errorf("Matches = %d, want several", a.Matches)
	}
	if a.Ambiguous != w.ambiguous {
		t.Errorf("Ambiguous = %v, want %v", a.Ambiguous, w.ambiguous)
	}
	if a.SKU == "" {
		t.Error("SKU is empty")
	}
}

// sameAnswer compares every field; USD by value and by its written form.
func sameAnswer(a, b Answer) bool {
	return a.Found == b.Found && a.USD.Equal(b.USD) && a.USD.String() == b.USD.String() &&
		a.Unit == b.Unit && a.SKU == b.SKU && a.PriceDate.Equal(b.PriceDate) &&
		a.Source == b.Source && a.Matches == b.Matches && a.Ambiguous == b.Ambiguous
}

func compareAnswers(t *testing.T, name string, queries []Query, pg, mem []Answer) {
	t.Helper()
	if len(pg) != len(queries) || len(mem) != len(queries) {
		t.Fatalf("%s: %d queries, Postgres answered %d, memory %d", name, len(queries), len(pg), len(mem))
	}
	bad := 0
	for i := range queries {
		if !sameAnswer(pg[i], mem[i]) {
			if bad++; bad <= 10 {
				t.Errorf("%s: query %d %+v:\n postgres %+v\n memory   %+v", name, i, queries[i], pg[i], mem[i])
			}
		}
	}
	if bad > 10 {
		t.Errorf("%s: %d answers differ in all", name, bad)
	}
}

func testContractEmptyBatch(t *testing.T, pg *PostgresCatalog, tracer *countingTracer, memories map[string]*MemoryCatalog) {
	for _, batch := range [][]Query{nil, {}} {
		before := tracer.queries.Load()
		got, err := pg.Lookup(t.Context(), batch)
		if err != nil || len(got) != 0 {
			t.Fatalf("Postgres: %v, %v", got, err)
		}
		if n := tracer.queries.Load() - before; n != 0 {
			t.Errorf("empty batch sent %d queries", n)
		}
		for name, mem := range memories {
			if got, err := mem.Lookup(t.Context(), batch); err != nil || len(got) != 0 {
				t.Fatalf("%s: %v, %v", name, got, err)
			}
		}
	}
}

// randomQueries derives n queries from rows, shaped like the
// estimator's: a row's product with its attributes (each dropped with
// probability 1/dropOneIn, 0 = never, so several rows may match), some
// changed so that they cannot match.
func randomQueries(prices []Price, n int, seed uint64, dropOneIn int) []Query {
	rng := rand.New(rand.NewPCG(seed, 0))
	queries := make([]Query, n)
	for i := range queries {
		p := prices[rng.IntN(len(prices))]
		q := Query{Provider: p.Provider, Service: p.Service, Region: p.Region, PurchaseOption: p.PurchaseOption,
			TierStart: p.TierStart.String(), Attributes: map[string]string{}}
		keys := make([]string, 0, len(p.Attributes))
		for k := range p.Attributes {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if dropOneIn == 0 || rng.IntN(dropOneIn) > 0 {
				q.Attributes[k] = p.Attributes[k]
			}
		}
		if rng.IntN(2) == 0 {
			q.Family = p.Family
		}
		if rng.IntN(3) == 0 {
			q.Unit = p.Unit
		}
		if p.PurchaseOption == Reserved && rng.IntN(2) == 0 {
			q.TermLength = p.TermLength
		}
		switch rng.IntN(20) {
		case 0:
			q.Region = "nowhere-1"
		case 1:
			q.Attributes["instanceType"] = fmt.Sprintf("z%d.large", i)
		case 2:
			q.PurchaseOption = Spot
		}
		queries[i] = q
	}
	return queries
}

func testContractLargeBatch(t *testing.T, pg *PostgresCatalog, tracer *countingTracer, memories map[string]*MemoryCatalog, prices []Price) {
	queries := randomQueries(prices, 10_000, 1, 10)
	before := tracer.queries.Load()
	got, err := pg.Lookup(t.Context(), queries)
	if err != nil {
		t.Fatal(err)
	}
	if n := tracer.queries.Load() - before; n != 1 {
		t.Errorf("Postgres lookup of %d queries sent %d queries, want 1", len(queries), n)
	}
	found, ambiguous := 0, 0
	for _, a := range got {
		if a.Found {
			found++
		}
		if a.Ambiguous {
			ambiguous++
		}
	}
	// The batch must exercise both outcomes, or the comparison proves little.
	if found < len(queries)/2 || found == len(queries) || ambiguous == 0 {
		t.Errorf("batch answered %d found, %d ambiguous of %d: not a useful mix", found, ambiguous, len(queries))
	}
	for name, mem := range memories {
		want, err := mem.Lookup(t.Context(), queries)
		if err != nil {
			t.Fatal(err)
		}
		compareAnswers(t, name, queries, got, want)
	}
}
