package google

import (
	"fmt"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	vocab "github.com/costgate/costgate/pricing/importer/gcpvocab"
)

func storageBucket() schema.ResourceType {
	return schema.ResourceType{Name: "google_storage_bucket", Build: buildStorageBucket}
}

// storageClass maps Terraform's storage_class to the class that is billed:
// the legacy MULTI_REGIONAL and REGIONAL classes are billed as STANDARD.
func storageClass(s string) string {
	switch c := strings.ToUpper(s); c {
	case "", "MULTI_REGIONAL", "REGIONAL":
		return "STANDARD"
	default:
		return c
	}
}

// locationType tells a multi-region (US, EU, ASIA) and a predefined
// dual-region (NAM4, EUR4, ASIA1) from a region.
func locationType(loc string) string {
	switch loc {
	case "us", "eu", "asia":
		return "multi-region"
	case "nam4", "eur4", "asia1":
		return "dual-region"
	}
	return "region"
}

// buildStorageBucket prices a bucket's storage by class and location, and
// data retrieval for Nearline/Coldline/Archive; both depend on usage
// (storage_gb, monthly_data_retrieval_gb). Operations and egress have no
// price source and are not listed.
func buildStorageBucket(r schema.Resource) []schema.Component {
	vals := r.Values
	loc := strings.ToLower(vals.String("location"))
	if loc == "" {
		loc = regionOf(r.Region)
	}
	locType := locationType(loc)
	var assumed []string
	if len(vals.List("custom_placement_config")) > 0 {
		locType = "dual-region"
		assumed = append(assumed, "custom dual-region: no price source (only NAM4, EUR4, ASIA1 are priced)")
	}
	class := storageClass(vals.String("storage_class"))
	query := func(charge, unit string) pricing.Query {
		return pricing.Query{
			Provider: vocab.Provider,
			Service:  vocab.ServiceStorage,
			Family:   vocab.FamilyStorage,
			Region:   loc,
			Attributes: map[string]string{
				vocab.AttrStorageClass: class,
				vocab.AttrLocationType: locType,
				vocab.AttrCharge:       charge,
			},
			Unit: unit,
		}
	}
	label := strings.ToLower(strings.ReplaceAll(class, "_", " "))
	storage := schema.Component{
		Name:       fmt.Sprintf("Storage (%s)", label),
		Unit:       "GB",
		UsageBased: true,
		Query:      query("storage", vocab.UnitGiBMonth),
		Assumed:    assumed,
	}
	if q, ok := r.Usage.Decimal("storage_gb"); ok && !q.IsNegative() {
		storage.MonthlyQuantity = schema.Monthly(q)
	}
	comps := []schema.Component{storage}
	switch class {
	case "NEARLINE", "COLDLINE", "ARCHIVE":
		retrieval := schema.Component{
			Name:       fmt.Sprintf("Data retrieval (%s)", label),
			Unit:       "GB",
			UsageBased: true,
			Query:      query("retrieval", vocab.UnitGiB),
		}
		if q, ok := r.Usage.Decimal("monthly_data_retrieval_gb"); ok && !q.IsNegative() {
			retrieval.MonthlyQuantity = schema.Monthly(q)
		}
		comps = append(comps, retrieval)
	}
	return comps
}
