package google

import (
	"fmt"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	vocab "github.com/costgate/costgate/pricing/importer/gcpvocab"
	"github.com/shopspring/decimal"
)

// imageOS reads the premium OS of a boot image name ("" for free Linux), by
// the image families Google publishes (windows-*, rhel-*, sles-*).
func imageOS(image string) string {
	i := strings.ToLower(image)
	switch {
	case strings.Contains(i, "windows"):
		return "windows"
	case strings.Contains(i, "rhel") && strings.Contains(i, "sap"):
		return "rhel-sap"
	case strings.Contains(i, "rhel"):
		return "rhel"
	case strings.Contains(i, "sles") && strings.Contains(i, "sap"):
		return "sles-sap"
	case strings.Contains(i, "sles"), strings.Contains(i, "suse"):
		return "sles"
	}
	return ""
}

// osLabel is the OS part of the instance component name.
func osLabel(os string) string {
	switch os {
	case "windows":
		return "Windows"
	case "rhel", "rhel-sap":
		return "RHEL"
	case "sles", "sles-sap":
		return "SLES"
	}
	return "Linux/UNIX"
}

// licence is the per-VM OS licence fee of a premium image; its price is global.
func licence(os, machineType string, count, hours decimal.Decimal) schema.Component {
	return schema.Component{
		Name:            fmt.Sprintf("OS licence (%s, %s)", os, machineType),
		Unit:            "hours",
		MonthlyQuantity: schema.Monthly(hours.Mul(count)),
		Query: pricing.Query{
			Provider: vocab.Provider,
			Service:  vocab.ServiceCompute,
			Family:   vocab.FamilyLicense,
			Attributes: map[string]string{
				vocab.AttrMachineType: machineType,
				vocab.AttrOS:          os,
			},
			Unit: vocab.UnitHour,
		},
	}
}
