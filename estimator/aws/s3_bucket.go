package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// s3BucketResource prices aws_s3_bucket from usage, per storage class, with
// Infracost's usage keys: a class object (standard,
// standard_infrequent_access, one_zone_infrequent_access,
// intelligent_tiering, glacier_flexible_retrieval, glacier_deep_archive)
// holding storage_gb (intelligent_tiering: frequent_access_storage_gb,
// infrequent_access_storage_gb), monthly_tier_1_requests (PUT, COPY, POST,
// LIST), monthly_tier_2_requests (GET, SELECT and the rest) and, for the
// infrequent-access classes, monthly_data_retrieval_gb (the class objects may
// also sit under storage_classes). Standard is always listed; another class
// only when its usage is given.
//
// The price data has no S3 prices (FORMAT.md, "S3"), so every line says
// "price not found" until an AmazonS3 offer file is imported. The queries use
// the offer files' S3 attributes (family Storage by volumeType, family API
// Request by group), listed in FORMAT.md but not verified against any
// imported row (none exists).
func s3BucketResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_s3_bucket", Build: buildS3Bucket}
}

// Service codes of S3 (Glacier Deep Archive has its own offer).
const (
	s3Service            = "AmazonS3"
	s3DeepArchiveService = "AmazonS3GlacierDeepArchive"
)

// Tier starts of S3 Standard storage in GB a month: first 50 TB, next
// 450 TB, over 500 TB (S3 pricing page).
const (
	s3Tier2StartGB = 51_200
	s3Tier3StartGB = 512_000
)

// s3Storage is one storage line of a class.
type s3Storage struct {
	usageKey, name, volumeType string
	tiered                     bool // Standard's volume tiers apply
}

// s3Class is a storage class: its usage key, its name in components, its
// offer and the request groups of its API calls.
type s3Class struct {
	key, label, service string
	storage             []s3Storage
	requestGroup        string // group prefix: <prefix>-Tier1, <prefix>-Tier2
	retrievalGroup      string // "" when retrievals are free
}

func s3Classes() []s3Class {
	return []s3Class{
		{key: "standard", label: "Standard", service: s3Service, requestGroup: "S3-API",
			storage: []s3Storage{{usageKey: "storage_gb", name: "Storage", volumeType: "Standard", tiered: true}}},
		{key: "intelligent_tiering", label: "Intelligent tiering", service: s3Service, requestGroup: "S3-API-INT",
			storage: []s3Storage{
				{usageKey: "frequent_access_storage_gb", name: "Storage (frequent access)", volumeType: "Intelligent-Tiering Frequent Access", tiered: true},
				{usageKey: "infrequent_access_storage_gb", name: "Storage (infrequent access)", volumeType: "Intelligent-Tiering Infrequent Access"},
			}},
		{key: "standard_infrequent_access", label: "Standard - infrequent access", service: s3Service,
			requestGroup: "S3-API-SIA", retrievalGroup: "S3-API-SIA-Retrieval",
			storage: []s3Storage{{usageKey: "storage_gb", name: "Storage", volumeType: "Standard - Infrequent Access"}}},
		{key: "one_zone_infrequent_access", label: "One zone - infrequent access", service: s3Service,
			requestGroup: "S3-API-ZIA", retrievalGroup: "S3-API-ZIA-Retrieval",
			storage: []s3Storage{{usageKey: "storage_gb", name: "Storage", volumeType: "One Zone - Infrequent Access"}}},
		{key: "glacier_flexible_retrieval", label: "Glacier flexible retrieval", service: s3Service, requestGroup: "S3-API-GLACIER",
			storage: []s3Storage{{usageKey: "storage_gb", name: "Storage", volumeType: "Amazon Glacier"}}},
		{key: "glacier_deep_archive", label: "Glacier deep archive", service: s3DeepArchiveService, requestGroup: "S3-API-GDA",
			storage: []s3Storage{{usageKey: "storage_gb", name: "Storage", volumeType: "Glacier Deep Archive"}}},
	}
}

func buildS3Bucket(r schema.Resource) []schema.Component {
	var out []schema.Component
	for _, class := range s3Classes() {
		u, given := s3ClassUsage(r.Usage, class.key)
		if class.key != "standard" && !given {
			continue
		}
		out = append(out, class.components(r.Region, u)...)
	}
	return out
}

