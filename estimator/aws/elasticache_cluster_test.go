package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (pricing-data/data, price per node-hour unless said):
//
//	ec25 (aws-elasticache-2025-03, 2025-03-14)
//	  us-east-1: cache.t3.medium Redis 0.068; cache.m7g.large Memcached 0.158
//	  eu-west-1: cache.t3.medium Redis 0.072
//	ec22 (aws-elasticache-ec2instances-2022-02): us-east-1 cache.t3.medium Redis 1yr No Upfront 0.046
//	euw123 (aws-euw1-terracost-2023-02): eu-west-1 snapshot storage 0.085/GB-Mo, the only
//	  ElastiCache snapshot price (none in us-east-1)
//	No ElastiCache price exists for ap-southeast-6.
func TestElastiCacheClusterPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_elasticache_cluster.plan.json",
		Usage: `version: 0.1
resource_usage:
  aws_elasticache_cluster.redis:
    snapshot_storage_size_gb: 10
  aws_elasticache_cluster.euw1_redis:
    snapshot_storage_size_gb: 5
  aws_elasticache_cluster.reserved:
    reserved_instance_term: 1_year
    reserved_instance_payment_option: no_upfront
`,
		Resources: map[string]estimatortest.Resource{
			// 0.068 × 730 = 49.64; 10 GB × (5 − 1) snapshots = 40 GB, unpriced in us-east-1.
			"aws_elasticache_cluster.redis": {Proposed: "49.64", Components: map[string]string{
				"ElastiCache (on-demand, cache.t3.medium)": "49.64 ec25",
				"Backup storage": "not found q=40",
			}},
			// 0.158 × 730 × 3 = 346.02
			"aws_elasticache_cluster.memcached": {Proposed: "346.02", Components: map[string]string{
				"ElastiCache (on-demand, cache.m7g.large)": "346.02 ec25",
			}},
			// 0.072 × 730 = 52.56; 5 GB × (3 − 1) × 0.085 = 0.85
			"aws_elasticache_cluster.euw1_redis": {Proposed: "53.41", Components: map[string]string{
				"ElastiCache (on-demand, cache.t3.medium)": "52.56 ec25",
				"Backup storage": "0.85 euw123",
			}},
			// 0.046 × 730 = 33.58
			"aws_elasticache_cluster.reserved": {Proposed: "33.58", Components: map[string]string{
				"ElastiCache (reserved 1yr No Upfront, cache.t3.medium)": "33.58 ec22",
			}},
			"aws_elasticache_cluster.sydney6": {Proposed: "0", Components: map[string]string{
				"ElastiCache (on-demand, cache.t3.medium)": "not found",
			}},
		},
		Proposed: "482.65",
	}})
}

func TestElastiCacheClusterComponents(t *testing.T) {
	tests := []struct {
		name, values, unknown string
		want                  []string
	}{
		{
			name:   "unknown node count and type",
			values: `{"engine":"memcached","snapshot_retention_limit":0}`, unknown: `{"node_type":true,"num_cache_nodes":true}`,
			want: []string{
				`ElastiCache (on-demand, unknown node type); h=1; AmazonElastiCache/Cache Instance/us-east-1; cacheEngine=Memcached,instanceType=; on_demand    0; ["node_type unknown until apply: no price" "num_cache_nodes unknown until apply: assumed 1"]`,
			},
		},
		{
			name:   "memcached has no snapshots",
			values: `{"engine":"memcached","node_type":"cache.t3.small","num_cache_nodes":2,"snapshot_retention_limit":5}`,
			want: []string{
				`ElastiCache (on-demand, cache.t3.small); h=2; AmazonElastiCache/Cache Instance/us-east-1; cacheEngine=Memcached,instanceType=cache.t3.small; on_demand    0; []`,
			},
		},
		{
			name:   "an engine that is not a cache engine is not priced",
			values: `{"engine":"etcd","node_type":"cache.t3.small","num_cache_nodes":1}`,
			want: []string{
				`ElastiCache (on-demand, cache.t3.small); h=1; AmazonElastiCache/Cache Instance/us-east-1; cacheEngine=etcd,instanceType=cache.t3.small; on_demand    0; ["engine \"etcd\" is not redis, valkey or memcached: no price"]`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dsCheckLines(t, dsBuild(t, "aws_elasticache_cluster", "us-east-1", tt.values, tt.unknown, nil), tt.want)
		})
	}
}
