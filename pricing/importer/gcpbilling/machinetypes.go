package gcpbilling

import (
	"context"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/costgate/costgate/pricing"
	vocab "github.com/costgate/costgate/pricing/importer/gcpvocab"
	"github.com/shopspring/decimal"
)

// machineTypesCSV is Cyclenerd/google-cloud-pricing-cost-calculator@dac31281f2a4:
// tools/machinetypes.csv (Apache-2.0): NAME;CPUS;SHARED_CPU;MEMORY_GB;DEPRECATED;ZONE,
// the vCPUs and memory of 568 Compute Engine machine types (specs, no prices).
//
//go:embed machinetypes.csv
var machineTypesCSV string

// MachineTypeImporter is the "gcp-billing-machine-types" format: it derives
// the hourly price of predefined machine types from a Billing Catalog's
// per-resource SKUs, as Google bills them:
//
//	price = vCPUs × core rate + memory GiB × RAM rate (+ GPUs × GPU rate)
//
// with the core and RAM SKUs of the machine's family in the same region and
// purchase option (on demand, Spot). Shapes whose price has parts the formula
// lacks are not derived: f1/g1 (own SKUs), bundled local SSD (-lssd, A2
// Ultra, A3, Z3), bare metal, G2/G4 (GPU count not in the name).
type MachineTypeImporter struct {
	Logger *slog.Logger
}

// Format is the command-line name of the format.
func (MachineTypeImporter) Format() string { return "gcp-billing-machine-types" }

// Description is one line for --help.
func (MachineTypeImporter) Description() string {
	return "machine-type prices derived from Cloud Billing Catalog vCPU/RAM/GPU SKUs (services.skus.list JSON)"
}

// familySKU matches the description of a family's core or RAM SKU and
// captures the family label and the resource.
var familySKU = regexp.MustCompile(`^(?:Spot Preemptible )?(N1 Predefined|E2|N2|N2D AMD|C2D AMD|T2D AMD|T2A Arm|C3|C3D|C4|C4A Arm|C4D|C4N|N4|N4A|N4D|H3|A2|Compute optimized|M3 Memory-optimized|M4) (?:Instance )?(Core|Ram) running in `)

// familyOf maps a SKU family label to the machine-type prefix.
func familyOf(label string) string {
	switch label {
	case "N1 Predefined":
		return "n1"
	case "Compute optimized":
		return "c2"
	case "M3 Memory-optimized":
		return "m3"
	}
	return strings.ToLower(strings.Fields(label)[0])
}

// component is one per-resource rate of a family (or GPU type) in a region.
type component struct {
	usd  decimal.Decimal
	sku  string
	date time.Time
}

type componentKey struct {
	what           string // "<family>/Core", "<family>/Ram" or "gpu/<gpuType>"
	region, option string
}

// Import collects the per-resource rates of the file, then emits one row per
// machine type, region and purchase option whose rates are all present.
func (im MachineTypeImporter) Import(ctx context.Context, file string, r io.Reader, filter pricing.Filter, emit func(pricing.Price) error) error {
	specs, err := machineSpecs()
	if err != nil {
		return fmt.Errorf("machine type list: %w", err)
	}
	rates := map[componentKey]component{}
	conflicts := 0
	sk, err := stream(ctx, file, r, func(rows []pricing.Price) error {
		for _, p := range rows {
			key, ok := rateKey(p)
			if !ok {
				continue
			}
			if old, seen := rates[key]; seen {
				conflicts++
				if old.usd.GreaterThanOrEqual(p.USD) {
					continue // two SKUs for one rate: keep the higher, a gate never under-estimates
				}
			}
			rates[key] = component{usd: p.USD, sku: p.SKU, date: p.EffectiveDate}
		}
		return nil
	})
	if err != nil {
		return err
	}
	report(im.Logger, file, sk)
	if conflicts > 0 && im.Logger != nil {
		im.Logger.Warn("several SKUs for one per-resource rate: the highest was used", "file", file, "rates", conflicts)
	}
	regions := map[string][]string{} // option → sorted regions with any rate
	for k := range rates {
		if !slices.Contains(regions[k.option], k.region) {
			regions[k.option] = append(regions[k.option], k.region)
		}
	}
	for _, option := range []string{pricing.OnDemand, pricing.Spot} {
		slices.Sort(regions[option])
		for _, spec := range specs {
			for _, region := range regions[option] {
				if !filter.Allows(vocab.ServiceCompute, region) {
					continue
				}
				p, ok, err := spec.derive(rates, region, option)
				if err != nil {
					return fmt.Errorf("%s: %s %s: %w", file, spec.name, region, err)
				}
				if !ok {
					continue
				}
				if err := emit(p); err != nil {
					return fmt.Errorf("%s: %s %s: %w", file, spec.name, region, err)
				}
			}
		}
	}
	return nil
}

// rateKey classifies a row as a family core/RAM rate or a GPU rate.
func rateKey(p pricing.Price) (componentKey, bool) {
	if p.Service != vocab.ServiceCompute || (p.PurchaseOption != pricing.OnDemand && p.PurchaseOption != pricing.Spot) {
		return componentKey{}, false
	}
	if g := p.Attributes[vocab.AttrGPUType]; g != "" && p.Unit == vocab.UnitHour {
		return componentKey{what: "gpu/" + g, region: p.Region, option: p.PurchaseOption}, true
	}
	m := familySKU.FindStringSubmatch(p.Attributes["description"])
	if m == nil {
		return componentKey{}, false
	}
	want := vocab.UnitHour
	if m[2] == "Ram" {
		want = vocab.UnitGiBHour
	}
	if p.Unit != want {
		return componentKey{}, false
	}
	return componentKey{what: familyOf(m[1]) + "/" + m[2], region: p.Region, option: p.PurchaseOption}, true
}

