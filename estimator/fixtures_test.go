package estimator

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/shopspring/decimal"
)

// Real price rows for the engine tests, copied from the shared corpus:
//   - EC2 Linux on-demand (shared tenancy) hourly prices: aws-price
//     lib/data/pricing/ec2-transformed.json @508fb452 (fetched 2025-11-04);
//     that file has no SKUs, so the rows get synthesized ones.
//   - EBS gp2 storage: ec2.shop data/ebs/ebs.json @74c9fd8a (publication
//     2024-07-18), "Storage General Purpose gp2 GB Mo"; SKU = rateCode's SKU.
//   - Lambda requests: aws-price lib/data/pricing/lambda.json @508fb452
//     (publication 2025-10-30), "Lambda Requests", per request.
var (
	ec2Date    = time.Date(2025, 11, 4, 0, 0, 0, 0, time.UTC)
	ebsDate    = time.Date(2024, 7, 18, 0, 0, 0, 0, time.UTC)
	lambdaDate = time.Date(2025, 10, 30, 0, 0, 0, 0, time.UTC)
)

func testPrices(t testing.TB) ([]pricing.Price, []pricing.Source) {
	t.Helper()
	sources := []pricing.Source{
		{Name: "test-aws-ec2-2025-11", Origin: "lamngockhuong/aws-price@508fb45296c8:lib/data/pricing/ec2-transformed.json", Licence: "MIT", PriceDate: ec2Date, Rows: 9},
		{Name: "test-aws-ebs-2024-07", Origin: "yeo/ec2.shop@74c9fd8ab5ac:data/ebs/ebs.json", Licence: "MIT", PriceDate: ebsDate, Rows: 2},
		{Name: "test-aws-lambda-2025-10", Origin: "lamngockhuong/aws-price@508fb45296c8:lib/data/pricing/lambda.json", Licence: "MIT", PriceDate: lambdaDate, Rows: 1},
	}
	var prices []pricing.Price
	for _, row := range []struct{ region, typ, usd string }{
		{"us-east-1", "t3.micro", "0.0104"}, {"us-east-1", "t3.medium", "0.0416"}, {"us-east-1", "m5.large", "0.096"},
		{"eu-west-1", "t3.micro", "0.0114"}, {"eu-west-1", "t3.medium", "0.0456"}, {"eu-west-1", "m5.large", "0.107"},
		{"us-west-2", "t3.micro", "0.0104"}, {"us-west-2", "m5.large", "0.096"}, {"us-west-2", "m4.large", "0.1"},
	} {
		p := pricing.Price{
			Provider: "aws", Service: "AmazonEC2", Family: "Compute Instance", Region: row.region,
			Attributes:     ec2Attributes(row.typ),
			PurchaseOption: pricing.OnDemand, Unit: "Hrs", USD: decimal.RequireFromString(row.usd),
			EffectiveDate: ec2Date, Source: "test-aws-ec2-2025-11",
		}
		sku, err := pricing.SynthesizeSKU(p)
		if err != nil {
			t.Fatal(err)
		}
		p.SKU = sku
		prices = append(prices, p)
	}
	for _, row := range []struct{ region, sku, usd string }{
		{"us-east-1", "HY3BZPP2B6K8MSJF", "0.10"}, {"eu-west-1", "GDX844Q9TQAG2YZ2", "0.11"},
	} {
		prices = append(prices, pricing.Price{
			Provider: "aws", Service: "AmazonEC2", Family: "Storage", Region: row.region, SKU: row.sku,
			Attributes:     map[string]string{"volumeApiName": "gp2"},
			PurchaseOption: pricing.OnDemand, Unit: "GB-Mo", USD: decimal.RequireFromString(row.usd),
			EffectiveDate: ebsDate, Source: "test-aws-ebs-2024-07",
		})
	}
	prices = append(prices, pricing.Price{
		Provider: "aws", Service: "AWSLambda", Family: "Serverless", Region: "us-east-1", SKU: "GU2ZS9HVP6QTQ7KE",
		Attributes:     map[string]string{"group": "AWS-Lambda-Requests"},
		PurchaseOption: pricing.OnDemand, Unit: "Requests", USD: decimal.RequireFromString("0.0000002"),
		EffectiveDate: lambdaDate, Source: "test-aws-lambda-2025-10",
	})
	return prices, sources
}

func ec2Attributes(instanceType string) map[string]string {
	return map[string]string{
		"instanceType": instanceType, "operatingSystem": "Linux", "tenancy": "Shared",
		"preInstalledSw": "NA", "capacitystatus": "Used",
	}
}

// countingCatalog records how often and with how many queries it is asked.
type countingCatalog struct {
	inner   pricing.Catalog
	mu      sync.Mutex
	calls   int
	queries int
}

