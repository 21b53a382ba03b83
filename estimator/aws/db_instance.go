package aws

import (
	"fmt"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing"
	v "github.com/costgate/costgate/pricing/importer/awsvocab"
	"github.com/shopspring/decimal"
)

// dbInstanceResource prices aws_db_instance: instance hours by engine,
// edition, licence model, deployment (Single-AZ or Multi-AZ) and purchase
// option (on demand, or a reservation from usage reserved_instance_*);
// allocated storage by volume type; provisioned IOPS and gp3 IOPS and
// throughput above the included baseline; backup storage beyond the free
// allowance (usage additional_backup_storage_gb). A read replica takes what
// the plan does not say from the database it replicates.
func dbInstanceResource() schema.ResourceType {
	return schema.ResourceType{Name: "aws_db_instance", Build: buildDBInstance}
}

// RDS storage defaults and minimums (Amazon RDS User Guide, "Amazon RDS DB
// instance storage"); 20 GB is the documented default when the size is not
// known (as Infracost assumes).
const (
	rdsDefaultStorageGB  = 20
	rdsPIOPSMinStorageGB = 100
	rdsPIOPSMinIOPS      = 1000
)

// Usage key of backup storage beyond the free allowance (Infracost's name).
const usageAdditionalBackupGB = "additional_backup_storage_gb"

func buildDBInstance(r schema.Resource) []schema.Component {
	vals := r.Values
	source, hasSource := firstReferenced(r.Referenced("replicate_source_db"))
	var src *schema.Values
	if hasSource {
		src = &source
	}
	eng := rdsEngineAt(vals, src)
	deployment, note := rdsDeploymentAt(vals)
	inst := rdsInstance{region: r.Region, engine: eng, deployment: deployment, showDeployment: true}
	class, known := stringAt(vals, "instance_class")
	inst.class = class
	if !known {
		inst.assumed = append(inst.assumed, fmt.Sprintf("instance_class %s: no price", absentReason(vals, "instance_class")))
	}
	if note != "" {
		inst.assumed = append(inst.assumed, note)
	}
	inst.assumed = append(inst.assumed, eng.notes...)
	inst.purchase = dbReservationFromUsage(r.Usage, &inst.assumed)
	out := inst.components()
	if eng.kind == rdsAurora {
		out[0].Assumed = append(out[0].Assumed, "Aurora storage, I/O and backups are billed on the cluster (aws_rds_cluster)")
		return out
	}
	storage := rdsStorageAt(vals, src, eng)
	out = append(out, storage.components(r.Region, eng, deployment)...)
	if n, ok := countAt(vals, "backup_retention_period"); !ok || n.IsPositive() {
		out = append(out, usageLine(schema.Component{
			Name: "Additional backup storage", Unit: "GB",
			Query: pricing.Query{Provider: v.Provider, Service: v.ServiceRDS, Family: "Storage Snapshot", Region: r.Region,
				Attributes: map[string]string{v.AttrDatabaseEngine: eng.offer}},
		}, r.Usage, usageAdditionalBackupGB))
	}
	return out
}

// rdsKind groups engines by the rules that differ between them.
type rdsKind int

const (
	rdsUnknown rdsKind = iota
	rdsOpenSource
	rdsAurora
	rdsOracle
	rdsSQLServer
)

// rdsEngine is a database engine in the offer files' vocabulary.
type rdsEngine struct {
	offer   string // databaseEngine: PostgreSQL, Aurora MySQL, Oracle ...
	edition string // databaseEdition of Oracle and SQL Server
	license string // licenseModel
	kind    rdsKind
	notes   []string
}

