package google

import (
	"fmt"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	vocab "github.com/costgate/costgate/pricing/importer/gcpvocab"
	"github.com/shopspring/decimal"
)

func computeDisk() schema.ResourceType {
	return schema.ResourceType{Name: "google_compute_disk", Build: buildComputeDisk}
}

// defaultDiskGiB is the size Compute Engine gives a blank disk of each type
// when none is set (the same defaults Infracost uses: 500/100/1000 GB).
func defaultDiskGiB(diskType string) int64 {
	switch {
	case diskType == "pd-standard":
		return 500
	case diskType == "pd-extreme":
		return 1000
	}
	return 100 // pd-balanced, pd-ssd, hyperdisk-*
}

// buildComputeDisk prices a zonal persistent disk's capacity, and the
// provisioned IOPS of extreme disks (no IOPS price source: price not found).
func buildComputeDisk(r schema.Resource) []schema.Component {
	vals := r.Values
	region := regionOf(r.Region)
	var assumed []string
	typ := vals.String("type")
	if typ == "" {
		typ = "pd-standard"
		assumed = append(assumed, "type not set: assumed pd-standard")
	}
	size, ok := vals.Decimal("size")
	if !ok || !size.IsPositive() {
		size = decimal.NewFromInt(defaultDiskGiB(typ))
		from := ""
		if vals.String("image") != "" || vals.String("snapshot") != "" {
			from = " (the image or snapshot may be larger)"
		}
		assumed = append(assumed, fmt.Sprintf("size unknown: assumed %s GB%s", size, from))
	}
	comps := []schema.Component{disk(region, typ, "zonal", size, decimal.NewFromInt(1), assumed)}
	if iops, ok := vals.Decimal("provisioned_iops"); ok && iops.IsPositive() &&
		(typ == "pd-extreme" || strings.HasPrefix(typ, "hyperdisk-")) {
		comps = append(comps, schema.Component{
			Name:            "Provisioned IOPS",
			Unit:            "IOPS",
			MonthlyQuantity: schema.Monthly(iops),
			Query: pricing.Query{
				Provider:   vocab.Provider,
				Service:    vocab.ServiceCompute,
				Family:     vocab.FamilyStorage,
				Region:     region,
				Attributes: map[string]string{vocab.AttrDiskType: typ, vocab.AttrCharge: "iops"},
				Unit:       vocab.UnitMonth,
			},
		})
	}
	return comps
}
