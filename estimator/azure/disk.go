package azure

import (
	"fmt"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/azurevocab"
	"github.com/shopspring/decimal"
)

// tier is a size tier of Standard HDD (S), Standard SSD (E) or Premium SSD
// (P) managed disks: a disk is billed as the smallest tier that holds it.
type tier struct {
	name string
	gib  int64
}

// Disk kinds, from storage_account_type before the "_".
const (
	kindStandardHDD = "Standard"
	kindStandardSSD = "StandardSSD"
	kindPremium     = "Premium"
	kindPremiumV2   = "PremiumV2"
	kindUltra       = "UltraSSD"
)

// tiers lists the size tiers of a kind in GiB (Azure managed disk documentation).
func tiers(kind string) []tier {
	switch kind {
	case kindStandardHDD:
		return []tier{{"S4", 32}, {"S6", 64}, {"S10", 128}, {"S15", 256}, {"S20", 512}, {"S30", 1024},
			{"S40", 2048}, {"S50", 4096}, {"S60", 8192}, {"S70", 16384}, {"S80", 32767}}
	case kindStandardSSD:
		return []tier{{"E1", 4}, {"E2", 8}, {"E3", 16}, {"E4", 32}, {"E6", 64}, {"E10", 128}, {"E15", 256},
			{"E20", 512}, {"E30", 1024}, {"E40", 2048}, {"E50", 4096}, {"E60", 8192}, {"E70", 16384}, {"E80", 32767}}
	case kindPremium:
		return []tier{{"P1", 4}, {"P2", 8}, {"P3", 16}, {"P4", 32}, {"P6", 64}, {"P10", 128}, {"P15", 256},
			{"P20", 512}, {"P30", 1024}, {"P40", 2048}, {"P50", 4096}, {"P60", 8192}, {"P70", 16384}, {"P80", 32767}}
	}
	return nil
}

// productName is the Retail Prices API productName of a disk kind.
func productName(kind string) string {
	switch kind {
	case kindStandardHDD:
		return "Standard HDD Managed Disks"
	case kindStandardSSD:
		return "Standard SSD Managed Disks"
	case kindPremium:
		return "Premium SSD Managed Disks"
	case kindPremiumV2:
		return "Azure Premium SSD v2"
	case kindUltra:
		return "Ultra Disks"
	}
	return ""
}

// canonicalKind spells a kind as the constants do, whatever its case.
func canonicalKind(k string) string {
	for _, c := range []string{kindStandardHDD, kindStandardSSD, kindPremium, kindPremiumV2, kindUltra} {
		if strings.EqualFold(k, c) {
			return c
		}
	}
	return k
}

// Premium SSD v2 includes 3,000 IOPS and 125 MB/s with every disk; only
// what is provisioned above is billed.
var (
	v2FreeIOPS = decimal.NewFromInt(3000)
	v2FreeMBps = decimal.NewFromInt(125)
)

// Ultra disks are billed at a provisioned size of 4 … 512 GiB in powers of
// two, then in steps of 1 TiB up to 64 TiB.
var (
	ultraSmallest = decimal.NewFromInt(4)
	ultraStep     = decimal.NewFromInt(1024)
	ultraMaxSize  = decimal.NewFromInt(65536)
)

// disk is one managed disk to price: its account type and sizes, as read
// (or assumed) from the plan.
type disk struct {
	accountType string          // storage_account_type, e.g. Premium_LRS
	sizeGiB     decimal.Decimal // disk_size_gb
	iops, mbps  decimal.Decimal // PremiumV2 / Ultra provisioned performance
	perfTier    string          // Premium "tier" attribute (performance tier), if set
	count       decimal.Decimal // how many such disks (AKS nodes)
	// prefix names the disk in component names ("" for the disk itself,
	// "Data disk" for a legacy VM's data disks).
	prefix  string
	assumed []string
	// opsUsage is the monthly_disk_operations usage of Standard disks, if given.
	opsUsage *decimal.Decimal
}

// components prices the disk in region.
func (d disk) components(region string) []schema.Component {
	kind, repl := splitAccountType(d.accountType)
	if d.count.IsZero() {
		d.count = one
	}
	switch kind {
	case kindPremiumV2:
		return d.premiumV2(region, repl)
	case kindUltra:
		return d.ultra(region, repl)
	case kindStandardHDD, kindStandardSSD, kindPremium:
		return d.tiered(region, kind, repl)
	}
	return []schema.Component{{
		Name:            d.name(fmt.Sprintf("Storage (%s)", d.accountType)),
		Unit:            "months",
		MonthlyQuantity: schema.Monthly(d.count),
		Query:           storageQuery(region, "unknown storage_account_type "+d.accountType, "", "", "1/Month"),
		Assumed:         append(d.assumed, fmt.Sprintf("storage_account_type %q is not a known managed disk type: no price", d.accountType)),
	}}
}

