// Package aws declares the cost components of aws Terraform resource types:
// one file per resource type, one line per type in Resources.
package aws

import (
	"time"

	"github.com/costgate/costgate/estimator/schema"
)

// Resources lists the priced resource types of this provider.
func Resources() []schema.ResourceType {
	return []schema.ResourceType{
		// Compute and networking.
		instanceResource(),
		ebsVolumeResource(),
		autoscalingGroupResource(),
		eksClusterResource(time.Now),
		eksNodeGroupResource(),
		natGatewayResource(),
		lbResource("aws_lb"),
		lbResource("aws_alb"),
		elbResource(),
		eipResource(),
		ebsSnapshotResource(),
		ebsSnapshotCopyResource(),
		flowLogResource(),
		acmCertificateResource(),
		// Data services.
		dbInstanceResource(),
		rdsClusterInstanceResource(),
		elasticacheClusterResource(),
		elasticacheReplicationGroupResource(),
		lambdaFunctionResource(),
		s3BucketResource(),
		dynamoDBTableResource(),
		cloudwatchMetricAlarmResource(),
		kmsKeyResource(),
		secretsManagerSecretResource(),
		route53ZoneResource(),
		route53RecordResource(),
		cloudwatchLogGroupResource(),
		apiGatewayRestAPIResource(),
		apiGatewayStageResource(),
	}
}

