// Package estimator turns a Terraform plan into a priced estimate: it walks
// the resource changes, resolves each resource's region, asks the per-type
// definitions (estimator/aws, google, azure) for cost components, resolves all
// price queries in one batch through a pricing.Catalog and builds the diff.
// It must not import the database or HTTP packages.
package estimator
