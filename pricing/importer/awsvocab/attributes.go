package awsvocab

// Offer-file attribute keys the AWS importers set on rows converted from
// corpus formats (pricing-data/FORMAT.md, "AWS vocabulary").
const (
	AttrInstanceType     = "instanceType"
	AttrOperatingSystem  = "operatingSystem"
	AttrTenancy          = "tenancy"
	AttrPreInstalledSw   = "preInstalledSw"
	AttrLicenseModel     = "licenseModel"
	AttrCapacityStatus   = "capacitystatus"
	AttrVolumeAPIName    = "volumeApiName"
	AttrVolumeType       = "volumeType"
	AttrGroup            = "group"
	AttrStorageMedia     = "storageMedia"
	AttrDatabaseEngine   = "databaseEngine"
	AttrDatabaseEdition  = "databaseEdition"
	AttrDeploymentOption = "deploymentOption"
	AttrCacheEngine      = "cacheEngine"
	AttrUsageType        = "usagetype"

	// AttrPricingPageLabel is costgate's, not AWS's: the readable label of a
	// price in AWS's pricing-page metered unit maps, for products those maps
	// do not describe with offer-file attributes.
	AttrPricingPageLabel = "pricingPageLabel"
)

// Values of EC2 instance attributes used by the corpus importers.
const (
	LicenseNoLicenseRequired = "No License required" // EC2 spelling
	RDSNoLicenseRequired     = "No license required" // RDS spelling
	CapacityUsed             = "Used"
	TenancyShared            = "Shared"
	PreInstalledNone         = "NA"
)

// Service codes.
const (
	ServiceEC2         = "AmazonEC2"
	ServiceRDS         = "AmazonRDS"
	ServiceElastiCache = "AmazonElastiCache"
	ServiceELB         = "AWSELB"
	ServiceEKS         = "AmazonEKS"
	ServiceLambda      = "AWSLambda"
	ServiceDynamoDB    = "AmazonDynamoDB"
	ServiceCloudWatch  = "AmazonCloudWatch"
	ServiceKMS         = "awskms"
	ServiceRoute53     = "AmazonRoute53"
	ServiceVPC         = "AmazonVPC"
	ServiceAPIGateway  = "AmazonApiGateway"
)

// Provider is the pricing.Price provider of every AWS row.
const Provider = "aws"
