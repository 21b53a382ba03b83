package google

import "testing"

func TestBuildContainerCluster(t *testing.T) {
	fee := func(assumed ...string) want {
		return want{name: "Cluster management fee", quantity: "730", region: "-",
			attrs: map[string]string{"charge": "cluster-management", "edition": "standard"}, assumed: assumed}
	}
	tests := []struct {
		name, values string
		want         []want
	}{
		{"zonal cluster with its default pool",
			`{"location":"us-central1-a","initial_node_count":3,"node_config":[{"machine_type":"n1-standard-2","disk_size_gb":50,"disk_type":"pd-standard"}]}`,
			[]want{
				fee("free-tier credit"),
				{name: "default_pool: Instance usage (Linux/UNIX, on-demand, n1-standard-2)", quantity: "2190"},
				{name: "default_pool: Standard provisioned storage (pd-standard)", quantity: "150"},
			}},
		{"regional cluster without default pool",
			`{"location":"us-central1","remove_default_node_pool":true,"initial_node_count":1}`,
			[]want{fee()}},
		{"regional default pool: three zones assumed, node defaults",
			`{"location":"europe-west1"}`,
			[]want{
				{name: "Cluster management fee", quantity: "730", region: "-"},
				{name: "default_pool: Instance usage (Linux/UNIX, on-demand, e2-medium)", quantity: "2190", region: "europe-west1",
					assumed: []string{"assumed 3 zones", "machine_type not set: assumed e2-medium"}},
				{name: "default_pool: Balanced provisioned storage (pd-balanced)", quantity: "300", region: "europe-west1",
					assumed: []string{"disk_type not set", "disk_size_gb unknown: assumed 100 GB"}},
			}},
		{"inline spot pool over two zones with local SSD",
			`{"location":"us-central1","node_locations":["us-central1-a","us-central1-b","us-central1-c"],
			  "node_pool":[{"name":"pool-a","node_count":2,"node_locations":["us-central1-a","us-central1-b"],
			  "node_config":[{"machine_type":"e2-standard-4","spot":true,"local_ssd_count":1,"disk_size_gb":30,"disk_type":"pd-ssd"}]}]}`,
			[]want{
				fee(),
				{name: "node_pool[pool-a]: Instance usage (Linux/UNIX, spot, e2-standard-4)", quantity: "2920", option: "spot"},
				{name: "node_pool[pool-a]: SSD provisioned storage (pd-ssd)", quantity: "120"},
				{name: "node_pool[pool-a]: Local SSD provisioned storage", quantity: "1500", option: "spot"},
			}},
		{"existing cluster whose pools are separate resources",
			`{"location":"us-central1","remove_default_node_pool":true,"node_pool":[{"name":"workers","node_count":3,"node_config":[{"machine_type":"n2-standard-4"}]}]}`,
			[]want{fee("priced as google_container_node_pool resources")}},
		{"autopilot", `{"location":"us-central1","enable_autopilot":true}`,
			[]want{fee("free-tier credit", "Autopilot pods")}},
		{"enterprise tier", `{"location":"us-central1","remove_default_node_pool":true,"enterprise_config":[{"desired_tier":"ENTERPRISE"}]}`,
			[]want{fee(), {name: "Enterprise edition (per vCPU)", region: "-", attrs: map[string]string{"charge": "enterprise-vcpu"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, buildContainerCluster(resource(t, "google_container_cluster", tt.values, "")), tt.want)
		})
	}
}
