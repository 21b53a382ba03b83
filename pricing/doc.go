// Package pricing owns the price vocabulary, the Catalog (a batch price
// lookup with a Postgres and an in-memory implementation), the normalised
// price-file format of pricing-data/, the loader of those files into
// Postgres and the catalog status. Importers of official vendor price
// formats live in pricing/importer/*. It must not import Echo or the estimator.
//
// # Matching
//
// A Query matches a price row when:
//   - provider, service and region are equal (an empty region matches only
//     global products, whose region is empty);
//   - purchase option and tier start are equal, after defaults (on_demand,
//     tier "0"; tier starts compare as numbers, so "0" equals "0.0");
//   - family, unit, term length, term purchase option and term offering
//     class are equal when the query sets them (empty = any);
//   - the product's attributes include every attribute of the query with
//     exactly that value (JSON containment).
//
// A query whose tier start is not a number, or whose text is not valid UTF-8
// or holds a NUL, matches nothing (no price can hold such text).
//
// # Choosing among several matching prices
//
// Both catalogs apply the same rule (docs/engineering.md), in this order:
//  1. the latest effective date wins (newer sources supersede older ones;
//     Answer.Source names the source used);
//  2. among rows of that date, the highest USD wins (a gate never
//     under-estimates);
//  3. then the smallest SKU, then the smallest source name, then the
//     smallest unit, comparing bytes (Postgres collation "C"), so the answer
//     is the same whatever order the rows were loaded in.
//
// Answer.Matches counts every matching row (all dates); Answer.Ambiguous is
// true when rows of the winning date disagree on the price. A query with no
// match gets an Answer with Found false and every other field zero.
//
// # Catalog storage
//
// Postgres: tables price_sources, price_products and prices (migration
// 0010), the lookup function price_lookup and its attribute statistics
// (0011). Load replaces one source's rows in one transaction, so readers see
// the old or the new catalog, never half. Index choice and measured figures:
// docs/pricing-catalog.md.
package pricing
