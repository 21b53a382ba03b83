package awsmetered

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/importertest"
)

func importFile(t *testing.T, name string, filter pricing.Filter) []pricing.Price {
	t.Helper()
	rows, err := importBytes(t, name, readTestdata(t, name), filter)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func importBytes(t *testing.T, name string, data []byte, filter pricing.Filter) ([]pricing.Price, error) {
	t.Helper()
	return importertest.Collect(t, Importer{}, name, data, filter)
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	return importertest.ReadTestdata(t, name)
}

// want describes one expected row; attrs must all be present.
type want struct {
	region, family string
	attrs          map[string]string
	purchase, unit string
	term           [3]string // length, purchase option, offering class
	tierStart      string
	usd, sku       string
}

func (w want) matches(p pricing.Price) bool {
	if p.Region != w.region || p.Family != w.family || p.Unit != w.unit || p.PurchaseOption != w.purchase {
		return false
	}
	if p.TermLength != w.term[0] || p.TermPurchaseOption != w.term[1] || p.TermOfferingClass != w.term[2] {
		return false
	}
	ts := w.tierStart
	if ts == "" {
		ts = "0"
	}
	if p.TierStart.String() != ts {
		return false
	}
	for k, v := range w.attrs {
		if p.Attributes[k] != v {
			return false
		}
	}
	return true
}

func kv(pairs ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return m
}

// TestImportRealMaps checks the SOURCES.md check values (and a few more
// rows, each quoted from its origin file) on real maps.
func TestImportRealMaps(t *testing.T) {
	od := "on_demand"
	tests := []struct {
		file     string
		service  string
		date     string // manifest publication date; "" = none
		rows     int
		want     []want
		noRegion []string // regions that must produce no rows
	}{
		{"ebs-excerpt.json", "AmazonEC2", "2024-07-18", 0, []want{
			{region: "us-east-1", family: "Storage", attrs: kv("volumeApiName", "gp3", "volumeType", "General Purpose"), purchase: od, unit: "GB-Mo", usd: "0.08", sku: "JG3KUJMBRGHV3N8G"},
			{region: "eu-west-1", family: "Storage", attrs: kv("volumeApiName", "gp3"), purchase: od, unit: "GB-Mo", usd: "0.088"},
			{region: "eu-central-1", family: "Storage", attrs: kv("volumeApiName", "gp3"), purchase: od, unit: "GB-Mo", usd: "0.0952"},
			{region: "ap-southeast-1", family: "Storage", attrs: kv("volumeApiName", "gp3"), purchase: od, unit: "GB-Mo", usd: "0.096"},
			{region: "us-east-1", family: "Storage", attrs: kv("volumeApiName", "io2"), purchase: od, unit: "GB-month", usd: "0.125"},
			{region: "us-east-1", family: "System Operation", attrs: kv("volumeApiName", "gp3", "group", "EBS IOPS"), purchase: od, unit: "IOPS-Mo", usd: "0.005"},
			{region: "us-east-1", family: "System Operation", attrs: kv("volumeApiName", "io2", "group", "EBS IOPS Tier 2"), purchase: od, unit: "IOPS-Mo", usd: "0.0455"},
			{region: "us-east-1", family: "Provisioned Throughput", attrs: kv("volumeApiName", "gp3"), purchase: od, unit: "GiBps-mo", usd: "40.96"},
			{region: "us-east-1", family: "Storage Snapshot", attrs: kv("storageMedia", "Amazon S3"), purchase: od, unit: "GB-Mo", usd: "0.05"},
		}, []string{"us-east-1-bos-1"}},
		{"natgateway.json", "AmazonEC2", "2025-10-28", 72, []want{
			{region: "us-east-1", family: "NAT Gateway", attrs: kv("group", "NGW:NatGateway"), purchase: od, unit: "Hrs", usd: "0.045", sku: "M2YSHUBETB3JX4M4"},
			{region: "us-east-1", family: "NAT Gateway", attrs: kv("group", "NGW:NatGateway"), purchase: od, unit: "GB", usd: "0.045", sku: "59S5R83GFPUAGVR5"},
		}, nil},
		{"rds-postgresql-ondemand-excerpt.json", "AmazonRDS", "2024-09-28", 0, []want{
			{region: "us-east-1", family: "Database Instance", attrs: kv("instanceType", "db.t3.medium", "databaseEngine", "PostgreSQL", "deploymentOption", "Single-AZ", "licenseModel", "No license required"), purchase: od, unit: "Hrs", usd: "0.072", sku: "2V4Z46C2HCZPQCUW"},
			{region: "us-east-1", family: "Database Instance", attrs: kv("instanceType", "db.t3.medium", "deploymentOption", "Multi-AZ"), purchase: od, unit: "Hrs", usd: "0.145"},
			{region: "eu-west-1", family: "Database Instance", attrs: kv("instanceType", "db.t3.medium", "deploymentOption", "Single-AZ"), purchase: od, unit: "Hrs", usd: "0.078"},
			{region: "eu-west-1", family: "Database Instance", attrs: kv("instanceType", "db.t3.medium", "deploymentOption", "Multi-AZ"), purchase: od, unit: "Hrs", usd: "0.156"},
			{region: "ap-southeast-1", family: "Database Instance", attrs: kv("instanceType", "db.t3.medium", "deploymentOption", "Single-AZ"), purchase: od, unit: "Hrs", usd: "0.112"},
			{region: "ap-southeast-1", family: "Database Instance", attrs: kv("instanceType", "db.t3.medium", "deploymentOption", "Multi-AZ"), purchase: od, unit: "Hrs", usd: "0.224"},
			{region: "us-east-1", family: "Database Instance", attrs: kv("instanceType", "db.m6gd.large", "deploymentOption", "Multi-AZ (readable standbys)"), purchase: od, unit: "Hrs", usd: "0.522"},
			{region: "eu-central-1", family: "Database Storage", attrs: kv("databaseEngine", "PostgreSQL", "deploymentOption", "Single-AZ", "volumeType", "General Purpose-GP3"), purchase: od, unit: "GB-Mo", usd: "0.137"},
			{region: "us-east-1", family: "Database Storage", attrs: kv("deploymentOption", "Multi-AZ (readable standbys)", "volumeType", "Provisioned IOPS-IO2"), purchase: od, unit: "GB-Mo", usd: "0.375"},
			{region: "us-east-1", family: "Provisioned IOPS", attrs: kv("deploymentOption", "Single-AZ", "pricingPageLabel", "Provisioned GP3 IOPS Single AZ"), purchase: od, unit: "IOPS-Mo", usd: "0.02"},
			{region: "us-east-1", family: "Provisioned Throughput", attrs: kv("deploymentOption", "Single-AZ"), purchase: od, unit: "MBPS-Mo", usd: "0.08"},
			{region: "us-east-1", family: "Storage Snapshot", attrs: kv("databaseEngine", "PostgreSQL"), purchase: od, unit: "GB-Mo", usd: "0.095"},
		}, nil},
		{"us-east-1-rds-postgresql-reservedinstance-multi-az-3y.json", "AmazonRDS", "2025-04-04", 0, []want{
			{region: "us-east-1", family: "Database Instance", attrs: kv("instanceType", "db.t3.medium", "deploymentOption", "Multi-AZ"), purchase: od, unit: "Hrs", usd: "0.145"},
			{region: "us-east-1", family: "Database Instance", attrs: kv("instanceType", "db.t3.medium", "deploymentOption", "Multi-AZ"), purchase: "reserved", term: [3]string{"3yr", "Partial Upfront", ""}, unit: "Hrs", usd: "0.0348"},
			{region: "us-east-1", family: "Database Instance", attrs: kv("instanceType", "db.t3.medium", "deploymentOption", "Multi-AZ"), purchase: "reserved", term: [3]string{"3yr", "Partial Upfront", ""}, unit: "Quantity", usd: "913"},
		}, nil},
		{"us-east-1-rds-postgresql-reservedinstance-multi-az-1y.json", "AmazonRDS", "2025-04-04", 0, []want{
			{region: "us-east-1", family: "Database Instance", attrs: kv("instanceType", "db.t3.medium", "deploymentOption", "Multi-AZ"), purchase: "reserved", term: [3]string{"1yr", "No Upfront", ""}, unit: "Hrs", usd: "0.1034"},
		}, nil},
		{"ec2-reserved-us-east-1-1y-excerpt.json", "AmazonEC2", "", 6, []want{
			{region: "us-east-1", family: "Compute Instance", attrs: kv("instanceType", "m5.large", "operatingSystem", "Linux", "tenancy", "Shared", "preInstalledSw", "NA", "licenseModel", "No License required", "capacitystatus", "Used"), purchase: "reserved", term: [3]string{"1yr", "No Upfront", "standard"}, unit: "Hrs", usd: "0.06"},
			{region: "us-east-1", family: "Compute Instance", attrs: kv("instanceType", "m5.large"), purchase: od, unit: "Hrs", usd: "0.096"},
			{region: "us-east-1", family: "Compute Instance (bare metal)", attrs: kv("instanceType", "m5.metal"), purchase: od, unit: "Hrs", usd: "4.608"},
		}, nil},
		{"elasticache-excerpt.json", "AmazonElastiCache", "2025-03-14", 6, []want{
			{region: "us-east-1", family: "Cache Instance", attrs: kv("instanceType", "cache.t3.medium", "cacheEngine", "Redis"), purchase: od, unit: "Hrs", usd: "0.068"},
			{region: "us-east-1", family: "Cache Instance", attrs: kv("instanceType", "cache.t3.medium", "cacheEngine", "Memcached"), purchase: od, unit: "Hrs", usd: "0.068"},
			{region: "us-east-1", family: "Cache Instance", attrs: kv("instanceType", "cache.t3.medium", "cacheEngine", "Valkey"), purchase: od, unit: "Hrs", usd: "0.0544"},
			{region: "eu-west-1", family: "Cache Instance", attrs: kv("instanceType", "cache.t3.medium", "cacheEngine", "Redis"), purchase: od, unit: "Hrs", usd: "0.072"},
		}, nil},
		{"eks-excerpt.json", "AmazonEKS", "2025-10-28", 8, []want{
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Compute per Hours"), purchase: od, unit: "Hours", usd: "0.1"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Compute ExtendedSupport per Hours"), purchase: od, unit: "Hours", usd: "0.5"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Fargate perCPU per hours"), purchase: od, unit: "hours", usd: "0.04048"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Fargate perGB per hours"), purchase: od, unit: "hours", usd: "0.004445"},
			{region: "eu-west-3", attrs: kv("pricingPageLabel", "Compute per Hours"), purchase: od, unit: "Hours", usd: "0.1"},
		}, nil},
		{"lambda-excerpt.json", "AWSLambda", "2025-10-30", 10, []want{
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Lambda Requests"), purchase: od, unit: "Requests", usd: "0.0000002"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Lambda Duration"), purchase: od, unit: "Lambda-GB-Second", usd: "0.0000166667"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Lambda Duration-ARM"), purchase: od, unit: "Lambda-GB-Second", usd: "0.0000133334"},
		}, []string{""}},
		{"dynamodb-excerpt.json", "AmazonDynamoDB", "2025-08-28", 16, []want{
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Provisioned Read Units"), purchase: od, unit: "ReadCapacityUnit-Hrs", usd: "0.00013"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Provisioned Write Units"), purchase: od, unit: "WriteCapacityUnit-Hrs", usd: "0.00065"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "PayPerRequest Read Request Units"), purchase: od, unit: "ReadRequestUnits", usd: "0.000000125"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "PayPerRequest Write Request Units"), purchase: od, unit: "WriteRequestUnits", usd: "0.000000625"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Data Storage Indexed GB-Mo"), purchase: od, unit: "GB-Mo", usd: "0.25"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Provisioned Replicated Write Units"), purchase: od, unit: "ReplicatedWriteCapacityUnit-Hrs", usd: "0.00065", sku: "QM7WV2JADZJDV45W"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Provisioned Replicated Write Units IA"), purchase: od, unit: "ReplicatedWriteCapacityUnit-Hrs", usd: "0.00081", sku: "MNQBR5JKF47TW9TE"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "PayPerRequest Replicated Write Request Units"), purchase: od, unit: "ReplicatedWriteRequestUnits", usd: "0.000000625", sku: "3XWM5KJM296GT93W"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "PayPerRequest Replicated Write Request Units IA"), purchase: od, unit: "ReplicatedWriteRequestUnits", usd: "0.00000078", sku: "6NJM3K66JDV3SGNV"},
		}, nil},
		{"cloudwatch-excerpt.json", "AmazonCloudWatch", "2025-09-23", 28, []want{
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Alarm Standard"), purchase: od, unit: "Alarms", usd: "0.1"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Alarm High Resolution"), purchase: od, unit: "Alarms", usd: "0.3"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Alarm Composite"), purchase: od, unit: "Alarms", usd: "0.5"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Metric"), purchase: od, unit: "Metrics", usd: "0.3"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Metric"), purchase: od, unit: "Metrics", tierStart: "10000", usd: "0.1"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Metric"), purchase: od, unit: "Metrics", tierStart: "250000", usd: "0.05"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Metric"), purchase: od, unit: "Metrics", tierStart: "1000000", usd: "0.02"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Stored Data"), purchase: od, unit: "GB-Mo", usd: "0.03"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "IA Custom ingested Logs"), purchase: od, unit: "GB", usd: "0.25", sku: "WMNA5ZB3WX336Z89"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Queried Logs Insights"), purchase: od, unit: "GB", usd: "0.005", sku: "466C636KV6VS3849"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Vended Logs"), purchase: od, unit: "GB", usd: "0.5", sku: "GHRXAWYBWDN7X39F"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Vended Logs"), purchase: od, unit: "GB", tierStart: "10240", usd: "0.25"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Vended Logs"), purchase: od, unit: "GB", tierStart: "30720", usd: "0.1"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Vended Logs"), purchase: od, unit: "GB", tierStart: "51200", usd: "0.05"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Delivered Logs"), purchase: od, unit: "GB", usd: "0.25", sku: "9WYME8VRJX5XNNG9"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Delivered Logs"), purchase: od, unit: "GB", tierStart: "30720", usd: "0.075"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Amazon Kinesis Data Firehose Delivered Logs"), purchase: od, unit: "GB", tierStart: "10240", usd: "0.15", sku: "EQX872FAUQBWJM6K"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "IA Vended ingested logs"), purchase: od, unit: "GB", tierStart: "51200", usd: "0.05", sku: "W6ZRKEAN43XA8EA9"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Parquet Conversion"), purchase: od, unit: "GB", usd: "0.03"},
		}, []string{""}},
		{"kms.json", "awskms", "2025-08-28", 144, []want{
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Encryption Key"), purchase: od, unit: "Months", usd: "1", sku: "U553K98XGDXCYHWS"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "API request - Non Free Tier"), purchase: od, unit: "Requests", usd: "0.000003"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Asymmetric Requests RSA_2048"), purchase: od, unit: "Requests", usd: "0.000003", sku: "D2442XTM4G9ABTHW"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Asymmetric Requests except RSA_2048API"), purchase: od, unit: "Requests", usd: "0.000015", sku: "MS4387UGYYR785BJ"},
		}, []string{""}},
		{"route53-excerpt.json", "AmazonRoute53", "2025-08-28", 21, []want{
			{region: "", attrs: kv("pricingPageLabel", "DNS Zone"), purchase: od, unit: "HostedZone", usd: "0.5", sku: "KVPGEJE88UW8S779"},
			{region: "", attrs: kv("pricingPageLabel", "DNS Zone"), purchase: od, unit: "HostedZone", tierStart: "25", usd: "0.1", sku: "KVPGEJE88UW8S779"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Query"), purchase: od, unit: "Queries", usd: "0.0000004"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Query"), purchase: od, unit: "Queries", tierStart: "1000000000", usd: "0.0000002"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Query ENI"), purchase: od, unit: "Hours", usd: "0.125"},
			{region: "", attrs: kv("pricingPageLabel", "Query Standard External"), purchase: od, unit: "Queries", usd: "0.0000004", sku: "JHRA6QBEDT9FZVT5"},
			{region: "", attrs: kv("pricingPageLabel", "Query Standard External"), purchase: od, unit: "Queries", tierStart: "1000000000", usd: "0.0000002", sku: "JHRA6QBEDT9FZVT5"},
			{region: "", attrs: kv("pricingPageLabel", "Query Latency Based Routing External"), purchase: od, unit: "Queries", usd: "0.0000006"},
			{region: "", attrs: kv("pricingPageLabel", "Query Latency Based Routing External"), purchase: od, unit: "Queries", tierStart: "1000000000", usd: "0.0000003"},
			{region: "", attrs: kv("pricingPageLabel", "Query Geo DNS External"), purchase: od, unit: "Queries", usd: "0.0000007"},
			{region: "", attrs: kv("pricingPageLabel", "Query Geoproximity External"), purchase: od, unit: "Queries", tierStart: "1000000000", usd: "0.00000035"},
			{region: "", attrs: kv("pricingPageLabel", "Query IP Based Routing External"), purchase: od, unit: "Queries", usd: "0.0000008"},
			{region: "", attrs: kv("pricingPageLabel", "Query IP Based Routing External"), purchase: od, unit: "Queries", tierStart: "1000000000", usd: "0.0000004"},
			// Osaka labels its Resolver queries "Query Resolver" only; Mexico
			// gives one SKU three labels, and its "Standard External" is not global.
			{region: "ap-northeast-3", attrs: kv("pricingPageLabel", "Query"), purchase: od, unit: "Queries", usd: "0.0000004", sku: "WHQ8DXZQF9GGKQYD"},
			{region: "mx-central-1", attrs: kv("pricingPageLabel", "Query"), purchase: od, unit: "Queries", tierStart: "1000000000", usd: "0.0000002", sku: "SKD4PZTG3U3K45HA"},
		}, nil},
		{"vpc-excerpt.json", "AmazonVPC", "2025-11-04", 8, []want{
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Hourly charge for In use Public IPv4 Addresses per Hrs"), purchase: od, unit: "Hrs", usd: "0.005"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Hourly charge for VPC Endpoints per Hrs"), purchase: od, unit: "Hrs", usd: "0.01"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "CreateVpnConnection per Hrs"), purchase: od, unit: "Hrs", usd: "0.05"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", vpcEndpointData), purchase: od, unit: "GB", tierStart: "1048576", usd: "0.006"},
		}, []string{"us-east-1-bos-1"}},
		{"apigateway-excerpt.json", "AmazonApiGateway", "2025-10-20", 34, []want{
			{region: "us-east-1", attrs: kv("pricingPageLabel", "API Calls"), purchase: od, unit: "Requests", usd: "0.0000035", sku: "KKDZ3TFSXUSMCZ3A"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "API Calls"), purchase: od, unit: "Requests", tierStart: "333000000", usd: "0.0000028"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "API Calls"), purchase: od, unit: "Requests", tierStart: "1000000000", usd: "0.00000238"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "API Calls"), purchase: od, unit: "Requests", tierStart: "20000000000", usd: "0.00000151"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "ApiGatewayHttpApi"), purchase: od, unit: "Requests", tierStart: "300000000", usd: "0.0000009"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "WebSocket Messages"), purchase: od, unit: "Messages", usd: "0.000001"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "WebSocket Connection Minutes"), purchase: od, unit: "Minutes", usd: "0.00000025", sku: "UTA8VPBNDBWNCNMC"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Caching Memory Size 0 5"), purchase: od, unit: "Hrs", usd: "0.02", sku: "CXYUE7KWK5ZR38DE"},
			{region: "us-east-1", attrs: kv("pricingPageLabel", "Caching Memory Size 237"), purchase: od, unit: "Hrs", usd: "3.8"},
			{region: "eu-west-1", attrs: kv("pricingPageLabel", "API Calls"), purchase: od, unit: "Requests", tierStart: "333000000", usd: "0.00000319"},
			{region: "eu-west-1", attrs: kv("pricingPageLabel", "Caching Memory Size 1 6"), purchase: od, unit: "Hrs", usd: "0.038"},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rows := importFile(t, tt.file, pricing.Filter{})
			if tt.rows != 0 && len(rows) != tt.rows {
				t.Errorf("%d rows, want %d", len(rows), tt.rows)
			}
			for _, w := range tt.want {
				var found []pricing.Price
				for _, r := range rows {
					if w.matches(r) {
						found = append(found, r)
					}
				}
				if len(found) != 1 {
					t.Errorf("%d rows match %+v, want 1", len(found), w)
					continue
				}
				r := found[0]
				if r.USD.String() != w.usd || (w.sku != "" && r.SKU != w.sku) {
					t.Errorf("%+v: got %s SKU %s", w, r.USD, r.SKU)
				}
			}
			for _, r := range rows {
				if r.Provider != "aws" || r.Service != tt.service || r.SKU == "" || r.Description == "" {
					t.Fatalf("bad row %+v", r)
				}
				if got := dateOf(r.EffectiveDate); got != tt.date {
					t.Fatalf("effective date %q, want %q", got, tt.date)
				}
				for _, nr := range tt.noRegion {
					if r.Region == nr {
						t.Errorf("row for %q (%s), which must be skipped", nr, r.Description)
					}
				}
				if strings.Contains(r.Description, "RegionlessRateCode") {
					t.Errorf("hashed key used: %s", r.Description)
				}
			}
		})
	}
}

func dateOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func TestImportFilter(t *testing.T) {
	for _, tt := range []struct {
		filter pricing.Filter
		want   int
	}{
		{pricing.Filter{Regions: []string{"us-east-1"}}, 2},
		{pricing.Filter{Regions: []string{"eu-west-1", "eu-west-2"}}, 4},
		{pricing.Filter{Services: []string{"AmazonRDS"}}, 0},
		{pricing.Filter{Services: []string{"AmazonEC2"}, Regions: []string{"ap-south-1"}}, 2},
	} {
		if got := len(importFile(t, "natgateway.json", tt.filter)); got != tt.want {
			t.Errorf("filter %+v: %d rows, want %d", tt.filter, got, tt.want)
		}
	}
}

func TestImportMalformed(t *testing.T) {
	good := string(readTestdata(t, "natgateway.json"))
	// after replaces the first old after anchor in us-east-1: the labelled
	// entries are the ones converted (hashed duplicates are never read).
	after := func(anchor, old, new string) string {
		r := strings.Index(good, `"US East (N. Virginia)"`) // a region (Phoenix, first in the file, is a Local Zone)
		i := r + strings.Index(good[r:], anchor)
		j := strings.Index(good[i:], old)
		return good[:i+j] + new + good[i+j+len(old):]
	}
	const label = `"Hourly charge for NAT Gateways"`
	tests := []struct {
		name, data, record string
	}{
		{"truncated", good[:len(good)/2], "location"},
		{"bad price", after(label, `"price": "`, `"price": "x`), `label "Hourly charge for NAT Gateways"`},
		{"negative price", after(label, `"price": "`, `"price": "-`), `label "Hourly charge for NAT Gateways"`},
		{"bad rate code", after(label, `.JRTCKXETXF.6YS6EN2CT7"`, `"`), `label "Hourly charge for NAT Gateways"`},
		{"not on demand", after(label, `.JRTCKXETXF.`, `.4NA7Y494T4.`), `label "Hourly charge for NAT Gateways"`},
		{"unknown location", strings.Replace(good, `"US West (Oregon)"`, `"Atlantis (North)"`, 1), `"Atlantis (North)"`},
		{"unknown source", strings.Replace(good, `"source": "natgateway"`, `"source": "s3"`, 1), `source "s3" is not supported`},
		{"manifest last", `{"regions":{},"manifest":{"source":"natgateway"}}`, "regions before the manifest"},
		{"not a map", `[]`, "not a metered unit map"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := importBytes(t, "map.json", []byte(tt.data), pricing.Filter{})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "map.json") || !strings.Contains(err.Error(), tt.record) {
				t.Errorf("error %q does not name the file and %q", err, tt.record)
			}
		})
	}
}

// TestRebuildMatchesCommittedFile rebuilds pricing-data/data/aws-kms-2025-08
// from its input (testdata/kms.json is a byte-identical copy of the corpus
// file) the way pricing-data/build-aws.sh does, and compares the bytes.
func TestRebuildMatchesCommittedFile(t *testing.T) {
	rows := importFile(t, "kms.json", pricing.Filter{})
	dir := t.TempDir()
	src := pricing.Source{Name: "aws-kms-2025-08", PriceDate: time.Date(2025, 8, 28, 0, 0, 0, 0, time.UTC)}
	if _, err := pricing.WriteSource(dir, src, rows); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "aws-kms-2025-08.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(filepath.Join("..", "..", "..", "pricing-data", "data", "aws-kms-2025-08.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, committed) {
		t.Error("rebuilt aws-kms-2025-08.csv.gz differs from the committed file: run pricing-data/build-aws.sh")
	}
}
