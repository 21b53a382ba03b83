package pricing

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/shopspring/decimal"
)

// realRows are three rows of testdata/catalog (ec2.shop, us-east-1, 2025-04).
func realRows(t *testing.T) ([]Price, Source) {
	t.Helper()
	const name = "aws-ec2-ri-ec2shop-2025-04"
	prices, sources, err := ReadDataDir(fstest.MapFS{
		name + ".csv.gz": {Data: mustRead(t, filepath.Join(fixtureDir, name+".csv.gz"))},
		name + ".json":   {Data: mustRead(t, filepath.Join(fixtureDir, name+".json"))},
	})
	if err != nil {
		t.Fatal(err)
	}
	var rows []Price
	for _, p := range prices {
		if p.Source == "aws-ec2-ri-ec2shop-2025-04" && p.Region == "us-east-1" && p.Attributes["instanceType"] == "m5.large" {
			rows = append(rows, p)
		}
	}
	if len(rows) != 3 {
		t.Fatalf("want 3 m5.large rows (on-demand, 1yr, 3yr), got %d", len(rows))
	}
	for _, s := range sources {
		if s.Name == "aws-ec2-ri-ec2shop-2025-04" {
			return rows, s
		}
	}
	t.Fatal("source missing")
	return nil, Source{}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestWriteSourceRoundTripAndReproducible(t *testing.T) {
	rows, src := realRows(t)
	src.Name = "roundtrip"
	dir := t.TempDir()
	// Written in reverse order: the file must come out sorted all the same.
	rev := []Price{rows[2], rows[1], rows[0]}
	written, err := WriteSource(dir, src, rev)
	if err != nil {
		t.Fatal(err)
	}
	if written.Rows != 3 {
		t.Errorf("Rows = %d", written.Rows)
	}
	first, _ := os.ReadFile(filepath.Join(dir, "roundtrip.csv.gz"))
	if _, err := WriteSource(dir, src, []Price{rows[1], rows[0], rows[2]}); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(filepath.Join(dir, "roundtrip.csv.gz"))
	if !bytes.Equal(first, second) {
		t.Error("the same rows in another order gave another file")
	}
	got, sources, err := ReadDataDir(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(sources) != 1 || sources[0].Name != "roundtrip" || !sources[0].PriceDate.Equal(src.PriceDate) || sources[0].Origin != src.Origin {
		t.Errorf("sources: %+v", sources)
	}
	for i := range rows {
		w := rows[i]
		w.Source = "roundtrip"
		if !samePrice(got[i], w) {
			t.Errorf("row %d: got %+v, want %+v", i, got[i], w)
		}
	}
	side, _ := os.ReadFile(filepath.Join(dir, "roundtrip.json"))
	if !bytes.Contains(side, []byte(`"price_date": "2025-04-06"`)) {
		t.Errorf("sidecar does not hold a plain date:\n%s", side)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func samePrice(a, b Price) bool {
	ja, _ := marshalAttributes(a.Attributes)
	jb, _ := marshalAttributes(b.Attributes)
	return a.Provider == b.Provider && a.Service == b.Service && a.Family == b.Family && a.Region == b.Region &&
		a.SKU == b.SKU && ja == jb && a.PurchaseOption == b.PurchaseOption && a.Unit == b.Unit &&
		a.USD.Equal(b.USD) && a.TierStart.Equal(b.TierStart) && a.TierEnd.Valid == b.TierEnd.Valid &&
		a.TierEnd.Decimal.Equal(b.TierEnd.Decimal) && a.TermLength == b.TermLength &&
		a.TermPurchaseOption == b.TermPurchaseOption && a.TermOfferingClass == b.TermOfferingClass &&
		a.EffectiveDate.Equal(b.EffectiveDate) && a.Description == b.Description && a.Source == b.Source
}

func TestWriteSourceRejectsBadRows(t *testing.T) {
	rows, src := realRows(t)
	tests := []struct {
		name   string
		mutate func(*Price, *Source)
		want   string
	}{
		{"bad name", func(_ *Price, s *Source) { s.Name = "Bad Name" }, "not a valid source name"},
		{"no unit", func(p *Price, _ *Source) { p.Unit = "" }, "unit is required"},
		{"no sku", func(p *Price, _ *Source) { p.SKU = "" }, "sku is required"},
		{"negative", func(p *Price, _ *Source) { p.USD = decimal.RequireFromString("-1") }, "negative"},
		{"invalid UTF-8", func(p *Price, _ *Source) { p.Region = "us-east-1\xff" }, "not valid UTF-8"},
		{"tier end below start", func(p *Price, _ *Source) {
			p.TierStart = decimal.RequireFromString("10")
			p.TierEnd = decimal.NewNullDecimal(decimal.RequireFromString("5"))
		}, "tier_end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p, s := rows[0], src
			tt.mutate(&p, &s)
			if _, err := WriteSource(dir, s, []Price{p}); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("a failed write left files: %v", entries)
			}
		})
	}
}

func TestReadDataDirErrors(t *testing.T) {
	rows, src := realRows(t)
	good := t.TempDir()
	if _, err := WriteSource(good, src, rows); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(good, src.Name+".csv.gz"))
	side, _ := os.ReadFile(filepath.Join(good, src.Name+".json"))
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"no sidecar", fstest.MapFS{"a.csv.gz": {Data: data}}, "a.csv.gz has no sidecar a.json"},
		{"no data file", fstest.MapFS{"a.json": {Data: side}}, "a.json has no data file a.csv.gz"},
		{"name differs from file", fstest.MapFS{"a.csv.gz": {Data: data}, "a.json": {Data: side}}, `a.json: name is "aws-ec2-ri-ec2shop-2025-04", want "a"`},
		{"bad file name", fstest.MapFS{"A B.csv.gz": {Data: data}, "A B.json": {Data: side}}, "not a valid source name"},
		{"not gzip", fstest.MapFS{src.Name + ".csv.gz": {Data: []byte("provider,service")}, src.Name + ".json": {Data: side}}, "opening gzip"},
		{"bad sidecar", fstest.MapFS{src.Name + ".csv.gz": {Data: data}, src.Name + ".json": {Data: []byte(`{"name": 1}`)}}, src.Name + ".json"},
		{"no licence", fstest.MapFS{src.Name + ".csv.gz": {Data: data}, src.Name + ".json": {Data: bytes.Replace(side, []byte(`"MIT"`), []byte(`""`), 1)}}, "licence is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ReadDataDir(tt.fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			if _, err := LoadMemoryCatalog(tt.fsys); err == nil {
				t.Error("LoadMemoryCatalog accepted it")
			}
		})
	}
	// Other files (README.md) are ignored.
	fsys := fstest.MapFS{src.Name + ".csv.gz": {Data: data}, src.Name + ".json": {Data: side}, "README.md": {Data: []byte("x")}}
	if _, sources, err := ReadDataDir(fsys); err != nil || len(sources) != 1 {
		t.Fatalf("%v %v", sources, err)
	}
}

