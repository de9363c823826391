// Package scenario is the scenario format of deter: the Go types of one
// YAML scenario file (actors, theatre, guarantee packages and their
// mechanisms, model coefficients, the design space), strict loading with
// every error reported at once by file, line, column and field path,
// validation, the format's defaults (the def= rules of the struct tags,
// see WithDefaults), its JSON Schema and field reference, and uncertain
// values (Value: a number, or a distribution with its source).
//
// The struct tags in types.go and mechanisms.go are the single source of
// truth for loading, validation, defaults, the schema and docs/scenario.md.
//
// It is not a model: nothing here decides deterrence, a campaign,
// acceptability or cost. The models take plain input structs and never
// import this package; engine maps a Scenario onto them.
package scenario
