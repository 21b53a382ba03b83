package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// elasticacheClusterResource prices aws_elasticache_cluster: node hours by
// node type and engine (Redis, Memcached, Valkey) times num_cache_nodes, on
// demand or reserved (usage reserved_instance_*), and snapshot storage beyond
// the free snapshot (usage snapshot_storage_size_gb). A cluster added to a
// replication group is one more node of the group's type.
func elasticacheClusterResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_elasticache_cluster", Build: buildElastiCacheCluster}
}

// Usage key of the size of one snapshot (Infracost's name).
const usageSnapshotStorageGB = "snapshot_storage_size_gb"

func buildElastiCacheCluster(r schema.Resource) []schema.Component {
	vals := r.Values
	group, inGroup := firstReferenced(r.Referenced("replication_group_id"))
	_, memberByID := stringAt(vals, "replication_group_id")
	member := inGroup || memberByID || vals.Unknown("replication_group_id")
	n := cacheNodes{region: r.Region}
	n.nodeType, n.engine = cacheNodeTypeAndEngine(vals, group, inGroup, &n.assumed)
	if count, ok := countAt(vals, "num_cache_nodes"); ok && count.IsPositive() {
		n.count = count
	} else {
		n.count = decimal.NewFromInt(1)
		if !member {
			n.assumed = append(n.assumed, fmt.Sprintf("num_cache_nodes %s: assumed 1", absentReason(vals, "num_cache_nodes")))
		}
	}
	n.purchase = dbReservationFromUsage(r.Usage, &n.assumed)
	out := n.components()
	if member {
		// A member's snapshots are the replication group's.
		return out
	}
	return append(out, cacheBackup(r.Region, vals, n.engine, r.Usage)...)
}

// cacheNodeTypeAndEngine reads node_type and engine, from the replication
// group when the cluster is one of its members and does not say.
func cacheNodeTypeAndEngine(vals, group schema.Values, inGroup bool, notes *[]string) (nodeType, engine string) {
	nodeType, ok := stringAt(vals, "node_type")
	if !ok && inGroup {
		if nodeType, ok = stringAt(group, "node_type"); ok {
			*notes = append(*notes, "node_type "+absentReason(vals, "node_type")+": taken from the replication group")
		}
	}
	if !ok {
		*notes = append(*notes, fmt.Sprintf("node_type %s: no price", absentReason(vals, "node_type")))
	}
	name, ok := stringAt(vals, "engine")
	if !ok && inGroup {
		name, ok = stringAt(group, "engine")
	}
	if !ok {
		name = "redis"
		*notes = append(*notes, fmt.Sprintf("engine %s: assumed redis", absentReason(vals, "engine")))
	}
	engine, known := cacheEngineOffer(name)
	if !known {
		*notes = append(*notes, fmt.Sprintf("engine %q is not redis, valkey or memcached: no price", name))
	}
	return nodeType, engine
}

// cacheEngineOffer maps Terraform's engine to the offer files' cacheEngine.
func cacheEngineOffer(engine string) (string, bool) {
	switch engine {
	case "redis":
		return "Redis", true
	case "valkey":
		return "Valkey", true
	case "memcached":
		return "Memcached", true
	}
	return engine, false
}

// cacheNodes is count ElastiCache nodes of one type.
type cacheNodes struct {
	region, nodeType, engine string // engine: cacheEngine
	count                    decimal.Decimal
	purchase                 dbReservation
	assumed                  []string
}

// components is the node hours and, for a reservation with an upfront fee,
// the fee spread over the term.
func (n cacheNodes) components() []schema.Component {
	q := n.purchase.hourly(pricing.Query{Provider: v.Provider, Service: v.ServiceElastiCache, Family: "Cache Instance",
		Region: n.region, Attributes: map[string]string{v.AttrInstanceType: n.nodeType, v.AttrCacheEngine: n.engine}})
	nodeType := n.nodeType
	if nodeType == "" {
		nodeType = "unknown node type"
	}
	out := []schema.Component{{
		Name:           fmt.Sprintf("ElastiCache (%s, %s)", n.purchase.label(), nodeType),
		Unit:           "hours",
		HourlyQuantity: schema.Hourly(n.count),
		Query:          q,
		Assumed:        n.assumed,
	}}
	if fee := n.purchase.upfront(q, n.count); fee != nil {
		out = append(out, *fee)
	}
	return out
}

// cacheBackup prices the snapshots kept beyond the one ElastiCache stores
// free: one snapshot's size (usage snapshot_storage_size_gb) times
// snapshot_retention_limit − 1, as Infracost counts them. Memcached has no
// snapshots; a retention of 0 or 1 costs nothing. The price data has
// snapshot storage only for eu-west-1.
func cacheBackup(region string, vals schema.Values, engine string, u schema.Usage) []schema.Component {
	retention, ok := countAt(vals, "snapshot_retention_limit")
	if engine == "Memcached" || !ok || retention.LessThanOrEqual(decimal.NewFromInt(1)) {
		return nil
	}
	return []schema.Component{usageLineTimes(schema.Component{
		Name: "Backup storage", Unit: "GB",
		Query: pricing.Query{Provider: v.Provider, Service: v.ServiceElastiCache, Family: "Storage Snapshot", Region: region},
	}, u, usageSnapshotStorageGB, retention.Sub(decimal.NewFromInt(1)))}
}
