package google

import (
	"fmt"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	vocab "github.com/costgate/costgate/pricing/importer/gcpvocab"
	"github.com/shopspring/decimal"
)

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
func gpus(vals schema.Values, region, path string, m vm, vms, hours decimal.Decimal) []schema.Component {
	var out []schema.Component
	for i, acc := range vals.List(path) {
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
				Provider: vocab.Provider,
				Service:  vocab.ServiceCompute,
				Family:   vocab.FamilyCompute,
				Region:   region,
				Attributes: map[string]string{
					vocab.AttrResourceGroup: "GPU",
					vocab.AttrGPUType:       typ,
				},
				PurchaseOption: m.purchaseOption(),
				Unit:           vocab.UnitHour,
			},
			Assumed: assumed,
		})
	}
	return out
}
