package azure

import (
	"strings"

	"github.com/costgate/costgate/estimator/schema"
	"github.com/costgate/costgate/pricing/importer/azurevocab"
)

// newStyleVM prices azurerm_linux_virtual_machine and
// azurerm_windows_virtual_machine: the instance hours (pay as you go or
// spot; Windows under Hybrid Benefit at the Linux rate) and the OS disk.
func newStyleVM(r schema.Resource, os string) []schema.Component {
	a := &attrs{v: r.Values}
	v := vm{
		size: armSize(r.Values.String("size")),
		os:   os,
		spot: strings.EqualFold(r.Values.String("priority"), "Spot"),
	}
	if v.size == "" {
		a.assumed = append(a.assumed, "size "+a.why("size")+": no price")
	}
	if os == azurevocab.OSWindows {
		v.hybrid = hybridBenefit(r.Values.String("license_type"))
		if r.Values.Unknown("license_type") {
			a.assumed = append(a.assumed, "license_type unknown until apply: assumed None (Windows licence included)")
		}
	}
	out := []schema.Component{v.instance(r, r.Region, one, a.assumed)}
	return append(out, osDisk(r, os)...)
}
