package aws

import "github.com/costgate/costgate/estimator/schema"

// ebsSnapshotCopyResource prices aws_ebs_snapshot_copy: storage of the copy
// in its own region, for the size of the source snapshot (its volume_size
// when the plan knows it; 8 GB otherwise, noted). The data transfer of a
// copy from another region is not priced.
func ebsSnapshotCopyResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_ebs_snapshot_copy", Build: buildEBSSnapshotCopy}
}

func buildEBSSnapshotCopy(r schema.Resource) []schema.Component {
	size, notes := snapshotSize(r, "source_snapshot_id", "volume_size", "the source snapshot")
	return []schema.Component{snapshotStorage(r.Region, r.Values, size, notes)}
}
