package plangen

import "fmt"

// Attribute values per resource type, shaped like the AWS, Google and
// azurerm providers write them in plans (see the corpus plans).

func vpcValues(in *instance, _ bool) map[string]any {
	return map[string]any{"cidr_block": "10.0.0.0/16", "enable_dns_hostnames": true, "enable_dns_support": true,
		"instance_tenancy": "default", "tags": tags(in)}
}

func instanceValues(in *instance, after bool) map[string]any {
	return map[string]any{
		"ami":                         fmt.Sprintf("ami-%08x", in.rng&0xffffffff),
		"instance_type":               variant(in, after, ec2Types...),
		"associate_public_ip_address": false,
		"credit_specification":        []any{},
		"ebs_block_device":            []any{},
		"ebs_optimized":               variant(in, true, true, false),
		"get_password_data":           false,
		"hibernation":                 nil,
		"iam_instance_profile":        nil,
		"launch_template":             []any{},
		"monitoring":                  variant(in, true, false, true),
		"root_block_device": []any{map[string]any{
			"delete_on_termination": true, "encrypted": true, "tags": nil,
			"volume_size": variant(in, after, 8, 20, 50, 100), "volume_type": variant(in, true, "gp3", "gp2"),
		}},
		"source_dest_check":           true,
		"subnet_id":                   fmt.Sprintf("subnet-%08x", in.rng>>40),
		"tags":                        tags(in),
		"tenancy":                     "default",
		"timeouts":                    nil,
		"user_data_replace_on_change": false,
		"volume_tags":                 nil,
		"vpc_security_group_ids":      []any{fmt.Sprintf("sg-%08x", in.rng>>36)},
	}
}

func instanceUnknown(*instance) map[string]any {
	m := trues("arn", "availability_zone", "capacity_reservation_specification", "cpu_core_count", "cpu_threads_per_core",
		"disable_api_termination", "enclave_options", "ephemeral_block_device", "host_id", "id", "instance_state",
		"ipv6_address_count", "ipv6_addresses", "key_name", "metadata_options", "network_interface", "outpost_arn",
		"password_data", "placement_group", "primary_network_interface_id", "private_dns", "private_ip", "public_dns",
		"public_ip", "secondary_private_ips", "security_groups", "tags_all", "user_data")
	m["credit_specification"] = []any{}
	m["ebs_block_device"] = []any{}
	m["launch_template"] = []any{}
	m["root_block_device"] = []any{trues("device_name", "iops", "kms_key_id", "throughput", "volume_id")}
	return m
}

func instanceSensitive() map[string]any {
	return map[string]any{"credit_specification": []any{}, "ebs_block_device": []any{}, "launch_template": []any{},
		"root_block_device": []any{map[string]any{}}, "tags": map[string]any{}, "vpc_security_group_ids": []any{}}
}

func instanceExprs() map[string]any {
	return map[string]any{
		"ami":               refs("data.aws_ami.ubuntu.id", "data.aws_ami.ubuntu"),
		"instance_type":     refs("var.instance_type"),
		"root_block_device": []any{map[string]any{"volume_size": refs("var.root_size"), "encrypted": constant(true)}},
		"subnet_id":         refs("var.subnet_ids", "count.index"),
	}
}

func ebsValues(in *instance, after bool) map[string]any {
	typ := variant(in, true, ebsTypes...)
	m := map[string]any{
		"availability_zone": variant(in, true, "us-east-1a", "us-east-1b", "us-east-1c"),
		"encrypted":         true, "final_snapshot": false, "multi_attach_enabled": false,
		"size": variant(in, after, 100, 200, 500, 1000), "type": typ, "tags": tags(in),
	}
	switch typ {
	case "io1":
		m["iops"] = variant(in, after, 1000, 3000)
	case "gp3":
		m["iops"], m["throughput"] = 3000, 125
	}
	return m
}

func launchTemplateValues(in *instance, after bool) map[string]any {
	return map[string]any{
		"name":          name(in, "lt"),
		"image_id":      fmt.Sprintf("ami-%08x", in.rng&0xffffffff),
		"instance_type": variant(in, after, ec2Types...),
		"block_device_mappings": []any{map[string]any{"device_name": "/dev/xvda", "ebs": []any{map[string]any{
			"delete_on_termination": "true", "encrypted": "true", "volume_size": variant(in, true, 20, 30, 50), "volume_type": "gp3"}}}},
		"monitoring":             []any{map[string]any{"enabled": true}},
		"update_default_version": true,
		"tags":                   tags(in),
	}
}

func asgValues(in *instance, after bool) map[string]any {
	return map[string]any{
		"name": name(in, "asg"), "min_size": 1, "max_size": 10, "desired_capacity": variant(in, after, 2, 3, 4, 6),
		"health_check_type": "ELB", "health_check_grace_period": 300,
		"launch_template":     []any{map[string]any{"version": "$Latest"}},
		"vpc_zone_identifier": []any{"subnet-0a1b", "subnet-0c2d", "subnet-0e3f"},
		"tag":                 []any{map[string]any{"key": "team", "propagate_at_launch": true, "value": variant(in, true, "payments", "search")}},
	}
}

