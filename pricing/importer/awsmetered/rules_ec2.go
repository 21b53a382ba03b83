package awsmetered

import (
	"fmt"
	"strings"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/awsvocab"
)

// ebsLabels are the EBS map's labels of volume storage, IOPS, throughput
// and standard snapshots (AWS offer-file families, volumeApiName, group and
// units as the EC2 offer file publishes them). The map's unqualified
// duplicates ("Storage General Purpose GB Mo"), archive, Outposts, direct-API
// and fast-restore labels are not used.
var ebsLabels = map[string]product{
	"Storage General Purpose gp2 GB Mo":                     {"Storage", map[string]string{"volumeApiName": "gp2", "volumeType": "General Purpose"}, "GB-Mo"},
	"Storage General Purpose gp3 GB Mo":                     {"Storage", map[string]string{"volumeApiName": "gp3", "volumeType": "General Purpose"}, "GB-Mo"},
	"Storage Provisioned IOPS io1 GB Mo":                    {"Storage", map[string]string{"volumeApiName": "io1", "volumeType": "Provisioned IOPS"}, "GB-Mo"},
	"Storage Provisioned IOPS io2 GB month":                 {"Storage", map[string]string{"volumeApiName": "io2", "volumeType": "Provisioned IOPS"}, "GB-month"},
	"Storage Throughput Optimized HDD st1 GB Mo":            {"Storage", map[string]string{"volumeApiName": "st1", "volumeType": "Throughput Optimized HDD"}, "GB-Mo"},
	"Storage Cold HDD sc1 GB Mo":                            {"Storage", map[string]string{"volumeApiName": "sc1", "volumeType": "Cold HDD"}, "GB-Mo"},
	"Storage Magnetic standard GB Mo":                       {"Storage", map[string]string{"volumeApiName": "standard", "volumeType": "Magnetic"}, "GB-Mo"},
	"Provisioned EBS IOPS gp3 Volumes per IOPS Mo":          {"System Operation", map[string]string{"volumeApiName": "gp3", "group": "EBS IOPS"}, "IOPS-Mo"},
	"Provisioned EBS IOPS io1 Volumes per IOPS Mo":          {"System Operation", map[string]string{"volumeApiName": "io1", "group": "EBS IOPS"}, "IOPS-Mo"},
	"Provisioned EBS IOPS io2 Volumes per IOPS Mo":          {"System Operation", map[string]string{"volumeApiName": "io2", "group": "EBS IOPS"}, "IOPS-Mo"},
	"Provisioned EBS IOPS Tier 2 io2 Volumes per IOPS Mo":   {"System Operation", map[string]string{"volumeApiName": "io2", "group": "EBS IOPS Tier 2"}, "IOPS-Mo"},
	"Provisioned EBS IOPS Tier 3 io2 Volumes per IOPS Mo":   {"System Operation", map[string]string{"volumeApiName": "io2", "group": "EBS IOPS Tier 3"}, "IOPS-Mo"},
	"Provisioned EBS I O Requests standard Volumes per IOs": {"System Operation", map[string]string{"volumeApiName": "standard", "group": "EBS I/O Requests"}, "IOs"},
	"Provisioned Throughput gp3 per GiBps mo":               {"Provisioned Throughput", map[string]string{"volumeApiName": "gp3"}, "GiBps-mo"},
	"Storage Snapshot Amazon S3 GB Mo":                      {"Storage Snapshot", map[string]string{"storageMedia": "Amazon S3"}, "GB-Mo"},
}

// convertProducts converts the regional labels of table to on-demand rows
// of their product; other labels are not used.
func convertProducts(table map[string]product) func(c *conv) ([]pricing.Price, error) {
	return func(c *conv) ([]pricing.Price, error) {
		p, ok := table[c.label]
		if !ok || c.global {
			return nil, nil
		}
		row, err := c.onDemand(p.clone())
		if err != nil {
			return nil, err
		}
		return []pricing.Price{row}, nil
	}
}

// natLabels are the NAT gateway map's hour and data-processing labels
// (family and group as the EC2 offer file has them). The provisioned-
// bandwidth labels are not used.
var natLabels = map[string]product{
	"Hourly charge for NAT Gateways":                  {"NAT Gateway", map[string]string{"group": "NGW:NatGateway"}, "Hrs"},
	"Charge for per GB data processed by NatGateways": {"NAT Gateway", map[string]string{"group": "NGW:NatGateway"}, "GB"},
}

