package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
)

// usageOperatingSystem is the usage key of an EC2 instance's operating
// system (Infracost's name, so existing usage files work).
const usageOperatingSystem = "operating_system"

// ec2OS is an instance's operating system: the offer files' operatingSystem
// value and the name shown in components.
type ec2OS struct {
	offer, label string
}

func linuxOS() ec2OS   { return ec2OS{offer: "Linux", label: "Linux/UNIX"} }
func windowsOS() ec2OS { return ec2OS{offer: "Windows", label: "Windows"} }

// osFromUsage reads usage operating_system (linux, windows, rhel, suse).
// ok is false when the usage does not say; a value it does not know is
// kept as given, so that its price is reported as not found.
func osFromUsage(u schema.Usage) (os ec2OS, ok bool, note string) {
	s, given := u.String(usageOperatingSystem)
	if !given {
		return ec2OS{}, false, ""
	}
	switch s {
	case "linux":
		return linuxOS(), true, ""
	case "windows":
		return windowsOS(), true, ""
	case "rhel":
		return ec2OS{offer: "RHEL", label: "RHEL"}, true, ""
	case "suse":
		return ec2OS{offer: "SUSE", label: "SUSE"}, true, ""
	}
	return ec2OS{offer: s, label: s}, true,
		fmt.Sprintf("usage operating_system %q is not linux, windows, rhel or suse: no price", s)
}

// ec2Purchase is how instance hours are bought.
type ec2Purchase struct {
	option             string // pricing.OnDemand, Spot or Reserved
	termLength         string // reserved: 1yr, 3yr
	termPurchaseOption string // reserved: No Upfront, Partial Upfront, All Upfront
	termOfferingClass  string // reserved: standard, convertible
}

func ec2OnDemand() ec2Purchase { return ec2Purchase{option: pricing.OnDemand} }
func ec2Spot() ec2Purchase     { return ec2Purchase{option: pricing.Spot} }

// label is the purchase as shown in a component name.
func (p ec2Purchase) label() string {
	switch p.option {
	case pricing.Spot:
		return "spot"
	case pricing.Reserved:
		return fmt.Sprintf("reserved %s %s %s", p.termLength, p.termOfferingClass, p.termPurchaseOption)
	}
	return "on-demand"
}

// upfront reports whether the reservation has an upfront fee.
func (p ec2Purchase) upfront() bool {
	return p.option == pricing.Reserved && p.termPurchaseOption != "No Upfront"
}

// termMonths is the reservation's length in months (0 when not reserved).
func (p ec2Purchase) termMonths() int64 {
	switch p.termLength {
	case "1yr":
		return 12
	case "3yr":
		return 36
	}
	return 0
}

// reservedFromUsage reads a reservation from Infracost's usage keys
// reserved_instance_type (standard, convertible), reserved_instance_term
// (1_year, 3_year) and reserved_instance_payment_option (no_upfront,
// partial_upfront, all_upfront). ok is false when none is given; missing
// keys take the first value of each list, noted. An unknown value is kept as
// given, so that its price is reported as not found.
func reservedFromUsage(u schema.Usage) (p ec2Purchase, ok bool, notes []string) {
	if !u.Has(usageReservedType) && !u.Has(usageReservedTerm) && !u.Has(usageReservedPaymentOption) {
		return ec2Purchase{}, false, nil
	}
	p.option = pricing.Reserved
	p.termOfferingClass = usageChoice(u, usageReservedType, "standard",
		map[string]string{"standard": "standard", "convertible": "convertible"}, &notes)
	p.termLength = usageChoice(u, usageReservedTerm, "1_year", reservedTerms(), &notes)
	p.termPurchaseOption = usageChoice(u, usageReservedPaymentOption, "no_upfront", reservedPaymentOptions(), &notes)
	return p, true, notes
}
