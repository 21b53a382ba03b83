package aws

import "strings"

// Credit modes of burstable instances (credit_specification.cpu_credits).
const (
	creditsUnlimited = "unlimited"
	creditsStandard  = "standard"
)

// instanceFamily is the part of an instance type before the dot ("t3" of
// "t3.micro").
func instanceFamily(instanceType string) string {
	family, _, _ := strings.Cut(instanceType, ".")
	return family
}

// defaultCreditMode is the credit mode a burstable family launches in when
// the configuration does not say ("" for other families): T2 standard,
// T3, T3a and T4g unlimited (EC2 burstable performance instances guide).
func defaultCreditMode(instanceType string) string {
	switch instanceFamily(instanceType) {
	case "t2":
		return creditsStandard
	case "t3", "t3a", "t4g":
		return creditsUnlimited
	}
	return ""
}

// burstableVCPUs is the vCPU count of a T2/T3/T3a/T4g size (EC2 burstable
// performance instances guide, "Key concepts" table); 0 when unknown.
func burstableVCPUs(instanceType string) int64 {
	family, size, _ := strings.Cut(instanceType, ".")
	switch family {
	case "t2":
		switch size {
		case "nano", "micro", "small":
			return 1
		case "medium", "large":
			return 2
		case "xlarge":
			return 4
		case "2xlarge":
			return 8
		}
	case "t3", "t3a", "t4g":
		switch size {
		case "nano", "micro", "small", "medium", "large":
			return 2
		case "xlarge":
			return 4
		case "2xlarge":
			return 8
		}
	}
	return 0
}
