package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
)

// rdsClusterInstanceResource prices aws_rds_cluster_instance, an instance of
// an Aurora cluster: instance hours by class and engine (on demand, or a
// reservation from usage reserved_instance_*), or the ACU-hours of an
// Aurora Serverless v2 instance (class db.serverless, usage
// capacity_units_per_hr). Storage, I/O and backups are the cluster's. The
// price data has Aurora instances for 23 regions from 2021 and eu-west-1
// from 2023; Serverless v2 only in eu-west-1 (2023).
func rdsClusterInstanceResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_rds_cluster_instance", Build: buildRDSClusterInstance}
}

// Usage key of a Serverless v2 instance's average capacity (Infracost's name).
const usageCapacityUnitsPerHour = "capacity_units_per_hr"

func buildRDSClusterInstance(r schema.Resource) []schema.Component {
	vals := r.Values
	cluster, hasCluster := firstReferenced(r.Referenced("cluster_identifier"))
	eng := rdsClusterEngineAt(vals, cluster, hasCluster)
	var notes []string
	if hasCluster && cluster.String("storage_type") == "aurora-iopt1" {
		notes = append(notes, "the cluster uses Aurora I/O-Optimized storage, whose higher instance rates are not in the price data: priced at the standard rate")
	}
	class, known := stringAt(vals, "instance_class")
	if known && class == "db.serverless" {
		c := usageLine(schema.Component{
			Name: "Aurora Serverless v2", Unit: "ACU-hours",
			Query: pricing.Query{Provider: v.Provider, Service: v.ServiceRDS, Family: "ServerlessV2", Region: r.Region,
				Attributes: map[string]string{v.AttrDatabaseEngine: eng.offer}},
			Assumed: append(append([]string{}, notes...), eng.notes...),
		}, r.Usage, usageCapacityUnitsPerHour)
		if c.MonthlyQuantity != nil {
			// ACUs are an hourly average: ACU-hours are 730 times it.
			c.HourlyQuantity, c.MonthlyQuantity = c.MonthlyQuantity, nil
		}
		return []schema.Component{c}
	}
	inst := rdsInstance{region: r.Region, class: class, engine: eng, deployment: "Single-AZ"}
	if !known {
		inst.assumed = append(inst.assumed, fmt.Sprintf("instance_class %s: no price", absentReason(vals, "instance_class")))
	}
	inst.assumed = append(append(inst.assumed, notes...), eng.notes...)
	inst.purchase = dbReservationFromUsage(r.Usage, &inst.assumed)
	return inst.components()
}

// rdsClusterEngineAt reads the instance's engine, or its cluster's.
func rdsClusterEngineAt(vals, cluster schema.Values, hasCluster bool) rdsEngine {
	name, ok := stringAt(vals, "engine")
	var notes []string
	if !ok && hasCluster {
		if name, ok = stringAt(cluster, "engine"); ok {
			notes = append(notes, "engine "+absentReason(vals, "engine")+": taken from the cluster")
		}
	}
	if !ok {
		return rdsEngine{notes: []string{fmt.Sprintf("engine %s: no price", absentReason(vals, "engine"))}}
	}
	e := rdsEngineNamed(name)
	e.notes = append(notes, e.notes...)
	e.license, _ = rdsLicense(e, "", false, "")
	return e
}
