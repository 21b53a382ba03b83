package google

import (
	"fmt"
	"slices"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/shopspring/decimal"
)

// GKE node defaults when node_config does not say (the provider's and GKE's
// documented defaults).
const (
	defaultNodeMachineType = "e2-medium"
	defaultNodeDiskGiB     = 100
	defaultNodeDiskType    = "pd-balanced"
	// defaultRegionalZones is how many zones GKE spreads a regional
	// cluster's nodes over when node_locations is not set.
	defaultRegionalZones = 3
)

// pool is one GKE node pool as priced: its values (a google_container_node_pool,
// a node_pool block of a cluster, or the cluster itself for its default pool).
type pool struct {
	values schema.Values
	prefix string // component name prefix, "" or "default_pool: "
	// location and nodeLocations of the cluster, for pools that don't set theirs.
	clusterLocation      string
	clusterNodeLocations []string
}

// zones counts the zones a pool's nodes run in.
func (p pool) zones() (decimal.Decimal, []string) {
	if locs := stringList(p.values, "node_locations"); len(locs) > 0 {
		return decimal.NewFromInt(int64(len(locs))), nil
	}
	location := p.values.String("location")
	if location == "" {
		location = p.clusterLocation
	}
	locs := slices.Clone(p.clusterNodeLocations)
	if isZone(location) {
		// A zonal cluster's nodes run in its zone plus any node_locations.
		if !slices.Contains(locs, location) {
			locs = append(locs, location)
		}
		return decimal.NewFromInt(int64(len(locs))), nil
	}
	if len(locs) > 0 {
		return decimal.NewFromInt(int64(len(locs))), nil
	}
	return decimal.NewFromInt(defaultRegionalZones),
		[]string{fmt.Sprintf("node_locations unknown for a regional location: assumed %d zones", defaultRegionalZones)}
}

// nodes is the pool's node count over all its zones: node_count (per zone),
// else the autoscaling minimum, else initial_node_count (per zone).
func (p pool) nodes(zones decimal.Decimal) (decimal.Decimal, []string) {
	v := p.values
	if n, ok := v.Decimal("node_count"); ok && !n.IsNegative() && !v.Unknown("node_count") {
		return n.Mul(zones), nil
	}
	if n, ok := v.Decimal("autoscaling.0.min_node_count"); ok && !n.IsNegative() {
		return n.Mul(zones), []string{"autoscaling: priced at min_node_count per zone"}
	}
	if n, ok := v.Decimal("autoscaling.0.total_min_node_count"); ok && !n.IsNegative() {
		return n, []string{"autoscaling: priced at total_min_node_count"}
	}
	if n, ok := v.Decimal("initial_node_count"); ok && !n.IsNegative() {
		return n.Mul(zones), nil
	}
	return zones, []string{"node count unknown: assumed 1 node per zone"}
}

// components prices the pool's nodes: instance hours, boot disks, local SSDs
// and GPUs, each times the number of nodes.
func (p pool) components(r schema.Resource, region string) []schema.Component {
	v := p.values
	zones, assumed := p.zones()
	nodes, more := p.nodes(zones)
	assumed = append(assumed, more...)

	const nc = "node_config.0."
	m := readScheduling(v, nc+"preemptible", nc+"spot", "")
	m.machineType = v.String(nc + "machine_type")
	if m.machineType == "" {
		m.machineType = defaultNodeMachineType
		assumed = append(assumed, "node_config.machine_type not set: assumed "+defaultNodeMachineType)
	}
	hours := monthlyHours(r)
	osName := ""
	if img := v.String(nc + "image_type"); img != "" {
		osName = imageOS(img)
	}
	inst := m.instance(region, osLabel(osName), nodes, hours, assumed)
	comps := []schema.Component{inst}

	var diskAssumed []string
	diskType := v.String(nc + "disk_type")
	if diskType == "" {
		diskType = defaultNodeDiskType
		diskAssumed = append(diskAssumed, "node_config.disk_type not set: assumed "+defaultNodeDiskType)
	}
	size, ok := v.Decimal(nc + "disk_size_gb")
	if !ok || !size.IsPositive() {
		size = decimal.NewFromInt(defaultNodeDiskGiB)
		diskAssumed = append(diskAssumed, fmt.Sprintf("node_config.disk_size_gb unknown: assumed %d GB", defaultNodeDiskGiB))
	}
	comps = append(comps, disk(region, diskType, "zonal", size, nodes, diskAssumed))

	ssds := decimal.Zero
	for _, path := range []string{"local_ssd_count", "ephemeral_storage_local_ssd_config.0.local_ssd_count",
		"local_nvme_ssd_block_config.0.local_ssd_count"} {
		if n, ok := v.Decimal(nc + path); ok && n.IsPositive() {
			ssds = ssds.Add(n)
		}
	}
	if ssds.IsPositive() && !bundlesLocalSSD(m.machineType) {
		comps = append(comps, localSSD(region, m, ssds.Mul(localSSDGiB).Mul(nodes), nil))
	}
	comps = append(comps, gpus(v, region, nc+"guest_accelerator", m, nodes, hours)...)
	for i := range comps {
		comps[i].Name = p.prefix + comps[i].Name
	}
	return comps
}

// stringList reads a list of strings at path (unknown or absent: nil).
func stringList(v schema.Values, path string) []string {
	if v.Unknown(path) {
		return nil
	}
	var out []string
	for _, e := range v.List(path) {
		if s, ok := e.StringOK(""); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}
