#!/usr/bin/env bash
# Rebuilds the AWS price files pricing-data/data/aws-*.{csv.gz,json} from the
# real sources of the corpus. Usage: pricing-data/build-aws.sh [CORPUS_DIR]
# (default ../shared/corpus, relative to the repository root). Rebuilding
# from the same corpus gives byte-identical files; provenance of every file
# is in pricing-data/SOURCES.md, the vocabulary in pricing-data/FORMAT.md.
set -euo pipefail

built_with_format="pricing-data/build-aws.sh (format %s, price date %s)"
# shellcheck source=pricing-data/lib-build.sh
. "$(dirname "$0")/lib-build.sh" "$@"

ec2shop=yeo/ec2.shop@74c9fd8ab5acfd9511cd6535f914d47071601ad2
ec2shop_2024=yeo/ec2.shop@44337592ba034dd0cdd1e71a1670b17f8c3f6002
awsprice=lamngockhuong/aws-price@508fb45296c89efe38772babd7ec766644629267
terracost=cycloidio/terracost@23cf94d2807b9dd81a2d255f560ca8af3b72facb
terracost_2022=cycloidio/terracost@5b2d09ca4a3768237dcd96960ae400205282ad80
regions10="us-east-1 us-east-2 us-west-1 us-west-2 eu-west-1 eu-west-2 eu-central-1 ap-southeast-1 ap-southeast-2 ap-northeast-1"

# awsprice_page NAME PRICE_DATE FILE NOTES: a pricing-page file of aws-price
# (lib/data/pricing/FILE, format aws-metered-unit-map, MIT).
awsprice_page() {
	build "$1" aws-metered-unit-map "$2" MIT "$awsprice:lib/data/pricing/$3" "$4" "aws-price/lib/data/pricing/$3"
}

# EC2 on-demand, Linux, shared tenancy: every region of AWS's EC2 pricing page (2025-11).
build aws-ec2-ondemand-2025-11 aws-price-ec2-transformed 2025-11-04 MIT \
	"$awsprice:lib/data/pricing/ec2-transformed.json" \
	"EC2 on-demand Linux, shared tenancy, all instance types of the pricing page, every AWS Region in the file (Local/Wavelength Zones skipped); SKUs synthesized" \
	aws-price/lib/data/pricing/ec2-transformed.json

# EC2 reserved (Linux, shared, standard, No Upfront, 1 and 3 years) with their on-demand rates, 10 regions.
files=()
for r in $regions10; do files+=("ec2.shop/data/ec2/$r-reservedinstance-1y.json" "ec2.shop/data/ec2/$r-reservedinstance-3y.json"); done
build aws-ec2-reserved-2025-04 aws-metered-unit-map 2025-04-05 MIT \
	"$ec2shop:data/ec2/<region>-reservedinstance-{1y,3y}.json (20 files)" \
	"EC2 standard reservations, Linux, shared tenancy, No Upfront, 1yr and 3yr, with the on-demand rate of each type; 10 regions" \
	"${files[@]}"

build aws-ebs-2024-07 aws-metered-unit-map 2024-07-18 MIT \
	"$ec2shop:data/ebs/ebs.json" \
	"EBS volume storage (gp2, gp3, io1, io2, st1, sc1, standard), provisioned IOPS (gp3, io1, io2 tiers), gp3 throughput, magnetic I/O requests, standard snapshots; AWS Regions of the map" \
	ec2.shop/data/ebs/ebs.json

build aws-rds-ondemand-2024-09 aws-metered-unit-map 2024-09-28 MIT \
	"$ec2shop_2024:data/rds/rds-{postgresql,mysql,mariadb}-ondemand.json (3 files)" \
	"RDS PostgreSQL, MySQL, MariaDB instance hours (Single-AZ, Multi-AZ, Multi-AZ readable standbys), storage, provisioned IOPS and throughput, backup storage" \
	ec2.shop/2024-10-01/data/rds/rds-postgresql-ondemand.json \
	ec2.shop/2024-10-01/data/rds/rds-mysql-ondemand.json \
	ec2.shop/2024-10-01/data/rds/rds-mariadb-ondemand.json

files=()
for r in $regions10; do
	for e in postgresql mysql; do
		for d in single multi; do
			for y in 1y 3y; do files+=("ec2.shop/data/rds/$r-rds-$e-reservedinstance-$d-az-$y.json"); done
		done
	done
done
build aws-rds-reserved-2025-04 aws-metered-unit-map 2025-04-04 MIT \
	"$ec2shop:data/rds/<region>-rds-{postgresql,mysql}-reservedinstance-{single,multi}-az-{1y,3y}.json (80 files)" \
	"RDS PostgreSQL and MySQL reservations (1yr No Upfront; 3yr Partial Upfront with the upfront fee), Single-AZ and Multi-AZ, with the on-demand rate; 10 regions" \
	"${files[@]}"

