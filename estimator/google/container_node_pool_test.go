package google

import (
	"testing"

	"github.com/costgate/costgate/estimator/schema"
)

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
