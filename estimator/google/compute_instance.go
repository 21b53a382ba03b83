package google

import (
	"fmt"
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/shopspring/decimal"
)

// Defaults of a boot disk created from initialize_params without a size or
// type: Compute Engine creates a 10 GB pd-standard disk from most public images.
const (
	defaultBootDiskGiB  = 10
	defaultBootDiskType = "pd-standard"
)

func computeInstance() schema.ResourceType {
	return schema.ResourceType{Name: "google_compute_instance", Build: buildComputeInstance}
}

// buildComputeInstance prices a VM: machine type hours (on-demand, or the
// Spot rate for Spot/preemptible VMs), its boot disk when created with the
// VM, scratch local SSDs (375 GB each), attached GPUs and a premium OS licence.
func buildComputeInstance(r schema.Resource) []schema.Component {
	region := regionOf(r.Region)
	vals := r.Values
	m := readScheduling(vals, "scheduling.0.preemptible", "", "scheduling.0.provisioning_model")
	var assumed []string
	mt, ok := vals.StringOK("machine_type")
	if !ok || vals.Unknown("machine_type") {
		assumed = append(assumed, "machine_type unknown: no price")
	}
	if i := strings.LastIndexByte(mt, '/'); i >= 0 {
		mt = mt[i+1:] // a self link: zones/us-central1-a/machineTypes/n1-standard-1
	}
	m.machineType = mt
	hours := monthlyHours(r)
	one := decimal.NewFromInt(1)

	image := vals.String("boot_disk.0.initialize_params.0.image")
	if vals.Unknown("boot_disk.0.initialize_params.0.image") {
		assumed = append(assumed, "boot image unknown: assumed Linux without licence fee")
	}
	os := imageOS(image)
	comps := []schema.Component{m.instance(region, osLabel(os), one, hours, assumed)}
	if os != "" && mt != "" {
		comps = append(comps, licence(os, mt, one, hours))
	}
	if c, ok := bootDisk(r, region); ok {
		comps = append(comps, c)
	}
	comps = append(comps, scratchDisks(r, region, m)...)
	comps = append(comps, gpus(vals, region, "guest_accelerator", m, one, hours)...)
	return comps
}

// bootDisk prices a boot disk created with the VM (initialize_params); a
// boot disk attached by source is a google_compute_disk priced on its own.
func bootDisk(r schema.Resource, region string) (schema.Component, bool) {
	vals := r.Values
	if _, ok := vals.Get("boot_disk.0.source"); ok && len(vals.List("boot_disk.0.initialize_params")) == 0 {
		return schema.Component{}, false
	}
	var assumed []string
	typ := vals.String("boot_disk.0.initialize_params.0.type")
	if typ == "" {
		typ = defaultBootDiskType
		assumed = append(assumed, fmt.Sprintf("boot_disk.0.initialize_params.0.type not set: assumed %s", typ))
	}
	size, ok := vals.Decimal("boot_disk.0.initialize_params.0.size")
	if !ok || !size.IsPositive() {
		size = decimal.NewFromInt(defaultBootDiskGiB)
		assumed = append(assumed, fmt.Sprintf("boot_disk.0.initialize_params.0.size unknown: assumed %d GB", defaultBootDiskGiB))
	}
	return disk(region, typ, "zonal", size, decimal.NewFromInt(1), assumed), true
}

// scratchDisks prices scratch_disk blocks as local SSD (375 GB each unless
// a size is given); machine types with bundled local SSD include them.
func scratchDisks(r schema.Resource, region string, m vm) []schema.Component {
	disks := r.Values.List("scratch_disk")
	if len(disks) == 0 || bundlesLocalSSD(m.machineType) {
		return nil
	}
	total := decimal.Zero
	var assumed []string
	for i, d := range disks {
		size, ok := d.Decimal("size")
		if !ok || !size.IsPositive() {
			size = localSSDGiB
			if _, set := d.Get("size"); set || d.Unknown("size") {
				assumed = append(assumed, fmt.Sprintf("scratch_disk.%d.size unknown: assumed 375 GB", i))
			}
		}
		total = total.Add(size)
	}
	return []schema.Component{localSSD(region, m, total, assumed)}
}