func (c *countingCatalog) Lookup(ctx context.Context, q []pricing.Query) ([]pricing.Answer, error) {
	c.mu.Lock()
	c.calls++
	c.queries += len(q)
	c.mu.Unlock()
	return c.inner.Lookup(ctx, q)
}

func testCatalog(t testing.TB) *countingCatalog {
	t.Helper()
	prices, sources := testPrices(t)
	mem, err := pricing.NewMemoryCatalog(prices, sources)
	if err != nil {
		t.Fatal(err)
	}
	return &countingCatalog{inner: mem}
}

// testRegistry prices a few AWS types the way the real definitions do, so
// the engine can be tested without them. aws_iam_role is free.
func testRegistry() registry {
	r := registry{types: map[string]schema.ResourceType{}, free: map[string]bool{"aws_iam_role": true}}
	for _, t := range []schema.ResourceType{
		{Name: "aws_instance", Build: buildTestInstance},
		{Name: "aws_autoscaling_group", Build: buildTestASG},
		{Name: "aws_lambda_function", Build: buildTestLambda},
	} {
		r.types[t.Name] = t
	}
	return r
}

func ec2Query(region, instanceType string) pricing.Query {
	return pricing.Query{Provider: "aws", Service: "AmazonEC2", Family: "Compute Instance", Region: region,
		Attributes: ec2Attributes(instanceType), Unit: "Hrs"}
}

func instanceComponent(region, instanceType string, count decimal.Decimal, assumed []string) schema.Component {
	return schema.Component{
		Name: "Instance usage (Linux/UNIX, on-demand, " + instanceType + ")", Unit: "hours",
		HourlyQuantity: schema.Hourly(count), Query: ec2Query(region, instanceType), Assumed: assumed,
	}
}

func buildTestInstance(r schema.Resource) []schema.Component {
	typ := r.Values.String("instance_type")
	var assumed []string
	if typ == "" {
		typ = "t3.micro"
		assumed = append(assumed, "instance_type unknown: assumed t3.micro")
	}
	comps := []schema.Component{instanceComponent(r.Region, typ, decimal.NewFromInt(1), assumed)}
	size, ok := r.Values.Decimal("root_block_device.0.volume_size")
	var diskAssumed []string
	if !ok {
		size = decimal.NewFromInt(8)
		diskAssumed = []string{"root_block_device.0.volume_size unknown: assumed 8 GB"}
	}
	comps = append(comps, schema.Component{
		Name: "Root volume storage (general purpose SSD, gp2)", Unit: "GB", MonthlyQuantity: schema.Monthly(size),
		Query:   pricing.Query{Provider: "aws", Service: "AmazonEC2", Family: "Storage", Region: r.Region, Attributes: map[string]string{"volumeApiName": "gp2"}, Unit: "GB-Mo"},
		Assumed: diskAssumed,
	})
	return comps
}

// buildTestASG prices desired_capacity instances of the launch template's
// (or launch configuration's) instance type.
func buildTestASG(r schema.Resource) []schema.Component {
	count, ok := r.Values.Decimal("desired_capacity")
	if !ok {
		count = decimal.NewFromInt(1)
	}
	for _, path := range []string{"launch_template.0.id", "launch_configuration"} {
		for _, lt := range r.Referenced(path) {
			if typ := lt.String("instance_type"); typ != "" {
				return []schema.Component{instanceComponent(r.Region, typ, count, nil)}
			}
		}
	}
	return nil
}

func buildTestLambda(r schema.Resource) []schema.Component {
	c := schema.Component{
		Name: "Requests", Unit: "1M requests", UnitMultiplier: decimal.NewFromInt(1_000_000), UsageBased: true,
		Query: pricing.Query{Provider: "aws", Service: "AWSLambda", Family: "Serverless", Region: r.Region,
			Attributes: map[string]string{"group": "AWS-Lambda-Requests"}, Unit: "Requests"},
	}
	if n, ok := r.Usage.Decimal("monthly_requests"); ok {
		c.MonthlyQuantity = schema.Monthly(n)
	}
	return []schema.Component{c}
}

// loadPlan decodes a plan file of testdata.
func loadPlan(t testing.TB, path string) *tfjson.Plan {
	t.Helper()
	f, err := os.Open(filepath.FromSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	plan, err := DecodePlan(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return plan
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// resourceByAddress finds a resource of an estimate (deposed objects excluded).
func resourceByAddress(t testing.TB, est *Estimate, addr string) ResourceCost {
	t.Helper()
	for _, r := range est.Resources {
		if r.Address == addr && r.Deposed == "" {
			return r
		}
	}
	t.Fatalf("no resource %s in the estimate", addr)
	return ResourceCost{}
}

// notFoundCatalog knows no price.
type notFoundCatalog struct{}

func (notFoundCatalog) Lookup(_ context.Context, q []pricing.Query) ([]pricing.Answer, error) {
	return make([]pricing.Answer, len(q)), nil
}
