// Package gcpvocab names the Google vocabulary of the price rows (services,
// families, attribute keys and values, units) that the Google importers write
// and estimator/google queries; pricing-data/FORMAT.md "Google vocabulary"
// documents it.
package gcpvocab

// Provider is the provider of every Google row.
const Provider = "google"

// Services: Cloud Billing Catalog service display names.
const (
	ServiceCompute    = "Compute Engine"
	ServiceNetworking = "Networking"
	ServiceStorage    = "Cloud Storage"
	ServiceGKE        = "Kubernetes Engine"
	ServiceSQL        = "Cloud SQL"
)

// Families: "Compute Instance" (a machine type's price), "License" (OS
// licences per machine type), "Storage", "Network", "Compute" (the Billing
// Catalog's per-vCPU/RAM/GPU SKUs; Cloud SQL vCPU and memory),
// "Cluster Management" and "Free Tier Credit" (GKE).
const (
	FamilyInstance          = "Compute Instance"
	FamilyLicense           = "License"
	FamilyStorage           = "Storage"
	FamilyNetwork           = "Network"
	FamilyCompute           = "Compute"
	FamilyClusterManagement = "Cluster Management"
	FamilyFreeTierCredit    = "Free Tier Credit"
)

// Attribute keys.
const (
	AttrMachineType   = "machineType"   // e2-medium
	AttrOS            = "os"            // rhel, rhel-sap, sles, sles-sap, windows
	AttrDiskType      = "diskType"      // pd-standard, pd-balanced, pd-ssd, pd-extreme, hyperdisk-extreme, local-ssd, snapshot
	AttrReplication   = "replication"   // zonal, regional
	AttrResourceGroup = "resourceGroup" // Billing Catalog group: GPU, CPU, RAM, IpAddress, Nat, VPNTunnel, LoadBalancing
	AttrGPUType       = "gpuType"       // nvidia-tesla-t4, as Terraform's guest_accelerator.type
	AttrAddressUse    = "addressUse"    // vm (in use by a standard VM), unused
	AttrNATCharge     = "natCharge"     // gateway, data-processing
	AttrStorageClass  = "storageClass"  // STANDARD, NEARLINE, COLDLINE, ARCHIVE, DURABLE_REDUCED_AVAILABILITY
	AttrLocationType  = "locationType"  // region, dual-region, multi-region
	AttrCharge        = "charge"        // Cloud Storage: storage, retrieval; GKE: cluster-management, enterprise-vcpu
	AttrEdition       = "edition"       // GKE and Cloud SQL: standard, enterprise
	AttrResource      = "resource"      // Cloud SQL: vcpu, memory
	AttrAvailability  = "availability"  // Cloud SQL: not-stated (source does not say), regional
)

// Units as the Cloud Billing Catalog writes usageUnit.
const (
	UnitHour     = "h"       // per hour
	UnitMonth    = "mo"      // per month of 730 hours (committed-use rates)
	UnitGiBMonth = "GiBy.mo" // per GiB-month
	UnitGiB      = "GiBy"    // per GiB (data processed, retrieved)
	UnitGiBHour  = "GiBy.h"  // per GiB-hour (memory)
)
