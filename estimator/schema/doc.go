// Package schema is the vocabulary shared by the estimator engine and the
// per-resource cost definitions: a resource's attribute values as read from a
// plan, its usage, and the cost components it declares. Resource definitions
// (estimator/aws, estimator/google, estimator/azure) read attributes into
// components here; they do no I/O and know nothing of the catalog.
package schema
