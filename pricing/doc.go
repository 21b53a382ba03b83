// Package pricing owns the price vocabulary, the Catalog (a batch price
// lookup with a Postgres and an in-memory implementation), the normalised
// price-file format of pricing-data/, and the importers of official vendor
// price formats. It must not import Echo or the estimator.
package pricing
