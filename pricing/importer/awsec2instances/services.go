package awsec2instances

import (
	"encoding/json"
	"fmt"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/awsvocab"
)

// ec2OS maps the site's OS keys to offer-file operatingSystem and
// preInstalledSw. "ebs" (the EBS-optimized surcharge) and other keys are
// not imported.
var ec2OS = map[string][2]string{
	"linux":              {"Linux", "NA"},
	"rhel":               {"RHEL", "NA"},
	"sles":               {"SUSE", "NA"},
	"mswin":              {"Windows", "NA"},
	"mswinSQLWeb":        {"Windows", "SQL Web"},
	"mswinSQL":           {"Windows", "SQL Std"},
	"mswinSQLEnterprise": {"Windows", "SQL Ent"},
}

// convertEC2 converts one OS of one EC2 type in one region: the pricing
// page's shared-tenancy, licence-included prices of running instances.
func convertEC2(typ, region, key string, raw json.RawMessage) ([]pricing.Price, error) {
	os, ok := ec2OS[key]
	if !ok {
		return nil, nil
	}
	p, err := parsePriced(raw)
	if err != nil {
		return nil, err
	}
	b := base{
		service: awsvocab.ServiceEC2, family: awsvocab.EC2InstanceFamily(typ), region: region,
		attrs: map[string]string{
			awsvocab.AttrInstanceType: typ, awsvocab.AttrOperatingSystem: os[0], awsvocab.AttrPreInstalledSw: os[1],
			awsvocab.AttrTenancy: awsvocab.TenancyShared, awsvocab.AttrLicenseModel: awsvocab.LicenseNoLicenseRequired,
			awsvocab.AttrCapacityStatus: awsvocab.CapacityUsed,
		},
		what: fmt.Sprintf("%s %s instance hour", os[0], typ),
	}
	return b.hourlyRows(p, true)
}

// rdsEngineCodes are the Price List engineCode keys whose engine the site
// data itself confirms with a name key; licence model "No license required".
var rdsEngineCodes = map[string]string{
	"2":  "MySQL",
	"14": "PostgreSQL",
	"18": "MariaDB",
	"16": "Aurora MySQL",
	"21": "Aurora PostgreSQL",
}

// convertRDS converts one engine of one RDS class in one region. The site's
// scraper read Single-AZ prices only.
func convertRDS(typ, region, key string, raw json.RawMessage) ([]pricing.Price, error) {
	engine, ok := rdsEngineCodes[key]
	if !ok {
		return nil, nil
	}
	p, err := parsePriced(raw)
	if err != nil {
		return nil, err
	}
	b := base{
		service: awsvocab.ServiceRDS, family: "Database Instance", region: region,
		attrs: map[string]string{
			awsvocab.AttrInstanceType: typ, awsvocab.AttrDatabaseEngine: engine, awsvocab.AttrDeploymentOption: "Single-AZ",
			awsvocab.AttrLicenseModel: awsvocab.RDSNoLicenseRequired,
		},
		what: fmt.Sprintf("%s %s Single-AZ instance hour", engine, typ),
	}
	return b.hourlyRows(p, false)
}

// convertElastiCache converts one engine of one node type in one region.
func convertElastiCache(typ, region, key string, raw json.RawMessage) ([]pricing.Price, error) {
	if key != "Redis" && key != "Memcached" {
		return nil, fmt.Errorf("unknown cache engine %q", key)
	}
	p, err := parsePriced(raw)
	if err != nil {
		return nil, err
	}
	b := base{
		service: awsvocab.ServiceElastiCache, family: "Cache Instance", region: region,
		attrs: map[string]string{awsvocab.AttrInstanceType: typ, awsvocab.AttrCacheEngine: key},
		what:  fmt.Sprintf("%s %s node hour", key, typ),
	}
	return b.hourlyRows(p, false)
}