// rdsEngineNamed maps Terraform's engine to databaseEngine and
// databaseEdition (pricing-data/FORMAT.md, "RDS"). An engine outside the
// vocabulary (RDS Custom, Db2) is kept as given, so its price is not found.
func rdsEngineNamed(engine string) rdsEngine {
	switch engine {
	case "postgres":
		return rdsEngine{offer: "PostgreSQL", kind: rdsOpenSource}
	case "mysql":
		return rdsEngine{offer: "MySQL", kind: rdsOpenSource}
	case "mariadb":
		return rdsEngine{offer: "MariaDB", kind: rdsOpenSource}
	case "aurora", "aurora-mysql":
		return rdsEngine{offer: "Aurora MySQL", kind: rdsAurora}
	case "aurora-postgresql":
		return rdsEngine{offer: "Aurora PostgreSQL", kind: rdsAurora}
	case "oracle-ee", "oracle-ee-cdb":
		return rdsEngine{offer: "Oracle", edition: "Enterprise", kind: rdsOracle}
	case "oracle-se2", "oracle-se2-cdb":
		return rdsEngine{offer: "Oracle", edition: "Standard Two", kind: rdsOracle}
	case "oracle-se1":
		return rdsEngine{offer: "Oracle", edition: "Standard One", kind: rdsOracle}
	case "oracle-se":
		return rdsEngine{offer: "Oracle", edition: "Standard", kind: rdsOracle}
	case "sqlserver-ee":
		return rdsEngine{offer: "SQL Server", edition: "Enterprise", kind: rdsSQLServer}
	case "sqlserver-se":
		return rdsEngine{offer: "SQL Server", edition: "Standard", kind: rdsSQLServer}
	case "sqlserver-web":
		return rdsEngine{offer: "SQL Server", edition: "Web", kind: rdsSQLServer}
	case "sqlserver-ex":
		return rdsEngine{offer: "SQL Server", edition: "Express", kind: rdsSQLServer}
	}
	return rdsEngine{offer: engine, notes: []string{fmt.Sprintf("engine %q is not in the price vocabulary: no price", engine)}}
}

// rdsEngineAt reads engine and license_model, from the replicated source
// database when the plan does not give them.
func rdsEngineAt(vals schema.Values, source *schema.Values) rdsEngine {
	name, ok := stringAt(vals, "engine")
	var notes []string
	if !ok && source != nil {
		if name, ok = stringAt(*source, "engine"); ok {
			notes = append(notes, "engine "+absentReason(vals, "engine")+": taken from the replicated database")
		}
	}
	if !ok {
		return rdsEngine{notes: []string{fmt.Sprintf("engine %s: no price", absentReason(vals, "engine"))}}
	}
	e := rdsEngineNamed(name)
	e.notes = append(notes, e.notes...)
	lm, given := stringAt(vals, "license_model")
	if !given && source != nil {
		lm, given = stringAt(*source, "license_model")
	}
	var note string
	e.license, note = rdsLicense(e, lm, given, absentReason(vals, "license_model"))
	if note != "" {
		e.notes = append(e.notes, note)
	}
	return e
}

// rdsLicense maps license_model to licenseModel. Open-source engines and
// Aurora need no licence; SQL Server on RDS is licence-included; Oracle
// Enterprise Edition is offered only as bring-your-own-licence, so an Oracle
// database without a stated model is assumed licence-included only for the
// editions that have it (the higher rate).
func rdsLicense(e rdsEngine, lm string, given bool, why string) (string, string) {
	switch e.kind {
	case rdsOpenSource, rdsAurora:
		return v.RDSNoLicenseRequired, ""
	case rdsSQLServer:
		if lm == "bring-your-own-license" {
			return "Bring your own license", ""
		}
		return "License included", ""
	case rdsOracle:
		switch {
		case lm == "license-included":
			return "License included", ""
		case lm == "bring-your-own-license":
			return "Bring your own license", ""
		case given:
			return lm, fmt.Sprintf("license_model %q is not license-included or bring-your-own-license: no price", lm)
		case e.edition == "Enterprise":
			return "Bring your own license", "license_model " + why + ": assumed bring-your-own-license, the only licence model of Oracle Enterprise Edition on RDS"
		}
		return "License included", "license_model " + why + ": assumed license-included (the higher rate)"
	}
	return lm, ""
}

// rdsDeploymentAt reads multi_az; unknown is assumed Single-AZ, noted.
func rdsDeploymentAt(vals schema.Values) (string, string) {
	if multi, ok := vals.Bool("multi_az"); ok {
		if multi {
			return "Multi-AZ", ""
		}
		return "Single-AZ", ""
	}
	if vals.Unknown("multi_az") {
		return "Single-AZ", "multi_az unknown until apply: assumed Single-AZ"
	}
	return "Single-AZ", ""
}

// rdsInstance is one database instance's hours.
type rdsInstance struct {
	region, class, deployment string
	showDeployment            bool // name the deployment (Aurora instances have none of their own)
	engine                    rdsEngine
	purchase                  dbReservation
	assumed                   []string
}

// query asks for the instance class's hourly price with the attributes of
// FORMAT.md's RDS table.
func (i rdsInstance) query() pricing.Query {
	attrs := map[string]string{
		v.AttrInstanceType: i.class, v.AttrDatabaseEngine: i.engine.offer,
		v.AttrDeploymentOption: i.deployment,
	}
	if i.engine.license != "" {
		attrs[v.AttrLicenseModel] = i.engine.license
	}
	if i.engine.edition != "" {
		attrs[v.AttrDatabaseEdition] = i.engine.edition
	}
	return i.purchase.hourly(pricing.Query{Provider: v.Provider, Service: v.ServiceRDS, Family: "Database Instance",
		Region: i.region, Attributes: attrs})
}