// convertEC2Reserved converts the EC2 reserved-instance maps: each label is
// one instance type's reservation, with its on-demand rate beside it. The
// map is the pricing page's Linux, shared tenancy, standard reservation
// table; tenancy, OS and pre-installed software are given per entry, the
// licence model in the label, and the capacity status is that of running
// instances ("Used").
func convertEC2Reserved(c *conv) ([]pricing.Price, error) {
	if c.global {
		return nil, nil
	}
	typ, err := c.need("Instance Type")
	if err != nil {
		return nil, err
	}
	attrs := map[string]string{awsvocab.AttrInstanceType: typ, awsvocab.AttrCapacityStatus: awsvocab.CapacityUsed}
	for key, field := range map[string]string{
		awsvocab.AttrOperatingSystem: "Operating System", awsvocab.AttrTenancy: "Tenancy", awsvocab.AttrPreInstalledSw: "Pre Installed S/W",
	} {
		if attrs[key], err = c.need(field); err != nil {
			return nil, err
		}
	}
	if !strings.Contains(c.label, " "+awsvocab.LicenseNoLicenseRequired+" ") {
		return nil, fmt.Errorf("label does not state the licence model %q", awsvocab.LicenseNoLicenseRequired)
	}
	attrs[awsvocab.AttrLicenseModel] = awsvocab.LicenseNoLicenseRequired
	p := product{family: awsvocab.EC2InstanceFamily(typ), attrs: attrs, unit: "Hrs"}
	return c.reservedWithOnDemand(p, true)
}

// reservedWithOnDemand emits a reservation's hourly rate, its upfront fee
// when the entry has one, and the on-demand rate the entry carries.
func (c *conv) reservedWithOnDemand(p product, withOfferingClass bool) ([]pricing.Price, error) {
	_, termCode, err := rate(c.e["rateCode"])
	if err != nil {
		return nil, err
	}
	known, ok := awsvocab.ReservedTerm(termCode)
	if !ok {
		return nil, fmt.Errorf("unknown reserved offer term code %q", termCode)
	}
	term := awsvocab.OfferTerm{Length: c.e["LeaseContractLength"], PurchaseOption: c.e["PurchaseOption"]}
	if withOfferingClass {
		term.OfferingClass = known.OfferingClass
	}
	hourly, err := c.priced(p.clone(), c.e["rateCode"], c.e["price"], pricing.Reserved, term)
	if err != nil {
		return nil, err
	}
	rows := []pricing.Price{hourly}
	if fee := c.e["riupfront:PricePerUnit"]; fee != "" {
		fp := p.clone()
		fp.unit = "Quantity"
		upfront, err := c.priced(fp, c.e["riupfront:RateCode"], fee, pricing.Reserved, term)
		if err != nil {
			return nil, fmt.Errorf("upfront fee: %w", err)
		}
		if upfront.SKU != hourly.SKU {
			return nil, fmt.Errorf("upfront fee SKU %s differs from %s", upfront.SKU, hourly.SKU)
		}
		rows = append(rows, upfront)
	} else if term.PurchaseOption != "No Upfront" {
		return nil, fmt.Errorf("%s reservation without an upfront fee", term.PurchaseOption)
	}
	if od := c.e["OnDemand:PricePerUnit"]; od != "" {
		onDemand, err := c.priced(p.clone(), c.e["OnDemand:RateCode"], od, pricing.OnDemand, awsvocab.OfferTerm{})
		if err != nil {
			return nil, fmt.Errorf("on-demand rate: %w", err)
		}
		if onDemand.SKU != hourly.SKU {
			return nil, fmt.Errorf("on-demand SKU %s differs from %s", onDemand.SKU, hourly.SKU)
		}
		rows = append(rows, onDemand)
	}
	return rows, nil
}

// clone gives each row its own attribute map.
func (p product) clone() product {
	attrs := make(map[string]string, len(p.attrs))
	for k, v := range p.attrs {
		attrs[k] = v
	}
	p.attrs = attrs
	return p
}
