package google

import (
	"fmt"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/gcpvocab"
	"github.com/shopspring/decimal"
)

// localSSDGiB is the size of one local SSD partition (scratch disk) in GiB.
var localSSDGiB = decimal.NewFromInt(375)

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
func (m vm) instance(region, osLabel string, count, hours decimal.Decimal, assumed []string) schema.Component {
	name := m.machineType
	if name == "" {
		name = "unknown machine type"
	}
	return schema.Component{
		Name:            fmt.Sprintf("Instance usage (%s, %s, %s)", osLabel, m.label, name),
		Unit:            "hours",
		MonthlyQuantity: schema.Monthly(hours.Mul(count)),
		Query: pricing.Query{
			Provider:       v.Provider,
			Service:        v.ServiceCompute,
			Family:         v.FamilyInstance,
			Region:         region,
			Attributes:     map[string]string{v.AttrMachineType: m.machineType},
			PurchaseOption: m.purchaseOption(),
			Unit:           v.UnitHour,
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

// diskLabel names a persistent-disk storage component as Infracost does.
func diskLabel(diskType string) string {
	switch {
	case diskType == "pd-standard":
		return "Standard provisioned storage (pd-standard)"
	case diskType == "pd-balanced":
		return "Balanced provisioned storage (pd-balanced)"
	case diskType == "pd-ssd":
		return "SSD provisioned storage (pd-ssd)"
	case diskType == "pd-extreme":
		return "Extreme provisioned storage (pd-extreme)"
	case strings.HasPrefix(diskType, "hyperdisk-"):
		return "Hyperdisk provisioned storage (" + diskType + ")"
	}
	return "Provisioned storage (" + diskType + ")"
}

// disk is the storage component of count disks of sizeGiB each.
func disk(region, diskType, replication string, sizeGiB, count decimal.Decimal, assumed []string) schema.Component {
	return schema.Component{
		Name:            diskLabel(diskType),
		Unit:            "GB",
		MonthlyQuantity: schema.Monthly(sizeGiB.Mul(count)),
		Query: pricing.Query{
			Provider: v.Provider,
			Service:  v.ServiceCompute,
			Family:   v.FamilyStorage,
			Region:   region,
			Attributes: map[string]string{
				v.AttrDiskType:    diskType,
				v.AttrReplication: replication,
			},
			Unit: v.UnitGiBMonth,
		},
		Assumed: assumed,
	}
}

// localSSD is the "Local SSD provisioned storage" of gib GiB; Spot VMs pay
// the Spot rate for it.
func localSSD(region string, m vm, gib decimal.Decimal, assumed []string) schema.Component {
	return schema.Component{
		Name:            "Local SSD provisioned storage",
		Unit:            "GB",
		MonthlyQuantity: schema.Monthly(gib),
		Query: pricing.Query{
			Provider:       v.Provider,
			Service:        v.ServiceCompute,
			Family:         v.FamilyStorage,
			Region:         region,
			Attributes:     map[string]string{v.AttrDiskType: "local-ssd"},
			PurchaseOption: m.purchaseOption(),
			Unit:           v.UnitGiBMonth,
		},
		Assumed: assumed,
	}
}

// gpuName is the display name of an accelerator type, as Infracost shows it.
func gpuName(t string) string {
	names := map[string]string{
		"nvidia-tesla-k80":      "NVIDIA Tesla K80",
		"nvidia-tesla-p4":       "NVIDIA Tesla P4",
		"nvidia-tesla-p100":     "NVIDIA Tesla P100",
		"nvidia-tesla-v100":     "NVIDIA Tesla V100",
		"nvidia-tesla-t4":       "NVIDIA Tesla T4",
		"nvidia-tesla-a100":     "NVIDIA Tesla A100",
		"nvidia-a100-80gb":      "NVIDIA A100 80GB",
		"nvidia-l4":             "NVIDIA L4",
		"nvidia-h100-80gb":      "NVIDIA H100 80GB",
		"nvidia-h100-mega-80gb": "NVIDIA H100 80GB Mega",
	}
	if n, ok := names[t]; ok {
		return n
	}
	return t
}

// gpus prices the guest_accelerator blocks at path: count GPUs of each type
// per VM, for vms VMs. Accelerator-optimised machine types include theirs.
func gpus(r schema.Resource, region, path string, m vm, vms, hours decimal.Decimal) []schema.Component {
	var out []schema.Component
	for i, acc := range r.Values.List(path) {
		typ := acc.String("type")
		if j := strings.LastIndexByte(typ, '/'); j >= 0 {
			typ = typ[j+1:] // a self link: projects/p/zones/z/acceleratorTypes/nvidia-tesla-t4
		}
		n, ok := acc.Decimal("count")
		var assumed []string
		if !ok || n.IsNegative() {
			n = decimal.NewFromInt(1)
			assumed = append(assumed, fmt.Sprintf("%s.%d.count unknown: assumed 1", path, i))
		}
		if n.IsZero() {
			continue
		}
		if bundlesGPUs(m.machineType) {
			continue
		}
		label := "on-demand"
		if m.spot {
			label = m.label
		}
		out = append(out, schema.Component{
			Name:            fmt.Sprintf("%s (%s)", gpuName(typ), label),
			Unit:            "hours",
			MonthlyQuantity: schema.Monthly(hours.Mul(n).Mul(vms)),
			Query: pricing.Query{
				Provider: v.Provider,
				Service:  v.ServiceCompute,
				Family:   v.FamilyCompute,
				Region:   region,
				Attributes: map[string]string{
					v.AttrResourceGroup: "GPU",
					v.AttrGPUType:       typ,
				},
				PurchaseOption: m.purchaseOption(),
				Unit:           v.UnitHour,
			},
			Assumed: assumed,
		})
	}
	return out
}

// imageOS reads the premium OS of a boot image name ("" for free Linux), by
// the image families Google publishes (windows-*, rhel-*, sles-*).
func imageOS(image string) string {
	i := strings.ToLower(image)
	switch {
	case strings.Contains(i, "windows"):
		return "windows"
	case strings.Contains(i, "rhel") && strings.Contains(i, "sap"):
		return "rhel-sap"
	case strings.Contains(i, "rhel"):
		return "rhel"
	case strings.Contains(i, "sles") && strings.Contains(i, "sap"):
		return "sles-sap"
	case strings.Contains(i, "sles"), strings.Contains(i, "suse"):
		return "sles"
	}
	return ""
}

// osLabel is the OS part of the instance component name.
func osLabel(os string) string {
	switch os {
	case "windows":
		return "Windows"
	case "rhel", "rhel-sap":
		return "RHEL"
	case "sles", "sles-sap":
		return "SLES"
	}
	return "Linux/UNIX"
}

// licence is the per-VM OS licence fee of a premium image; its price is global.
func licence(os, machineType string, count, hours decimal.Decimal) schema.Component {
	return schema.Component{
		Name:            fmt.Sprintf("OS licence (%s, %s)", os, machineType),
		Unit:            "hours",
		MonthlyQuantity: schema.Monthly(hours.Mul(count)),
		Query: pricing.Query{
			Provider: v.Provider,
			Service:  v.ServiceCompute,
			Family:   v.FamilyLicense,
			Attributes: map[string]string{
				v.AttrMachineType: machineType,
				v.AttrOS:          os,
			},
			Unit: v.UnitHour,
		},
	}
}

// monthlyHours is 730, or the usage key monthly_hrs.
func monthlyHours(r schema.Resource) decimal.Decimal {
	if h, ok := r.Usage.Decimal("monthly_hrs"); ok && !h.IsNegative() {
		return h
	}
	return schema.HoursPerMonth
}
