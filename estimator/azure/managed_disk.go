package azure

import (
	"github.com/costgate/costgate/estimator/schema"
	"github.com/shopspring/decimal"
)

// Defaults for a type, size or performance the plan does not give.
const (
	defaultDiskGiB     = 30   // a Standard / Premium SSD disk without a size (Infracost's default)
	defaultV2UltraGiB  = 1024 // Premium SSD v2 and Ultra (Infracost's default)
	defaultUltraIOPS   = 2048 // (Infracost's default)
	defaultUltraMBps   = 8    // (Infracost's default)
	defaultAccountType = "Premium_LRS"
	// The usage key of Standard disks' transactions (Infracost's).
	monthlyDiskOpsUsage = "monthly_disk_operations"
)

// managedDisk prices azurerm_managed_disk: the size tier of Standard HDD,
// Standard SSD and Premium SSD disks (LRS or ZRS), or the provisioned
// capacity, IOPS and throughput of Premium SSD v2 and Ultra disks.
func managedDisk() schema.ResourceType {
	return schema.ResourceType{
		Name: "azurerm_managed_disk",
		Build: func(r schema.Resource) []schema.Component {
			a := &attrs{v: r.Values}
			d := readDisk(a, "storage_account_type", defaultDiskGiB)
			d.opsUsage = usageDecimal(r.Usage, monthlyDiskOpsUsage)
			return d.components(r.Region)
		},
	}
}

// readDisk reads a disk's type (attribute typeKey), size and provisioned
// performance; a missing type is assumed Premium_LRS, the dearest common
// type, as a gate never under-estimates.
func readDisk(a *attrs, typeKey string, defaultSize int64) disk {
	d := disk{accountType: a.str(typeKey, defaultAccountType), perfTier: a.v.String("tier"), count: one}
	kind, _ := splitAccountType(d.accountType)
	switch kind {
	case kindPremiumV2:
		d.sizeGiB = a.positive("disk_size_gb", defaultV2UltraGiB, "GiB")
		// Without a figure the included baseline is provisioned: nothing extra.
		d.iops = a.positive("disk_iops_read_write", v2FreeIOPS.IntPart(), "IOPS")
		d.mbps = a.positive("disk_mbps_read_write", v2FreeMBps.IntPart(), "MB/s")
	case kindUltra:
		d.sizeGiB = a.positive("disk_size_gb", defaultV2UltraGiB, "GiB")
		d.iops = a.positive("disk_iops_read_write", defaultUltraIOPS, "IOPS")
		d.mbps = a.positive("disk_mbps_read_write", defaultUltraMBps, "MB/s")
	default:
		d.sizeGiB = a.positive("disk_size_gb", defaultSize, "GiB")
	}
	d.assumed = a.assumed
	return d
}

// usageDecimal returns a non-negative usage value, nil when not given.
func usageDecimal(u schema.Usage, key string) *decimal.Decimal {
	if d, ok := u.Decimal(key); ok && !d.IsNegative() {
		return &d
	}
	return nil
}

// nestedUsage reads usage key under block ("os_disk": monthly_disk_operations).
func nestedUsage(u schema.Usage, block, key string) *decimal.Decimal {
	if d, ok := u.Values(block).Decimal(key); ok && !d.IsNegative() {
		return &d
	}
	return nil
}