// machineSpec is what the formula needs of one machine type.
type machineSpec struct {
	name, family  string
	vcpus, memory decimal.Decimal // billed vCPUs (a fraction for shared-core E2) and GiB
	gpuType       string
	gpus          decimal.Decimal
	vcpuText, mem string
}

// sharedCoreVCPUs are the vCPUs billed for E2 shared-core types (the `cpu`
// of these types in Cyclenerd's pricing.yml: 0.25, 0.5, 1).
func sharedCoreVCPUs() map[string]string {
	return map[string]string{"e2-micro": "0.25", "e2-small": "0.5", "e2-medium": "1"}
}

// gpuShape reads the A100 count of A2 High/Mega GPU types (a2-highgpu-2g).
var gpuShape = regexp.MustCompile(`^a2-(?:highgpu|megagpu)-(\d+)g$`)

// machineSpecs parses the embedded list, keeping the shapes the formula prices.
func machineSpecs() ([]machineSpec, error) {
	cr := csv.NewReader(strings.NewReader(machineTypesCSV))
	cr.Comma = ';'
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 || !slices.Equal(recs[0], []string{"NAME", "CPUS", "SHARED_CPU", "MEMORY_GB", "DEPRECATED", "ZONE"}) {
		return nil, fmt.Errorf("unexpected header")
	}
	shared := sharedCoreVCPUs()
	var out []machineSpec
	for i, rec := range recs[1:] {
		name := rec[0]
		family, _, _ := strings.Cut(name, "-")
		if skipShape(name, family) {
			continue
		}
		vcpuText := rec[1]
		if rec[2] == "True" {
			s, ok := shared[name]
			if !ok {
				continue // f1-micro, g1-small: billed by their own SKUs
			}
			vcpuText = s
		}
		vcpus, err1 := decimal.NewFromString(vcpuText)
		mem, err2 := decimal.NewFromString(rec[3])
		if err1 != nil || err2 != nil || !vcpus.IsPositive() || !mem.IsPositive() {
			return nil, fmt.Errorf("line %d (%s): bad CPUS or MEMORY_GB", i+2, name)
		}
		spec := machineSpec{name: name, family: family, vcpus: vcpus, memory: mem, vcpuText: vcpuText, mem: mem.String()}
		if m := gpuShape.FindStringSubmatch(name); m != nil {
			n, _ := strconv.ParseInt(m[1], 10, 64)
			spec.gpuType, spec.gpus = "nvidia-tesla-a100", decimal.NewFromInt(n)
		} else if family == "a2" {
			continue
		}
		out = append(out, spec)
	}
	return out, nil
}

// skipShape reports shapes whose price the formula cannot give.
func skipShape(name, family string) bool {
	if strings.Contains(name, "lssd") || strings.HasSuffix(name, "-metal") {
		return true
	}
	switch family {
	case "a3", "a4", "g2", "g4", "z3", "m1", "m2", "f1", "g1":
		return true
	}
	return false
}

// derive prices one machine type in one region, if every rate is known.
func (s machineSpec) derive(rates map[componentKey]component, region, option string) (pricing.Price, bool, error) {
	core, ok1 := rates[componentKey{s.family + "/Core", region, option}]
	ram, ok2 := rates[componentKey{s.family + "/Ram", region, option}]
	if !ok1 || !ok2 {
		return pricing.Price{}, false, nil
	}
	usd := s.vcpus.Mul(core.usd).Add(s.memory.Mul(ram.usd))
	from := "CPU " + core.sku + " + RAM " + ram.sku
	formula := fmt.Sprintf("%s vCPU × %s + %s GiB × %s", s.vcpuText, core.usd, s.mem, ram.usd)
	date := core.date
	if ram.date.After(date) {
		date = ram.date
	}
	if s.gpuType != "" {
		gpu, ok := rates[componentKey{"gpu/" + s.gpuType, region, option}]
		if !ok {
			return pricing.Price{}, false, nil
		}
		usd = usd.Add(s.gpus.Mul(gpu.usd))
		from += " + GPU " + gpu.sku
		formula += fmt.Sprintf(" + %s GPU × %s", s.gpus, gpu.usd)
		if gpu.date.After(date) {
			date = gpu.date
		}
	}
	attrs := map[string]string{
		vocab.AttrMachineType: s.name,
		"vcpus":               s.vcpuText,
		"memoryGiB":           s.mem,
		"derivedFrom":         from,
	}
	if s.gpuType != "" {
		attrs[vocab.AttrGPUType], attrs["gpuCount"] = s.gpuType, s.gpus.String()
	}
	p := pricing.Price{
		Provider: vocab.Provider, Service: vocab.ServiceCompute, Family: vocab.FamilyInstance, Region: region,
		Attributes: attrs, PurchaseOption: option, Unit: vocab.UnitHour, USD: usd, EffectiveDate: date,
		Description: s.name + " = " + formula + " (Google's per-resource SKUs)",
	}
	sku, err := pricing.SynthesizeSKU(p)
	if err != nil {
		return pricing.Price{}, false, err
	}
	p.SKU = sku
	return p, true, nil
}