// components is the instance hours and, for a reservation with an upfront
// fee, the fee spread over the term.
func (i rdsInstance) components() []schema.Component {
	class := i.class
	if class == "" {
		class = "unknown class"
	}
	parts := []string{i.purchase.label()}
	if i.showDeployment {
		parts = append(parts, i.deployment)
	}
	out := []schema.Component{{
		Name:           fmt.Sprintf("Database instance (%s, %s)", strings.Join(parts, ", "), class),
		Unit:           "hours",
		HourlyQuantity: schema.Hourly(decimal.NewFromInt(1)),
		Query:          i.query(),
		Assumed:        i.assumed,
	}}
	if fee := i.purchase.upfront(i.query(), decimal.NewFromInt(1)); fee != nil {
		out = append(out, *fee)
	}
	return out
}

// rdsStorage is a database instance's allocated storage.
type rdsStorage struct {
	volumeType string          // storage_type: gp2, gp3, io1, io2, standard
	sizeGB     decimal.Decimal // allocated GB
	iops       decimal.Decimal // provisioned IOPS; zero when not set
	iopsKnown  bool
	throughput decimal.Decimal // gp3 MiB/s; zero when not set
	assumed    []string
}

// rdsStorageAt reads storage_type, allocated_storage, iops and
// storage_throughput, from the replicated database when the plan does not
// give them; a missing type is gp2 (io1 when IOPS are set: the RDS API's
// default), a missing size 20 GB, both noted; io1 and io2 are raised to
// their minimum 100 GB and 1,000 IOPS.
func rdsStorageAt(vals schema.Values, source *schema.Values, e rdsEngine) rdsStorage {
	s := rdsStorage{iopsKnown: true}
	from := func(path string) schema.Values {
		if _, ok := vals.Get(path); !ok && source != nil {
			return *source
		}
		return vals
	}
	if iops, ok := positiveAt(from("iops"), "iops"); ok {
		s.iops = iops
	} else if vals.Unknown("iops") {
		s.iopsKnown = false
	}
	if t, ok := stringAt(from("storage_type"), "storage_type"); ok {
		s.volumeType = t
	} else if s.iops.IsPositive() {
		s.volumeType = "io1"
		s.assumed = append(s.assumed, fmt.Sprintf("storage_type %s: assumed io1 (iops is set)", absentReason(vals, "storage_type")))
	} else {
		s.volumeType = "gp2"
		s.assumed = append(s.assumed, fmt.Sprintf("storage_type %s: assumed gp2", absentReason(vals, "storage_type")))
	}
	if size, ok := positiveAt(from("allocated_storage"), "allocated_storage"); ok {
		s.sizeGB = size
	} else {
		s.sizeGB = whole(rdsDefaultStorageGB)
		s.assumed = append(s.assumed, fmt.Sprintf("allocated_storage %s: assumed %d GB", absentReason(vals, "allocated_storage"), rdsDefaultStorageGB))
	}
	if tp, ok := positiveAt(from("storage_throughput"), "storage_throughput"); ok {
		s.throughput = tp
	}
	if s.volumeType == "io1" || s.volumeType == "io2" {
		if s.sizeGB.LessThan(whole(rdsPIOPSMinStorageGB)) {
			s.assumed = append(s.assumed, fmt.Sprintf("allocated_storage %s GB is below the %s minimum: priced at %d GB", s.sizeGB, s.volumeType, rdsPIOPSMinStorageGB))
			s.sizeGB = whole(rdsPIOPSMinStorageGB)
		}
		switch {
		case !s.iopsKnown || s.iops.IsZero():
			s.assumed = append(s.assumed, fmt.Sprintf("iops %s: assumed the minimum %d", absentReason(vals, "iops"), rdsPIOPSMinIOPS))
			s.iops, s.iopsKnown = whole(rdsPIOPSMinIOPS), true
		case s.iops.LessThan(whole(rdsPIOPSMinIOPS)):
			s.assumed = append(s.assumed, fmt.Sprintf("iops %s is below the minimum: priced at %d", s.iops, rdsPIOPSMinIOPS))
			s.iops = whole(rdsPIOPSMinIOPS)
		}
	}
	if s.volumeType == "gp3" {
		iops, mibps := rdsGP3Baseline(e.kind, s.sizeGB)
		if !s.iopsKnown {
			s.assumed = append(s.assumed, fmt.Sprintf("iops unknown until apply: assumed the %d included", iops))
		}
		if vals.Unknown("storage_throughput") {
			s.assumed = append(s.assumed, fmt.Sprintf("storage_throughput unknown until apply: assumed the %d MiB/s included", mibps))
		}
	}
	if s.volumeType == "standard" {
		s.assumed = append(s.assumed, "I/O requests of magnetic storage are charged per million: not in the price data, not estimated")
	}
	return s
}

