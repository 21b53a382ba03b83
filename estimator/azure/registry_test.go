package azure

import (
	"testing"

	"github.com/costgate/costgate/estimator/schema"
)

// TestOddInputs feeds every type documents of the wrong shape: Build must
// not panic, and a VM or cluster still declares its instance line (priced or
// flagged), so nothing is silently dropped.
func TestOddInputs(t *testing.T) {
	docs := []struct{ values, unknown string }{
		{`{}`, ``},
		{`null`, `true`},
		{`{"size": 5, "vm_size": ["x"], "os_disk": "Premium_LRS", "storage_os_disk": {"disk_size_gb": "big"}}`, ``},
		{`{"os_disk": [{"storage_account_type": 7, "disk_size_gb": -30}], "storage_data_disk": [null, 3, {"create_option": null}]}`, `{"os_disk": true}`},
		{`{"storage_account_type": "Premium", "disk_size_gb": "1e9", "default_node_pool": [{"node_count": -2, "vm_size": ""}]}`, `{"default_node_pool": true}`},
		{`{"sku_tier": "Gold", "default_node_pool": "none", "disk_iops_read_write": "fast", "storage_account_type": "UltraSSD_LRS"}`, ``},
	}
	for _, rt := range Resources() {
		for i, d := range docs {
			r := resource(t, rt.Name, d.values, d.unknown, nil)
			var out []schema.Component
			func() {
				defer func() {
					if v := recover(); v != nil {
						t.Fatalf("%s doc %d: panic %v", rt.Name, i, v)
					}
				}()
				out = rt.Build(r)
			}()
			if rt.Name != "azurerm_kubernetes_cluster" && len(out) == 0 {
				t.Errorf("%s doc %d: no component", rt.Name, i)
			}
		}
	}
}

func TestRegistryNamesAreUniqueAndFreeTypesDisjoint(t *testing.T) {
	seen := map[string]bool{}
	for _, rt := range Resources() {
		if seen[rt.Name] || rt.Build == nil {
			t.Errorf("%s: duplicate or without Build", rt.Name)
		}
		seen[rt.Name] = true
	}
	for _, f := range FreeTypes() {
		if seen[f] {
			t.Errorf("%s is both priced and free", f)
		}
		seen[f] = true
	}
}
