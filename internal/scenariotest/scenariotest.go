// Package scenariotest loads the shipped scenarios for tests, whatever the
// test's working directory.
package scenariotest

import (
	"testing"

	"deter/internal/refdata"
	"deter/scenario"
)

// Shipped loads scenarios/name, failing the test if it cannot.
func Shipped(t testing.TB, name string) *scenario.Scenario {
	t.Helper()
	p, err := refdata.Scenario(name)
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenario.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