// FreeTypes lists resource types that cost nothing by themselves (IAM,
// networking glue, policies ...), so "unsupported" keeps meaning "unknown".
// Types whose cost is usage or configuration dependent are not here even
// when usually small: they are priced (aws_route53_record, aws_acm_certificate,
// aws_cloudwatch_log_group, aws_flow_log) or stay unsupported until a price
// source exists (aws_ecr_repository, aws_s3_bucket_object, aws_sqs_queue;
// docs/coverage.md).
func FreeTypes() []string {
	return []string{
		// IAM and organisation.
		"aws_iam_access_key", "aws_iam_account_alias", "aws_iam_account_password_policy", "aws_iam_group",
		"aws_iam_group_membership", "aws_iam_group_policy", "aws_iam_group_policy_attachment",
		"aws_iam_instance_profile", "aws_iam_openid_connect_provider", "aws_iam_policy", "aws_iam_policy_attachment",
		"aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_saml_provider",
		"aws_iam_server_certificate", "aws_iam_service_linked_role", "aws_iam_user", "aws_iam_user_group_membership",
		"aws_iam_user_login_profile", "aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_user_ssh_key",
		"aws_organizations_policy", "aws_organizations_policy_attachment", "aws_organizations_organizational_unit",
		// VPC glue: networks, subnets, routes, gateways without hourly charge, security groups, ACLs, DHCP, peering.
		"aws_vpc", "aws_default_vpc", "aws_subnet", "aws_default_subnet", "aws_vpc_ipv4_cidr_block_association",
		"aws_vpc_ipv6_cidr_block_association", "aws_route_table", "aws_default_route_table", "aws_route",
		"aws_route_table_association", "aws_main_route_table_association", "aws_internet_gateway",
		"aws_internet_gateway_attachment", "aws_egress_only_internet_gateway", "aws_security_group",
		"aws_default_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule",
		"aws_vpc_security_group_egress_rule", "aws_network_acl", "aws_default_network_acl", "aws_network_acl_rule",
		"aws_network_acl_association", "aws_vpc_dhcp_options", "aws_vpc_dhcp_options_association",
		"aws_default_vpc_dhcp_options", "aws_vpc_peering_connection", "aws_vpc_peering_connection_accepter",
		"aws_vpc_peering_connection_options", "aws_vpc_endpoint_route_table_association",
		"aws_vpn_gateway", "aws_vpn_gateway_attachment", "aws_vpn_gateway_route_propagation",
		"aws_customer_gateway", "aws_network_interface", "aws_network_interface_attachment",
		"aws_network_interface_sg_attachment", "aws_eip_association",
		// EC2 glue; launch templates and configurations are priced through the groups that use them.
		"aws_key_pair", "aws_launch_template", "aws_launch_configuration", "aws_placement_group",
		"aws_volume_attachment", "aws_ec2_tag", "aws_ami_launch_permission",
		"aws_autoscaling_attachment", "aws_autoscaling_lifecycle_hook", "aws_autoscaling_notification",
		"aws_autoscaling_policy", "aws_autoscaling_schedule", "aws_autoscaling_traffic_source_attachment",
		"aws_appautoscaling_target", "aws_appautoscaling_policy", "aws_appautoscaling_scheduled_action",
		// Load balancer glue (the load balancer itself is priced).
		"aws_lb_listener", "aws_alb_listener", "aws_lb_listener_rule", "aws_alb_listener_rule",
		"aws_lb_listener_certificate", "aws_alb_listener_certificate", "aws_lb_target_group",
		"aws_alb_target_group", "aws_lb_target_group_attachment", "aws_alb_target_group_attachment",
		"aws_elb_attachment", "aws_lb_cookie_stickiness_policy", "aws_app_cookie_stickiness_policy",
		"aws_load_balancer_policy", "aws_load_balancer_listener_policy",
		"aws_load_balancer_backend_server_policy", "aws_proxy_protocol_policy",
		// EKS and ECS glue (clusters, nodes and Fargate tasks are priced where they run).
		"aws_eks_addon", "aws_eks_identity_provider_config", "aws_eks_access_entry",
		"aws_eks_access_policy_association", "aws_eks_pod_identity_association",
		"aws_ecs_cluster", "aws_ecs_cluster_capacity_providers", "aws_ecs_capacity_provider",
		"aws_ecs_task_definition",
		// Database and cache configuration groups.
		"aws_db_subnet_group", "aws_db_parameter_group", "aws_db_option_group", "aws_rds_cluster_parameter_group",
		"aws_db_instance_role_association", "aws_rds_cluster_role_association",
		"aws_elasticache_subnet_group", "aws_elasticache_parameter_group",
		"aws_neptune_subnet_group", "aws_neptune_parameter_group", "aws_neptune_cluster_parameter_group",
		"aws_docdb_subnet_group", "aws_docdb_cluster_parameter_group",
		"aws_redshift_subnet_group", "aws_redshift_parameter_group",
		// S3 bucket settings (storage and requests are priced on the bucket).
		"aws_s3_bucket_acl", "aws_s3_bucket_policy", "aws_s3_bucket_public_access_block",
		"aws_s3_account_public_access_block", "aws_s3_bucket_logging", "aws_s3_bucket_versioning",
		"aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_lifecycle_configuration",
		"aws_s3_bucket_cors_configuration", "aws_s3_bucket_website_configuration",
		"aws_s3_bucket_ownership_controls", "aws_s3_bucket_notification",
		"aws_s3_bucket_request_payment_configuration",
		// Policies, permissions and aliases of priced resources.
		"aws_kms_alias", "aws_kms_grant", "aws_lambda_permission", "aws_lambda_alias",
		"aws_lambda_event_source_mapping", "aws_lambda_function_event_invoke_config",
		"aws_sns_topic_policy", "aws_sns_topic_subscription", "aws_sqs_queue_policy",
		"aws_secretsmanager_secret_policy", "aws_ecr_repository_policy", "aws_ecr_lifecycle_policy",
		"aws_elasticsearch_domain_policy", "aws_opensearch_domain_policy",
		"aws_cloudwatch_log_resource_policy", "aws_cloudwatch_log_stream", "aws_cloudwatch_log_metric_filter",
		"aws_cloudwatch_log_subscription_filter", "aws_wafv2_web_acl_association", "aws_acm_certificate_validation",
		"aws_route53_zone_association",
		// EventBridge rules and targets (events on the default bus from AWS services are free).
		"aws_cloudwatch_event_rule", "aws_cloudwatch_event_target",
		// SSM: standard-tier parameters and documents (advanced-tier parameters are charged; not told apart here).
		"aws_ssm_parameter", "aws_ssm_document", "aws_ssm_association",
		// API Gateway configuration (requests and caches are priced on the API and stage).
		"aws_api_gateway_account", "aws_api_gateway_authorizer", "aws_api_gateway_base_path_mapping",
		"aws_api_gateway_deployment", "aws_api_gateway_domain_name", "aws_api_gateway_gateway_response",
		"aws_api_gateway_integration", "aws_api_gateway_integration_response", "aws_api_gateway_method",
		"aws_api_gateway_method_response", "aws_api_gateway_method_settings", "aws_api_gateway_model",
		"aws_api_gateway_request_validator", "aws_api_gateway_resource", "aws_api_gateway_usage_plan",
		"aws_api_gateway_usage_plan_key", "aws_api_gateway_api_key",
		"aws_apigatewayv2_api_mapping", "aws_apigatewayv2_authorizer", "aws_apigatewayv2_deployment",
		"aws_apigatewayv2_domain_name", "aws_apigatewayv2_integration", "aws_apigatewayv2_route",
	}
}
