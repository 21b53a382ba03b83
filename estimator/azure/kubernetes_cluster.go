package azure

import (
	"fmt"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/azurevocab"
	"github.com/shopspring/decimal"
)

// AKS node OS disks: 128 GiB unless os_disk_size_gb says otherwise.
const defaultAKSOSDiskGiB = 128

// kubernetesCluster prices azurerm_kubernetes_cluster: the cluster fee of
// the Standard and Premium tiers (the Free tier has none), the default node
// pool's VMs (Linux) and their managed OS disks.
func kubernetesCluster() schema.ResourceType {
	return schema.ResourceType{
		Name: "azurerm_kubernetes_cluster",
		Build: func(r schema.Resource) []schema.Component {
			var out []schema.Component
			if c, ok := clusterFee(r); ok {
				out = append(out, c)
			}
			pools := r.Values.List("default_node_pool")
			if len(pools) == 0 {
				return out
			}
			return append(out, nodePool(r, &attrs{v: pools[0], path: "default_node_pool."})...)
		},
	}
}

// clusterFee is the per-cluster-hour fee of the Standard (formerly "Paid",
// Uptime SLA) and Premium tiers. The price is global: the source states it
// for every region.
func clusterFee(r schema.Resource) (schema.Component, bool) {
	a := &attrs{v: r.Values}
	tier := a.str("sku_tier", "Free")
	switch strings.ToLower(tier) {
	case "free":
		return schema.Component{}, false
	case "paid", "standard":
		tier = "Standard"
	case "premium":
		tier = "Premium"
	}
	return schema.Component{
		Name:           fmt.Sprintf("Cluster management (%s tier)", tier),
		Unit:           "hours",
		HourlyQuantity: schema.Hourly(one),
		Query: pricing.Query{
			Provider:   azurevocab.Provider,
			Service:    azurevocab.ServiceKubernetes,
			Attributes: map[string]string{azurevocab.AttrSkuTier: tier},
			Unit:       azurevocab.UnitHour,
		},
		Assumed: a.assumed,
	}, true
}

// nodePool prices the nodes of one node pool and their OS disks.
func nodePool(r schema.Resource, a *attrs) []schema.Component {
	v := vm{size: armSize(a.v.String("vm_size")), os: azurevocab.OSLinux}
	if v.size == "" {
		a.assumed = append(a.assumed, a.path+"vm_size "+a.why("vm_size")+": no price")
	}
	nodes := nodeCount(r, a)
	out := []schema.Component{v.instance(r, r.Region, nodes, a.assumed)}
	if strings.EqualFold(a.v.String("os_disk_type"), "Ephemeral") {
		return out
	}
	da := &attrs{v: a.v, path: a.path}
	size := da.positive("os_disk_size_gb", defaultAKSOSDiskGiB, "GiB")
	// AKS picks the managed OS disk: Premium SSD when the size supports it.
	accountType := "Standard_LRS"
	if premiumCapable.MatchString(v.size) {
		accountType = "Premium_LRS"
	}
	da.assumed = append(da.assumed, "node OS disk type not in the plan: assumed "+accountType+" for "+v.size)
	d := disk{accountType: accountType, sizeGiB: size, count: nodes, assumed: da.assumed}
	return append(out, d.components(r.Region)...)
}

// nodeCount is the usage's default_node_pool.nodes, else node_count, else
// min_count of an autoscaled pool, else 1.
func nodeCount(r schema.Resource, a *attrs) decimal.Decimal {
	if n := nestedUsage(r.Usage, "default_node_pool", "nodes"); n != nil {
		return *n
	}
	if n, ok := a.v.Decimal("node_count"); ok && n.IsPositive() {
		return n
	}
	if n, ok := a.v.Decimal("min_count"); ok && n.IsPositive() {
		a.assumed = append(a.assumed, a.path+"node_count "+a.why("node_count")+": assumed min_count "+n.String())
		return n
	}
	a.assumed = append(a.assumed, a.path+"node_count "+a.why("node_count")+": assumed 1 node")
	return one
}