// s3ClassUsage returns a class's usage object: Infracost's top-level class
// key, or the same key under storage_classes.
func s3ClassUsage(u schema.Usage, key string) (schema.Values, bool) {
	if u.Has(key) {
		return u.Values(key), true
	}
	if nested := u.Values("storage_classes").List(key); len(nested) == 1 {
		return nested[0], true
	}
	return schema.Values{}, false
}

// components prices a class's storage, requests and retrievals from its
// usage object.
func (c s3Class) components(region string, u schema.Values) []schema.Component {
	var out []schema.Component
	for _, st := range c.storage {
		out = append(out, c.storageLines(region, st, u)...)
	}
	requests := func(key, name, tier string) schema.Component {
		line := schema.Component{Name: c.label + ": " + name, Unit: "1k requests", UnitMultiplier: decimal.NewFromInt(1000),
			UsageBased: true, Query: pricing.Query{Provider: v.Provider, Service: c.service, Family: "API Request", Region: region,
				Attributes: map[string]string{v.AttrGroup: c.requestGroup + "-" + tier}}}
		return s3UsageQuantity(line, u, c.key, key)
	}
	out = append(out,
		requests("monthly_tier_1_requests", "PUT, COPY, POST, LIST requests", "Tier1"),
		requests("monthly_tier_2_requests", "GET, SELECT, and all other requests", "Tier2"))
	if c.retrievalGroup != "" {
		out = append(out, s3UsageQuantity(schema.Component{Name: c.label + ": Retrievals", Unit: "GB", UsageBased: true,
			Query: pricing.Query{Provider: v.Provider, Service: c.service, Region: region,
				Attributes: map[string]string{v.AttrGroup: c.retrievalGroup}}}, u, c.key, "monthly_data_retrieval_gb"))
	}
	return out
}

// storageLines prices one storage line; Standard-tiered storage above
// 50 TB is split into its volume tiers.
func (c s3Class) storageLines(region string, st s3Storage, u schema.Values) []schema.Component {
	query := func(tierStart int64) pricing.Query {
		return pricing.Query{Provider: v.Provider, Service: c.service, Family: "Storage", Region: region,
			Attributes: map[string]string{v.AttrVolumeType: st.volumeType}, TierStart: fmt.Sprint(tierStart)}
	}
	line := s3UsageQuantity(schema.Component{Name: c.label + ": " + st.name, Unit: "GB", UsageBased: true, Query: query(0)},
		u, c.key, st.usageKey)
	if !st.tiered || line.MonthlyQuantity == nil || !line.MonthlyQuantity.GreaterThan(whole(s3Tier2StartGB)) {
		return []schema.Component{line}
	}
	gb := *line.MonthlyQuantity
	tiers := []struct {
		name       string
		start, end int64 // end 0: unbounded
	}{{"first 50 TB", 0, s3Tier2StartGB}, {"next 450 TB", s3Tier2StartGB, s3Tier3StartGB}, {"over 500 TB", s3Tier3StartGB, 0}}
	var out []schema.Component
	for _, t := range tiers {
		qty := gb.Sub(whole(t.start))
		if t.end > 0 {
			qty = decimal.Min(qty, whole(t.end-t.start))
		}
		if !qty.IsPositive() {
			break
		}
		tl := line
		tl.Name = fmt.Sprintf("%s (%s)", line.Name, t.name)
		tl.MonthlyQuantity = schema.Monthly(qty)
		tl.Query = query(t.start)
		out = append(out, tl)
	}
	return out
}

// s3UsageQuantity sets a line's monthly quantity from key of the class's
// usage object, or notes why a value was refused.
func s3UsageQuantity(c schema.Component, u schema.Values, class, key string) schema.Component {
	if _, given := u.Get(key); !given {
		return c
	}
	d, ok := u.Decimal(key)
	if !ok || d.IsNegative() {
		c.Assumed = append(c.Assumed, fmt.Sprintf("usage %s.%s is not a non-negative number: ignored", class, key))
		return c
	}
	c.MonthlyQuantity = schema.Monthly(d)
	return c
}
