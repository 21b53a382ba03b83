package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// EBS volume defaults and free allowances (AWS EBS pricing and volume-type
// documentation): gp3 includes 3,000 IOPS and 125 MiB/s; io2 IOPS are
// priced in tiers above 32,000 and 64,000.
const (
	defaultVolumeGB       = 8
	gp3IncludedIOPS       = 3000
	gp3IncludedThroughput = 125
	io2Tier2Start         = 32000
	io2Tier3Start         = 64000
	mibPerGiB             = 1024
	million               = 1_000_000
)

// Usage key of magnetic volumes' I/O requests per month (Infracost's name).
const usageStandardIORequests = "monthly_standard_io_requests"

// ebsVolume is one EBS volume to price: an aws_ebs_volume, or a block device
// of count instances.
type ebsVolume struct {
	label      string // component name prefix, e.g. "root_block_device"; "" for aws_ebs_volume
	volumeType string // volumeApiName: gp2, gp3, io1, io2, st1, sc1, standard
	sizeGB     decimal.Decimal
	iops       decimal.Decimal // provisioned IOPS; zero when not set
	iopsKnown  bool            // false when io1/io2 IOPS are unknown until apply
	throughput decimal.Decimal // gp3 MiB/s; zero when not set
	count      decimal.Decimal
	assumed    []string
}

// ebsAttributeNames names a volume's attributes in one kind of configuration.
type ebsAttributeNames struct{ volumeType, size, iops, throughput string }

// Attribute names of aws_ebs_volume and of instance block devices.
func volumeAttributeNames() ebsAttributeNames {
	return ebsAttributeNames{volumeType: "type", size: "size", iops: "iops", throughput: "throughput"}
}

func blockDeviceAttributeNames() ebsAttributeNames {
	return ebsAttributeNames{volumeType: "volume_type", size: "volume_size", iops: "iops", throughput: "throughput"}
}

// readEBSVolume reads a volume's type, size, IOPS and throughput; a missing
// or unknown type is gp2 (the EC2 default) and a missing or unknown size 8 GB,
// both listed as assumed. where prefixes attribute names in the notes.
func readEBSVolume(vals schema.Values, names ebsAttributeNames, where, label string) ebsVolume {
	vol := ebsVolume{label: label, count: decimal.NewFromInt(1), iopsKnown: true}
	if t, ok := stringAt(vals, names.volumeType); ok {
		vol.volumeType = t
	} else {
		vol.volumeType = "gp2"
		vol.assumed = append(vol.assumed, fmt.Sprintf("%s%s %s: assumed gp2", where, names.volumeType, absentReason(vals, names.volumeType)))
	}
	if size, ok := positiveAt(vals, names.size); ok {
		vol.sizeGB = size
	} else {
		vol.sizeGB = whole(defaultVolumeGB)
		from := ""
		if _, ok := stringAt(vals, "snapshot_id"); ok || vals.Unknown("snapshot_id") {
			from = " (the snapshot's size may differ)"
		}
		vol.assumed = append(vol.assumed, fmt.Sprintf("%s%s %s: assumed %d GB%s", where, names.size, absentReason(vals, names.size), defaultVolumeGB, from))
	}
	if iops, ok := positiveAt(vals, names.iops); ok {
		vol.iops = iops
	} else if vol.volumeType == "io1" || vol.volumeType == "io2" {
		vol.iopsKnown = false
		vol.assumed = append(vol.assumed, fmt.Sprintf("%s%s %s: provisioned IOPS not estimated", where, names.iops, absentReason(vals, names.iops)))
	} else if vol.volumeType == "gp3" && vals.Unknown(names.iops) {
		vol.assumed = append(vol.assumed, fmt.Sprintf("%s%s unknown until apply: assumed the %d included IOPS", where, names.iops, gp3IncludedIOPS))
	}
	if tp, ok := positiveAt(vals, names.throughput); ok {
		vol.throughput = tp
	} else if vol.volumeType == "gp3" && vals.Unknown(names.throughput) {
		vol.assumed = append(vol.assumed, fmt.Sprintf("%s%s unknown until apply: assumed the %d MiB/s included", where, names.throughput, gp3IncludedThroughput))
	}
	return vol
}

// defaultRootVolume is the root volume assumed when a configuration does not
// describe one: 8 GB gp2, the size of common AMIs' root snapshots.
func defaultRootVolume(label, why string) ebsVolume {
	return assumedGP2Volume(label, why, defaultVolumeGB, "the AMI's root volume may differ")
}

// assumedGP2Volume is a gp2 volume of sizeGB whose description is missing.
func assumedGP2Volume(label, why string, sizeGB int64, caveat string) ebsVolume {
	return ebsVolume{
		label: label, volumeType: "gp2", sizeGB: whole(sizeGB), count: decimal.NewFromInt(1), iopsKnown: true,
		assumed: []string{fmt.Sprintf("%s: assumed %d GB gp2 (%s)", why, sizeGB, caveat)},
	}
}

// times returns the volume multiplied for n instances.
func (vol ebsVolume) times(n decimal.Decimal) ebsVolume {
	vol.count = vol.count.Mul(n)
	return vol
}

