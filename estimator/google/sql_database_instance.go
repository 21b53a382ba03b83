package google

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	vocab "github.com/costgate/costgate/pricing/importer/gcpvocab"
	"github.com/shopspring/decimal"
)

func sqlDatabaseInstance() schema.ResourceType {
	return schema.ResourceType{Name: "google_sql_database_instance", Build: buildSQLDatabaseInstance}
}

var (
	// customTier is db-custom-<vCPUs>-<memory MiB>, also with a family (db-n1-custom-…).
	customTier = regexp.MustCompile(`^db-(?:[a-z0-9]+-)?custom-(\d+)-(\d+)$`)
	// n1Tier is the predefined db-n1-standard-N / db-n1-highmem-N tiers.
	n1Tier = regexp.MustCompile(`^db-n1-(standard|highmem)-(\d+)$`)
)

// tierShape returns the vCPUs and memory (GiB) of a dedicated-core tier:
// custom tiers name them; db-n1-standard-N has 3.75 GiB and db-n1-highmem-N
// 6.5 GiB per vCPU (Compute Engine's N1 shapes).
func tierShape(tier string) (vcpus, memGiB decimal.Decimal, ok bool) {
	if m := customTier.FindStringSubmatch(tier); m != nil {
		c, _ := strconv.ParseInt(m[1], 10, 64)
		mib, _ := strconv.ParseInt(m[2], 10, 64)
		return decimal.NewFromInt(c), decimal.NewFromInt(mib).Div(decimal.NewFromInt(1024)), true
	}
	if m := n1Tier.FindStringSubmatch(tier); m != nil {
		c, _ := strconv.ParseInt(m[2], 10, 64)
		per := decimal.RequireFromString("3.75")
		if m[1] == "highmem" {
			per = decimal.RequireFromString("6.5")
		}
		return decimal.NewFromInt(c), per.Mul(decimal.NewFromInt(c)), true
	}
	return decimal.Zero, decimal.Zero, false
}

// buildSQLDatabaseInstance prices Cloud SQL from what data exists: vCPU and
// memory hours of dedicated-core Enterprise instances. Shared-core tiers,
// Enterprise Plus, regional (HA) instances, storage and SQL Server licences
// have no price source: their components say "price not found".
func buildSQLDatabaseInstance(r schema.Resource) []schema.Component {
	vals := r.Values
	region := regionOf(r.Region)
	hours := monthlyHours(r)
	tier := vals.String("settings.0.tier")
	availability := "zonal"
	if strings.EqualFold(vals.String("settings.0.availability_type"), "REGIONAL") {
		availability = "regional"
	}
	edition := "enterprise"
	if strings.EqualFold(vals.String("settings.0.edition"), "ENTERPRISE_PLUS") {
		edition = "enterprise-plus"
	}
	var assumed []string
	if vals.String("settings.0.edition") == "" {
		assumed = append(assumed, "settings.edition not set: assumed ENTERPRISE")
	}
	attrs := func(resource string) map[string]string {
		a := map[string]string{vocab.AttrEdition: edition, vocab.AttrResource: resource}
		if availability == "regional" {
			// The only rates known do not state availability; HA is not priced.
			a[vocab.AttrAvailability] = "regional"
		}
		return a
	}
	query := func(resource, unit string, extra ...string) pricing.Query {
		a := attrs(resource)
		for i := 0; i+1 < len(extra); i += 2 {
			a[extra[i]] = extra[i+1]
		}
		return pricing.Query{Provider: vocab.Provider, Service: vocab.ServiceSQL, Family: vocab.FamilyCompute,
			Region: region, Attributes: a, Unit: unit}
	}

	var comps []schema.Component
	if vcpus, mem, ok := tierShape(tier); ok {
		comps = append(comps,
			schema.Component{
				Name:            fmt.Sprintf("vCPUs (%s, %s)", vcpus, availability),
				Unit:            "hours",
				MonthlyQuantity: schema.Monthly(hours.Mul(vcpus)),
				Query:           query("vcpu", vocab.UnitHour),
				Assumed:         assumed,
			},
			schema.Component{
				Name:            fmt.Sprintf("Memory (%s GB, %s)", mem, availability),
				Unit:            "GB-hours",
				MonthlyQuantity: schema.Monthly(hours.Mul(mem)),
				Query:           query("memory", vocab.UnitGiBHour),
			})
	} else {
		name := tier
		if name == "" {
			name = "unknown tier"
			assumed = append(assumed, "settings.tier unknown: no price")
		}
		comps = append(comps, schema.Component{
			Name:            fmt.Sprintf("SQL instance (%s, %s)", name, availability),
			Unit:            "hours",
			MonthlyQuantity: schema.Monthly(hours),
			Query:           query("instance", vocab.UnitHour, "tier", tier),
			Assumed:         assumed,
		})
	}
	comps = append(comps, sqlStorage(vals, region, availability))
	if ver := vals.String("database_version"); strings.HasPrefix(ver, "SQLSERVER") {
		comps = append(comps, schema.Component{
			Name:            fmt.Sprintf("License (%s)", ver),
			Unit:            "hours",
			MonthlyQuantity: schema.Monthly(hours),
			Query:           query("license", vocab.UnitHour, "databaseVersion", ver),
		})
	}
	return comps
}

// sqlStorage is the instance's SSD or HDD storage (default 10 GB PD_SSD).
func sqlStorage(vals schema.Values, region, availability string) schema.Component {
	var assumed []string
	kind := "SSD"
	if strings.EqualFold(vals.String("settings.0.disk_type"), "PD_HDD") {
		kind = "HDD"
	}
	size, ok := vals.Decimal("settings.0.disk_size")
	if !ok || !size.IsPositive() {
		size = decimal.NewFromInt(10)
		assumed = append(assumed, "settings.disk_size unknown: assumed 10 GB")
	}
	return schema.Component{
		Name:            fmt.Sprintf("Storage (%s, %s)", kind, availability),
		Unit:            "GB",
		MonthlyQuantity: schema.Monthly(size),
		Query: pricing.Query{
			Provider: vocab.Provider,
			Service:  vocab.ServiceSQL,
			Family:   vocab.FamilyStorage,
			Region:   region,
			Attributes: map[string]string{
				vocab.AttrDiskType:     kind,
				vocab.AttrAvailability: availability,
			},
			Unit: vocab.UnitGiBMonth,
		},
		Assumed: assumed,
	}
}
