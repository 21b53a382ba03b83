package budget

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		p      Policy
		global bool
		fields []string // fields with errors, in order; nil = valid
	}{
		{"organization default", Policy{Organization: "acme", OrganizationMonthlyBudget: dec("50000")}, false, nil},
		{"workspace by name", Policy{Organization: "acme", WorkspaceName: str("web-prod"), MaxMonthlyCost: dec("2500")}, false, nil},
		{"workspace by id", Policy{Organization: "acme", WorkspaceID: str("ws-ck4G5bb1Yei5szRh")}, false, nil},
		{"pattern", Policy{Organization: "acme", WorkspacePattern: str("web-*-[a-z]?")}, false, nil},
		{"zero limits allowed", Policy{Organization: "acme", MaxMonthlyIncrease: dec("0"), WarnMonthlyIncrease: dec("0")}, false, nil},
		{"warn equal to max", Policy{Organization: "acme", MaxMonthlyCost: dec("10"), WarnMonthlyCost: dec("10")}, false, nil},
		{"on_error pass", Policy{Organization: "acme", OnError: "pass"}, false, nil},
		{"global default from configuration", Policy{MaxIncreasePercent: dec("50")}, true, nil},

		{"organization missing", Policy{WorkspaceName: str("web")}, false, []string{"organization"}},
		{"organization missing even for config when scoped", Policy{WorkspaceName: str("web")}, true, []string{"organization"}},
		{"global not allowed from API", Policy{MaxIncreasePercent: dec("50")}, false, []string{"organization"}},
		{"organization spaces", Policy{Organization: " acme"}, false, []string{"organization"}},
		{"two workspace fields", Policy{Organization: "acme", WorkspaceID: str("ws-1"), WorkspaceName: str("web")}, false, []string{"workspace_name"}},
		{"three workspace fields", Policy{Organization: "acme", WorkspaceID: str("ws-1"), WorkspaceName: str("web"), WorkspacePattern: str("w*")}, false, []string{"workspace_name", "workspace_pattern"}},
		{"empty workspace name", Policy{Organization: "acme", WorkspaceName: str("")}, false, []string{"workspace_name"}},
		{"bad glob", Policy{Organization: "acme", WorkspacePattern: str("web-[")}, false, []string{"workspace_pattern"}},
		{"bad glob range", Policy{Organization: "acme", WorkspacePattern: str("[z-")}, false, []string{"workspace_pattern"}},
		{"bad glob escape", Policy{Organization: "acme", WorkspacePattern: str(`web\`)}, false, []string{"workspace_pattern"}},
		{"negative amounts", Policy{Organization: "acme", MaxMonthlyCost: dec("-1"), WarnIncreasePercent: dec("-0.5")}, false, []string{"max_monthly_cost", "warn_increase_percent"}},
		{"warn above max cost", Policy{Organization: "acme", MaxMonthlyCost: dec("100"), WarnMonthlyCost: dec("100.01")}, false, []string{"warn_monthly_cost"}},
		{"warn above max increase", Policy{Organization: "acme", MaxMonthlyIncrease: dec("5"), WarnMonthlyIncrease: dec("6")}, false, []string{"warn_monthly_increase"}},
		{"warn above max percent", Policy{Organization: "acme", MaxIncreasePercent: dec("5"), WarnIncreasePercent: dec("6")}, false, []string{"warn_increase_percent"}},
		{"org budget on workspace", Policy{Organization: "acme", WorkspaceName: str("web"), OrganizationMonthlyBudget: dec("1")}, false, []string{"organization_monthly_budget"}},
		{"org budget on global", Policy{OrganizationMonthlyBudget: dec("1")}, true, []string{"organization_monthly_budget"}},
		{"bad on_error", Policy{Organization: "acme", OnError: "ignore"}, false, []string{"on_error"}},
		{"name too long", Policy{Organization: "acme", WorkspaceName: str(strings.Repeat("w", 256))}, false, []string{"workspace_name"}},
		{"control character", Policy{Organization: "ac\nme"}, false, []string{"organization"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.p, ValidateOptions{AllowGlobal: tt.global})
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			v, ok := AsValidationError(err)
			if !ok {
				t.Fatalf("want field errors on %v, got %v", tt.fields, err)
			}
			var got []string
			for _, f := range v.Fields {
				got = append(got, f.Field)
			}
			if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
				t.Errorf("fields with errors = %v, want %v (%v)", got, tt.fields, err)
			}
		})
	}
}
