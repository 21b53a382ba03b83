// Package archtest holds the test that keeps the package layering of
// DESIGN.md ("Packages"): which packages must not import the database,
// HTTP, Echo or the estimator.
package archtest
