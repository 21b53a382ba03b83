package budget

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"go.yaml.in/yaml/v3"
)

// maxFileBytes bounds the budgets file; thousands of policies fit easily.
const maxFileBytes = 4 << 20

// FileIDPrefix starts the id of every policy read from the budgets file.
const FileIDPrefix = "file:"

// File is the declarative budgets file (COSTGATE_BUDGETS_FILE): an optional
// global default and a list of policies, with the JSON field names.
//
//	default:
//	  on_error: fail
//	policies:
//	  - organization: acme
//	    organization_monthly_budget: "50000"
//	  - organization: acme
//	    workspace_name: web-prod
//	    max_monthly_cost: "2500"
type File struct {
	// Default is the global default policy (no organization), or nil.
	Default *Policy
	// Policies are validated, normalized, with ids derived from their scope
	// ("file:acme:name:web-prod") and Source "file".
	Policies []Policy
}

// All returns the default (if any) followed by the policies.
func (f File) All() []Policy {
	var out []Policy
	if f.Default != nil {
		out = append(out, *f.Default)
	}
	return append(out, f.Policies...)
}

// LoadFile reads and validates the budgets file at path.
func LoadFile(path string) (File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return File{}, fmt.Errorf("opening budgets file: %w", err)
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxFileBytes+1))
	if err != nil {
		return File{}, fmt.Errorf("reading budgets file %s: %w", path, err)
	}
	if len(data) > maxFileBytes {
		return File{}, fmt.Errorf("budgets file %s is larger than %d bytes", path, maxFileBytes)
	}
	f, err := ParseFile(data)
	if err != nil {
		return File{}, fmt.Errorf("budgets file %s: %w", path, err)
	}
	return f, nil
}

// ParseFile parses and validates a budgets file. Every error names the entry
// (policies[i], line n) and the field.
func ParseFile(data []byte) (File, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return File{}, nil // an empty file declares nothing
		}
		return File{}, fmt.Errorf("not valid YAML: %w", err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return File{}, nil
	}
	if root.Kind != yaml.MappingNode {
		return File{}, fmt.Errorf("line %d: want a mapping with `default` and `policies`", root.Line)
	}

	var f File
	var errs []error
	seen := map[string]string{} // scope key → where it was declared
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, value := root.Content[i], root.Content[i+1]
		switch key.Value {
		case "default":
			p, err := filePolicy(value, "default", true)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if p.Organization != "" || p.WorkspaceID != nil || p.WorkspaceName != nil || p.WorkspacePattern != nil {
				errs = append(errs, fmt.Errorf("default (line %d): the global default has no organization or workspace; put scoped policies under `policies`", value.Line))
				continue
			}
			f.Default = &p
		case "policies":
			if value.Kind == yaml.ScalarNode && value.ShortTag() == "!!null" {
				continue
			}
			if value.Kind != yaml.SequenceNode {
				errs = append(errs, fmt.Errorf("policies (line %d): want a list of policies", value.Line))
				continue
			}
			for j, item := range value.Content {
				where := fmt.Sprintf("policies[%d] (line %d)", j, item.Line)
				p, err := filePolicy(item, where, false)
				if err != nil {
					errs = append(errs, err)
					continue
				}
				if prev, dup := seen[p.ScopeKey()]; dup {
					errs = append(errs, fmt.Errorf("%s: same scope as %s (%s); merge them", where, prev, p.ScopeKey()))
					continue
				}
				seen[p.ScopeKey()] = where
				f.Policies = append(f.Policies, p)
			}
		default:
			errs = append(errs, fmt.Errorf("line %d: unknown key %q (want `default` or `policies`)", key.Line, key.Value))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return File{}, err
	}
	return f, nil
}

func filePolicy(node *yaml.Node, where string, global bool) (Policy, error) {
	raw, err := yamlRaw(node)
	if err != nil {
		return Policy{}, fmt.Errorf("%s: %w", where, err)
	}
	for _, field := range []string{"id", "source"} {
		if _, ok := raw[field]; ok {
			return Policy{}, fmt.Errorf("%s: %s: is derived in a budgets file; remove it", where, field)
		}
	}
	p, err := fromRaw(raw)
	if err == nil {
		err = Validate(p, ValidateOptions{AllowGlobal: global})
	}
	if err != nil {
		return Policy{}, fmt.Errorf("%s: %w", where, err)
	}
	p.Normalize()
	p.Source = SourceFile
	p.ID = FileIDPrefix + p.ScopeKey()
	if global {
		p.ID = FileIDPrefix + "default"
	}
	return p, nil
}
