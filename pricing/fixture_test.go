package pricing

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"
)

// The test catalog (testdata/catalog) holds real rows converted from the
// shared corpus (../shared/corpus, provenance in its SOURCES.md and
// MANIFEST.tsv). `go test ./pricing -run TestFixtureCatalog -update`
// rebuilds it; the conversion below is test-only, the product's importers
// live in pricing/importer.
var update = flag.Bool("update", false, "rewrite golden files and rebuild testdata/catalog from the corpus")

const fixtureDir = "testdata/catalog"

func corpusDir() string {
	if d := os.Getenv("COSTGATE_CORPUS"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "corpus")
}

func TestFixtureCatalog(t *testing.T) {
	if *update {
		buildFixtureCatalog(t)
	}
	prices, sources, err := ReadDataDir(os.DirFS(fixtureDir))
	if err != nil {
		t.Fatal(err)
	}
	if len(sources) != 5 {
		t.Fatalf("fixture has %d sources, want 5", len(sources))
	}
	// Check values quoted in the corpus's SOURCES.md.
	cat, err := NewMemoryCatalog(prices, sources)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		q    Query
		want string
	}{
		{Query{Provider: "aws", Service: "AmazonEC2", Region: "us-east-1",
			Attributes: map[string]string{"instanceType": "m5.large", "operatingSystem": "Linux", "tenancy": "Shared"}}, "0.096"},
		{Query{Provider: "aws", Service: "AmazonEC2", Region: "us-east-1", PurchaseOption: Reserved, TermLength: "1yr",
			Attributes: map[string]string{"instanceType": "m5.large", "operatingSystem": "Linux", "tenancy": "Shared"}}, "0.06"},
		{Query{Provider: "aws", Service: "AmazonEC2", Region: "eu-west-1", Family: "Compute Instance",
			Attributes: map[string]string{"instanceType": "m5.large", "operatingSystem": "Linux", "tenancy": "Shared",
				"preInstalledSw": "NA", "capacitystatus": "Used", "licenseModel": "No License required"}}, "0.107"},
		{Query{Provider: "google", Service: "Compute Engine", Region: "us-central1",
			Attributes: map[string]string{"machineType": "n1-standard-1"}}, "0.04749975"},
	}
	answers, err := cat.Lookup(t.Context(), queryList(checks, func(c struct {
		q    Query
		want string
	}) Query {
		return c.q
	}))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range checks {
		if !answers[i].Found || !answers[i].USD.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("check %d: got %+v, want USD %s", i, answers[i], c.want)
		}
	}
}

func queryList[T any](items []T, f func(T) Query) []Query {
	out := make([]Query, len(items))
	for i, it := range items {
		out[i] = f(it)
	}
	return out
}

