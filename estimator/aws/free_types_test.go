package aws

import (
	"strings"
	"testing"
)

// TestFreeTypes checks the free list: AWS types only, no duplicates, none
// of them priced, and none of the types that do cost money by themselves.
func TestFreeTypes(t *testing.T) {
	priced := map[string]bool{}
	for _, rt := range Resources() {
		priced[rt.Name] = true
	}
	seen := map[string]bool{}
	for _, typ := range FreeTypes() {
		if !strings.HasPrefix(typ, "aws_") {
			t.Errorf("%s is not an AWS type", typ)
		}
		if seen[typ] {
			t.Errorf("%s is listed twice", typ)
		}
		seen[typ] = true
		if priced[typ] {
			t.Errorf("%s is both free and priced", typ)
		}
	}
	// Types of the corpus plans that cost money by themselves or by usage.
	for _, typ := range []string{"aws_ecr_repository", "aws_route53_record", "aws_acm_certificate", "aws_sqs_queue",
		"aws_cloudwatch_log_group", "aws_flow_log", "aws_s3_bucket_object", "aws_ebs_snapshot", "aws_vpc_endpoint",
		"aws_api_gateway_rest_api", "aws_api_gateway_stage", "aws_cloudfront_distribution", "aws_cloudtrail"} {
		if seen[typ] {
			t.Errorf("%s costs money: it must not be listed as free", typ)
		}
	}
	// Glue of the corpus plans that costs nothing.
	for _, typ := range []string{"aws_iam_role", "aws_subnet", "aws_security_group", "aws_route_table_association",
		"aws_launch_template", "aws_launch_configuration", "aws_lb_listener", "aws_s3_bucket_public_access_block",
		"aws_db_subnet_group", "aws_lambda_permission", "aws_cloudwatch_event_rule", "aws_ssm_parameter", "aws_key_pair"} {
		if !seen[typ] {
			t.Errorf("%s costs nothing by itself: it should be listed as free", typ)
		}
	}
}
