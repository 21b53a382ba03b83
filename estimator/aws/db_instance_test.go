package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (pricing-data/data, price per unit):
//
//	rdsri25 (aws-rds-reserved-2025-04, 2025-04-04; newer than rds24 for PostgreSQL and MySQL in its 10 regions)
//	  PostgreSQL db.t3.medium Single-AZ us-east-1 on demand 0.072/h
//	  MySQL db.m5.large Multi-AZ eu-central-1 on demand 0.406/h
//	  PostgreSQL db.r6g.large Single-AZ us-east-1 3yr Partial Upfront 0.0416/h + 1093 upfront
//	rds24 (aws-rds-ondemand-2024-09, 2024-09-28)
//	  PostgreSQL gp3 Single-AZ us-east-1 0.115/GB-Mo; GP3 IOPS Single AZ 0.02; throughput Single AZ 0.08/MBPS-Mo
//	  MySQL io1 Multi-AZ eu-central-1 0.298/GB-Mo; "Provisioned IOPS Multi AZ" 0.238/IOPS-Mo; snapshot 0.103/GB-Mo
//	  MariaDB db.t3.micro Single-AZ us-east-1 0.017/h; gp2 Single-AZ 0.115/GB-Mo
//	euw123 (aws-euw1-terracost-2023-02, eu-west-1)
//	  Oracle Standard Two License included db.m5.large Single-AZ 0.491/h; Oracle gp2 Single-AZ 0.127; Oracle snapshot 0.095
//	  SQL Server Standard License included db.m5.large Multi-AZ 1.992/h; SQL Server gp2 "Multi-AZ (SQL Server Mirror)" 0.253
//	No RDS price exists for mx-central-1 (SOURCES.md: 32 regions).
func TestDBInstancePlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_db_instance.plan.json",
		Usage: `version: 0.1
resource_usage:
  aws_db_instance.mysql_multi:
    additional_backup_storage_gb: 50
  aws_db_instance.oracle:
    additional_backup_storage_gb: 10
  aws_db_instance.big:
    reserved_instance_term: 3_year
    reserved_instance_payment_option: partial_upfront
`,
		Resources: map[string]estimatortest.Resource{
			// 0.072 × 730 = 52.56; 100 GB × 0.115 = 11.5; 3,000 IOPS are the baseline below 400 GB.
			"aws_db_instance.postgres": {Proposed: "64.06", Components: map[string]string{
				"Database instance (on-demand, Single-AZ, db.t3.medium)": "52.56 rdsri25",
				"Storage (general purpose SSD, gp3)":                     "11.5 rds24",
				"Additional backup storage":                              "usage rds24",
			}},
			// 0.406 × 730 = 296.38; 200 × 0.298 = 59.6; 2,000 × 0.238 = 476; 50 × 0.103 = 5.15.
			"aws_db_instance.mysql_multi": {Proposed: "837.13", Components: map[string]string{
				"Database instance (on-demand, Multi-AZ, db.m5.large)": "296.38 rdsri25",
				"Storage (provisioned IOPS SSD, io1)":                  "59.6 rds24",
				"Provisioned IOPS":                                     "476 rds24",
				"Additional backup storage":                            "5.15 rds24",
			}},
			// Engine, gp3 and 100 GB from aws_db_instance.postgres; backups off (retention 0).
			"aws_db_instance.replica": {Proposed: "64.06", Components: map[string]string{
				"Database instance (on-demand, Single-AZ, db.t3.medium)": "52.56 rdsri25",
				"Storage (general purpose SSD, gp3)":                     "11.5 rds24",
			}, Assumed: map[string]string{
				"Database instance (on-demand, Single-AZ, db.t3.medium)": "taken from the replicated database",
			}},
			// 0.491 × 730 = 358.43; 100 × 0.127 = 12.7; 10 × 0.095 = 0.95.
			"aws_db_instance.oracle": {Proposed: "372.08", Components: map[string]string{
				"Database instance (on-demand, Single-AZ, db.m5.large)": "358.43 euw123",
				"Storage (general purpose SSD, gp2)":                    "12.7 euw123",
				"Additional backup storage":                             "0.95 euw123",
			}, Assumed: map[string]string{
				"Database instance (on-demand, Single-AZ, db.m5.large)": "assumed license-included",
			}},
			// 1.992 × 730 = 1454.16; 50 × 0.253 = 12.65.
			"aws_db_instance.sqlserver": {Proposed: "1466.81", Components: map[string]string{
				"Database instance (on-demand, Multi-AZ, db.m5.large)": "1454.16 euw123",
				"Storage (general purpose SSD, gp2)":                   "12.65 euw123",
				"Additional backup storage":                            "usage euw123",
			}},
			// 0.0416 × 730 = 30.368; 1093 / 36 = 30.361111; 500 × 0.115 = 57.5;
			// (15,000 − 12,000) × 0.02 = 60; (600 − 500) × 0.08 = 8.
			"aws_db_instance.big": {Proposed: "~186.229111", Components: map[string]string{
				"Database instance (reserved 3yr Partial Upfront, Single-AZ, db.r6g.large)": "30.368 rdsri25",
				"Reservation upfront fee (3yr Partial Upfront, spread over 36 months)":      "~30.361111 rdsri25",
				"Storage (general purpose SSD, gp3)":                                        "57.5 rds24",
				"Provisioned GP3 IOPS (above 12,000)":                                       "60 rds24",
				"Provisioned throughput (above 500 MiB/s)":                                  "8 rds24",
				"Additional backup storage":                                                 "usage rds24",
			}},
			// 0.017 × 730 = 12.41; 20 GB (assumed) × 0.115 = 2.3.
			"aws_db_instance.defaults": {Proposed: "14.71", Components: map[string]string{
				"Database instance (on-demand, Single-AZ, db.t3.micro)": "12.41 rds24",
				"Storage (general purpose SSD, gp2)":                    "2.3 rds24",
				"Additional backup storage":                             "usage rds24",
			}, Assumed: map[string]string{
				"Storage (general purpose SSD, gp2)": "assumed 20 GB",
			}},
			// No RDS prices in mx-central-1: a data gap, said as such.
			"aws_db_instance.mexico": {Proposed: "0", Components: map[string]string{
				"Database instance (on-demand, Single-AZ, db.t3.medium)": "not found",
				"Storage (general purpose SSD, gp2)":                     "not found q=20",
			}},
		},
		Proposed: "~3005.079111",
	}})
}