func buildFixtureCatalog(t *testing.T) {
	t.Helper()
	corpus := corpusDir()
	if err := os.MkdirAll(fixtureDir, 0o755); err != nil {
		t.Fatal(err)
	}
	locations := readAWSLocations(t, corpus)
	for _, b := range []struct {
		src  Source
		rows func() []Price
	}{
		{Source{Name: "aws-ec2-ri-ec2shop-2025-04", Origin: "yeo/ec2.shop@74c9fd8ab5ac:data/ec2/<region>-reservedinstance-{1y,3y}.json",
			Licence: "MIT", PriceDate: day("2025-04-06"),
			Notes: "EC2 Linux shared tenancy on-demand and Standard No Upfront reserved rates, 10 regions (test fixture)"},
			func() []Price { return ec2shopRows(t, corpus, locations) }},
		{Source{Name: "aws-ec2-ondemand-awsprice-2025-10", Origin: "lamngockhuong/aws-price@508fb45296c8:lib/data/pricing/ec2-transformed.json",
			Licence: "MIT", PriceDate: day("2025-10-28"),
			Notes: "EC2 Linux shared tenancy on-demand, the 10 regions keyed by region code (test fixture)"},
			func() []Price { return awsPriceRows(t, corpus) }},
		{Source{Name: "aws-eu-west-1-terracost-2023-02", Origin: "cycloidio/terracost@23cf94d2807b:mysql/testdata/2023-02-23-pricing.sql.gz",
			Licence: "MIT", PriceDate: day("2023-02-23"),
			Notes: "on-demand rows: global products, tiered products, CloudWatch, ELB, EC2 m5/t3/c5/r5 instances (test fixture)"},
			func() []Price { return terracostRows(t, corpus) }},
		{Source{Name: "google-compute-calculator-2026-07", Origin: "Cyclenerd/google-cloud-pricing-cost-calculator@fd66b26ff84f:pricing.yml",
			Licence: "Apache-2.0", PriceDate: day("2026-07-30"), Notes: "e2, n1-standard and n2-standard hour and spot hour (test fixture)"},
			func() []Price {
				return gcpCalculatorRows(t, filepath.Join(corpus, "google-cloud-pricing-cost-calculator/2026-07-30/pricing.yml"), day("2026-07-30"))
			}},
		{Source{Name: "google-compute-calculator-2024-01", Origin: "Cyclenerd/google-cloud-pricing-cost-calculator@3ed8be833b4f:pricing.yml",
			Licence: "Apache-2.0", PriceDate: day("2024-01-26"), Notes: "e2, n1-standard and n2-standard hour and spot hour (test fixture)"},
			func() []Price {
				return gcpCalculatorRows(t, filepath.Join(corpus, "google-cloud-pricing-cost-calculator/2024-01-26/pricing.yml"), day("2024-01-26"))
			}},
	} {
		b.src.BuiltWith = "go test ./pricing -run TestFixtureCatalog -update"
		if _, err := WriteSource(fixtureDir, b.src, b.rows()); err != nil {
			t.Fatal(err)
		}
	}
}