func asgUnknown(*instance) map[string]any {
	m := trues("id", "arn", "availability_zones", "default_cooldown", "load_balancers", "target_group_arns", "service_linked_role_arn")
	m["launch_template"] = []any{trues("id", "name")}
	return m
}

func asgExprs() map[string]any {
	return map[string]any{
		"desired_capacity": refs("var.desired"),
		"launch_template": []any{map[string]any{
			"id":      refs("aws_launch_template.web", "count.index"),
			"version": constant("$Latest"),
		}},
	}
}

func lbValues(in *instance, _ bool) map[string]any {
	return map[string]any{"name": name(in, "lb"), "internal": false, "load_balancer_type": "application",
		"enable_deletion_protection": false, "idle_timeout": 60, "ip_address_type": "ipv4",
		"subnets": []any{"subnet-0a1b", "subnet-0c2d"}, "tags": tags(in)}
}

func securityGroupValues(in *instance, _ bool) map[string]any {
	rule := func(port int) map[string]any {
		return map[string]any{"cidr_blocks": []any{"10.0.0.0/8"}, "description": "app", "from_port": port, "to_port": port,
			"ipv6_cidr_blocks": []any{}, "prefix_list_ids": []any{}, "protocol": "tcp", "security_groups": []any{}, "self": false}
	}
	return map[string]any{"name": name(in, "sg"), "description": "Managed by Terraform", "revoke_rules_on_delete": false,
		"ingress": []any{rule(443), rule(8080)}, "egress": []any{rule(0)}, "tags": tags(in)}
}

