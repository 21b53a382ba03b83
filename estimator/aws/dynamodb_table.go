package aws

import (
	"fmt"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// dynamoDBTableResource prices aws_dynamodb_table: provisioned read and
// write capacity units by the hour (billing_mode PROVISIONED), or read and
// write request units from usage (PAY_PER_REQUEST); storage, point-in-time
// recovery and on-demand backup storage from usage; the Standard or
// Standard-IA rates by table_class; and for every replica of a global table
// its replicated writes, provisioned reads and storage in the replica's
// region. The free tier is not deducted. Capacity raised by an
// aws_appautoscaling_target is not seen: the table's own capacity is priced.
func dynamoDBTableResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_dynamodb_table", Build: buildDynamoDBTable}
}

// Usage keys of DynamoDB tables (Infracost's names).
const (
	usageMonthlyWriteRequestUnits = "monthly_write_request_units"
	usageMonthlyReadRequestUnits  = "monthly_read_request_units"
	usageStorageGB                = "storage_gb"
	usagePITRBackupStorageGB      = "pitr_backup_storage_gb"
	usageOnDemandBackupStorageGB  = "on_demand_backup_storage_gb"
)

// dynamoTable is what prices a table in one region.
type dynamoTable struct {
	region      string
	prefix      string // component name prefix: "" for the table, "Global table (<region>): " for a replica
	onDemand    bool
	ia          bool // table_class STANDARD_INFREQUENT_ACCESS
	read, write *decimal.Decimal
	u           schema.Usage
}

func buildDynamoDBTable(r schema.Resource) []schema.Component {
	vals := r.Values
	t := dynamoTable{region: r.Region, u: r.Usage}
	var notes []string
	switch mode, _ := stringAt(vals, "billing_mode"); mode {
	case "PAY_PER_REQUEST":
		t.onDemand = true
	case "PROVISIONED", "":
		if vals.Unknown("billing_mode") {
			notes = append(notes, "billing_mode unknown until apply: assumed PROVISIONED")
		}
	default:
		notes = append(notes, fmt.Sprintf("billing_mode %q is not PROVISIONED or PAY_PER_REQUEST: assumed PROVISIONED", mode))
	}
	t.ia = vals.String("table_class") == "STANDARD_INFREQUENT_ACCESS"
	if !t.onDemand {
		t.read, t.write = capacityAt(vals, "read_capacity", &notes), capacityAt(vals, "write_capacity", &notes)
	}
	out := t.throughput(false, notes)
	out = append(out, t.storage())
	if on, _ := vals.Bool("point_in_time_recovery.0.enabled"); on {
		out = append(out, usageLine(schema.Component{Name: "Point-in-time recovery (PITR) backup storage", Unit: "GB",
			Query: t.query("PITR Backup Storage GB-Mo")}, r.Usage, usagePITRBackupStorageGB))
	}
	out = append(out, usageLine(schema.Component{Name: "On-demand backup storage", Unit: "GB",
		Query: t.query("On-Demand Backup Storage GB-Month")}, r.Usage, usageOnDemandBackupStorageGB))
	for _, replica := range vals.List("replica") {
		region, ok := stringAt(replica, "region_name")
		if !ok {
			continue
		}
		rt := t
		rt.region, rt.prefix = region, fmt.Sprintf("Global table (%s): ", region)
		out = append(out, rt.throughput(true, nil)...)
		out = append(out, rt.storage())
	}
	return out
}

// capacityAt reads a provisioned capacity; nil when unknown, noted.
func capacityAt(vals schema.Values, attr string, notes *[]string) *decimal.Decimal {
	if n, ok := countAt(vals, attr); ok {
		return &n
	}
	*notes = append(*notes, fmt.Sprintf("%s %s: not estimated", attr, absentReason(vals, attr)))
	return nil
}

// query asks for a price by its pricing-page label (FORMAT.md, "DynamoDB").
func (t dynamoTable) query(label string) pricing.Query {
	return pricing.Query{Provider: v.Provider, Service: v.ServiceDynamoDB, Region: t.region,
		Attributes: map[string]string{v.AttrPricingPageLabel: label}}
}

// classLabel appends the Standard-IA suffix of the labels when the table is
// of that class.
func (t dynamoTable) classLabel(label string) string {
	if t.ia {
		return label + " IA"
	}
	return label
}

// throughput prices capacity or request units. A replica's writes are
// replicated writes; its reads are its own provisioned reads.
func (t dynamoTable) throughput(replica bool, notes []string) []schema.Component {
	if t.onDemand {
		write := schema.Component{Name: t.prefix + "Write request unit (WRU)", Unit: "1M WRUs",
			UnitMultiplier: whole(million), Query: t.query(t.classLabel("PayPerRequest Write Request Units")), Assumed: notes}
		if replica {
			write.Name = t.prefix + "Replicated write request unit (rWRU)"
			write.Unit = "1M rWRUs"
			write.Query = t.query(t.classLabel("PayPerRequest Replicated Write Request Units"))
		}
		out := []schema.Component{usageLine(write, t.u, usageMonthlyWriteRequestUnits)}
		if !replica {
			out = append(out, usageLine(schema.Component{Name: "Read request unit (RRU)", Unit: "1M RRUs",
				UnitMultiplier: whole(million), Query: t.query(t.classLabel("PayPerRequest Read Request Units")), Assumed: notes},
				t.u, usageMonthlyReadRequestUnits))
		}
		return out
	}
	capacity := func(name, unit, label string, n *decimal.Decimal) schema.Component {
		c := schema.Component{Name: t.prefix + name, Unit: unit, UnitMultiplier: schema.HoursPerMonth(),
			Query: t.query(t.classLabel(label)), Assumed: notes}
		if n != nil {
			c.HourlyQuantity = schema.Hourly(*n)
		}
		return c
	}
	write := capacity("Write capacity unit (WCU)", "WCU-months", "Provisioned Write Units", t.write)
	if replica {
		write = capacity("Replicated write capacity unit (rWCU)", "rWCU-months", "Provisioned Replicated Write Units", t.write)
	}
	return []schema.Component{write, capacity("Read capacity unit (RCU)", "RCU-months", "Provisioned Read Units", t.read)}
}

// storage is the table's (or replica's) data storage, from usage storage_gb.
func (t dynamoTable) storage() schema.Component {
	label := "Data Storage Indexed GB-Mo"
	if t.ia {
		label = "Data Storage Indexed - IA GB-Mo"
	}
	return usageLine(schema.Component{Name: t.prefix + "Data storage", Unit: "GB", Query: t.query(label)},
		t.u, usageStorageGB)
}
