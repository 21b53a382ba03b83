// Package reliability holds the fault, attack and hostile-input tests of
// costgate: the real binary against real Postgres and the fake TFC, killed,
// restarted, cut off from its database or callback endpoint, run twice on
// one database, and fed forged URLs and broken plans. docs/reliability.md
// lists each scenario, its test and its result.
package reliability