// rdsGP3Baseline returns the IOPS and MiB/s included with gp3 storage
// (Amazon RDS User Guide, "gp3 storage"): 3,000 and 125 below 400 GB
// (200 GB for Oracle) and 12,000 and 500 from there; SQL Server always
// 3,000 and 125.
func rdsGP3Baseline(kind rdsKind, sizeGB decimal.Decimal) (iops, mibps int64) {
	threshold := int64(400)
	switch kind {
	case rdsSQLServer:
		return 3000, 125
	case rdsOracle:
		threshold = 200
	}
	if sizeGB.LessThan(whole(threshold)) {
		return 3000, 125
	}
	return 12000, 500
}

// rdsVolumeType maps storage_type to the offer files' volumeType.
func rdsVolumeType(storageType string) string {
	switch storageType {
	case "gp2":
		return "General Purpose"
	case "gp3":
		return "General Purpose-GP3"
	case "io1":
		return "Provisioned IOPS"
	case "io2":
		return "Provisioned IOPS-IO2"
	case "standard":
		return "Magnetic"
	}
	return storageType
}

// components prices the storage and what is provisioned above it.
func (s rdsStorage) components(region string, e rdsEngine, deployment string) []schema.Component {
	storageDeployment := deployment
	if e.kind == rdsSQLServer && deployment == "Multi-AZ" {
		// The offer files bill SQL Server's Multi-AZ storage under its mirroring deployment.
		storageDeployment = "Multi-AZ (SQL Server Mirror)"
	}
	out := []schema.Component{{
		Name:            storageName(s.volumeType),
		Unit:            "GB",
		MonthlyQuantity: schema.Monthly(s.sizeGB),
		Query: pricing.Query{Provider: v.Provider, Service: v.ServiceRDS, Family: "Database Storage", Region: region,
			Attributes: map[string]string{v.AttrDatabaseEngine: e.offer, v.AttrDeploymentOption: storageDeployment,
				v.AttrVolumeType: rdsVolumeType(s.volumeType)}},
		Assumed: s.assumed,
	}}
	iopsQuery := func(label string) pricing.Query {
		return pricing.Query{Provider: v.Provider, Service: v.ServiceRDS, Family: "Provisioned IOPS", Region: region,
			Attributes: map[string]string{v.AttrDatabaseEngine: e.offer, v.AttrDeploymentOption: deployment,
				v.AttrPricingPageLabel: label + " " + rdsAZLabel(deployment)}}
	}
	switch s.volumeType {
	case "io1", "io2":
		label := "Provisioned IOPS"
		if s.volumeType == "io2" {
			label = "Provisioned IO2 IOPS"
		}
		out = append(out, schema.Component{Name: "Provisioned IOPS", Unit: "IOPS",
			MonthlyQuantity: schema.Monthly(s.iops), Query: iopsQuery(label)})
	case "gp3":
		iops, mibps := rdsGP3Baseline(e.kind, s.sizeGB)
		if extra := s.iops.Sub(whole(iops)); extra.IsPositive() {
			out = append(out, schema.Component{Name: fmt.Sprintf("Provisioned GP3 IOPS (above %s)", groupThousands(iops)),
				Unit: "IOPS", MonthlyQuantity: schema.Monthly(extra), Query: iopsQuery("Provisioned GP3 IOPS")})
		}
		if extra := s.throughput.Sub(whole(mibps)); extra.IsPositive() {
			out = append(out, schema.Component{Name: fmt.Sprintf("Provisioned throughput (above %d MiB/s)", mibps),
				Unit: "MiB/s", MonthlyQuantity: schema.Monthly(extra),
				Query: pricing.Query{Provider: v.Provider, Service: v.ServiceRDS, Family: "Provisioned Throughput", Region: region,
					Attributes: map[string]string{v.AttrDatabaseEngine: e.offer, v.AttrDeploymentOption: deployment}}})
		}
	}
	return out
}

// rdsAZLabel is the deployment as the pricing page's IOPS labels spell it.
func rdsAZLabel(deployment string) string {
	switch deployment {
	case "Single-AZ":
		return "Single AZ"
	case "Multi-AZ":
		return "Multi AZ"
	}
	return deployment
}

// groupThousands formats a whole number with thousands separators: 12000 → "12,000".
func groupThousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
