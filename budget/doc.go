// Package budget turns an estimate into a decision: it holds budget policies
// (thresholds per workspace, organization and global default), resolves which
// one applies to a run, decides passed or failed with reasons people can act
// on, and builds the message and outcomes reported to TFC.
//
// The package is pure: no database, no HTTP. The rules it implements are
// written down in docs/budgets.md.
package budget
