package awsmetered

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/costgate/costgate/pricing"
	"github.com/costgate/costgate/pricing/importer/awsvocab"
)

// RDS labels spell deployment options without the hyphen of the offer file.
var rdsDeployments = map[string]string{
	"Single AZ":                  "Single-AZ",
	"Multi AZ":                   "Multi-AZ",
	"Multi AZ readable standbys": "Multi-AZ (readable standbys)",
}

var (
	// "Database Instance PostgreSQL No license required db t3.medium General purpose Single-AZ Current Generation"
	rdsInstanceLabel = regexp.MustCompile(`^Database Instance (\S+) No license required db (\S+) .+ (Single-AZ|Multi-AZ readable standbys|Multi-AZ) (?:Current|Previous) Generation$`)
	// "Database Storage Multi AZ readable standbys Provisioned IOPS-IO2"
	rdsStorageLabel = regexp.MustCompile(`^Database Storage (Single AZ|Multi AZ readable standbys|Multi AZ) (General Purpose|General Purpose-GP3|Provisioned IOPS|Provisioned IOPS-IO2|Magnetic)$`)
	// "Provisioned GP3 IOPS Multi AZ", "Provisioned IOPS Single AZ"
	rdsIOPSLabel = regexp.MustCompile(`^Provisioned (?:IOPS|GP3 IOPS|IO2 IOPS) (Single AZ|Multi AZ readable standbys|Multi AZ)$`)
	// "Provisioned Throughput Single AZ"
	rdsThroughputLabel = regexp.MustCompile(`^Provisioned Throughput (Single AZ|Multi AZ readable standbys|Multi AZ)$`)
)

// convertRDSOnDemand converts an RDS on-demand map of one engine: instance
// hours (the label names engine, licence, class and deployment), storage,
// provisioned IOPS and throughput per deployment, and backup storage.
// Extended support, Performance Insights and snapshot export are not used.
func convertRDSOnDemand(engine string) func(c *conv) ([]pricing.Price, error) {
	return func(c *conv) ([]pricing.Price, error) {
		if c.global {
			return nil, nil
		}
		p, ok, err := rdsOnDemandProduct(engine, c)
		if err != nil || !ok {
			return nil, err
		}
		row, err := c.onDemand(p)
		if err != nil {
			return nil, err
		}
		return []pricing.Price{row}, nil
	}
}

func rdsOnDemandProduct(engine string, c *conv) (product, bool, error) {
	attrs := map[string]string{awsvocab.AttrDatabaseEngine: engine}
	if m := rdsInstanceLabel.FindStringSubmatch(c.label); m != nil {
		if m[1] != engine {
			return product{}, false, fmt.Errorf("engine %q in a %s map", m[1], engine)
		}
		typ, err := c.need("Instance Type")
		if err != nil {
			return product{}, false, err
		}
		if typ != "db."+m[2] {
			return product{}, false, fmt.Errorf("Instance Type %q differs from the label's class", typ)
		}
		attrs[awsvocab.AttrInstanceType] = typ
		attrs[awsvocab.AttrDeploymentOption] = rdsDeployments[strings.ReplaceAll(m[3], "-", " ")]
		attrs[awsvocab.AttrLicenseModel] = awsvocab.RDSNoLicenseRequired
		return product{"Database Instance", attrs, "Hrs"}, true, nil
	}
	if m := rdsStorageLabel.FindStringSubmatch(c.label); m != nil {
		attrs[awsvocab.AttrDeploymentOption] = rdsDeployments[m[1]]
		attrs[awsvocab.AttrVolumeType] = m[2]
		return product{"Database Storage", attrs, "GB-Mo"}, true, nil
	}
	if m := rdsIOPSLabel.FindStringSubmatch(c.label); m != nil {
		attrs[awsvocab.AttrDeploymentOption] = rdsDeployments[m[1]]
		attrs[awsvocab.AttrPricingPageLabel] = c.label
		return product{"Provisioned IOPS", attrs, "IOPS-Mo"}, true, nil
	}
	if m := rdsThroughputLabel.FindStringSubmatch(c.label); m != nil {
		attrs[awsvocab.AttrDeploymentOption] = rdsDeployments[m[1]]
		return product{"Provisioned Throughput", attrs, "MBPS-Mo"}, true, nil
	}
	if c.label == "Storage Snapshot" {
		return product{"Storage Snapshot", attrs, "GB-Mo"}, true, nil
	}
	return product{}, false, nil
}

// convertRDSReserved converts an RDS reserved-instance map of one engine:
// each label is one class and deployment's reservation with its upfront fee
// (partial upfront) and its on-demand rate. RDS offer terms have no
// offering class.
func convertRDSReserved(engine string) func(c *conv) ([]pricing.Price, error) {
	return func(c *conv) ([]pricing.Price, error) {
		if c.global {
			return nil, nil
		}
		got, err := c.need("Database Engine")
		if err != nil {
			return nil, err
		}
		if got != engine {
			return nil, fmt.Errorf("Database Engine %q in a %s map", got, engine)
		}
		typ, err := c.need("Instance Type")
		if err != nil {
			return nil, err
		}
		deployment, err := c.need("Deployment Option")
		if err != nil {
			return nil, err
		}
		if deployment != "Single-AZ" && deployment != "Multi-AZ" {
			return nil, fmt.Errorf("unexpected Deployment Option %q", deployment)
		}
		if !strings.Contains(c.label, " "+awsvocab.RDSNoLicenseRequired+" ") {
			return nil, fmt.Errorf("label does not state the licence model %q", awsvocab.RDSNoLicenseRequired)
		}
		p := product{"Database Instance", map[string]string{
			awsvocab.AttrInstanceType: typ, awsvocab.AttrDatabaseEngine: engine,
			awsvocab.AttrDeploymentOption: deployment, awsvocab.AttrLicenseModel: awsvocab.RDSNoLicenseRequired,
		}, "Hrs"}
		return c.reservedWithOnDemand(p, false)
	}
}

// "OnDemand Cache Instance Standard cache t3.medium Redis Current Generation"
var elastiCacheLabel = regexp.MustCompile(`^OnDemand Cache Instance .+ cache (\S+) (Redis|Memcached|Valkey)(?: datatiering)? (?:Current|Previous) Generation$`)

// convertElastiCache converts the ElastiCache map's node-hour labels.
// Serverless labels are not used.
func convertElastiCache(c *conv) ([]pricing.Price, error) {
	m := elastiCacheLabel.FindStringSubmatch(c.label)
	if m == nil || c.global {
		return nil, nil
	}
	typ, err := c.need("Instance Type")
	if err != nil {
		return nil, err
	}
	if typ != "cache."+m[1] {
		return nil, fmt.Errorf("Instance Type %q differs from the label's node type", typ)
	}
	row, err := c.onDemand(product{"Cache Instance", map[string]string{
		awsvocab.AttrInstanceType: typ, awsvocab.AttrCacheEngine: m[2],
	}, "Hrs"})
	if err != nil {
		return nil, err
	}
	return []pricing.Price{row}, nil
}
