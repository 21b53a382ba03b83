package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (pricing-data/data, price per unit):
//
//	rds21 (aws-rds-ec2instances-2021-08, us-east-1, the only Aurora prices outside eu-west-1)
//	  Aurora PostgreSQL db.r5.large Single-AZ on demand 0.29/h
//	  Aurora PostgreSQL db.r6g.large Single-AZ 1yr No Upfront 0.17/h
//	euw123 (aws-euw1-terracost-2023-02, eu-west-1)
//	  Aurora MySQL db.t3.medium Single-AZ 0.088/h; ServerlessV2 Aurora PostgreSQL 0.14/ACU-Hr
//	No Aurora price exists for eu-south-2.
func TestRDSClusterInstancePlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_rds_cluster_instance.plan.json",
		Usage: `version: 0.1
resource_usage:
  aws_rds_cluster_instance.reserved:
    reserved_instance_term: 1_year
    reserved_instance_payment_option: no_upfront
  aws_rds_cluster_instance.serverless:
    capacity_units_per_hr: 2
`,
		Resources: map[string]estimatortest.Resource{
			// 0.29 × 730 = 211.7
			"aws_rds_cluster_instance.writer": {Proposed: "211.7", Components: map[string]string{
				"Database instance (on-demand, db.r5.large)": "211.7 rds21",
			}},
			// 0.17 × 730 = 124.1
			"aws_rds_cluster_instance.reserved": {Proposed: "124.1", Components: map[string]string{
				"Database instance (reserved 1yr No Upfront, db.r6g.large)": "124.1 rds21",
			}},
			// engine from aws_rds_cluster.main (aurora-mysql); 0.088 × 730 = 64.24, at the
			// standard rate although the cluster is I/O-Optimized, said on the line.
			"aws_rds_cluster_instance.reader": {Proposed: "64.24", Components: map[string]string{
				"Database instance (on-demand, db.t3.medium)": "64.24 euw123",
			}, Assumed: map[string]string{
				"Database instance (on-demand, db.t3.medium)": "I/O-Optimized",
			}},
			// 2 ACU × 730 h × 0.14 = 204.4
			"aws_rds_cluster_instance.serverless": {Proposed: "204.4", Components: map[string]string{
				"Aurora Serverless v2": "204.4 euw123",
			}},
			"aws_rds_cluster_instance.spain": {Proposed: "0", Components: map[string]string{
				"Database instance (on-demand, db.r6g.large)": "not found",
			}},
		},
		Unsupported: []string{"aws_rds_cluster.main"},
		Proposed:    "604.44",
	}})
}

func TestRDSClusterInstanceComponents(t *testing.T) {
	tests := []struct {
		name, values, unknown string
		usage                 map[string]any
		want                  []string
	}{
		{
			name:   "Serverless v2 without usage shows its ACU-hour price",
			values: `{"engine":"aurora-mysql","instance_class":"db.serverless"}`,
			want:   []string{`Aurora Serverless v2; usage; AmazonRDS/ServerlessV2/eu-west-1; databaseEngine=Aurora MySQL; on_demand    0; []`},
		},
		{
			name:   "an unknown engine and class price nothing",
			values: `{}`, unknown: `{"engine":true,"instance_class":true}`,
			want: []string{
				`Database instance (on-demand, unknown class); h=1; AmazonRDS/Database Instance/eu-west-1; databaseEngine=,deploymentOption=Single-AZ,instanceType=; on_demand    0; ["instance_class unknown until apply: no price" "engine unknown until apply: no price"]`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dsCheckLines(t, dsBuild(t, "aws_rds_cluster_instance", "eu-west-1", tt.values, tt.unknown, tt.usage), tt.want)
		})
	}
}
