package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/shopspring/decimal"
)

// ebsSnapshotResource prices aws_ebs_snapshot: snapshot storage per GB-month
// for the size of the volume it copies, read from its volume_size or from the
// aws_ebs_volume its volume_id names (8 GB when neither is known, noted).
// Snapshots store only the volume's used and changed blocks, so the volume
// size is an upper bound, as Infracost counts it.
func ebsSnapshotResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_ebs_snapshot", Build: buildEBSSnapshot}
}

func buildEBSSnapshot(r schema.Resource) []schema.Component {
	size, notes := snapshotSize(r, "volume_id", "size", "the volume")
	return []schema.Component{snapshotStorage(r.Region, r.Values, size, notes)}
}

// snapshotSize reads a snapshot's size in GB: its own volume_size, else the
// attribute sizeAttr of the resource that refPath refers to (what names it
// in notes), else the 8 GB default volume, noted.
func snapshotSize(r schema.Resource, refPath, sizeAttr, what string) (decimal.Decimal, []string) {
	if size, ok := positiveAt(r.Values, "volume_size"); ok {
		return size, nil
	}
	for _, ref := range r.Referenced(refPath) {
		if size, ok := positiveAt(ref, sizeAttr); ok {
			return size, nil
		}
	}
	return whole(defaultVolumeGB), []string{fmt.Sprintf("volume_size %s and the size of %s not known: assumed %d GB",
		absentReason(r.Values, "volume_size"), what, defaultVolumeGB)}
}

// snapshotStorage is the storage line of a standard EBS snapshot. The price
// data has no archive-tier rate (FORMAT.md, "EBS"): an archived snapshot is
// shown at the standard rate, an over-estimate, noted.
func snapshotStorage(region string, vals schema.Values, sizeGB decimal.Decimal, notes []string) schema.Component {
	if tier, _ := stringAt(vals, "storage_tier"); tier == "archive" {
		notes = append(notes, "storage_tier archive: the archive rate is not in the price data, priced at the standard rate (an over-estimate)")
	}
	q := ebsQuery(region, "Storage Snapshot", nil)
	q.Unit = "GB-Mo" // archive retrieval, in the same family, is per GB
	return schema.Component{Name: "EBS snapshot storage", Unit: "GB", MonthlyQuantity: schema.Monthly(sizeGB),
		Query: q, Assumed: notes}
}
