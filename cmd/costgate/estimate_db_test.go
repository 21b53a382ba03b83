package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/costgate/costgate/estimator"
	"github.com/costgate/costgate/internal/dbtest"
	"github.com/costgate/costgate/pricing"
	pricingdata "github.com/costgate/costgate/pricing-data"
	"github.com/jackc/pgx/v5/pgxpool"
)

// subsetSource writes the europe-west1 rows of the embedded Google price
// source into dir (real rows, same provenance), small enough to load into
// Postgres in a test.
func subsetSource(t *testing.T, dir string) {
	t.Helper()
	const name = "gcp-calculator-2026-07"
	fsys := pricingdata.FS()
	src, err := pricing.ReadSource(fsys, pricing.DataFile{Name: name, Rows: name + ".csv.gz", Sidecar: name + ".json"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := fsys.Open(name + ".csv.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pricing.NewDataFileReader(name, f)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var rows []pricing.Price
	for {
		p, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if p.Region == "europe-west1" || p.Region == "" {
			p.Source = name
			rows = append(rows, p)
		}
	}
	if len(rows) == 0 {
		t.Fatal("no europe-west1 rows in " + name)
	}
	if _, err := pricing.WriteSource(dir, src, rows); err != nil {
		t.Fatal(err)
	}
}

// TestEstimateWithDatabase prices a plan through DATABASE_URL and checks the
// answer equals the in-memory catalog's over the same rows.
func TestEstimateWithDatabase(t *testing.T) {
	dir := t.TempDir()
	subsetSource(t, dir)
	url := dbtest.NewDB(t)
	pool, err := pgxpool.New(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if _, err := pricing.Load(context.Background(), pool, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	// terracost's Google plan: an e2-small in europe-west1 and its boot disk.
	plan := corpus + "terracost/testdata/google/plan.json"
	code, fromDB, stderr := runCLI(t, map[string]string{"DATABASE_URL": url}, "", "estimate", "--format", "json", plan)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}

	memory := func(context.Context, func(string) string) (pricing.Catalog, func(), error) {
		c, err := pricing.LoadMemoryCatalog(os.DirFS(dir))
		return c, func() {}, err
	}
	var out, errOut bytes.Buffer
	s := streams{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	if code := runEstimate(context.Background(), []string{"--format", "json", plan}, func(string) string { return "" }, s, memory); code != 0 {
		t.Fatalf("memory catalog: exit %d: %s", code, errOut.String())
	}
	if fromDB != out.String() {
		t.Errorf("Postgres and memory catalogs disagree:\n--- postgres\n%s\n--- memory\n%s", fromDB, out.String())
	}
	var est estimator.Estimate
	if err := json.Unmarshal([]byte(fromDB), &est); err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, r := range est.Resources {
		for _, c := range r.Components {
			if c.PriceFound {
				found++
			}
		}
	}
	if found == 0 || !est.ProposedMonthlyCost.IsPositive() {
		t.Errorf("nothing priced from the database:\n%s", fromDB)
	}
}

func TestEstimateDatabaseUnreachable(t *testing.T) {
	plan := corpus + "terracost/testdata/google/plan.json"
	url := "postgres://costgate:s3cret@127.0.0.1:1/nope?sslmode=disable&connect_timeout=2"
	code, stdout, stderr := runCLI(t, map[string]string{"DATABASE_URL": url}, "", "estimate", plan)
	if code != 1 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, want 1 and nothing", code, stdout)
	}
	if !strings.Contains(stderr, "connecting to DATABASE_URL") || strings.Contains(stderr, "s3cret") {
		t.Errorf("stderr = %s, want the failure without the password", stderr)
	}
}