func TestSourceJSON(t *testing.T) {
	tests := []struct {
		in, wantDate string
		wantErr      bool
	}{
		{`{"name":"a","price_date":"2025-04-06"}`, "2025-04-06", false},
		{`{"name":"a","price_date":"2025-04-06T10:00:00Z"}`, "2025-04-06", false},
		{`{"name":"a","price_date":"06/04/2025"}`, "", true},
		{`{"name":"a"}`, "", true},
	}
	for _, tt := range tests {
		var s Source
		err := json.Unmarshal([]byte(tt.in), &s)
		if (err != nil) != tt.wantErr {
			t.Errorf("%s: error %v", tt.in, err)
			continue
		}
		if err == nil && s.PriceDate.Format(dateLayout) != tt.wantDate {
			t.Errorf("%s: date %s", tt.in, s.PriceDate)
		}
	}
}

func TestValidSourceName(t *testing.T) {
	for name, want := range map[string]bool{
		"aws-ec2-2025-11": true, "gcp_calc.v2": true, "0x": true,
		"": false, "-a": false, ".hidden": false, "Upper": false, "a b": false, "a/b": false, "ü": false,
	} {
		if got := ValidSourceName(name); got != want {
			t.Errorf("ValidSourceName(%q) = %v", name, got)
		}
	}
}

func TestSynthesizeSKU(t *testing.T) {
	p := Price{Provider: "aws", Service: "AmazonEC2", Family: "Compute Instance", Region: "us-east-1",
		Attributes: map[string]string{"instanceType": "m5.large", "operatingSystem": "Linux"}}
	a, _ := SynthesizeSKU(p)
	// Attribute order and price fields do not matter; product fields do.
	q := p
	q.Attributes = map[string]string{"operatingSystem": "Linux", "instanceType": "m5.large"}
	q.USD, q.Unit = decimal.RequireFromString("0.096"), "Hrs"
	b, _ := SynthesizeSKU(q)
	r := p
	r.Region = "us-east-2"
	c, _ := SynthesizeSKU(r)
	if a != b || a == c || !strings.HasPrefix(a, "x-") || len(a) != 18 {
		t.Errorf("SKUs %s %s %s", a, b, c)
	}
}

func TestNewMemoryCatalogErrors(t *testing.T) {
	rows, src := realRows(t)
	if _, err := NewMemoryCatalog(rows, nil); err == nil || !strings.Contains(err.Error(), "not among the sources") {
		t.Errorf("unknown source: %v", err)
	}
	if _, err := NewMemoryCatalog(rows, []Source{src, src}); err == nil || !strings.Contains(err.Error(), "appears twice") {
		t.Errorf("duplicate source: %v", err)
	}
	bad := rows[0]
	bad.Unit = ""
	if _, err := NewMemoryCatalog([]Price{bad}, []Source{src}); err == nil || !strings.Contains(err.Error(), "unit is required") {
		t.Errorf("bad row: %v", err)
	}
	// The caller's rows may change afterwards without changing the catalog.
	c, err := NewMemoryCatalog(rows, []Source{src})
	if err != nil {
		t.Fatal(err)
	}
	rows[0].Attributes["instanceType"] = "changed"
	q := Query{Provider: "aws", Service: "AmazonEC2", Region: "us-east-1", Attributes: map[string]string{"instanceType": "m5.large"}}
	got, _ := c.Lookup(t.Context(), []Query{q})
	if !got[0].Found || got[0].USD.String() != "0.096" {
		t.Errorf("after the caller changed its rows: %+v", got[0])
	}
}