// name prefixes a component name with the volume's label.
func (vol ebsVolume) name(base string) string {
	if vol.label == "" {
		return base
	}
	return vol.label + ": " + base
}

// storageName follows Infracost's names of EBS storage components.
func storageName(volumeType string) string {
	switch volumeType {
	case "gp2", "gp3":
		return "Storage (general purpose SSD, " + volumeType + ")"
	case "io1", "io2":
		return "Storage (provisioned IOPS SSD, " + volumeType + ")"
	case "st1":
		return "Storage (throughput optimized HDD, st1)"
	case "sc1":
		return "Storage (cold HDD, sc1)"
	case "standard":
		return "Storage (magnetic)"
	}
	return "Storage (" + volumeType + ")"
}

// components prices the volume's storage, provisioned IOPS and throughput,
// and (magnetic only) its I/O requests from usage.
func (vol ebsVolume) components(region string, u schema.Usage) []schema.Component {
	out := []schema.Component{{
		Name:            vol.name(storageName(vol.volumeType)),
		Unit:            "GB",
		MonthlyQuantity: schema.Monthly(vol.sizeGB.Mul(vol.count)),
		Query:           ebsQuery(region, "Storage", map[string]string{v.AttrVolumeAPIName: vol.volumeType}),
		Assumed:         vol.assumed,
	}}
	switch vol.volumeType {
	case "gp3":
		if extra := vol.iops.Sub(whole(gp3IncludedIOPS)); extra.IsPositive() {
			out = append(out, vol.iopsComponent(region, "Provisioned IOPS (above 3,000)", "EBS IOPS", extra))
		}
		if extra := vol.throughput.Sub(whole(gp3IncludedThroughput)); extra.IsPositive() {
			out = append(out, vol.throughputComponent(region, extra))
		}
	case "io1":
		out = append(out, vol.iopsComponent(region, "Provisioned IOPS", "EBS IOPS", vol.iops))
	case "io2":
		out = append(out, vol.io2IOPSComponents(region)...)
	case "standard":
		out = append(out, vol.ioRequestsComponent(region, u))
	}
	return out
}

func (vol ebsVolume) iopsComponent(region, name, group string, iops decimal.Decimal) schema.Component {
	c := schema.Component{
		Name:  vol.name(name),
		Unit:  "IOPS",
		Query: ebsQuery(region, "System Operation", map[string]string{v.AttrVolumeAPIName: vol.volumeType, v.AttrGroup: group}),
	}
	if vol.iopsKnown {
		c.MonthlyQuantity = schema.Monthly(iops.Mul(vol.count))
	}
	return c
}

// io2IOPSComponents splits io2 IOPS into AWS's three price tiers.
func (vol ebsVolume) io2IOPSComponents(region string) []schema.Component {
	if !vol.iopsKnown {
		return []schema.Component{vol.iopsComponent(region, "Provisioned IOPS", "EBS IOPS", decimal.Zero)}
	}
	tier1 := decimal.Min(vol.iops, whole(io2Tier2Start))
	out := []schema.Component{vol.iopsComponent(region, "Provisioned IOPS", "EBS IOPS", tier1)}
	if tier2 := decimal.Min(vol.iops, whole(io2Tier3Start)).Sub(whole(io2Tier2Start)); tier2.IsPositive() {
		out = append(out, vol.iopsComponent(region, "Provisioned IOPS (32,001-64,000)", "EBS IOPS Tier 2", tier2))
	}
	if tier3 := vol.iops.Sub(whole(io2Tier3Start)); tier3.IsPositive() {
		out = append(out, vol.iopsComponent(region, "Provisioned IOPS (above 64,000)", "EBS IOPS Tier 3", tier3))
	}
	return out
}

// throughputComponent prices gp3 throughput above the included 125 MiB/s;
// the catalog's unit is GiB/s-month, shown per MiB/s.
func (vol ebsVolume) throughputComponent(region string, extraMiBps decimal.Decimal) schema.Component {
	return schema.Component{
		Name:            vol.name("Provisioned throughput (above 125 MiB/s)"),
		Unit:            "MiB/s",
		MonthlyQuantity: schema.Monthly(extraMiBps.Mul(vol.count).Div(whole(mibPerGiB))),
		UnitMultiplier:  decimal.NewFromInt(1).Div(whole(mibPerGiB)),
		Query:           ebsQuery(region, "Provisioned Throughput", map[string]string{v.AttrVolumeAPIName: "gp3"}),
	}
}

// ioRequestsComponent prices magnetic volumes' I/O requests, a usage.
func (vol ebsVolume) ioRequestsComponent(region string, u schema.Usage) schema.Component {
	return usageLineTimes(schema.Component{
		Name:           vol.name("I/O requests"),
		Unit:           "1M requests",
		UnitMultiplier: whole(million),
		Query: ebsQuery(region, "System Operation",
			map[string]string{v.AttrVolumeAPIName: "standard", v.AttrGroup: "EBS I/O Requests"}),
	}, u, usageStandardIORequests, vol.count)
}

func ebsQuery(region, family string, attrs map[string]string) pricing.Query {
	return pricing.Query{Provider: v.Provider, Service: v.ServiceEC2, Family: family, Region: region, Attributes: attrs}
}