func iamRoleValues(in *instance, _ bool) map[string]any {
	return map[string]any{"name": name(in, "role"), "path": "/", "max_session_duration": 3600, "force_detach_policies": false,
		"assume_role_policy": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`,
		"tags":               tags(in)}
}

func subnetValues(in *instance, _ bool) map[string]any {
	return map[string]any{"cidr_block": fmt.Sprintf("10.%d.%d.0/24", in.seq%250, in.index), "map_public_ip_on_launch": false,
		"availability_zone": variant(in, true, "us-east-1a", "us-east-1b", "us-east-1c"), "tags": tags(in)}
}

func s3Values(in *instance, _ bool) map[string]any {
	return map[string]any{"bucket": name(in, "bucket"), "force_destroy": false, "object_lock_enabled": false, "tags": tags(in)}
}

func s3Unknown(*instance) map[string]any {
	return trues("id", "arn", "acceleration_status", "acl", "bucket_domain_name", "bucket_regional_domain_name",
		"cors_rule", "grant", "hosted_zone_id", "lifecycle_rule", "logging", "policy", "region", "replication_configuration",
		"request_payer", "server_side_encryption_configuration", "tags_all", "versioning", "website")
}

func s3Sensitive() map[string]any {
	return map[string]any{"cors_rule": []any{}, "grant": []any{}, "lifecycle_rule": []any{}, "logging": []any{},
		"tags": map[string]any{}, "versioning": []any{}, "website": []any{}}
}

func lambdaValues(in *instance, after bool) map[string]any {
	return map[string]any{"function_name": name(in, "fn"), "handler": "index.handler", "runtime": "nodejs20.x",
		"memory_size": variant(in, after, 128, 256, 512, 1024), "timeout": 30, "package_type": "Zip",
		"architectures": []any{variant(in, true, "x86_64", "arm64")}, "publish": false,
		"reserved_concurrent_executions": -1, "role": fmt.Sprintf("arn:aws:iam::123456789012:role/fn-%d", in.seq),
		"environment": []any{map[string]any{"variables": map[string]any{"LOG_LEVEL": "info"}}}, "tags": tags(in)}
}

func dynamoValues(in *instance, after bool) map[string]any {
	m := map[string]any{"name": name(in, "table"), "hash_key": "pk", "range_key": "sk", "table_class": "STANDARD",
		"attribute":              []any{map[string]any{"name": "pk", "type": "S"}, map[string]any{"name": "sk", "type": "S"}},
		"point_in_time_recovery": []any{map[string]any{"enabled": true}}, "stream_enabled": false, "tags": tags(in)}
	if variant(in, true, true, false) {
		m["billing_mode"] = "PAY_PER_REQUEST"
	} else {
		m["billing_mode"] = "PROVISIONED"
		m["read_capacity"], m["write_capacity"] = variant(in, after, 5, 10, 20), variant(in, after, 5, 10)
	}
	return m
}

func alarmValues(in *instance, _ bool) map[string]any {
	return map[string]any{"alarm_name": name(in, "alarm"), "comparison_operator": "GreaterThanOrEqualToThreshold",
		"evaluation_periods": 2, "metric_name": "CPUUtilization", "namespace": "AWS/EC2", "period": 120,
		"statistic": "Average", "threshold": 80, "actions_enabled": true, "treat_missing_data": "missing",
		"dimensions": map[string]any{"AutoScalingGroupName": name(in, "asg")}, "metric_query": []any{}}
}

func sqsValues(in *instance, _ bool) map[string]any {
	return map[string]any{"name": name(in, "queue"), "delay_seconds": 0, "max_message_size": 262144,
		"message_retention_seconds": 345600, "visibility_timeout_seconds": 30, "fifo_queue": false, "tags": tags(in)}
}

func dbValues(in *instance, after bool) map[string]any {
	engine := variant(in, true, "postgres", "mysql")
	version := "15.4"
	if engine == "mysql" {
		version = "8.0.35"
	}
	return map[string]any{"identifier": name(in, "db"), "engine": engine, "engine_version": version,
		"instance_class": variant(in, after, rdsClasses...), "allocated_storage": variant(in, after, 20, 100, 500),
		"storage_type": variant(in, true, "gp3", "gp2"), "multi_az": variant(in, true, false, true),
		"backup_retention_period": 7, "deletion_protection": true, "skip_final_snapshot": false,
		"username": "app", "publicly_accessible": false, "storage_encrypted": true, "tags": tags(in)}
}

func gceValues(in *instance, after bool) map[string]any {
	return map[string]any{
		"name": name(in, "vm"), "machine_type": variant(in, after, gceTypes...), "zone": in.mod.region + "-" + variant(in, true, "a", "b", "c"),
		"boot_disk": []any{map[string]any{"auto_delete": true, "mode": "READ_WRITE", "initialize_params": []any{map[string]any{
			"image": "debian-cloud/debian-12", "size": variant(in, after, 10, 20, 50), "type": variant(in, true, gceDiskTypes...)}}}},
		"network_interface": []any{map[string]any{"network": "default", "access_config": []any{}}},
		"scheduling": []any{map[string]any{"automatic_restart": true, "on_host_maintenance": "MIGRATE",
			"preemptible": false, "provisioning_model": "STANDARD"}},
		"labels": map[string]any{"team": variant(in, true, "ml", "web")}, "can_ip_forward": false, "deletion_protection": false,
	}
}

func gceUnknown(*instance) map[string]any {
	m := trues("id", "instance_id", "self_link", "cpu_platform", "current_status", "metadata_fingerprint", "tags_fingerprint")
	m["boot_disk"] = []any{map[string]any{"device_name": true, "source": true, "initialize_params": []any{trues("labels")}}}
	return m
}

func gceDiskValues(in *instance, after bool) map[string]any {
	return map[string]any{"name": name(in, "disk"), "size": variant(in, after, 100, 250, 500),
		"type": variant(in, true, gceDiskTypes...), "zone": in.mod.region + "-a", "labels": map[string]any{"tier": "data"}}
}

func gcsValues(in *instance, _ bool) map[string]any {
	return map[string]any{"name": name(in, "gcs"), "location": variant(in, true, "US", "EU"),
		"storage_class": variant(in, true, "STANDARD", "NEARLINE"), "force_destroy": false,
		"uniform_bucket_level_access": true, "versioning": []any{map[string]any{"enabled": true}}}
}

func cloudSQLValues(in *instance, after bool) map[string]any {
	return map[string]any{"name": name(in, "sql"), "database_version": "POSTGRES_15", "region": in.mod.region,
		"deletion_protection": true, "settings": []any{map[string]any{
			"tier": variant(in, after, "db-custom-2-7680", "db-custom-4-15360"), "disk_size": variant(in, after, 50, 100),
			"disk_type": "PD_SSD", "availability_type": variant(in, true, "ZONAL", "REGIONAL"), "edition": "ENTERPRISE",
			"backup_configuration": []any{map[string]any{"enabled": true, "start_time": "03:00"}}}}}
}

func azureVMValues(in *instance, after bool) map[string]any {
	return map[string]any{"name": name(in, "vm"), "location": in.mod.region, "size": variant(in, after, azureVMSizes...),
		"admin_username": "azureuser", "disable_password_authentication": true, "priority": "Regular",
		"os_disk": []any{map[string]any{"caching": "ReadWrite", "storage_account_type": variant(in, true, azureDiskSKUs...),
			"disk_size_gb": variant(in, after, 30, 64, 128)}},
		"source_image_reference": []any{map[string]any{"publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy",
			"sku": "22_04-lts", "version": "latest"}},
		"tags": tags(in)}
}

func azureDiskValues(in *instance, after bool) map[string]any {
	return map[string]any{"name": name(in, "disk"), "location": in.mod.region, "create_option": "Empty",
		"storage_account_type": variant(in, true, azureDiskSKUs...), "disk_size_gb": variant(in, after, 128, 256, 512, 1024),
		"tags": tags(in)}
}
