package google

import (
	"fmt"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	vocab "github.com/costgate/costgate/pricing/importer/gcpvocab"
	"github.com/shopspring/decimal"
)

// vm is what the hourly price of a Compute Engine VM depends on.
type vm struct {
	machineType string
	// spot is true for Spot and preemptible VMs: both are billed at the
	// Spot rate (hour_spot in the price source).
	spot  bool
	label string // on-demand, preemptible, spot
}

// readScheduling reads preemptible / provisioning_model from a scheduling
// block (google_compute_instance) or from node_config (GKE).
func readScheduling(v schema.Values, preemptiblePath, spotPath, modelPath string) vm {
	if b, _ := v.Bool(preemptiblePath); b {
		return vm{spot: true, label: "preemptible"}
	}
	if spotPath != "" {
		if b, _ := v.Bool(spotPath); b {
			return vm{spot: true, label: "spot"}
		}
	}
	if modelPath != "" && strings.EqualFold(v.String(modelPath), "SPOT") {
		return vm{spot: true, label: "spot"}
	}
	return vm{label: "on-demand"}
}

func (m vm) purchaseOption() string {
	if m.spot {
		return pricing.Spot
	}
	return pricing.OnDemand
}

// instance is the "Instance usage" component of count VMs for hours each.
// Prices are list rates: no sustained-use discount is applied.
func (m vm) instance(region, osName string, count, hours decimal.Decimal, assumed []string) schema.Component {
	name := m.machineType
	if name == "" {
		name = "unknown machine type"
	}
	return schema.Component{
		Name:            fmt.Sprintf("Instance usage (%s, %s, %s)", osName, m.label, name),
		Unit:            "hours",
		MonthlyQuantity: schema.Monthly(hours.Mul(count)),
		Query: pricing.Query{
			Provider:       vocab.Provider,
			Service:        vocab.ServiceCompute,
			Family:         vocab.FamilyInstance,
			Region:         region,
			Attributes:     map[string]string{vocab.AttrMachineType: m.machineType},
			PurchaseOption: m.purchaseOption(),
			Unit:           vocab.UnitHour,
		},
		Assumed: assumed,
	}
}

// bundlesLocalSSD reports machine types whose price includes their local SSD
// (the -lssd shapes and the A2 Ultra / A3 GPU shapes), per pricing.yml's
// local-ssd specs.
func bundlesLocalSSD(machineType string) bool {
	return strings.Contains(machineType, "lssd") ||
		strings.HasPrefix(machineType, "a2-ultragpu-") || strings.HasPrefix(machineType, "a3-")
}

// bundlesGPUs reports accelerator-optimised machine types, whose price
// includes their GPUs.
func bundlesGPUs(machineType string) bool {
	for _, p := range []string{"a2-", "a3-", "a4-", "g2-", "g4-"} {
		if strings.HasPrefix(machineType, p) {
			return true
		}
	}
	return false
}

// monthlyHours is 730, or the usage key monthly_hrs.
func monthlyHours(r schema.Resource) decimal.Decimal {
	if h, ok := r.Usage.Decimal("monthly_hrs"); ok && !h.IsNegative() {
		return h
	}
	return schema.HoursPerMonth()
}
