package awsvocab

import "strings"

// Product families of EC2 instances in offer files.
const (
	FamilyComputeInstance          = "Compute Instance"
	FamilyComputeInstanceBareMetal = "Compute Instance (bare metal)"
)

// EC2InstanceFamily is the productFamily offer files give an instance type:
// bare-metal types (".metal", ".metal-24xl", …) have their own family.
func EC2InstanceFamily(instanceType string) string {
	if strings.Contains(instanceType, ".metal") {
		return FamilyComputeInstanceBareMetal
	}
	return FamilyComputeInstance
}
