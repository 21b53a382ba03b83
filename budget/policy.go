package budget

import (
	"github.com/shopspring/decimal"
)

// OnError values: what a policy does when the estimate could not be made.
const (
	OnErrorFail = "fail"
	OnErrorPass = "pass"
)

// Sources of a policy.
const (
	SourceAPI  = "api"  // created through the JSON API, stored in Postgres
	SourceFile = "file" // read from COSTGATE_BUDGETS_FILE; read-only through the API
)

// Policy is one set of thresholds and the scope it applies to. Its JSON (and
// YAML) form is the external contract of DESIGN.md; field names are fixed.
// Every threshold is optional (nil = no limit); amounts are USD per month and
// percentages are percent of the prior monthly cost.
type Policy struct {
	ID string `json:"id"`
	// Organization is empty only for the global default policy.
	Organization     string  `json:"organization"`
	WorkspaceID      *string `json:"workspace_id"`
	WorkspaceName    *string `json:"workspace_name"`
	WorkspacePattern *string `json:"workspace_pattern"`

	MaxMonthlyCost     *decimal.Decimal `json:"max_monthly_cost"`
	MaxMonthlyIncrease *decimal.Decimal `json:"max_monthly_increase"`
	MaxIncreasePercent *decimal.Decimal `json:"max_increase_percent"`

	WarnMonthlyCost     *decimal.Decimal `json:"warn_monthly_cost"`
	WarnMonthlyIncrease *decimal.Decimal `json:"warn_monthly_increase"`
	WarnIncreasePercent *decimal.Decimal `json:"warn_increase_percent"`

	// OrganizationMonthlyBudget is the ceiling for the sum of all the
	// organization's workspaces; only an organization default carries it.
	OrganizationMonthlyBudget *decimal.Decimal `json:"organization_monthly_budget"`

	FailOnUnpriced bool   `json:"fail_on_unpriced"`
	OnError        string `json:"on_error"`

	// Source says where the policy comes from (api or file); output only.
	Source string `json:"source,omitempty"`
}

// ScopeKind is what part of a run a policy's scope matches.
type ScopeKind int

// Scope kinds, from the least to the most specific.
const (
	ScopeGlobal ScopeKind = iota
	ScopeOrganization
	ScopeWorkspacePattern
	ScopeWorkspaceName
	ScopeWorkspaceID
)

func (k ScopeKind) String() string {
	switch k {
	case ScopeGlobal:
		return "global"
	case ScopeOrganization:
		return "organization"
	case ScopeWorkspacePattern:
		return "workspace_pattern"
	case ScopeWorkspaceName:
		return "workspace_name"
	case ScopeWorkspaceID:
		return "workspace_id"
	}
	return "unknown"
}

// Scope returns the kind of the policy's scope and its workspace value
// ("" for organization and global scopes). A policy that sets several
// workspace fields is invalid; Scope then reports the most specific one.
func (p Policy) Scope() (ScopeKind, string) {
	switch {
	case p.WorkspaceID != nil:
		return ScopeWorkspaceID, *p.WorkspaceID
	case p.WorkspaceName != nil:
		return ScopeWorkspaceName, *p.WorkspaceName
	case p.WorkspacePattern != nil:
		return ScopeWorkspacePattern, *p.WorkspacePattern
	case p.Organization != "":
		return ScopeOrganization, ""
	}
	return ScopeGlobal, ""
}

// ScopeKey identifies a scope: two policies with the same key compete for the
// same runs, so only one of them may exist per source. Examples: "acme",
// "acme:name:web-prod", "acme:id:ws-123", "acme:pattern:web-*", "" (global).
func (p Policy) ScopeKey() string {
	kind, value := p.Scope()
	switch kind {
	case ScopeWorkspaceID:
		return p.Organization + ":id:" + value
	case ScopeWorkspaceName:
		return p.Organization + ":name:" + value
	case ScopeWorkspacePattern:
		return p.Organization + ":pattern:" + value
	}
	return p.Organization
}

// DisplayName is how messages name the policy: the workspace name or
// pattern, the workspace id, "acme default" (the organization default; not
// to be confused with the organization budget) or "global default".
func (p Policy) DisplayName() string {
	kind, value := p.Scope()
	switch kind {
	case ScopeWorkspaceID, ScopeWorkspaceName, ScopeWorkspacePattern:
		return value
	case ScopeOrganization:
		return p.Organization + " default"
	}
	return "global default"
}

// onError is the policy's on_error with its default applied.
func (p Policy) onError() string {
	if p.OnError == "" {
		return OnErrorFail
	}
	return p.OnError
}

// Normalize fills defaults so that stored and returned policies are explicit.
func (p *Policy) Normalize() {
	if p.OnError == "" {
		p.OnError = OnErrorFail
	}
}
