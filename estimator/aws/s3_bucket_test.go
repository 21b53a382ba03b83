package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// The price data has no S3 price (FORMAT.md, "S3"): every line is "price not
// found"; the quantities are checked (Standard storage split at 50 TB and
// 500 TB; requests shown per thousand).
func TestS3BucketPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_s3_bucket.plan.json",
		Usage: `version: 0.1
resource_usage:
  aws_s3_bucket.data:
    standard:
      storage_gb: 600000
      monthly_tier_1_requests: 100000
      monthly_tier_2_requests: 2000000
    standard_infrequent_access:
      storage_gb: 1000
      monthly_data_retrieval_gb: 50
`,
		Resources: map[string]estimatortest.Resource{
			"aws_s3_bucket.logs": {Proposed: "0", Components: map[string]string{
				"Standard: Storage":                             "not found",
				"Standard: PUT, COPY, POST, LIST requests":      "not found",
				"Standard: GET, SELECT, and all other requests": "not found",
			}},
			"aws_s3_bucket.data": {Proposed: "0", Components: map[string]string{
				"Standard: Storage (first 50 TB)":                                   "not found q=51200",
				"Standard: Storage (next 450 TB)":                                   "not found q=460800",
				"Standard: Storage (over 500 TB)":                                   "not found q=88000",
				"Standard: PUT, COPY, POST, LIST requests":                          "not found q=100",
				"Standard: GET, SELECT, and all other requests":                     "not found q=2000",
				"Standard - infrequent access: Storage":                             "not found q=1000",
				"Standard - infrequent access: PUT, COPY, POST, LIST requests":      "not found",
				"Standard - infrequent access: GET, SELECT, and all other requests": "not found",
				"Standard - infrequent access: Retrievals":                          "not found q=50",
			}},
		},
		Proposed: "0",
	}})
}

func TestS3BucketComponents(t *testing.T) {
	got := dsBuild(t, "aws_s3_bucket", "us-east-1", `{"bucket":"b"}`, "", map[string]any{
		"glacier_deep_archive": map[string]any{"storage_gb": 10},
		"standard":             map[string]any{"storage_gb": -1},
	})
	dsCheckLines(t, got, []string{
		`Standard: Storage; usage; AmazonS3/Storage/us-east-1; volumeType=Standard; on_demand    0; ["usage standard.storage_gb is not a non-negative number: ignored"]`,
		`Standard: PUT, COPY, POST, LIST requests; usage; AmazonS3/API Request/us-east-1; group=S3-API-Tier1; on_demand    0; []`,
		`Standard: GET, SELECT, and all other requests; usage; AmazonS3/API Request/us-east-1; group=S3-API-Tier2; on_demand    0; []`,
		`Glacier deep archive: Storage; m=10; AmazonS3GlacierDeepArchive/Storage/us-east-1; volumeType=Glacier Deep Archive; on_demand    0; []`,
		`Glacier deep archive: PUT, COPY, POST, LIST requests; usage; AmazonS3GlacierDeepArchive/API Request/us-east-1; group=S3-API-GDA-Tier1; on_demand    0; []`,
		`Glacier deep archive: GET, SELECT, and all other requests; usage; AmazonS3GlacierDeepArchive/API Request/us-east-1; group=S3-API-GDA-Tier2; on_demand    0; []`,
	})
}

func TestS3BucketStorageClassesKey(t *testing.T) {
	got := dsBuild(t, "aws_s3_bucket", "eu-west-1", `{"bucket":"b"}`, "", map[string]any{
		"storage_classes": map[string]any{"one_zone_infrequent_access": map[string]any{"storage_gb": 7}},
	})
	dsCheckLines(t, got, []string{
		`Standard: Storage; usage; AmazonS3/Storage/eu-west-1; volumeType=Standard; on_demand    0; []`,
		`Standard: PUT, COPY, POST, LIST requests; usage; AmazonS3/API Request/eu-west-1; group=S3-API-Tier1; on_demand    0; []`,
		`Standard: GET, SELECT, and all other requests; usage; AmazonS3/API Request/eu-west-1; group=S3-API-Tier2; on_demand    0; []`,
		`One zone - infrequent access: Storage; m=7; AmazonS3/Storage/eu-west-1; volumeType=One Zone - Infrequent Access; on_demand    0; []`,
		`One zone - infrequent access: PUT, COPY, POST, LIST requests; usage; AmazonS3/API Request/eu-west-1; group=S3-API-ZIA-Tier1; on_demand    0; []`,
		`One zone - infrequent access: GET, SELECT, and all other requests; usage; AmazonS3/API Request/eu-west-1; group=S3-API-ZIA-Tier2; on_demand    0; []`,
		`One zone - infrequent access: Retrievals; usage; AmazonS3//eu-west-1; group=S3-API-ZIA-Retrieval; on_demand    0; []`,
	})
}
