// Package azure declares the cost components of azure Terraform resource types:
// one file per resource type, one line per type in Resources.
package azure

import "github.com/costgate/costgate/estimator/schema"

// Resources lists the priced resource types of this provider.
func Resources() []schema.ResourceType {
	return []schema.ResourceType{}
}

// FreeTypes lists resource types that cost nothing by themselves (IAM,
// networking glue, policies ...), so "unsupported" keeps meaning "unknown".
func FreeTypes() []string {
	return []string{}
}
