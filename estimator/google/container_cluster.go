package google

import (
	"fmt"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	vocab "github.com/costgate/costgate/pricing/importer/gcpvocab"
)

func containerCluster() schema.ResourceType {
	return schema.ResourceType{Name: "google_container_cluster", Build: buildContainerCluster}
}

// freeTierNote says why the GKE free-tier credit is not subtracted.
const freeTierNote = "GKE free-tier credit (74.40 USD/month per billing account, one zonal or Autopilot cluster) not subtracted: it applies once per billing account, not per cluster"

// buildContainerCluster prices the cluster management fee (the same hourly
// fee for zonal, regional and Autopilot clusters), the Enterprise per-vCPU
// fee (usage-based), and the nodes of its default pool or inline node_pool
// blocks. Autopilot workloads are billed per pod and are not priced here.
// Known limit: a cluster that keeps its default pool and also has separate
// google_container_node_pool resources lists those pools in its state too,
// so an update plan prices them twice.
func buildContainerCluster(r schema.Resource) []schema.Component {
	vals := r.Values
	location := vals.String("location")
	region := regionOf(location)
	if region == "" {
		region = regionOf(r.Region)
	}
	autopilot, _ := vals.Bool("enable_autopilot")

	var feeAssumed []string
	if autopilot || isZone(location) {
		feeAssumed = append(feeAssumed, freeTierNote)
	}
	if autopilot {
		feeAssumed = append(feeAssumed, "Autopilot pods are billed per vCPU/memory requested: not priced (no price source)")
	}
	comps := []schema.Component{{
		Name:            "Cluster management fee",
		Unit:            "hours",
		MonthlyQuantity: schema.Monthly(monthlyHours(r)),
		Query: pricing.Query{
			Provider: vocab.Provider,
			Service:  vocab.ServiceGKE,
			Family:   vocab.FamilyClusterManagement,
			Attributes: map[string]string{
				vocab.AttrCharge:  "cluster-management",
				vocab.AttrEdition: "standard",
			},
			Unit: vocab.UnitHour,
		},
		Assumed: feeAssumed,
	}}
	if strings.EqualFold(vals.String("enterprise_config.0.desired_tier"), "ENTERPRISE") {
		comps = append(comps, enterpriseFee(r))
	}
	if autopilot {
		return comps
	}

	nodeLocations := stringList(vals, "node_locations")
	blocks := vals.List("node_pool")
	removed, _ := vals.Bool("remove_default_node_pool")
	if removed && len(blocks) > 0 {
		// The usual pattern: pools are google_container_node_pool resources,
		// which the cluster's state also lists; they are priced there.
		comps[0].Assumed = append(comps[0].Assumed, "remove_default_node_pool: node_pool blocks in the state are priced as google_container_node_pool resources, not here")
		blocks = nil
	}
	for i, b := range blocks {
		name := b.String("name")
		if name == "" {
			name = fmt.Sprint(i)
		}
		p := pool{values: b, prefix: fmt.Sprintf("node_pool[%s]: ", name), clusterLocation: location, clusterNodeLocations: nodeLocations}
		comps = append(comps, p.components(r, region)...)
	}
	if len(blocks) == 0 && !removed {
		// The default pool reads node_config and initial_node_count of the cluster itself.
		p := pool{values: defaultPoolValues(vals), prefix: "default_pool: ", clusterLocation: location, clusterNodeLocations: nodeLocations}
		comps = append(comps, p.components(r, region)...)
	}
	return comps
}

// defaultPoolValues are the cluster's values without its own location
// fields, so the pool takes them as the cluster's; initial_node_count
// defaults to 1 as in the provider.
func defaultPoolValues(vals schema.Values) schema.Values {
	raw, _ := vals.Raw().(map[string]any)
	m := map[string]any{}
	for _, k := range []string{"node_config", "initial_node_count"} {
		if x, ok := raw[k]; ok {
			m[k] = x
		}
	}
	if _, ok := m["initial_node_count"]; !ok {
		m["initial_node_count"] = float64(1)
	}
	return schema.NewValues(m, nil)
}

// enterpriseFee is GKE Enterprise's per-vCPU fee: its quantity is the
// vCPUs under management, known only from usage (monthly_vcpu_hours).
func enterpriseFee(r schema.Resource) schema.Component {
	c := schema.Component{
		Name:       "Enterprise edition (per vCPU)",
		Unit:       "vCPU-hours",
		UsageBased: true,
		Query: pricing.Query{
			Provider: vocab.Provider,
			Service:  vocab.ServiceGKE,
			Family:   vocab.FamilyClusterManagement,
			Attributes: map[string]string{
				vocab.AttrCharge:  "enterprise-vcpu",
				vocab.AttrEdition: "enterprise",
			},
			Unit: vocab.UnitHour,
		},
	}
	if q, ok := r.Usage.Decimal("monthly_vcpu_hours"); ok && !q.IsNegative() {
		c.MonthlyQuantity = schema.Monthly(q)
	}
	return c
}
