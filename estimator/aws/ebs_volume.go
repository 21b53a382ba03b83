package aws

import "github.com/costgate/costgate/estimator/schema"

// ebsVolumeResource prices aws_ebs_volume: storage by volume type, gp3 IOPS
// and throughput above the included amounts, io1/io2 IOPS, and magnetic I/O
// requests from usage monthly_standard_io_requests. A missing size is 8 GB
// and a missing type gp2, listed as assumed.
func ebsVolumeResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_ebs_volume", Build: buildEBSVolume}
}

func buildEBSVolume(r schema.Resource) []schema.Component {
	vol := readEBSVolume(r.Values, volumeAttributeNames(), "", "")
	return vol.components(r.Region, r.Usage)
}
