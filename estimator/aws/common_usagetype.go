package aws

// ec2UsageType returns the offer files' usagetype of an EC2 product in a
// region: the region's billing code, a dash and the suffix (for example
// "EU-CPUCredits:t3" in eu-west-1); us-east-1 EC2 usage types have no
// prefix. A region whose code is not listed gets "?-" and matches nothing.
//
// Only products that no other attribute identifies are queried this way
// (CPU credits per instance family, the EBS-optimized surcharge): their
// offer-file rows carry no other distinguishing attribute.
func ec2UsageType(region, suffix string) string {
	if region == "us-east-1" {
		return suffix
	}
	code := regionBillingCode(region)
	if code == "" {
		code = "?"
	}
	return code + "-" + suffix
}

// regionBillingCode is the short code AWS billing uses for a region, from
// AWS's "AWS Region billing codes" page
// (docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html).
func regionBillingCode(region string) string {
	switch region {
	case "us-east-1":
		return "USE1"
	case "us-east-2":
		return "USE2"
	case "us-west-1":
		return "USW1"
	case "us-west-2":
		return "USW2"
	case "ca-central-1":
		return "CAN1"
	case "ca-west-1":
		return "CAN2"
	case "mx-central-1":
		return "MXC1"
	case "af-south-1":
		return "AFS1"
	case "ap-east-1":
		return "APE1"
	case "ap-east-2":
		return "APE2"
	case "ap-northeast-1":
		return "APN1"
	case "ap-northeast-2":
		return "APN2"
	case "ap-northeast-3":
		return "APN3"
	case "ap-southeast-1":
		return "APS1"
	case "ap-southeast-2":
		return "APS2"
	case "ap-south-1":
		return "APS3"
	case "ap-southeast-3":
		return "APS4"
	case "ap-south-2":
		return "APS5"
	case "ap-southeast-4":
		return "APS6"
	case "ap-southeast-5":
		return "APS7"
	case "ap-southeast-6":
		return "APS8"
	case "ap-southeast-7":
		return "APS9"
	case "eu-west-1":
		return "EU"
	case "eu-west-2":
		return "EUW2"
	case "eu-west-3":
		return "EUW3"
	case "eu-central-1":
		return "EUC1"
	case "eu-central-2":
		return "EUC2"
	case "eu-north-1":
		return "EUN1"
	case "eu-south-1":
		return "EUS1"
	case "eu-south-2":
		return "EUS2"
	case "il-central-1":
		return "ILC1"
	case "me-south-1":
		return "MES1"
	case "me-central-1":
		return "MEC1"
	case "sa-east-1":
		return "SAE1"
	case "us-gov-west-1":
		return "UGW1"
	case "us-gov-east-1":
		return "UGE1"
	}
	return ""
}
