package aws_test

import (
	"sync"
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
	"github.com/costgate/costgate/pricing"
)

// The focused plans (testdata/<type>.plan.json) are priced by the real
// engine against the embedded AWS price files, exactly as `costgate
// estimate` does. Every expected figure is worked out by hand from the rows
// quoted beside it (files of pricing-data/data, provenance in
// pricing-data/SOURCES.md, "AWS"), at 730 hours a month.

// awsSources names the price files the expectations refer to.
func awsSources() map[string]string {
	return map[string]string{
		"ec2":      "aws-ec2-ondemand-2025-11",             // aws-price ec2-transformed.json, Linux shared on demand
		"ec2ri":    "aws-ec2-reserved-2025-04",             // ec2.shop reserved-instance maps, No Upfront standard
		"euw1":     "aws-euw1-terracost-2023-02",           // terracost's eu-west-1 dump of AWS offer files
		"euw123":   "aws-euw1-terracost-2023-02",           // the same
		"ebs":      "aws-ebs-2024-07",                      // ec2.shop ebs.json
		"cw":       "aws-cloudwatch-2025-09",               // aws-price cloudwatch.json
		"eks":      "aws-eks-2025-10",                      // aws-price eks.json
		"nat":      "aws-natgateway-2025-10",               // aws-price natgateway.json
		"vpc":      "aws-vpc-2025-11",                      // aws-price vpc.json
		"r53":      "aws-route53-2025-08",                  // aws-price route53.json
		"apigw":    "aws-apigateway-2025-10",               // aws-price apigateway.json
		"ec2_2017": "aws-ec2-ec2instances-2017-11",         // ec2instances.info 2017
		"rds24":    "aws-rds-ondemand-2024-09",             // ec2.shop RDS on-demand maps
		"rdsri25":  "aws-rds-reserved-2025-04",             // ec2.shop RDS reserved maps
		"rds21":    "aws-rds-ec2instances-2021-08",         // ec2instances.info RDS 2021
		"ec25":     "aws-elasticache-2025-03",              // ec2.shop elasticache.json
		"ec22":     "aws-elasticache-ec2instances-2022-02", // ec2instances.info ElastiCache 2022
		"lambda":   "aws-lambda-2025-10",                   // aws-price lambda.json
		"ddb":      "aws-dynamodb-2025-08",                 // aws-price dynamodb.json
		"kms":      "aws-kms-2025-08",                      // aws-price kms.json
	}
}

// awsCatalog is the catalog of `costgate estimate` without a database,
// restricted to its AWS files (no AWS query matches another provider's rows).
var awsCatalog = sync.OnceValues(func() (*pricing.MemoryCatalog, error) {
	return estimatortest.LoadCatalog("aws-")
})

// checkAWSPlans prices the focused plans against the AWS files and checks
// them (estimatortest.CheckPlans says how).
func checkAWSPlans(t *testing.T, plans []estimatortest.Plan) {
	t.Helper()
	cat, err := awsCatalog()
	if err != nil {
		t.Fatal(err)
	}
	estimatortest.CheckPlans(t, cat, awsSources(), plans)
}
