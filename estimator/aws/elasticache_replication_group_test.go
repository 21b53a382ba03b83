package aws_test

import (
	"testing"

	"github.com/costgate/costgate/estimator/estimatortest"
)

// Rows used (aws-elasticache-2025-03, us-east-1, per node-hour): cache.t3.medium
// Valkey 0.0544; cache.r6g.large Redis 0.206; cache.m7g.large Redis 0.158. No
// ElastiCache snapshot price exists for us-east-1.
func TestElastiCacheReplicationGroupPlan(t *testing.T) {
	checkAWSPlans(t, []estimatortest.Plan{{
		File: "aws_elasticache_replication_group.plan.json",
		Usage: `version: 0.1
resource_usage:
  aws_elasticache_replication_group.classic:
    snapshot_storage_size_gb: 2
`,
		Resources: map[string]estimatortest.Resource{
			// 2 clusters × 0.0544 × 730 = 79.424; 2 GB × (7 − 1) = 12 GB of snapshots, unpriced here.
			"aws_elasticache_replication_group.classic": {Proposed: "79.424", Components: map[string]string{
				"ElastiCache (on-demand, cache.t3.medium)": "79.424 ec25",
				"Backup storage": "not found q=12",
			}},
			// 2 shards × (1 + 1 replica) = 4 nodes × 0.206 × 730 = 601.52; one snapshot is free.
			"aws_elasticache_replication_group.sharded": {Proposed: "601.52", Components: map[string]string{
				"ElastiCache (on-demand, cache.r6g.large)": "601.52 ec25",
			}},
			// count unknown, automatic failover needs 2 nodes: 2 × 0.158 × 730 = 230.68
			"aws_elasticache_replication_group.failover": {Proposed: "230.68", Components: map[string]string{
				"ElastiCache (on-demand, cache.m7g.large)": "230.68 ec25",
			}, Assumed: map[string]string{
				"ElastiCache (on-demand, cache.m7g.large)": "assumed 2",
			}},
			// one more node of the sharded group's type: 0.206 × 730 = 150.38
			"aws_elasticache_cluster.extra": {Proposed: "150.38", Components: map[string]string{
				"ElastiCache (on-demand, cache.r6g.large)": "150.38 ec25",
			}, Assumed: map[string]string{
				"ElastiCache (on-demand, cache.r6g.large)": "taken from the replication group",
			}},
		},
		Proposed: "1062.004",
	}})
}

func TestReplicationGroupNodes(t *testing.T) {
	tests := []struct {
		name, values, unknown string
		want                  []string
	}{
		{
			name:   "legacy cluster_mode block",
			values: `{"engine":"redis","node_type":"cache.r6g.large","cluster_mode":[{"num_node_groups":3,"replicas_per_node_group":2}],"snapshot_retention_limit":0}`,
			want: []string{
				`ElastiCache (on-demand, cache.r6g.large); h=9; AmazonElastiCache/Cache Instance/us-east-1; cacheEngine=Redis,instanceType=cache.r6g.large; on_demand    0; []`,
			},
		},
		{
			name:   "shards without a known replica count",
			values: `{"engine":"redis","node_type":"cache.r6g.large","num_node_groups":3}`, unknown: `{"replicas_per_node_group":true}`,
			want: []string{
				`ElastiCache (on-demand, cache.r6g.large); h=3; AmazonElastiCache/Cache Instance/us-east-1; cacheEngine=Redis,instanceType=cache.r6g.large; on_demand    0; ["replicas_per_node_group unknown until apply: assumed 0"]`,
			},
		},
		{
			name:   "older number_cache_clusters",
			values: `{"engine":"redis","node_type":"cache.t3.small","number_cache_clusters":3}`,
			want: []string{
				`ElastiCache (on-demand, cache.t3.small); h=3; AmazonElastiCache/Cache Instance/us-east-1; cacheEngine=Redis,instanceType=cache.t3.small; on_demand    0; []`,
			},
		},
		{
			name:   "global datastore secondary inherits its node type",
			values: `{"engine":"redis","global_replication_group_id":"ldgnf-global","num_cache_clusters":2}`, unknown: `{"node_type":true}`,
			want: []string{
				`ElastiCache (on-demand, unknown node type); h=2; AmazonElastiCache/Cache Instance/us-east-1; cacheEngine=Redis,instanceType=; on_demand    0; ["node_type unknown until apply: no price" "a secondary of a global datastore takes its node type from the primary"]`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dsCheckLines(t, dsBuild(t, "aws_elasticache_replication_group", "us-east-1", tt.values, tt.unknown, nil), tt.want)
		})
	}
}
