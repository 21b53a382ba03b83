package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-dynamodb-2025-08):
//
//	us-east-1: Provisioned Write Units 0.00065/WCU-hour; Provisioned Read Units 0.00013/RCU-hour;
//	  PayPerRequest Write Request Units 0.000000625; PayPerRequest Read Request Units 0.000000125;
//	  Data Storage Indexed GB-Mo 0.25; Data Storage Indexed - IA GB-Mo 0.10; PITR Backup Storage 0.20;
//	  On-Demand Backup Storage 0.10
//	eu-west-1: Provisioned Read Units 0.000147; Data Storage Indexed GB-Mo 0.283;
//	  Provisioned Replicated Write Units 0.000735
func TestDynamoDBTablePlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_dynamodb_table.plan.json",
		Usage: `version: 0.1
resource_usage:
  aws_dynamodb_table.provisioned:
    storage_gb: 20
    pitr_backup_storage_gb: 20
  aws_dynamodb_table.on_demand:
    monthly_write_request_units: 1000000
    monthly_read_request_units: 4000000
  aws_dynamodb_table.ia:
    storage_gb: 100
  aws_dynamodb_table.global:
    storage_gb: 10
`,
		Resources: map[string]estimatortest.Resource{
			// 5 × 0.00065 × 730 = 2.3725; 10 × 0.00013 × 730 = 0.949; 20 × 0.25 = 5; 20 × 0.20 = 4
			"aws_dynamodb_table.provisioned": {Proposed: "12.3215", Components: map[string]string{
				"Write capacity unit (WCU)":                    "2.3725 ddb",
				"Read capacity unit (RCU)":                     "0.949 ddb",
				"Data storage":                                 "5 ddb",
				"Point-in-time recovery (PITR) backup storage": "4 ddb",
				"On-demand backup storage":                     "usage ddb",
			}},
			// 1M × 0.000000625 = 0.625; 4M × 0.000000125 = 0.5
			"aws_dynamodb_table.on_demand": {Proposed: "1.125", Components: map[string]string{
				"Write request unit (WRU)": "0.625 ddb",
				"Read request unit (RRU)":  "0.5 ddb",
				"Data storage":             "usage ddb",
				"On-demand backup storage": "usage ddb",
			}},
			// Standard-IA: 100 × 0.10 = 10
			"aws_dynamodb_table.ia": {Proposed: "10", Components: map[string]string{
				"Write request unit (WRU)": "usage ddb",
				"Read request unit (RRU)":  "usage ddb",
				"Data storage":             "10 ddb",
				"On-demand backup storage": "usage ddb",
			}},
			// 2 × 0.00065 × 730 = 0.949; 2 × 0.00013 × 730 = 0.1898; 10 × 0.25 = 2.5;
			// replica eu-west-1: 2 × 0.000735 × 730 = 1.0731; 2 × 0.000147 × 730 = 0.21462; 10 × 0.283 = 2.83
			"aws_dynamodb_table.global": {Proposed: "7.75652", Components: map[string]string{
				"Write capacity unit (WCU)": "0.949 ddb",
				"Read capacity unit (RCU)":  "0.1898 ddb",
				"Data storage":              "2.5 ddb",
				"On-demand backup storage":  "usage ddb",
				"Global table (eu-west-1): Replicated write capacity unit (rWCU)": "1.0731 ddb",
				"Global table (eu-west-1): Read capacity unit (RCU)":              "0.21462 ddb",
				"Global table (eu-west-1): Data storage":                          "2.83 ddb",
			}},
		},
		Proposed: "31.20302",
	}})
}

func TestDynamoDBTableComponents(t *testing.T) {
	got := dsBuild(t, "aws_dynamodb_table", "us-east-1", `{"billing_mode":"PROVISIONED","table_class":"STANDARD_INFREQUENT_ACCESS"}`,
		`{"read_capacity":true,"write_capacity":true}`, nil)
	dsCheckLines(t, got, []string{
		`Write capacity unit (WCU); usage; AmazonDynamoDB//us-east-1; pricingPageLabel=Provisioned Write Units IA; on_demand    0; ["read_capacity unknown until apply: not estimated" "write_capacity unknown until apply: not estimated"]`,
		`Read capacity unit (RCU); usage; AmazonDynamoDB//us-east-1; pricingPageLabel=Provisioned Read Units IA; on_demand    0; ["read_capacity unknown until apply: not estimated" "write_capacity unknown until apply: not estimated"]`,
		`Data storage; usage; AmazonDynamoDB//us-east-1; pricingPageLabel=Data Storage Indexed - IA GB-Mo; on_demand    0; []`,
		`On-demand backup storage; usage; AmazonDynamoDB//us-east-1; pricingPageLabel=On-Demand Backup Storage GB-Month; on_demand    0; []`,
	})
}
