package google

import (
	"strings"
	"testing"
)

func TestRegistry(t *testing.T) {
	priced := map[string]bool{}
	for _, r := range Resources() {
		if !strings.HasPrefix(r.Name, "google_") || r.Build == nil || priced[r.Name] {
			t.Errorf("bad or duplicate resource type %q", r.Name)
		}
		priced[r.Name] = true
	}
	if len(priced) != 8 {
		t.Errorf("%d priced types, want 8", len(priced))
	}
	free := map[string]bool{}
	for _, name := range FreeTypes() {
		if !strings.HasPrefix(name, "google_") || free[name] || priced[name] {
			t.Errorf("free type %q is duplicated, priced or not Google's", name)
		}
		free[name] = true
	}
}
