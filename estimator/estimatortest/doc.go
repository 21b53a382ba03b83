// Package estimatortest holds what the tests of the resource definitions
// (estimator/aws, estimator/azure, estimator/google) share: the embedded
// price files of one provider, pricing a focused plan as `costgate
// estimate` does, and checking the priced resources against figures worked
// out by hand from real price rows.
package estimatortest
