package estimator

import (
	"context"
	"testing"
)

func TestRegionResolution(t *testing.T) {
	tests := []struct {
		plan, address  string
		defaults       map[string]string
		region, source string
	}{
		// Terraform 1.x plans: provider_config_key is already resolved.
		{"terraform_1x.json", "aws_sqs_queue.root", nil, "eu-central-1", RegionFromProviderVariable},
		{"terraform_1x.json", "aws_sqs_queue.aliased", nil, "us-west-2", RegionFromProvider},
		{"terraform_1x.json", "module.app.aws_sqs_queue.passed", nil, "us-west-2", RegionFromProvider},
		// region = var.module_region in the module; the call sets it to var.other_region.
		{"terraform_1x.json", `module.own["x"].aws_sqs_queue.q`, nil, "ap-southeast-2", RegionFromProviderVariable},
		{"terraform_1x.json", "aws_ebs_volume.az", nil, "eu-west-1", RegionFromAttribute},
		{"terraform_1x.json", "aws_ebs_volume.local_zone", nil, "us-west-2", RegionFromAttribute},
		{"terraform_1x.json", "aws_instance.az_unknown", nil, "eu-central-1", RegionFromProviderVariable},
		{"terraform_1x.json", "aws_rds_cluster.multi_az", nil, "us-east-2", RegionFromAttribute},
		{"terraform_1x.json", "google_compute_instance.vm", nil, "europe-west1", RegionFromAttribute},
		{"terraform_1x.json", "google_storage_bucket.eu", nil, "EU", RegionFromAttribute},
		{"terraform_1x.json", "google_compute_network.net", nil, "us-east4", RegionFromProvider},
		{"terraform_1x.json", "azurerm_resource_group.rg", nil, "westeurope", RegionFromAttribute},
		{"terraform_1x.json", "azurerm_virtual_network.vnet", nil, "westeurope", RegionFromReference},
		{"terraform_1x.json", "azurerm_network_security_rule.rule", nil, "eastus", RegionFromDefault},
		{"terraform_1x.json", "azurerm_network_security_rule.rule", map[string]string{"azure": "northeurope"}, "northeurope", RegionFromFlag},
		{"terraform_1x.json", "azurerm_network_security_rule.rule", map[string]string{"azurerm": "uksouth"}, "uksouth", RegionFromFlag},
		{"terraform_1x.json", "aws_sqs_queue.root", map[string]string{"aws": "sa-east-1"}, "eu-central-1", RegionFromProviderVariable},
		// Terraform 0.12–0.14 plans: "<module call>:aws" keys, inherited configurations.
		{"terraform_013.json", "module.child.aws_sqs_queue.inherits", nil, "us-east-1", RegionFromProvider},
		{"terraform_013.json", "module.own.aws_sqs_queue.own", nil, "ap-northeast-1", RegionFromProvider},
		{"terraform_013.json", "module.own.module.inner[0].aws_sqs_queue.nested", nil, "ap-northeast-1", RegionFromProvider},
		// An aliased provider that sets no region does not borrow the default provider's.
		{"terraform_013.json", "aws_sqs_queue.no_region", nil, "us-east-1", RegionFromDefault},
		{"terraform_013.json", "aws_sqs_queue.no_region", map[string]string{"aws": "eu-west-3"}, "eu-west-3", RegionFromFlag},
	}
	for _, tt := range tests {
		t.Run(tt.plan+"/"+tt.address, func(t *testing.T) {
			plan := loadPlan(t, "testdata/region/"+tt.plan)
			est, err := estimatePlan(context.Background(), plan, testCatalog(t), Options{DefaultRegions: tt.defaults}, testRegistry())
			if err != nil {
				t.Fatal(err)
			}
			r := resourceByAddress(t, est, tt.address)
			if r.Region != tt.region || r.RegionSource != tt.source {
				t.Errorf("region = %q (%s), want %q (%s)", r.Region, r.RegionSource, tt.region, tt.source)
			}
		})
	}
}

func TestNormalizeRegion(t *testing.T) {
	tests := []struct{ provider, in, want string }{
		{"aws", "us-east-1a", "us-east-1"},
		{"aws", "us-east-1", "us-east-1"},
		{"aws", "us-gov-west-1b", "us-gov-west-1"},
		{"aws", "us-west-2-lax-1a", "us-west-2"},
		{"aws", "ap-northeast-1-wl1-nrt-wlz-1", "ap-northeast-1"},
		{"google", "us-central1-a", "us-central1"},
		{"google", "projects/p/zones/europe-west4-c", "europe-west4"},
		{"google", "us-central1", "us-central1"},
		{"google", "US", "US"},
		{"azure", "West Europe", "westeurope"},
		{"azure", "eastus2", "eastus2"},
		{"aws", "  ", ""},
	}
	for _, tt := range tests {
		if got := normalizeRegion(tt.provider, tt.in); got != tt.want {
			t.Errorf("normalizeRegion(%s, %q) = %q, want %q", tt.provider, tt.in, got, tt.want)
		}
	}
}

func TestProviderName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"registry.terraform.io/hashicorp/aws", "aws"},
		{"registry.opentofu.org/hashicorp/google-beta", "google"},
		{"registry.terraform.io/hashicorp/azurerm", "azure"},
		{"aws", "aws"},
		{"provider.aws", "aws"},
		{"null.aliased", "null"},
		{"terraform.io/builtin/terraform", "terraform"},
	}
	for _, tt := range tests {
		if got := providerName(tt.in); got != tt.want {
			t.Errorf("providerName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
