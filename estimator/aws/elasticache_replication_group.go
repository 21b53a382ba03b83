package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/shopspring/decimal"
)

// elasticacheReplicationGroupResource prices
// aws_elasticache_replication_group: node hours of its node type and engine
// for every node, num_node_groups × (1 + replicas_per_node_group) with
// cluster mode, num_cache_clusters without; on demand or reserved (usage
// reserved_instance_*); and snapshot storage beyond the free snapshot (usage
// snapshot_storage_size_gb).
func elasticacheReplicationGroupResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_elasticache_replication_group", Build: buildElastiCacheReplicationGroup}
}

func buildElastiCacheReplicationGroup(r schema.Resource) []schema.Component {
	vals := r.Values
	n := cacheNodes{region: r.Region}
	n.nodeType, n.engine = cacheNodeTypeAndEngine(vals, schema.Values{}, false, &n.assumed)
	if _, ok := stringAt(vals, "node_type"); !ok {
		if _, global := stringAt(vals, "global_replication_group_id"); global {
			n.assumed = append(n.assumed, "a secondary of a global datastore takes its node type from the primary")
		}
	}
	var notes []string
	n.count, notes = replicationGroupNodes(vals)
	n.assumed = append(n.assumed, notes...)
	n.purchase = dbReservationFromUsage(r.Usage, &n.assumed)
	return append(n.components(), cacheBackup(r.Region, vals, n.engine, r.Usage)...)
}

// replicationGroupNodes counts a group's nodes. Cluster mode: shards ×
// (1 + replicas per shard), from num_node_groups and replicas_per_node_group
// (or the older cluster_mode block); otherwise num_cache_clusters (older:
// number_cache_clusters). Unknown counts take the smallest valid group: one
// node, two when automatic failover or Multi-AZ needs a replica.
func replicationGroupNodes(vals schema.Values) (decimal.Decimal, []string) {
	shards, _ := firstCount(vals, "num_node_groups", "cluster_mode.0.num_node_groups")
	if shards.IsPositive() {
		replicas, replicasPath := firstCount(vals, "replicas_per_node_group", "cluster_mode.0.replicas_per_node_group")
		var notes []string
		if replicasPath == "" {
			notes = append(notes, fmt.Sprintf("replicas_per_node_group %s: assumed 0", absentReason(vals, "replicas_per_node_group")))
		}
		return shards.Mul(replicas.Add(decimal.NewFromInt(1))), notes
	}
	if clusters, path := firstCount(vals, "num_cache_clusters", "number_cache_clusters"); path != "" && clusters.IsPositive() {
		return clusters, nil
	}
	least := int64(1)
	for _, attr := range []string{"automatic_failover_enabled", "multi_az_enabled"} {
		if on, ok := vals.Bool(attr); ok && on {
			least = 2
		}
	}
	return decimal.NewFromInt(least), []string{fmt.Sprintf("num_cache_clusters %s: assumed %d", absentReason(vals, "num_cache_clusters"), least)}
}

// firstCount returns the first whole count found at paths, and its path
// ("" when none is known).
func firstCount(vals schema.Values, paths ...string) (decimal.Decimal, string) {
	for _, p := range paths {
		if n, ok := countAt(vals, p); ok {
			return n, p
		}
	}
	return decimal.Zero, ""
}
