package google

import (
	"testing"

	"github.com/costgate/costgate/estimator/schema"
)

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

func TestBuildContainerNodePool(t *testing.T) {
	cluster := func(values string) func(string) []schema.Values {
		return func(path string) []schema.Values {
			if path != "cluster" {
				return nil
			}
			return []schema.Values{resource(t, "google_container_cluster", values, "").Values}
		}
	}
	tests := []struct {
		name, values, unknown string
		refs                  func(string) []schema.Values
		want                  []want
	}{
		{"zonal pool", `{"location":"us-central1-a","node_count":2,"node_config":[{"machine_type":"n1-standard-1","disk_size_gb":10,"disk_type":"pd-standard"}]}`, "", nil,
			[]want{
				{name: "Instance usage (Linux/UNIX, on-demand, n1-standard-1)", quantity: "1460"},
				{name: "Standard provisioned storage (pd-standard)", quantity: "20"},
			}},
		{"regional pool takes the cluster's node locations", `{"location":"us-central1","node_count":1,"node_config":[{"machine_type":"e2-medium","disk_size_gb":100,"disk_type":"pd-balanced"}]}`, "",
			cluster(`{"location":"us-central1","node_locations":["us-central1-a","us-central1-f"]}`),
			[]want{
				{name: "Instance usage (Linux/UNIX, on-demand, e2-medium)", quantity: "1460"},
				{name: "Balanced provisioned storage (pd-balanced)", quantity: "200"},
			}},
		{"autoscaling, count unknown, regional", `{"location":"us-central1","autoscaling":[{"min_node_count":1,"max_node_count":5}],"node_config":[{"machine_type":"e2-medium","disk_size_gb":100,"disk_type":"pd-balanced"}]}`, `{"node_count":true}`, nil,
			[]want{
				{name: "Instance usage (Linux/UNIX, on-demand, e2-medium)", quantity: "2190", assumed: []string{"assumed 3 zones", "min_node_count per zone"}},
				{name: "Balanced provisioned storage (pd-balanced)", quantity: "300"},
			}},
		{"preemptible with GPUs, total minimum", `{"location":"us-central1-b","node_locations":["us-central1-b","us-central1-c"],
			"autoscaling":[{"total_min_node_count":4}],
			"node_config":[{"machine_type":"n1-standard-4","preemptible":true,"disk_size_gb":50,"disk_type":"pd-standard","guest_accelerator":[{"type":"nvidia-tesla-t4","count":1}]}]}`, "", nil,
			[]want{
				{name: "Instance usage (Linux/UNIX, preemptible, n1-standard-4)", quantity: "2920", option: "spot", assumed: []string{"total_min_node_count"}},
				{name: "Standard provisioned storage (pd-standard)", quantity: "200"},
				{name: "NVIDIA Tesla T4 (preemptible)", quantity: "2920", option: "spot"},
			}},
		{"zonal cluster location through the reference", `{"node_count":1,"node_config":[{"machine_type":"e2-small","disk_size_gb":10,"disk_type":"pd-standard"}]}`, "",
			cluster(`{"location":"europe-west1-b"}`),
			[]want{
				{name: "Instance usage (Linux/UNIX, on-demand, e2-small)", quantity: "730", region: "europe-west1"},
				{name: "Standard provisioned storage (pd-standard)", quantity: "10", region: "europe-west1"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := resource(t, "google_container_node_pool", tt.values, tt.unknown)
			if tt.refs != nil {
				r = r.WithReferences(tt.refs)
			}
			check(t, buildContainerNodePool(r), tt.want)
		})
	}
}
