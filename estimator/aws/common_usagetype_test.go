package aws

import (
	"testing"

	v "github.com/costgate/costgate/pricing/importer/awsvocab"
)

func TestEC2UsageType(t *testing.T) {
	for region, want := range map[string]string{
		"us-east-1":  "CPUCredits:t3", // EC2 usage types in us-east-1 have no prefix
		"eu-west-1":  "EU-CPUCredits:t3",
		"us-east-2":  "USE2-CPUCredits:t3",
		"ap-south-1": "APS3-CPUCredits:t3",
		"mars-1":     "?-CPUCredits:t3",
	} {
		if got := ec2UsageType(region, "CPUCredits:t3"); got != want {
			t.Errorf("ec2UsageType(%q) = %q, want %q", region, got, want)
		}
	}
}

// TestBillingCodesCoverAWSRegions checks that every AWS Region of the
// embedded locations list (pricing/importer/awsvocab) has a billing code.
func TestBillingCodesCoverAWSRegions(t *testing.T) {
	for _, region := range []string{"af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
		"ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
		"ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
		"eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "sa-east-1",
		"us-east-1", "us-east-2", "us-gov-east-1", "us-gov-west-1", "us-west-1", "us-west-2"} {
		if _, ok := v.LookupCode(region); !ok {
			t.Errorf("%s is not an AWS location", region)
		}
		if regionBillingCode(region) == "" {
			t.Errorf("%s has no billing code", region)
		}
	}
}