func day(s string) time.Time {
	d, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func readAWSLocations(t *testing.T, corpus string) map[string]string {
	var locs map[string]struct {
		Code string `json:"code"`
	}
	readJSON(t, filepath.Join(corpus, "aws-price/lib/data/locations.json"), &locs)
	out := map[string]string{}
	for name, l := range locs {
		out[name] = l.Code
	}
	return out
}

func ec2Family(instanceType string) string {
	if strings.Contains(instanceType, ".metal") {
		return "Compute Instance (bare metal)"
	}
	return "Compute Instance"
}

func ec2shopRows(t *testing.T, corpus string, locations map[string]string) []Price {
	files, err := filepath.Glob(filepath.Join(corpus, "ec2.shop/data/ec2/*-reservedinstance-*.json"))
	if err != nil || len(files) != 20 {
		t.Fatalf("ec2.shop reserved files: %d found, %v", len(files), err)
	}
	var rows []Price
	seen := map[string]bool{}
	for _, f := range files {
		var doc struct {
			Regions map[string]map[string]map[string]string `json:"regions"`
		}
		readJSON(t, f, &doc)
		for loc, items := range doc.Regions {
			region, ok := locations[loc]
			if !ok {
				t.Fatalf("%s: unknown location %q", f, loc)
			}
			for label, it := range items {
				attrs := map[string]string{
					"instanceType": it["Instance Type"], "operatingSystem": it["Operating System"],
					"tenancy": it["Tenancy"], "preInstalledSw": it["Pre Installed S/W"],
				}
				base := Price{Provider: "aws", Service: "AmazonEC2", Family: ec2Family(it["Instance Type"]), Region: region,
					Attributes: attrs, Unit: "Hrs", EffectiveDate: day("2025-04-06")}
				od := base
				od.SKU, _, _ = strings.Cut(it["OnDemand:RateCode"], ".")
				od.PurchaseOption = OnDemand
				od.USD = decimal.RequireFromString(it["OnDemand:PricePerUnit"])
				od.Description = it["OnDemand:RateCode"]
				if !seen[od.Description] {
					seen[od.Description] = true
					rows = append(rows, od)
				}
				ri := base
				ri.SKU, _, _ = strings.Cut(it["rateCode"], ".")
				ri.PurchaseOption = Reserved
				ri.USD = decimal.RequireFromString(it["price"])
				ri.TermLength, ri.TermPurchaseOption, ri.TermOfferingClass = it["LeaseContractLength"], it["PurchaseOption"], "standard"
				ri.Description = it["rateCode"] + " " + label
				rows = append(rows, ri)
			}
		}
	}
	return rows
}

var regionCode = regexp.MustCompile(`^[a-z]{2}(-gov)?-[a-z]+-\d$`)

func awsPriceRows(t *testing.T, corpus string) []Price {
	var items []struct {
		Region     string            `json:"region"`
		Attributes map[string]string `json:"attributes"`
		Price      string            `json:"pricePerUnit"`
		Unit       string            `json:"unit"`
	}
	readJSON(t, filepath.Join(corpus, "aws-price/lib/data/pricing/ec2-transformed.json"), &items)
	var rows []Price
	for _, it := range items {
		if !regionCode.MatchString(it.Region) {
			continue // location slugs (Local/Wavelength zones) are left out of the fixture
		}
		if it.Unit != "USD per hour" {
			t.Fatalf("unexpected unit %q", it.Unit)
		}
		p := Price{Provider: "aws", Service: "AmazonEC2", Family: ec2Family(it.Attributes["instanceType"]), Region: it.Region,
			Attributes:     map[string]string{"instanceType": it.Attributes["instanceType"], "operatingSystem": it.Attributes["operatingSystem"], "tenancy": "Shared"},
			PurchaseOption: OnDemand, Unit: "Hrs", USD: decimal.RequireFromString(it.Price), EffectiveDate: day("2025-10-28")}
		sku, err := SynthesizeSKU(p)
		if err != nil {
			t.Fatal(err)
		}
		p.SKU = sku
		rows = append(rows, p)
	}
	return rows
}

var (
	terracostProduct = regexp.MustCompile(`^INSERT INTO ` + "`pricing_products`" + ` VALUES \((\d+),'([^']*)','([^']*)','([^']*)','([^']*)',(NULL|'[^']*'),'(.*)'\);$`)
	terracostPrice   = regexp.MustCompile(`^INSERT INTO ` + "`pricing_product_prices`" + ` VALUES \((\d+),(\d+),'([^']*)','([^']*)','([^']*)',([0-9.]+),'(.*)'\);$`)
	// Offer-file attribute names for terracost's capitalised ones.
	terracostAttr = map[string]string{"Tenancy": "tenancy", "UsageType": "usagetype", "InstanceType": "instanceType",
		"LicenseModel": "licenseModel", "CapacityStatus": "capacitystatus", "PreInstalledSW": "preInstalledSw",
		"OperatingSystem": "operatingSystem"}
)

func terracostRows(t *testing.T, corpus string) []Price {
	f, err := os.Open(filepath.Join(corpus, "terracost/mysql/testdata/2023-02-23-pricing.sql.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	type product struct {
		Price
		tiered bool
	}
	products := map[string]*product{}
	type rawPrice struct {
		product, unit, usd string
		attrs              map[string]string
	}
	var raw []rawPrice
	sc := bufio.NewScanner(gz)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	unescape := strings.NewReplacer(`\"`, `"`, `\\`, `\`)
	for sc.Scan() {
		line := sc.Text()
		if m := terracostProduct.FindStringSubmatch(line); m != nil {
			var attrs map[string]string
			if err := json.Unmarshal([]byte(unescape.Replace(m[7])), &attrs); err != nil {
				t.Fatalf("product %s: %v", m[1], err)
			}
			mapped := map[string]string{}
			for k, v := range attrs {
				if n, ok := terracostAttr[k]; ok {
					k = n
				} else {
					k = strings.ToLower(k[:1]) + k[1:]
				}
				mapped[k] = v
			}
			family := strings.Trim(m[6], "'")
			if m[6] == "NULL" {
				family = ""
			}
			products[m[1]] = &product{Price: Price{Provider: m[2], SKU: m[3], Region: m[4], Service: m[5], Family: family, Attributes: mapped}}
		} else if m := terracostPrice.FindStringSubmatch(line); m != nil {
			var attrs map[string]string
			if err := json.Unmarshal([]byte(unescape.Replace(m[7])), &attrs); err != nil {
				t.Fatalf("price %s: %v", m[1], err)
			}
			raw = append(raw, rawPrice{product: m[2], unit: m[5], usd: m[6], attrs: attrs})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, r := range raw {
		if p := products[r.product]; p != nil && r.attrs["StartingRange"] != "" && r.attrs["StartingRange"] != "0" {
			p.tiered = true
		}
	}
	keep := func(p *product) bool {
		switch {
		case p.Region == "" || p.tiered || p.Service == "AmazonCloudWatch" || p.Service == "AWSELB":
			return true
		case p.Service == "AmazonEC2" && strings.HasPrefix(p.Family, "Compute Instance"):
			it := p.Attributes["instanceType"]
			for _, prefix := range []string{"m5.", "t3.", "c5.", "r5."} {
				if strings.HasPrefix(it, prefix) {
					return true
				}
			}
		}
		return false
	}
	// Tier ends are the next tier's start for the same product and unit.
	starts := map[string][]decimal.Decimal{}
	var (
		rows []Price
		keys []string
	)
	for _, r := range raw {
		p := products[r.product]
		if p == nil || r.attrs["TermType"] != "OnDemand" || !keep(p) {
			continue
		}
		row := p.Price
		row.PurchaseOption, row.Unit, row.EffectiveDate = OnDemand, r.unit, day("2023-02-23")
		row.USD = decimal.RequireFromString(r.usd)
		if s := r.attrs["StartingRange"]; s != "" {
			row.TierStart = decimal.RequireFromString(s)
		}
		k := r.product + "\x00" + r.unit
		starts[k] = append(starts[k], row.TierStart)
		rows = append(rows, row)
		keys = append(keys, k)
	}
	for i := range rows {
		var next *decimal.Decimal
		for _, s := range starts[keys[i]] {
			if s.GreaterThan(rows[i].TierStart) && (next == nil || s.LessThan(*next)) {
				s := s
				next = &s
			}
		}
		if next != nil {
			rows[i].TierEnd = decimal.NewNullDecimal(*next)
		}
	}
	return rows
}

func gcpCalculatorRows(t *testing.T, path string, date time.Time) []Price {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Compute struct {
			Instance map[string]struct {
				Cost map[string]map[string]string `yaml:"cost"`
			} `yaml:"instance"`
		} `yaml:"compute"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var rows []Price
	types := make([]string, 0, len(doc.Compute.Instance))
	for mt := range doc.Compute.Instance {
		types = append(types, mt)
	}
	sort.Strings(types)
	for _, mt := range types {
		if !strings.HasPrefix(mt, "e2-") && !strings.HasPrefix(mt, "n1-standard-") && !strings.HasPrefix(mt, "n2-standard-") {
			continue
		}
		for region, cost := range doc.Compute.Instance[mt].Cost {
			for key, po := range map[string]string{"hour": OnDemand, "hour_spot": Spot} {
				v, ok := cost[key]
				if !ok {
					continue
				}
				p := Price{Provider: "google", Service: "Compute Engine", Family: "Compute Instance", Region: region,
					Attributes: map[string]string{"machineType": mt}, PurchaseOption: po, Unit: "h",
					USD: decimal.RequireFromString(v), EffectiveDate: date}
				if p.SKU, err = SynthesizeSKU(p); err != nil {
					t.Fatal(err)
				}
				rows = append(rows, p)
			}
		}
	}
	return rows
}
