package plangen

import "fmt"

// Provider names and configuration keys as Terraform writes them.
const (
	awsProvider     = "registry.terraform.io/hashicorp/aws"
	googleProvider  = "registry.terraform.io/hashicorp/google"
	azurermProvider = "registry.terraform.io/hashicorp/azurerm"
)

// blueprint is one resource block of a module and how to write its instances.
type blueprint struct {
	typ, name    string
	count        int  // instances per module instance
	counted      bool // written with count (indexed) even when count is 1
	data         bool
	providerName string
	providerKey  string // provider_config_key
	// values returns one side's attribute values (after when after is true).
	values func(in *instance, after bool) map[string]any
	// unknown is the after_unknown object of a create or replace.
	unknown func(in *instance) map[string]any
	// sensitive is the after_sensitive/before_sensitive shape (no secrets in it).
	sensitive func() map[string]any
	// exprs is the configuration block's expressions.
	exprs func() map[string]any
}

// moduleCall is a module block and the resources of the module it calls.
type moduleCall struct {
	name, source string
	keyPrefix    string // for_each keys: <prefix>-0001, …; "" for a nested call
	regions      []string
	blueprints   []*blueprint
	children     []*moduleCall
}

func (c *moduleCall) key(n int) string { return fmt.Sprintf("%s-%04d", c.keyPrefix, n+1) }

// variant picks option i of a list for one side: an update's two sides
// differ, other changes keep one value.
func variant[T any](in *instance, after bool, options ...T) T {
	i := int(in.rng % uint64(len(options)))
	if !after && in.action.name == "update" {
		i++
	}
	return options[i%len(options)]
}

func name(in *instance, suffix string) string {
	return fmt.Sprintf("%s-%s-%d", in.bp.name, suffix, in.seq)
}

func tags(in *instance) map[string]any {
	return map[string]any{"Name": name(in, "r"), "team": variant(in, true, "payments", "search", "platform", "data"),
		"env": "prod", "cost-center": fmt.Sprintf("cc-%03d", in.seq%700)}
}

