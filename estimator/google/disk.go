package google

import (
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	vocab "github.com/costgate/costgate/pricing/importer/gcpvocab"
	"github.com/shopspring/decimal"
)

// localSSDGiB is the size of one local SSD partition (scratch disk) in GiB.
var localSSDGiB = decimal.NewFromInt(375)

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
			Provider: vocab.Provider,
			Service:  vocab.ServiceCompute,
			Family:   vocab.FamilyStorage,
			Region:   region,
			Attributes: map[string]string{
				vocab.AttrDiskType:    diskType,
				vocab.AttrReplication: replication,
			},
			Unit: vocab.UnitGiBMonth,
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
			Provider:       vocab.Provider,
			Service:        vocab.ServiceCompute,
			Family:         vocab.FamilyStorage,
			Region:         region,
			Attributes:     map[string]string{vocab.AttrDiskType: "local-ssd"},
			PurchaseOption: m.purchaseOption(),
			Unit:           vocab.UnitGiBMonth,
		},
		Assumed: assumed,
	}
}
