package google

import (
	"testing"

	"github.com/costgate/costgate/estimator/schema"
)

func TestBuildComputeInstance(t *testing.T) {
	tests := []struct {
		name, values, unknown string
		want                  []want
	}{
		{
			name:   "defaults: boot disk type and size unset",
			values: `{"machine_type":"n1-standard-1","zone":"us-central1-a","boot_disk":[{"initialize_params":[{"image":"debian-cloud/debian-12"}]}]}`,
			want: []want{
				{name: "Instance usage (Linux/UNIX, on-demand, n1-standard-1)", quantity: "730", attrs: map[string]string{"machineType": "n1-standard-1"}},
				{name: "Standard provisioned storage (pd-standard)", quantity: "10", attrs: map[string]string{"diskType": "pd-standard", "replication": "zonal"},
					assumed: []string{"type not set: assumed pd-standard", "size unknown: assumed 10 GB"}},
			},
		},
		{
			name: "preemptible with scratch disks and GPUs",
			values: `{"machine_type":"n1-standard-4","scheduling":[{"preemptible":true}],
				"boot_disk":[{"initialize_params":[{"type":"pd-ssd","size":50}]}],
				"scratch_disk":[{"interface":"NVME"},{"interface":"NVME","size":375}],
				"guest_accelerator":[{"type":"nvidia-tesla-t4","count":2}]}`,
			want: []want{
				{name: "Instance usage (Linux/UNIX, preemptible, n1-standard-4)", quantity: "730", option: "spot"},
				{name: "SSD provisioned storage (pd-ssd)", quantity: "50", attrs: map[string]string{"diskType": "pd-ssd"}},
				{name: "Local SSD provisioned storage", quantity: "750", option: "spot", attrs: map[string]string{"diskType": "local-ssd"}},
				{name: "NVIDIA Tesla T4 (preemptible)", quantity: "1460", option: "spot", attrs: map[string]string{"gpuType": "nvidia-tesla-t4", "resourceGroup": "GPU"}},
			},
		},
		{
			name: "spot provisioning model, Windows image, GPU as a self link",
			values: `{"machine_type":"n1-standard-2","scheduling":[{"provisioning_model":"SPOT","preemptible":false}],
				"boot_disk":[{"initialize_params":[{"image":"windows-cloud/windows-2022","type":"pd-balanced","size":64}]}],
				"guest_accelerator":[{"type":"projects/p/zones/us-central1-a/acceleratorTypes/nvidia-tesla-a100","count":1}]}`,
			want: []want{
				{name: "Instance usage (Windows, spot, n1-standard-2)", quantity: "730", option: "spot"},
				{name: "OS licence (windows, n1-standard-2)", quantity: "730", region: "-", attrs: map[string]string{"os": "windows", "machineType": "n1-standard-2"}},
				{name: "Balanced provisioned storage (pd-balanced)", quantity: "64"},
				{name: "NVIDIA Tesla A100 (spot)", quantity: "730", option: "spot", attrs: map[string]string{"gpuType": "nvidia-tesla-a100"}},
			},
		},
		{
			name:    "unknown machine type and image",
			values:  `{"boot_disk":[{"initialize_params":[{"size":20}]}]}`,
			unknown: `{"machine_type":true,"boot_disk":[{"initialize_params":[{"image":true}]}]}`,
			want: []want{
				{name: "Instance usage (Linux/UNIX, on-demand, unknown machine type)", quantity: "730",
					assumed: []string{"machine_type unknown", "boot image unknown: assumed Linux"}},
				{name: "Standard provisioned storage (pd-standard)", quantity: "20", assumed: []string{"type not set"}},
			},
		},
		{
			name:   "boot disk attached from a source disk is priced on its own",
			values: `{"machine_type":"e2-medium","boot_disk":[{"source":"projects/p/zones/us-central1-a/disks/boot"}]}`,
			want:   []want{{name: "Instance usage (Linux/UNIX, on-demand, e2-medium)", quantity: "730"}},
		},
		{
			name: "bundled local SSD and GPUs are in the machine price",
			values: `{"machine_type":"a2-ultragpu-1g","boot_disk":[{"source":"d"}],"scratch_disk":[{"interface":"NVME"}],
				"guest_accelerator":[{"type":"nvidia-a100-80gb","count":1}]}`,
			want: []want{{name: "Instance usage (Linux/UNIX, on-demand, a2-ultragpu-1g)", quantity: "730"}},
		},
		{
			name:   "zero GPUs and RHEL for SAP image",
			values: `{"machine_type":"n2-standard-8","guest_accelerator":[{"type":"nvidia-tesla-t4","count":0}],"boot_disk":[{"initialize_params":[{"image":"rhel-sap-cloud/rhel-9-2-sap-ha","size":100,"type":"pd-ssd"}]}]}`,
			want: []want{
				{name: "Instance usage (RHEL, on-demand, n2-standard-8)", quantity: "730"},
				{name: "OS licence (rhel-sap, n2-standard-8)", quantity: "730", region: "-", attrs: map[string]string{"os": "rhel-sap"}},
				{name: "SSD provisioned storage (pd-ssd)", quantity: "100"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, buildComputeInstance(resource(t, "google_compute_instance", tt.values, tt.unknown)), tt.want)
		})
	}
}

func TestBuildComputeInstanceUsageHours(t *testing.T) {
	r := resource(t, "google_compute_instance", `{"machine_type":"e2-small","boot_disk":[{"source":"d"}]}`, "")
	r.Usage = schema.NewUsage(map[string]any{"monthly_hrs": 100.0})
	check(t, buildComputeInstance(r), []want{{name: "Instance usage (Linux/UNIX, on-demand, e2-small)", quantity: "100"}})
}

func TestBuildComputeInstanceRegionFromZone(t *testing.T) {
	r := resource(t, "google_compute_instance", `{"machine_type":"e2-small","boot_disk":[{"source":"d"}]}`, "")
	r.Region = "europe-west1-b" // an engine that passes a zone through
	got := buildComputeInstance(r)
	if got[0].Query.Region != "europe-west1" {
		t.Fatalf("region %q", got[0].Query.Region)
	}
}

func TestBuildComputeInstanceBadInput(t *testing.T) {
	// Wrong shapes everywhere must not panic and still give the instance line.
	for _, values := range []string{`{}`, `[]`, `"x"`, `{"machine_type":5,"boot_disk":"x","scratch_disk":{"size":"big"},"guest_accelerator":[null,{"count":"two"}],"scheduling":7}`} {
		got := buildComputeInstance(resource(t, "google_compute_instance", values, ""))
		if len(got) == 0 {
			t.Errorf("%s: no components", values)
		}
	}
}