func trues(keys ...string) map[string]any {
	m := make(map[string]any, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

func constant(v any) map[string]any { return map[string]any{"constant_value": v} }

func refs(r ...string) map[string]any { return map[string]any{"references": r} }

// Real instance, volume and database types (all priced in pricing-data).
var (
	ec2Types      = []string{"t3.micro", "t3.medium", "m5.large", "m5.xlarge", "c5.2xlarge", "r5.large", "m6i.large", "t3a.small"}
	ebsTypes      = []string{"gp3", "gp2", "io1", "st1"}
	rdsClasses    = []string{"db.t3.medium", "db.r5.large", "db.m5.large", "db.t3.small"}
	gceTypes      = []string{"e2-standard-2", "n2-standard-4", "e2-medium", "n1-standard-1"}
	gceDiskTypes  = []string{"pd-balanced", "pd-ssd", "pd-standard"}
	azureVMSizes  = []string{"Standard_D2s_v3", "Standard_B2s", "Standard_D4s_v3", "Standard_E2s_v3"}
	azureDiskSKUs = []string{"Premium_LRS", "StandardSSD_LRS", "Standard_LRS"}
)

var (
	rootBlueprints = []*blueprint{
		{typ: "aws_ami", name: "ubuntu", count: 1, data: true, providerName: awsProvider, providerKey: "aws",
			values: func(in *instance, _ bool) map[string]any {
				return map[string]any{"most_recent": true, "owners": []any{"099720109477"}, "name_regex": "^ubuntu/images/.*"}
			},
			unknown:   func(*instance) map[string]any { return trues("id", "arn", "image_id", "architecture") },
			sensitive: func() map[string]any { return map[string]any{} },
			exprs:     func() map[string]any { return map[string]any{"most_recent": constant(true)} }},
		{typ: "aws_vpc", name: "main", count: 1, providerName: awsProvider, providerKey: "aws", values: vpcValues,
			unknown: func(*instance) map[string]any {
				return trues("id", "arn", "default_route_table_id", "main_route_table_id")
			},
			sensitive: func() map[string]any { return map[string]any{"tags": map[string]any{}} },
			exprs:     func() map[string]any { return map[string]any{"cidr_block": constant("10.0.0.0/16")} }},
		{typ: "aws_s3_bucket", name: "logs", count: 1, providerName: awsProvider, providerKey: "aws", values: s3Values,
			unknown: s3Unknown, sensitive: s3Sensitive, exprs: func() map[string]any { return map[string]any{"bucket": constant("acme-logs")} }},
	}

	// callSvc is an AWS service stack, instantiated once per service.
	callSvc = &moduleCall{name: "svc", source: "./modules/service", keyPrefix: "svc", regions: []string{"us-east-1"},
		blueprints: []*blueprint{
			{typ: "aws_instance", name: "app", count: 4, providerName: awsProvider, providerKey: "aws",
				values: instanceValues, unknown: instanceUnknown, sensitive: instanceSensitive, exprs: instanceExprs},
			{typ: "aws_instance", name: "app_west", count: 1, counted: true, providerName: awsProvider, providerKey: "aws.west",
				values: instanceValues, unknown: instanceUnknown, sensitive: instanceSensitive, exprs: instanceExprs},
			{typ: "aws_ebs_volume", name: "data", count: 2, providerName: awsProvider, providerKey: "aws",
				values: ebsValues, unknown: func(*instance) map[string]any { return trues("id", "arn", "snapshot_id", "kms_key_id") },
				sensitive: func() map[string]any { return map[string]any{"tags": map[string]any{}} },
				exprs:     func() map[string]any { return map[string]any{"size": refs("var.volume_size"), "type": constant("gp3")} }},
			{typ: "aws_launch_template", name: "web", count: 2, providerName: awsProvider, providerKey: "aws",
				values: launchTemplateValues, unknown: func(*instance) map[string]any { return trues("id", "arn", "latest_version") },
				sensitive: func() map[string]any {
					return map[string]any{"block_device_mappings": []any{map[string]any{"ebs": []any{map[string]any{}}}}}
				},
				exprs: func() map[string]any {
					return map[string]any{"image_id": refs("data.aws_ami.ubuntu.id", "data.aws_ami.ubuntu")}
				}},
			{typ: "aws_autoscaling_group", name: "web", count: 2, providerName: awsProvider, providerKey: "aws",
				values: asgValues, unknown: asgUnknown, sensitive: func() map[string]any { return map[string]any{"tag": []any{}} },
				exprs: asgExprs},
			{typ: "aws_lb", name: "web", count: 1, providerName: awsProvider, providerKey: "aws", values: lbValues,
				unknown:   func(*instance) map[string]any { return trues("id", "arn", "dns_name", "zone_id", "arn_suffix") },
				sensitive: func() map[string]any { return map[string]any{"subnets": []any{}} },
				exprs:     func() map[string]any { return map[string]any{"load_balancer_type": constant("application")} }},
			{typ: "aws_eip", name: "nat", count: 1, providerName: awsProvider, providerKey: "aws",
				values: func(in *instance, _ bool) map[string]any {
					return map[string]any{"domain": "vpc", "tags": tags(in), "public_ipv4_pool": "amazon"}
				},
				unknown:   func(*instance) map[string]any { return trues("id", "allocation_id", "public_ip", "public_dns") },
				sensitive: func() map[string]any { return map[string]any{} },
				exprs:     func() map[string]any { return map[string]any{"domain": constant("vpc")} }},
			{typ: "aws_nat_gateway", name: "nat", count: 1, providerName: awsProvider, providerKey: "aws",
				values: func(in *instance, _ bool) map[string]any {
					return map[string]any{"connectivity_type": "public", "subnet_id": fmt.Sprintf("subnet-%08x", in.rng>>32), "tags": tags(in)}
				},
				unknown: func(*instance) map[string]any {
					return trues("id", "allocation_id", "network_interface_id", "private_ip", "public_ip")
				},
				sensitive: func() map[string]any { return map[string]any{} },
				exprs:     func() map[string]any { return map[string]any{"allocation_id": refs("aws_eip.nat.id", "aws_eip.nat")} }},
			{typ: "aws_security_group", name: "app", count: 1, providerName: awsProvider, providerKey: "aws", values: securityGroupValues,
				unknown:   func(*instance) map[string]any { return trues("id", "arn", "owner_id") },
				sensitive: func() map[string]any { return map[string]any{"ingress": []any{}, "egress": []any{}} },
				exprs:     func() map[string]any { return map[string]any{"name": refs("var.name")} }},
			{typ: "aws_iam_role", name: "app", count: 2, providerName: awsProvider, providerKey: "aws", values: iamRoleValues,
				unknown:   func(*instance) map[string]any { return trues("id", "arn", "unique_id", "create_date") },
				sensitive: func() map[string]any { return map[string]any{"inline_policy": []any{}} },
				exprs:     func() map[string]any { return map[string]any{"name": refs("var.name")} }},
			{typ: "aws_subnet", name: "private", count: 3, providerName: awsProvider, providerKey: "aws", values: subnetValues,
				unknown: func(*instance) map[string]any {
					return trues("id", "arn", "owner_id", "ipv6_cidr_block_association_id")
				},
				sensitive: func() map[string]any { return map[string]any{"tags": map[string]any{}} },
				exprs:     func() map[string]any { return map[string]any{"cidr_block": refs("count.index")} }},
			{typ: "aws_s3_bucket", name: "assets", count: 1, providerName: awsProvider, providerKey: "aws", values: s3Values,
				unknown: s3Unknown, sensitive: s3Sensitive, exprs: func() map[string]any { return map[string]any{"bucket": refs("var.name")} }},
			{typ: "aws_lambda_function", name: "worker", count: 2, providerName: awsProvider, providerKey: "aws", values: lambdaValues,
				unknown: func(*instance) map[string]any {
					return trues("arn", "id", "invoke_arn", "qualified_arn", "version", "last_modified")
				},
				sensitive: func() map[string]any { return map[string]any{"environment": []any{map[string]any{"variables": true}}} },
				exprs:     func() map[string]any { return map[string]any{"memory_size": refs("var.lambda_memory")} }},
			{typ: "aws_dynamodb_table", name: "state", count: 1, providerName: awsProvider, providerKey: "aws", values: dynamoValues,
				unknown:   func(*instance) map[string]any { return trues("arn", "id", "stream_arn", "stream_label") },
				sensitive: func() map[string]any { return map[string]any{"attribute": []any{map[string]any{}}} },
				exprs:     func() map[string]any { return map[string]any{"billing_mode": constant("PAY_PER_REQUEST")} }},
			{typ: "aws_cloudwatch_metric_alarm", name: "cpu", count: 4, providerName: awsProvider, providerKey: "aws", values: alarmValues,
				unknown:   func(*instance) map[string]any { return trues("arn", "id") },
				sensitive: func() map[string]any { return map[string]any{"dimensions": map[string]any{}} },
				exprs:     func() map[string]any { return map[string]any{"threshold": constant(80)} }},
			{typ: "aws_sqs_queue", name: "jobs", count: 2, providerName: awsProvider, providerKey: "aws", values: sqsValues,
				unknown:   func(*instance) map[string]any { return trues("arn", "id", "url") },
				sensitive: func() map[string]any { return map[string]any{} },
				exprs:     func() map[string]any { return map[string]any{"name": refs("var.name")} }},
		},
		children: []*moduleCall{callDB},
	}

	// callDB is the service's database, a module nested in callSvc.
	callDB = &moduleCall{name: "db", source: "./modules/db", blueprints: []*blueprint{
		{typ: "aws_db_instance", name: "main", count: 1, providerName: awsProvider, providerKey: "aws", values: dbValues,
			unknown: func(*instance) map[string]any {
				return trues("id", "arn", "address", "endpoint", "hosted_zone_id", "resource_id")
			},
			sensitive: func() map[string]any { return map[string]any{"password": true} },
			exprs:     func() map[string]any { return map[string]any{"instance_class": refs("var.instance_class")} }},
		{typ: "aws_db_subnet_group", name: "main", count: 1, providerName: awsProvider, providerKey: "aws",
			values: func(in *instance, _ bool) map[string]any {
				return map[string]any{"name": name(in, "db"), "subnet_ids": []any{"subnet-0a1b", "subnet-0c2d"}, "tags": tags(in)}
			},
			unknown:   func(*instance) map[string]any { return trues("id", "arn") },
			sensitive: func() map[string]any { return map[string]any{"subnet_ids": []any{}} },
			exprs:     func() map[string]any { return map[string]any{"subnet_ids": refs("var.subnet_ids")} }},
	}}

	// callGCP is a Google Cloud project's workloads.
	callGCP = &moduleCall{name: "gcp", source: "./modules/gcp", keyPrefix: "proj",
		regions: []string{"us-central1", "europe-west4", "us-east1", "europe-west2"},
		blueprints: []*blueprint{
			{typ: "google_compute_instance", name: "vm", count: 4, providerName: googleProvider, providerKey: "google",
				values: gceValues, unknown: gceUnknown, sensitive: func() map[string]any { return map[string]any{"metadata": map[string]any{}} },
				exprs: func() map[string]any { return map[string]any{"machine_type": refs("var.machine_type")} }},
			{typ: "google_compute_disk", name: "data", count: 2, providerName: googleProvider, providerKey: "google", values: gceDiskValues,
				unknown:   func(*instance) map[string]any { return trues("id", "self_link", "users", "label_fingerprint") },
				sensitive: func() map[string]any { return map[string]any{} },
				exprs:     func() map[string]any { return map[string]any{"size": constant(100)} }},
			{typ: "google_storage_bucket", name: "data", count: 1, providerName: googleProvider, providerKey: "google", values: gcsValues,
				unknown:   func(*instance) map[string]any { return trues("id", "self_link", "url") },
				sensitive: func() map[string]any { return map[string]any{} },
				exprs:     func() map[string]any { return map[string]any{"location": constant("US")} }},
			{typ: "google_sql_database_instance", name: "db", count: 1, providerName: googleProvider, providerKey: "google", values: cloudSQLValues,
				unknown: func(*instance) map[string]any {
					return trues("connection_name", "self_link", "ip_address", "server_ca_cert")
				},
				sensitive: func() map[string]any { return map[string]any{"root_password": true} },
				exprs:     func() map[string]any { return map[string]any{"database_version": constant("POSTGRES_15")} }},
			{typ: "google_compute_network", name: "vpc", count: 1, providerName: googleProvider, providerKey: "google",
				values: func(in *instance, _ bool) map[string]any {
					return map[string]any{"name": name(in, "vpc"), "auto_create_subnetworks": false, "routing_mode": "REGIONAL"}
				},
				unknown:   func(*instance) map[string]any { return trues("id", "self_link", "gateway_ipv4") },
				sensitive: func() map[string]any { return map[string]any{} },
				exprs:     func() map[string]any { return map[string]any{"auto_create_subnetworks": constant(false)} }},
			{typ: "google_project_iam_member", name: "viewer", count: 2, providerName: googleProvider, providerKey: "google",
				values: func(in *instance, _ bool) map[string]any {
					return map[string]any{"project": "acme-" + in.mod.key, "role": "roles/viewer", "member": fmt.Sprintf("user:dev%d@example.com", in.seq)}
				},
				unknown:   func(*instance) map[string]any { return trues("id", "etag") },
				sensitive: func() map[string]any { return map[string]any{} },
				exprs:     func() map[string]any { return map[string]any{"role": constant("roles/viewer")} }},
		}}

	// callAzure is an Azure region's workloads.
	callAzure = &moduleCall{name: "azure", source: "./modules/azure", keyPrefix: "rg",
		regions: []string{"westeurope", "northeurope", "swedencentral", "francecentral"},
		blueprints: []*blueprint{
			{typ: "azurerm_resource_group", name: "rg", count: 1, providerName: azurermProvider, providerKey: "azurerm",
				values: func(in *instance, _ bool) map[string]any {
					return map[string]any{"name": name(in, "rg"), "location": in.mod.region, "tags": tags(in)}
				},
				unknown:   func(*instance) map[string]any { return trues("id") },
				sensitive: func() map[string]any { return map[string]any{} },
				exprs:     func() map[string]any { return map[string]any{"location": refs("var.location")} }},
			{typ: "azurerm_linux_virtual_machine", name: "vm", count: 3, providerName: azurermProvider, providerKey: "azurerm",
				values: azureVMValues, unknown: func(*instance) map[string]any {
					return trues("id", "private_ip_address", "public_ip_address", "virtual_machine_id", "identity")
				},
				sensitive: func() map[string]any {
					return map[string]any{"admin_ssh_key": []any{}, "os_disk": []any{map[string]any{}}}
				},
				exprs: func() map[string]any {
					return map[string]any{"location": refs("azurerm_resource_group.rg.location", "azurerm_resource_group.rg")}
				}},
			{typ: "azurerm_managed_disk", name: "data", count: 2, providerName: azurermProvider, providerKey: "azurerm", values: azureDiskValues,
				unknown:   func(*instance) map[string]any { return trues("id", "disk_iops_read_write", "disk_mbps_read_write") },
				sensitive: func() map[string]any { return map[string]any{} },
				exprs:     func() map[string]any { return map[string]any{"disk_size_gb": constant(256)} }},
			{typ: "azurerm_network_interface", name: "nic", count: 3, providerName: azurermProvider, providerKey: "azurerm",
				values: func(in *instance, _ bool) map[string]any {
					return map[string]any{"name": name(in, "nic"), "location": in.mod.region, "ip_configuration": []any{map[string]any{
						"name": "internal", "private_ip_address_allocation": "Dynamic", "primary": true}}}
				},
				unknown: func(*instance) map[string]any {
					return trues("id", "mac_address", "private_ip_address", "virtual_machine_id")
				},
				sensitive: func() map[string]any { return map[string]any{"ip_configuration": []any{map[string]any{}}} },
				exprs:     func() map[string]any { return map[string]any{"location": refs("var.location")} }},
		}}
)
