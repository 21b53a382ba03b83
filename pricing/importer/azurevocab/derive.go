package azurevocab

import (
	"regexp"
	"strings"
)

var (
	// Cloud Services (extended support) and dedicated-host products sit in the
	// "Virtual Machines" service but are not per-VM prices.
	notVMProduct = regexp.MustCompile(`(?i)cloud ?services|dedicated ?host`)
	// "B1s - Free" (free-tier grant) and "D2 v2/DS2 v2 - Expired" (retired
	// promotion) meters duplicate a size's price with another meaning.
	specialMeter = regexp.MustCompile(`(?i)\b(expired|free)$`)
	windowsName  = regexp.MustCompile(`\bWin(dows)?$`)
	prioritySfx  = regexp.MustCompile(` (Spot|Low Priority)$`)
	// A size as the API spells it in skuName/meterName: family letters,
	// vCPUs, optional constrained vCPUs, lower-case features, optional
	// version ("D2s v3", "E32-8s_v3", "DS1 v2", "B1ls", "F2s").
	plainSize    = regexp.MustCompile(`^([A-Z]+)(\d+)(-\d+)?([a-z]*)(?:[ _](v\d+))?$`)
	armPrefix    = regexp.MustCompile(`(?i)^(standard|basic)_`)
	constrained  = regexp.MustCompile(`-\d+`)
	basicProduct = regexp.MustCompile(`\bBasic\b`)
	promoProduct = regexp.MustCompile(`\bPromo\b`)
)

// IsVMProduct reports whether an item of service serviceName is the price of
// one virtual machine size (Linux or Windows, any priority), as opposed to
// Cloud Services, dedicated hosts, free grants or expired promotions.
func IsVMProduct(serviceName, productName, meterName string) bool {
	return serviceName == ServiceVirtualMachines &&
		!notVMProduct.MatchString(productName) &&
		!specialMeter.MatchString(strings.TrimSpace(meterName))
}

// OS derives the operating system of a VM product from its productName:
// Windows products end in " Windows" (once " Win"), all others are Linux.
func OS(productName string) string {
	if windowsName.MatchString(strings.TrimSpace(productName)) {
		return OSWindows
	}
	return OSLinux
}

// Priority derives regular, spot or low from the " Spot" / " Low Priority"
// suffix of skuName or meterName.
func Priority(skuName, meterName string) string {
	for _, s := range []string{skuName, meterName} {
		switch {
		case strings.HasSuffix(strings.TrimSpace(s), " Spot"):
			return PrioritySpot
		case strings.HasSuffix(strings.TrimSpace(s), " Low Priority"):
			return PriorityLow
		}
	}
	return PriorityRegular
}

// NormalizeArmSkuName spells an ARM size as Terraform does: the API's
// occasional "Standard_E16-4ads v5" gets underscores and a lower-case
// "standard_" prefix is capitalised.
func NormalizeArmSkuName(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "_")
	if m := armPrefix.FindStringSubmatch(s); m != nil {
		s = strings.ToUpper(m[1][:1]) + strings.ToLower(m[1][1:]) + "_" + s[len(m[0]):]
	}
	return s
}

// DeriveArmSkuName maps the skuName of a VM product ("D2s v3", "A0" of a
// Basic product, "NC6" of a Promo product) to its ARM size name
// ("Standard_D2s_v3", "Basic_A0", "Standard_NC6_Promo"). It answers only
// when the name follows the regular pattern and agrees with meterName;
// irregular names ("EC96asv6", "ND96amsA100v4") and contradictions
// ("standard_D24ds_v3" metered as "DC24ds_v3") give false: nothing is
// derived that cannot be derived safely.
func DeriveArmSkuName(skuName, meterName, productName string) (string, bool) {
	sku := stripPriority(skuName)
	name, ok := armFromSizeName(sku, productName)
	if !ok {
		return "", false
	}
	// Constrained sizes ("DS12-2 v2") share their parent's meter ("DS12 v2"),
	// and meters may name several sizes ("D2 v3/D2s v3").
	meterNames := strings.Split(stripPriority(meterName), "/")
	parsed := false
	for _, m := range meterNames {
		mn, ok := armFromSizeName(strings.TrimSpace(m), productName)
		if !ok {
			continue
		}
		parsed = true
		if constrained.ReplaceAllString(mn, "") == constrained.ReplaceAllString(name, "") {
			return name, true
		}
	}
	if parsed {
		return "", false
	}
	return name, true
}

func stripPriority(s string) string {
	return prioritySfx.ReplaceAllString(strings.TrimSpace(s), "")
}

func armFromSizeName(s, productName string) (string, bool) {
	if armPrefix.MatchString(s) {
		return NormalizeArmSkuName(s), true
	}
	m := plainSize.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	name := m[1] + m[2] + m[3] + m[4]
	if m[5] != "" {
		name += "_" + m[5]
	}
	if promoProduct.MatchString(productName) {
		name += "_Promo"
	}
	if basicProduct.MatchString(productName) {
		return "Basic_" + name, true
	}
	return "Standard_" + name, true
}
