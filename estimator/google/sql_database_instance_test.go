package google

import "testing"

func TestBuildSQLDatabaseInstance(t *testing.T) {
	storage := func(q, kind, avail string, assumed ...string) want {
		return want{name: "Storage (" + kind + ", " + avail + ")", quantity: q, attrs: map[string]string{"diskType": kind, "availability": avail}, assumed: assumed}
	}
	tests := []struct {
		name, values string
		want         []want
	}{
		{"custom tier, zonal, defaults",
			`{"region":"us-central1","database_version":"POSTGRES_15","settings":[{"tier":"db-custom-2-7680"}]}`,
			[]want{
				{name: "vCPUs (2, zonal)", quantity: "1460", attrs: map[string]string{"edition": "enterprise", "resource": "vcpu"}, assumed: []string{"edition not set"}},
				{name: "Memory (7.5 GB, zonal)", quantity: "5475", attrs: map[string]string{"resource": "memory"}},
				storage("10", "SSD", "zonal", "disk_size unknown"),
			}},
		{"predefined highmem tier, regional, HDD",
			`{"database_version":"MYSQL_8_0","settings":[{"tier":"db-n1-highmem-4","edition":"ENTERPRISE","availability_type":"REGIONAL","disk_type":"PD_HDD","disk_size":100}]}`,
			[]want{
				{name: "vCPUs (4, regional)", quantity: "2920", attrs: map[string]string{"availability": "regional"}},
				{name: "Memory (26 GB, regional)", quantity: "18980", attrs: map[string]string{"availability": "regional"}},
				storage("100", "HDD", "regional"),
			}},
		{"shared core tier has no price source",
			`{"database_version":"MYSQL_8_0","settings":[{"tier":"db-f1-micro","edition":"ENTERPRISE","disk_size":10}]}`,
			[]want{
				{name: "SQL instance (db-f1-micro, zonal)", quantity: "730", attrs: map[string]string{"resource": "instance", "tier": "db-f1-micro"}},
				storage("10", "SSD", "zonal"),
			}},
		{"SQL Server Enterprise Plus adds a licence line",
			`{"database_version":"SQLSERVER_2019_STANDARD","settings":[{"tier":"db-custom-4-16384","edition":"ENTERPRISE_PLUS","disk_size":50}]}`,
			[]want{
				{name: "vCPUs (4, zonal)", quantity: "2920", attrs: map[string]string{"edition": "enterprise-plus"}},
				{name: "Memory (16 GB, zonal)", quantity: "11680"},
				storage("50", "SSD", "zonal"),
				{name: "License (SQLSERVER_2019_STANDARD)", quantity: "730", attrs: map[string]string{"resource": "license"}},
			}},
		{"unknown tier",
			`{"settings":[{"edition":"ENTERPRISE","disk_size":10}]}`,
			[]want{
				{name: "SQL instance (unknown tier, zonal)", quantity: "730", assumed: []string{"tier unknown"}},
				storage("10", "SSD", "zonal"),
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, buildSQLDatabaseInstance(resource(t, "google_sql_database_instance", tt.values, "")), tt.want)
		})
	}
}