func TestDBInstanceComponents(t *testing.T) {
	tests := []struct {
		name, region, values, unknown string
		usage                         map[string]any
		want                          []string
	}{
		{
			name:   "io1 below its minimums is raised to 100 GB and 1,000 IOPS",
			region: "us-east-1",
			values: `{"engine":"postgres","instance_class":"db.m5.large","storage_type":"io1","allocated_storage":50,"iops":500,"backup_retention_period":0}`,
			want: []string{
				`Database instance (on-demand, Single-AZ, db.m5.large); h=1; AmazonRDS/Database Instance/us-east-1; databaseEngine=PostgreSQL,deploymentOption=Single-AZ,instanceType=db.m5.large,licenseModel=No license required; on_demand    0; []`,
				`Storage (provisioned IOPS SSD, io1); m=100; AmazonRDS/Database Storage/us-east-1; databaseEngine=PostgreSQL,deploymentOption=Single-AZ,volumeType=Provisioned IOPS; on_demand    0; ["allocated_storage 50 GB is below the io1 minimum: priced at 100 GB" "iops 500 is below the minimum: priced at 1000"]`,
				`Provisioned IOPS; m=1000; AmazonRDS/Provisioned IOPS/us-east-1; databaseEngine=PostgreSQL,deploymentOption=Single-AZ,pricingPageLabel=Provisioned IOPS Single AZ; on_demand    0; []`,
			},
		},
		{
			name:   "io2 with unknown IOPS assumes the minimum",
			region: "us-east-1",
			values: `{"engine":"mysql","instance_class":"db.m5.large","storage_type":"io2","allocated_storage":400,"multi_az":true,"backup_retention_period":0}`, unknown: `{"iops":true}`,
			want: []string{
				`Database instance (on-demand, Multi-AZ, db.m5.large); h=1; AmazonRDS/Database Instance/us-east-1; databaseEngine=MySQL,deploymentOption=Multi-AZ,instanceType=db.m5.large,licenseModel=No license required; on_demand    0; []`,
				`Storage (provisioned IOPS SSD, io2); m=400; AmazonRDS/Database Storage/us-east-1; databaseEngine=MySQL,deploymentOption=Multi-AZ,volumeType=Provisioned IOPS-IO2; on_demand    0; ["iops unknown until apply: assumed the minimum 1000"]`,
				`Provisioned IOPS; m=1000; AmazonRDS/Provisioned IOPS/us-east-1; databaseEngine=MySQL,deploymentOption=Multi-AZ,pricingPageLabel=Provisioned IO2 IOPS Multi AZ; on_demand    0; []`,
			},
		},
		{
			name:   "Oracle gp3 from 200 GB has the 12,000 IOPS baseline; Enterprise is bring-your-own-licence",
			region: "eu-west-1",
			values: `{"engine":"oracle-ee","instance_class":"db.r5.large","storage_type":"gp3","allocated_storage":250,"iops":13000,"backup_retention_period":0}`, unknown: `{"license_model":true}`,
			want: []string{
				`Database instance (on-demand, Single-AZ, db.r5.large); h=1; AmazonRDS/Database Instance/eu-west-1; databaseEdition=Enterprise,databaseEngine=Oracle,deploymentOption=Single-AZ,instanceType=db.r5.large,licenseModel=Bring your own license; on_demand    0; ["license_model unknown until apply: assumed bring-your-own-license, the only licence model of Oracle Enterprise Edition on RDS"]`,
				`Storage (general purpose SSD, gp3); m=250; AmazonRDS/Database Storage/eu-west-1; databaseEngine=Oracle,deploymentOption=Single-AZ,volumeType=General Purpose-GP3; on_demand    0; []`,
				`Provisioned GP3 IOPS (above 12,000); m=1000; AmazonRDS/Provisioned IOPS/eu-west-1; databaseEngine=Oracle,deploymentOption=Single-AZ,pricingPageLabel=Provisioned GP3 IOPS Single AZ; on_demand    0; []`,
			},
		},
		{
			name:   "SQL Server gp3 keeps the 3,000 IOPS baseline at any size",
			region: "eu-west-1",
			values: `{"engine":"sqlserver-web","instance_class":"db.m5.large","storage_type":"gp3","allocated_storage":500,"iops":4000,"storage_throughput":125,"backup_retention_period":0}`,
			want: []string{
				`Database instance (on-demand, Single-AZ, db.m5.large); h=1; AmazonRDS/Database Instance/eu-west-1; databaseEdition=Web,databaseEngine=SQL Server,deploymentOption=Single-AZ,instanceType=db.m5.large,licenseModel=License included; on_demand    0; []`,
				`Storage (general purpose SSD, gp3); m=500; AmazonRDS/Database Storage/eu-west-1; databaseEngine=SQL Server,deploymentOption=Single-AZ,volumeType=General Purpose-GP3; on_demand    0; []`,
				`Provisioned GP3 IOPS (above 3,000); m=1000; AmazonRDS/Provisioned IOPS/eu-west-1; databaseEngine=SQL Server,deploymentOption=Single-AZ,pricingPageLabel=Provisioned GP3 IOPS Single AZ; on_demand    0; []`,
			},
		},
		{
			name:   "an unknown engine prices nothing it cannot name",
			region: "us-east-1",
			values: `{"instance_class":"db.t3.small","allocated_storage":20,"storage_type":"gp2","backup_retention_period":0}`, unknown: `{"engine":true}`,
			want: []string{
				`Database instance (on-demand, Single-AZ, db.t3.small); h=1; AmazonRDS/Database Instance/us-east-1; databaseEngine=,deploymentOption=Single-AZ,instanceType=db.t3.small; on_demand    0; ["engine unknown until apply: no price"]`,
				`Storage (general purpose SSD, gp2); m=20; AmazonRDS/Database Storage/us-east-1; databaseEngine=,deploymentOption=Single-AZ,volumeType=General Purpose; on_demand    0; []`,
			},
		},
		{
			name:   "an engine outside the vocabulary is named and not priced",
			region: "us-east-1",
			values: `{"engine":"custom-oracle-ee","instance_class":"db.m5.xlarge","allocated_storage":40,"storage_type":"gp2","backup_retention_period":0}`,
			want: []string{
				`Database instance (on-demand, Single-AZ, db.m5.xlarge); h=1; AmazonRDS/Database Instance/us-east-1; databaseEngine=custom-oracle-ee,deploymentOption=Single-AZ,instanceType=db.m5.xlarge; on_demand    0; ["engine \"custom-oracle-ee\" is not in the price vocabulary: no price"]`,
				`Storage (general purpose SSD, gp2); m=40; AmazonRDS/Database Storage/us-east-1; databaseEngine=custom-oracle-ee,deploymentOption=Single-AZ,volumeType=General Purpose; on_demand    0; []`,
			},
		},
		{
			name:   "Aurora storage belongs to the cluster",
			region: "us-east-1",
			values: `{"engine":"aurora-mysql","instance_class":"db.r5.large"}`,
			want: []string{
				`Database instance (on-demand, Single-AZ, db.r5.large); h=1; AmazonRDS/Database Instance/us-east-1; databaseEngine=Aurora MySQL,deploymentOption=Single-AZ,instanceType=db.r5.large,licenseModel=No license required; on_demand    0; ["Aurora storage, I/O and backups are billed on the cluster (aws_rds_cluster)"]`,
			},
		},
		{
			name:   "a reservation with an unknown payment option is not priced",
			region: "us-east-1",
			values: `{"engine":"postgres","instance_class":"db.t3.medium","allocated_storage":20,"storage_type":"gp2","backup_retention_period":0}`,
			usage:  map[string]any{"reserved_instance_term": "1_year", "reserved_instance_payment_option": "monthly"},
			want: []string{
				`Database instance (reserved 1yr monthly, Single-AZ, db.t3.medium); h=1; AmazonRDS/Database Instance/us-east-1; databaseEngine=PostgreSQL,deploymentOption=Single-AZ,instanceType=db.t3.medium,licenseModel=No license required; reserved 1yr monthly Hrs 0; ["usage reserved_instance_payment_option \"monthly\" is not one of the known values: no price"]`,
				`Storage (general purpose SSD, gp2); m=20; AmazonRDS/Database Storage/us-east-1; databaseEngine=PostgreSQL,deploymentOption=Single-AZ,volumeType=General Purpose; on_demand    0; []`,
			},
		},
		{
			name:   "magnetic storage says its I/O requests are not estimated",
			region: "us-east-1",
			values: `{"engine":"mysql","instance_class":"db.m3.medium","allocated_storage":100,"storage_type":"standard","backup_retention_period":0}`,
			want: []string{
				`Database instance (on-demand, Single-AZ, db.m3.medium); h=1; AmazonRDS/Database Instance/us-east-1; databaseEngine=MySQL,deploymentOption=Single-AZ,instanceType=db.m3.medium,licenseModel=No license required; on_demand    0; []`,
				`Storage (magnetic); m=100; AmazonRDS/Database Storage/us-east-1; databaseEngine=MySQL,deploymentOption=Single-AZ,volumeType=Magnetic; on_demand    0; ["I/O requests of magnetic storage are charged per million: not in the price data, not estimated"]`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dsCheckLines(t, dsBuild(t, "aws_db_instance", tt.region, tt.values, tt.unknown, tt.usage), tt.want)
		})
	}
}