// tiered prices Standard HDD, Standard SSD and Premium SSD disks per tier-month.
func (d disk) tiered(region, kind, repl string) []schema.Component {
	t, ok := tierFor(kind, d.sizeGiB)
	assumed := d.assumed
	if !ok {
		largest := tiers(kind)[len(tiers(kind))-1]
		assumed = append(assumed, fmt.Sprintf("disk size %s GiB exceeds the largest %s tier (%s, %d GiB): no price", d.sizeGiB, productName(kind), largest.name, largest.gib))
		t = tier{name: "over " + largest.name}
	}
	if kind == kindPremium && d.perfTier != "" {
		if pt, ok := tierNamed(kind, d.perfTier); ok && pt.gib > t.gib {
			t = pt // a performance tier above the size's is billed at its price
		}
	}
	product := productName(kind)
	sku := t.name + " " + repl
	out := []schema.Component{{
		Name:            d.name(fmt.Sprintf("Storage (%s, %s)", t.name, repl)),
		Unit:            "months",
		MonthlyQuantity: schema.Monthly(d.count),
		Query:           storageQuery(region, product, sku, sku+" Disk", "1/Month"),
		Assumed:         assumed,
	}}
	// Standard disks also bill transactions (usage). E1–E3 have no per-tier
	// operations meter in the price data, so none is declared for them.
	if ok && (kind == kindStandardHDD || (kind == kindStandardSSD && t.gib >= 32)) {
		c := schema.Component{
			Name:       d.name("Disk operations"),
			Unit:       "10k operations",
			Query:      storageQuery(region, product, sku, sku+" Disk Operations", "10K"),
			UsageBased: true,
		}
		if d.opsUsage != nil {
			c.MonthlyQuantity = schema.Monthly(d.opsUsage.Div(decimal.NewFromInt(10000)).Mul(d.count))
		}
		out = append(out, c)
	}
	return out
}

// premiumV2 prices capacity per GiB-hour, and IOPS and throughput above
// the included baseline.
func (d disk) premiumV2(region, repl string) []schema.Component {
	product, sku := productName(kindPremiumV2), "Premium "+repl
	out := []schema.Component{d.hourly("Storage (Premium SSD v2, "+repl+")", "GiB", d.sizeGiB,
		storageQuery(region, product, sku, sku+" Provisioned Capacity", "1 GiB/Hour"), d.assumed)}
	if extra := d.iops.Sub(v2FreeIOPS); extra.IsPositive() {
		out = append(out, d.hourly("Provisioned IOPS (above 3,000)", "IOPS", extra,
			storageQuery(region, product, sku, sku+" Provisioned IOPS", "1/Hour"), nil))
	}
	if extra := d.mbps.Sub(v2FreeMBps); extra.IsPositive() {
		out = append(out, d.hourly("Provisioned throughput (above 125 MB/s)", "MB/s", extra,
			storageQuery(region, product, sku, sku+" Provisioned Throughput (MBps)", "1/Hour"), nil))
	}
	return out
}

// ultra prices the billed capacity, IOPS and throughput per hour.
func (d disk) ultra(region, repl string) []schema.Component {
	product, sku := productName(kindUltra), "Ultra "+repl
	size := ultraBilledSize(d.sizeGiB)
	return []schema.Component{
		d.hourly(fmt.Sprintf("Storage (Ultra, %s GiB)", size), "GiB", size,
			storageQuery(region, product, sku, sku+" Provisioned Capacity", "1 GiB/Hour"), d.assumed),
		d.hourly("Provisioned IOPS", "IOPS", d.iops,
			storageQuery(region, product, sku, sku+" Provisioned IOPS", "1/Hour"), nil),
		d.hourly("Provisioned throughput", "MB/s", d.mbps,
			storageQuery(region, product, sku, sku+" Provisioned Throughput (MBps)", "1/Hour"), nil),
	}
}

// hourly is a component priced per unit-hour and shown per unit-month.
func (d disk) hourly(name, unit string, qty decimal.Decimal, q pricing.Query, assumed []string) schema.Component {
	return schema.Component{
		Name:           d.name(name),
		Unit:           unit,
		HourlyQuantity: schema.Hourly(qty.Mul(d.count)),
		UnitMultiplier: schema.HoursPerMonth(),
		Query:          q,
		Assumed:        assumed,
	}
}

// name prefixes a component name for disks that are part of another resource.
func (d disk) name(base string) string {
	if d.prefix == "" {
		return base
	}
	// "Data disk" + "Disk operations" reads "Data disk operations".
	return d.prefix + " " + strings.TrimPrefix(strings.ToLower(base[:1])+base[1:], "disk ")
}

func storageQuery(region, product, sku, meter, unit string) pricing.Query {
	attrs := map[string]string{azurevocab.AttrProductName: product}
	if sku != "" {
		attrs[azurevocab.AttrSkuName] = sku
	}
	if meter != "" {
		attrs[azurevocab.AttrMeterName] = meter
	}
	return pricing.Query{
		Provider:   azurevocab.Provider,
		Service:    azurevocab.ServiceStorage,
		Family:     azurevocab.FamilyStorage,
		Region:     region,
		Attributes: attrs,
		Unit:       unit,
	}
}

// splitAccountType splits "Premium_LRS" into its canonical kind and the
// redundancy (LRS, ZRS).
func splitAccountType(s string) (kind, repl string) {
	k, r, _ := strings.Cut(strings.TrimSpace(s), "_")
	return canonicalKind(k), strings.ToUpper(r)
}

// tierFor returns the smallest tier of kind that holds size GiB.
func tierFor(kind string, size decimal.Decimal) (tier, bool) {
	for _, t := range tiers(kind) {
		if size.LessThanOrEqual(decimal.NewFromInt(t.gib)) {
			return t, true
		}
	}
	return tier{}, false
}

func tierNamed(kind, name string) (tier, bool) {
	for _, t := range tiers(kind) {
		if strings.EqualFold(t.name, name) {
			return t, true
		}
	}
	return tier{}, false
}

// ultraBilledSize rounds a requested size up to the sizes Ultra disks bill.
func ultraBilledSize(size decimal.Decimal) decimal.Decimal {
	two := decimal.NewFromInt(2)
	for s := ultraSmallest; s.LessThan(ultraStep); s = s.Mul(two) {
		if size.LessThanOrEqual(s) {
			return s
		}
	}
	billed := size.Div(ultraStep).Ceil().Mul(ultraStep)
	if billed.GreaterThan(ultraMaxSize) {
		return ultraMaxSize
	}
	return billed
}
