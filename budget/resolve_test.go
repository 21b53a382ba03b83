package budget

import "testing"

func TestResolvePrecedence(t *testing.T) {
	global := Policy{ID: "file:default", Source: SourceFile}
	org := Policy{ID: "org", Organization: "acme", OrganizationMonthlyBudget: dec("50000")}
	otherOrg := Policy{ID: "other-org", Organization: "globex"}
	webStar := Policy{ID: "web-star", Organization: "acme", WorkspacePattern: str("web-*")}
	webProdStar := Policy{ID: "web-prod-star", Organization: "acme", WorkspacePattern: str("web-prod*")}
	starProd := Policy{ID: "star-prod", Organization: "acme", WorkspacePattern: str("*-prod")}
	webQ := Policy{ID: "web-q", Organization: "acme", WorkspacePattern: str("web-pro?")}
	webClass := Policy{ID: "web-class", Organization: "acme", WorkspacePattern: str("web-pro[a-z]")}
	byName := Policy{ID: "by-name", Organization: "acme", WorkspaceName: str("web-prod")}
	byNameOtherOrg := Policy{ID: "by-name-globex", Organization: "globex", WorkspaceName: str("web-prod")}
	byID := Policy{ID: "by-id", Organization: "acme", WorkspaceID: str("ws-1")}
	byNameFile := Policy{ID: "file:acme:name:web-prod", Organization: "acme", WorkspaceName: str("web-prod"), Source: SourceFile}
	byNameAPI := Policy{ID: "0001", Organization: "acme", WorkspaceName: str("web-prod"), Source: SourceAPI}

	run := Run{Organization: "acme", WorkspaceID: "ws-1", WorkspaceName: "web-prod"}
	tests := []struct {
		name     string
		policies []Policy
		run      Run
		want     string // winning id, "" = none
		wantOrg  string
	}{
		{"nothing", nil, run, "", ""},
		{"global only", []Policy{global}, run, "file:default", ""},
		{"organization beats global", []Policy{global, org}, run, "org", "org"},
		{"other organization ignored", []Policy{otherOrg, byNameOtherOrg}, run, "", ""},
		{"pattern beats organization", []Policy{org, webStar, global}, run, "web-star", "org"},
		{"name beats pattern", []Policy{webStar, byName, org}, run, "by-name", "org"},
		{"id beats name", []Policy{byName, byID, webStar, org, global}, run, "by-id", "org"},
		{"id of another workspace ignored", []Policy{byID, org}, Run{Organization: "acme", WorkspaceID: "ws-2", WorkspaceName: "web-prod"}, "org", "org"},
		{"longest literal prefix wins", []Policy{webStar, webProdStar, starProd}, run, "web-prod-star", ""},
		{"longest prefix wins whatever the order", []Policy{webProdStar, starProd, webStar}, run, "web-prod-star", ""},
		{"same prefix: more literal characters wins", []Policy{webClass, webQ}, run, "web-q", ""},
		{"prefix before suffix", []Policy{starProd, webStar}, run, "web-star", ""},
		{"non-matching pattern ignored", []Policy{webStar, org}, Run{Organization: "acme", WorkspaceID: "ws-9", WorkspaceName: "api-prod"}, "org", "org"},
		{"file beats API on the same scope", []Policy{byNameAPI, byNameFile}, run, "file:acme:name:web-prod", ""},
		{"file beats API on the same scope, reversed", []Policy{byNameFile, byNameAPI}, run, "file:acme:name:web-prod", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Resolve(tt.policies, tt.run)
			if got := idOf(res.Policy); got != tt.want {
				t.Errorf("policy = %q, want %q", got, tt.want)
			}
			if got := idOf(res.Organization); got != tt.wantOrg {
				t.Errorf("organization policy = %q, want %q", got, tt.wantOrg)
			}
		})
	}
}

func TestResolveEqualPatternTieBreak(t *testing.T) {
	a := Policy{ID: "a", Organization: "acme", WorkspacePattern: str("web-?rod")}
	b := Policy{ID: "b", Organization: "acme", WorkspacePattern: str("web-p?od")}
	run := Run{Organization: "acme", WorkspaceName: "web-prod"}
	for _, order := range [][]Policy{{a, b}, {b, a}} {
		if got := idOf(Resolve(order, run).Policy); got != "b" {
			t.Errorf("order %s,%s: winner %q, want b (web-p?od has the longer literal prefix)", order[0].ID, order[1].ID, got)
		}
	}
	c := Policy{ID: "c", Organization: "acme", WorkspacePattern: str("web-pro?")}
	d := Policy{ID: "d", Organization: "acme", WorkspacePattern: str("web-pr?d")}
	for _, order := range [][]Policy{{c, d}, {d, c}} {
		if got := idOf(Resolve(order, run).Policy); got != "c" {
			t.Errorf("winner %q, want c (longer literal prefix web-pro)", got)
		}
	}
	e := Policy{ID: "e", Organization: "acme", WorkspacePattern: str("web-*d")}
	f := Policy{ID: "f", Organization: "acme", WorkspacePattern: str("web-*o*")}
	for _, order := range [][]Policy{{e, f}, {f, e}} {
		// Equal prefix (web-) and literal count (5): "web-*d" < "web-*o*".
		if got := idOf(Resolve(order, run).Policy); got != "e" {
			t.Errorf("winner %q, want e (sorts first)", got)
		}
	}
}

func TestLiteralCount(t *testing.T) {
	tests := []struct {
		pattern string
		want    int
	}{
		{"web-*", 4}, {"web-pro?", 7}, {"web-pro[a-z]", 7}, {`web\*`, 4}, {"*", 0}, {"exact", 5},
	}
	for _, tt := range tests {
		if got := literalCount(tt.pattern); got != tt.want {
			t.Errorf("literalCount(%q) = %d, want %d", tt.pattern, got, tt.want)
		}
	}
}

func idOf(p *Policy) string {
	if p == nil {
		return ""
	}
	return p.ID
}