build aws-elasticache-2025-03 aws-metered-unit-map 2025-03-14 MIT \
	"$ec2shop:data/elasticache/elasticache.json" \
	"ElastiCache node hours, Redis, Memcached and Valkey, on demand" \
	ec2.shop/data/elasticache/elasticache.json

awsprice_page aws-natgateway-2025-10 2025-10-28 natgateway.json \
	"NAT gateway hours and data processed"
awsprice_page aws-eks-2025-10 2025-10-28 eks.json \
	"EKS cluster hour, extended-support surcharge, Fargate vCPU and GB hours (by pricing-page label)"
awsprice_page aws-lambda-2025-10 2025-10-30 lambda.json \
	"Lambda requests, duration (first tier only), provisioned concurrency, ephemeral storage; x86 and Arm (by pricing-page label)"
awsprice_page aws-dynamodb-2025-08 2025-08-28 dynamodb.json \
	"DynamoDB provisioned and on-demand capacity, Standard and Standard-IA, storage, backups (by pricing-page label)"
awsprice_page aws-cloudwatch-2025-09 2025-09-23 cloudwatch.json \
	"CloudWatch alarms, custom metrics (tiered), log ingestion (Standard and Infrequent Access), storage and Logs Insights queries, vended logs delivered to CloudWatch Logs, S3 and Firehose (tiered) (by pricing-page label)"
awsprice_page aws-kms-2025-08 2025-08-28 kms.json \
	"KMS customer managed key-month and API requests (by pricing-page label)"
awsprice_page aws-route53-2025-08 2025-08-28 route53.json \
	"Route 53 hosted zones (global, tiered), standard queries (tiered), Resolver endpoints (by pricing-page label)"
awsprice_page aws-apigateway-2025-10 2025-10-20 apigateway.json \
	"API Gateway REST API requests (tiered) and cache hours by size, HTTP API requests (tiered), WebSocket messages (tiered) and connection minutes (by pricing-page label)"
awsprice_page aws-vpc-2025-11 2025-11-04 vpc.json \
	"Public IPv4 addresses (in use, idle), VPC interface endpoints and their data, Site-to-Site VPN, Transit Gateway VPC attachments (by pricing-page label)"

build aws-euw1-terracost-2023-02 terracost-mysql-dump 2023-02-23 MIT \
	"$terracost:mysql/testdata/2023-02-23-pricing.sql.gz" \
	"eu-west-1 on-demand as ingested by terracost from AWS offer files: EC2 (all OS, tenancy, licence, capacity status; EBS; NAT; EIP; data transfer), RDS (all engines), ElastiCache, ELB (the only ELB prices), CloudWatch; reserved prices dropped (terms lost)" \
	terracost/mysql/testdata/2023-02-23-pricing.sql.gz
build aws-euw1-terracost-2021-08 terracost-mysql-dump 2021-08-12 MIT \
	"$terracost_2022:mysql/testdata/2021-08-12-pricing.sql.gz" \
	"older terracost dump, same coverage as the 2023 one (eu-west-1 EC2, RDS, ElastiCache, ELB); reserved prices dropped" \
	terracost/2022-01-13/mysql/testdata/2021-08-12-pricing.sql.gz

build aws-ec2-ec2instances-2017-11 ec2instances-info 2017-11-12 MIT \
	"vantage-sh/ec2instances.info@94e1f006efae8f18a8194d9122ae7daee179fb5e:www/instances.json" \
	"EC2 2017: 88 types x 15 regions, Linux, RHEL, SUSE, Windows (+SQL Web/Std/Ent), shared tenancy, on demand and No Upfront reservations (standard, convertible)" \
	ec2instances.info/2017-11-12/www/instances.json
build aws-rds-ec2instances-2021-08 ec2instances-info 2021-08-03 MIT \
	"vantage-sh/ec2instances.info@14ede5a54df6e33be6ccf96ae9cb60e168635844:www/rds/instances.json" \
	"RDS 2021, Single-AZ only: MySQL, PostgreSQL, MariaDB, Aurora MySQL, Aurora PostgreSQL instance hours and No Upfront reservations; Oracle and SQL Server skipped" \
	ec2instances.info/2021-08-03/www/rds/instances.json
build aws-elasticache-ec2instances-2022-02 ec2instances-info 2022-02-13 MIT \
	"vantage-sh/ec2instances.info@3e75a5dddbf4674d74ebeb06f46e4543c3a08b92:www/cache/instances.json" \
	"ElastiCache 2022: Redis and Memcached node hours and No Upfront reservations, 24 regions" \
	ec2instances.info/2022-02-13/www/cache/instances.json
