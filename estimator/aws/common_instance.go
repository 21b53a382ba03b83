package aws

import (
	"fmt"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// Usage keys of EC2 instances besides the purchase ones (Infracost's names).
const (
	usageMonthlyHours         = "monthly_hrs"
	usageCPUCreditHours       = "monthly_cpu_credit_hrs"
	usageVCPUCount            = "vcpu_count"
	detailedMonitoringMetrics = 7 // metrics EC2 detailed monitoring publishes per instance (Infracost's count)
)

// Offer-file tenancy values.
const (
	tenancyShared    = "Shared"
	tenancyDedicated = "Dedicated"
	tenancyHost      = "Host"
)

// ec2Instance is the priced shape of count identical EC2 instances, whoever
// declares them: aws_instance, the launch template or configuration of an
// autoscaling group, an EKS node group.
type ec2Instance struct {
	region       string
	instanceType string // "" when unknown: its price is reported as not found
	typeNote     string // why instanceType is unknown
	tenancy      string
	os           ec2OS
	purchase     ec2Purchase
	count        decimal.Decimal
	spotCount    decimal.Decimal  // of count, bought as spot (mixed instances policy)
	monthlyHours *decimal.Decimal // per instance; nil means the whole month
	ebsOptimized bool
	monitoring   bool
	creditMode   string           // burstable types: creditsUnlimited or creditsStandard
	creditHours  *decimal.Decimal // usage: burst hours per month
	vcpus        decimal.Decimal  // vCPUs of the type, for CPU credits; zero when unknown
	volumes      []ebsVolume      // per instance
	assumed      []string         // notes on the instance-hours line
	creditNotes  []string
}

// applyUsage completes the instances with what the usage file says: the
// operating system (else os, noted as assumed unless osKnown), a
// reservation, the hours per month and CPU credit usage.
func (i *ec2Instance) applyUsage(u schema.Usage, os ec2OS, osKnown bool) {
	if fromUsage, ok, note := osFromUsage(u); ok {
		os = fromUsage
		if note != "" {
			i.assumed = append(i.assumed, note)
		}
	} else if !osKnown {
		i.assumed = append(i.assumed, "operating system not in the plan (the AMI decides): assumed Linux; set usage operating_system")
	}
	i.os = os
	if p, ok, notes := reservedFromUsage(u); ok {
		if i.purchase.option == pricing.Spot {
			i.assumed = append(i.assumed, "usage reserved_instance_* ignored: the instances are spot")
		} else {
			i.purchase = p
			i.assumed = append(i.assumed, notes...)
		}
	}
	if hrs, ok, note := usageNumber(u, usageMonthlyHours); ok {
		i.monthlyHours = &hrs
	} else if note != "" {
		i.assumed = append(i.assumed, note)
	}
	if hrs, ok, note := usageNumber(u, usageCPUCreditHours); ok {
		i.creditHours = &hrs
	} else if note != "" {
		i.creditNotes = append(i.creditNotes, note)
	}
	i.vcpus = whole(burstableVCPUs(i.instanceType))
	if n, ok, note := usageNumber(u, usageVCPUCount); ok {
		i.vcpus = n
	} else if note != "" {
		i.creditNotes = append(i.creditNotes, note)
	}
}

// components prices the instances: hours (on-demand or reserved, and spot),
// an amortised upfront fee, the EBS-optimized surcharge, detailed
// monitoring, CPU credits, and every instance's volumes.
func (i ec2Instance) components(u schema.Usage) []schema.Component {
	out := i.hoursComponents()
	if i.purchase.upfront() && i.count.GreaterThan(i.spotCount) {
		out = append(out, i.upfrontComponent(i.count.Sub(i.spotCount)))
	}
	if i.ebsOptimized && ebsOptimizedSurcharge(i.instanceType) {
		out = append(out, schema.Component{
			Name:           "EBS-optimized usage",
			Unit:           "hours",
			HourlyQuantity: schema.Hourly(i.count),
			Query: pricing.Query{Provider: v.Provider, Service: v.ServiceEC2, Family: v.EC2InstanceFamily(i.instanceType), Region: i.region,
				Attributes: map[string]string{v.AttrInstanceType: i.instanceType, v.AttrUsageType: ec2UsageType(i.region, "EBSOptimized:"+i.instanceType)}},
		})
	}
	if i.monitoring {
		out = append(out, schema.Component{
			Name:            "EC2 detailed monitoring",
			Unit:            "metrics",
			MonthlyQuantity: schema.Monthly(whole(detailedMonitoringMetrics).Mul(i.count)),
			Query: pricing.Query{Provider: v.Provider, Service: v.ServiceCloudWatch, Region: i.region,
				Attributes: map[string]string{v.AttrPricingPageLabel: "Metric"}},
		})
	}
	if i.creditMode == creditsUnlimited {
		out = append(out, i.creditsComponent())
	}
	for _, vol := range i.volumes {
		out = append(out, vol.times(i.count).components(i.region, u)...)
	}
	return out
}

// hoursComponents is one line of instance hours per purchase option.
func (i ec2Instance) hoursComponents() []schema.Component {
	if i.purchase.option == pricing.Spot {
		return []schema.Component{i.hoursComponent(ec2Spot(), i.count)}
	}
	var out []schema.Component
	if regular := i.count.Sub(i.spotCount); regular.IsPositive() || i.spotCount.IsZero() {
		out = append(out, i.hoursComponent(i.purchase, regular))
	}
	if i.spotCount.IsPositive() {
		out = append(out, i.hoursComponent(ec2Spot(), i.spotCount))
	}
	return out
}

func (i ec2Instance) hoursComponent(p ec2Purchase, n decimal.Decimal) schema.Component {
	c := schema.Component{
		Name:    fmt.Sprintf("Instance usage (%s)", strings.Join(i.nameParts(p), ", ")),
		Unit:    "hours",
		Query:   i.instanceQuery(p),
		Assumed: i.assumed,
	}
	if i.instanceType == "" {
		c.Assumed = append(append([]string{}, i.assumed...), i.typeNote+": instance type unknown, no price")
	}
	if p.option == pricing.Reserved {
		c.Query.Unit = "Hrs" // the upfront fee of the same term is unit Quantity
	}
	if i.monthlyHours != nil {
		c.MonthlyQuantity = schema.Monthly(i.monthlyHours.Mul(n))
	} else {
		c.HourlyQuantity = schema.Hourly(n)
	}
	return c
}

func (i ec2Instance) nameParts(p ec2Purchase) []string {
	parts := []string{i.os.label, p.label()}
	switch i.tenancy {
	case tenancyDedicated:
		parts = append(parts, "dedicated")
	case tenancyHost:
		parts = append(parts, "dedicated host")
	}
	typ := i.instanceType
	if typ == "" {
		typ = "unknown instance type"
	}
	return append(parts, typ)
}

// instanceQuery asks for the hourly price of the instance type, with all six
// attributes FORMAT.md requires for EC2 instances.
func (i ec2Instance) instanceQuery(p ec2Purchase) pricing.Query {
	return pricing.Query{
		Provider: v.Provider, Service: v.ServiceEC2, Family: v.EC2InstanceFamily(i.instanceType), Region: i.region,
		Attributes: map[string]string{
			v.AttrInstanceType: i.instanceType, v.AttrOperatingSystem: i.os.offer, v.AttrTenancy: i.tenancy,
			v.AttrPreInstalledSw: v.PreInstalledNone, v.AttrLicenseModel: v.LicenseNoLicenseRequired,
			v.AttrCapacityStatus: v.CapacityUsed,
		},
		PurchaseOption:     p.option,
		TermLength:         p.termLength,
		TermPurchaseOption: p.termPurchaseOption,
		TermOfferingClass:  p.termOfferingClass,
	}
}

// upfrontComponent spreads a reservation's upfront fee over its term, so the
// monthly figure includes it (Infracost leaves it out).
func (i ec2Instance) upfrontComponent(n decimal.Decimal) schema.Component {
	months := i.purchase.termMonths()
	c := schema.Component{
		Name: fmt.Sprintf("Reservation upfront fee (%s %s, spread over %d months)",
			i.purchase.termLength, i.purchase.termPurchaseOption, months),
		Unit:  "fees",
		Query: i.instanceQuery(i.purchase),
	}
	c.Query.Unit = "Quantity"
	if months > 0 {
		c.MonthlyQuantity = schema.Monthly(n.Div(whole(months)))
	}
	return c
}

// creditsComponent prices the vCPU-hours of burstable instances running in
// unlimited mode above their baseline, a usage.
func (i ec2Instance) creditsComponent() schema.Component {
	c := schema.Component{
		Name:       "CPU credits",
		Unit:       "vCPU-hours",
		UsageBased: true,
		Assumed:    i.creditNotes,
		Query: pricing.Query{Provider: v.Provider, Service: v.ServiceEC2, Family: "CPU Credits", Region: i.region,
			Attributes: map[string]string{v.AttrOperatingSystem: i.os.offer,
				v.AttrUsageType: ec2UsageType(i.region, "CPUCredits:"+instanceFamily(i.instanceType))}},
	}
	if i.creditHours == nil {
		return c
	}
	if !i.vcpus.IsPositive() {
		c.Assumed = append(append([]string{}, c.Assumed...), fmt.Sprintf("vCPU count of %s unknown: set usage vcpu_count", i.instanceType))
		return c
	}
	c.MonthlyQuantity = schema.Monthly(i.creditHours.Mul(i.vcpus).Mul(i.count))
	return c
}

// ebsOptimizedSurcharge reports whether EBS optimization of the type is an
// option with an hourly fee: the previous-generation families below (EC2
// "EBS-optimized instances" guide); newer types are EBS-optimized at no
// extra cost.
func ebsOptimizedSurcharge(instanceType string) bool {
	switch instanceFamily(instanceType) {
	case "c1", "c3", "g2", "i2", "m1", "m2", "m3", "r3":
		return true
	}
	return false
}
