package budget

import (
	"path"
	"strings"
)

// Run is what the decision needs to know about the run being judged.
type Run struct {
	Organization  string
	WorkspaceID   string
	WorkspaceName string
	Stage         string // pre_plan, post_plan, pre_apply, post_apply
	Speculative   bool
}

// Resolution is which policies apply to a run.
type Resolution struct {
	// Policy is the most specific policy matching the run; it applies whole
	// (thresholds are not merged across levels). Nil when none matches.
	Policy *Policy
	// Organization is the run's organization default, which carries the
	// organization budget whatever policy won; nil when there is none.
	Organization *Policy
}

// Resolve picks the policies that apply to a run. Precedence, most specific
// first: workspace id, exact workspace name, workspace pattern, organization
// default, global default. Among matching patterns the longest literal
// prefix wins, then the most literal characters, then the pattern that
// sorts first. When two policies have the same scope (one from the file, one
// from the API), the file's wins; then the smallest id.
func Resolve(policies []Policy, run Run) Resolution {
	var res Resolution
	for i := range policies {
		p := &policies[i]
		if !matches(*p, run) {
			continue
		}
		if res.Policy == nil || moreSpecific(*p, *res.Policy) {
			res.Policy = p
		}
		if kind, _ := p.Scope(); kind == ScopeOrganization {
			if res.Organization == nil || moreSpecific(*p, *res.Organization) {
				res.Organization = p
			}
		}
	}
	return res
}

func matches(p Policy, run Run) bool {
	kind, value := p.Scope()
	if kind == ScopeGlobal {
		return true
	}
	if p.Organization != run.Organization {
		return false
	}
	switch kind {
	case ScopeWorkspaceID:
		return value == run.WorkspaceID
	case ScopeWorkspaceName:
		return value == run.WorkspaceName
	case ScopeWorkspacePattern:
		ok, err := path.Match(value, run.WorkspaceName)
		return err == nil && ok
	}
	return true
}

// moreSpecific reports whether a beats b for the same run.
func moreSpecific(a, b Policy) bool {
	ka, va := a.Scope()
	kb, vb := b.Scope()
	if ka != kb {
		return ka > kb
	}
	if ka == ScopeWorkspacePattern && va != vb {
		pa, pb := literalPrefix(va), literalPrefix(vb)
		if pa != pb {
			return pa > pb
		}
		la, lb := literalCount(va), literalCount(vb)
		if la != lb {
			return la > lb
		}
		return va < vb
	}
	if (a.Source == SourceFile) != (b.Source == SourceFile) {
		return a.Source == SourceFile
	}
	return a.ID < b.ID
}

const globMeta = `*?[\`

// literalPrefix is the number of bytes before the first glob metacharacter.
func literalPrefix(pattern string) int {
	if i := strings.IndexAny(pattern, globMeta); i >= 0 {
		return i
	}
	return len(pattern)
}

// literalCount is the number of bytes that match only themselves.
func literalCount(pattern string) int {
	n := 0
	for i := 0; i < len(pattern); i++ {
		switch pattern[i] {
		case '*', '?':
		case '\\':
			if i+1 < len(pattern) {
				i++
				n++
			}
		case '[':
			// A class matches one character among several: not literal.
			for i < len(pattern) && pattern[i] != ']' {
				i++
			}
		default:
			n++
		}
	}
	return n
}
