// Package google declares the cost components of Google Terraform resource
// types: one file per resource type, one line per type in Resources.
//
// Prices are list rates: no sustained-use discount (Infracost applies one)
// and no committed-use discount is taken, so a full month of an N1/N2 VM is
// shown at hourly rate × 730. Spot and preemptible VMs use the Spot rate.
// Queries use the vocabulary of pricing/importer/gcpvocab.
package google

import "github.com/costgate/costgate/estimator/schema"

// Resources lists the priced resource types of this provider.
func Resources() []schema.ResourceType {
	return []schema.ResourceType{
		computeInstance(),
		computeDisk(),
		computeAddress(),
		computeGlobalAddress(),
		containerCluster(),
		containerNodePool(),
		sqlDatabaseInstance(),
		storageBucket(),
	}
}

// FreeTypes lists resource types that cost nothing by themselves (IAM,
// networking glue, policies ...), so "unsupported" keeps meaning "unknown".
func FreeTypes() []string {
	return []string{
		// Projects, folders, organisations and their settings.
		"google_project", "google_folder", "google_project_service", "google_project_services",
		"google_project_default_service_accounts", "google_project_organization_policy",
		"google_folder_organization_policy", "google_organization_policy", "google_resource_manager_lien",
		"google_billing_project_info",
		// IAM.
		"google_project_iam_binding", "google_project_iam_member", "google_project_iam_policy",
		"google_project_iam_custom_role", "google_project_iam_audit_config",
		"google_folder_iam_binding", "google_folder_iam_member", "google_folder_iam_policy",
		"google_folder_iam_audit_config",
		"google_organization_iam_binding", "google_organization_iam_member", "google_organization_iam_policy",
		"google_organization_iam_custom_role", "google_organization_iam_audit_config",
		"google_service_account", "google_service_account_key", "google_service_account_iam_binding",
		"google_service_account_iam_member", "google_service_account_iam_policy",
		"google_storage_bucket_iam_binding", "google_storage_bucket_iam_member", "google_storage_bucket_iam_policy",
		"google_storage_bucket_acl", "google_storage_default_object_acl", "google_storage_object_acl",
		"google_compute_instance_iam_binding", "google_compute_instance_iam_member", "google_compute_instance_iam_policy",
		"google_compute_subnetwork_iam_binding", "google_compute_subnetwork_iam_member", "google_compute_subnetwork_iam_policy",
		"google_kms_crypto_key_iam_binding", "google_kms_crypto_key_iam_member", "google_kms_key_ring_iam_binding",
		"google_kms_key_ring_iam_member", "google_pubsub_topic_iam_binding", "google_pubsub_topic_iam_member",
		"google_pubsub_subscription_iam_binding", "google_pubsub_subscription_iam_member",
		// Networking glue: networks, subnets, firewalls, routes, peering.
		"google_compute_network", "google_compute_subnetwork", "google_compute_firewall",
		"google_compute_firewall_policy", "google_compute_firewall_policy_rule",
		"google_compute_firewall_policy_association", "google_compute_network_firewall_policy",
		"google_compute_network_firewall_policy_rule", "google_compute_network_firewall_policy_association",
		"google_compute_route", "google_compute_router", "google_compute_network_peering",
		"google_compute_network_peering_routes_config", "google_compute_shared_vpc_host_project",
		"google_compute_shared_vpc_service_project", "google_service_networking_connection",
		"google_compute_project_metadata", "google_compute_project_metadata_item",
		"google_compute_instance_group", "google_compute_health_check", "google_compute_http_health_check",
		"google_compute_https_health_check", "google_compute_region_health_check",
		"google_compute_ssl_policy", "google_compute_resource_policy", "google_compute_disk_resource_policy_attachment",
		"google_compute_attached_disk", "google_compute_instance_template", "google_compute_region_instance_template",
		"google_dns_record_set",
		// GKE and SQL glue that is billed through the cluster or instance.
		"google_sql_database", "google_sql_user", "google_sql_ssl_cert",
		"google_storage_notification",
		"google_logging_project_sink", "google_logging_folder_sink", "google_logging_organization_sink",
		"google_logging_project_exclusion", "google_monitoring_notification_channel",
		"google_kms_key_ring",
	}
}
