// Package checktest runs validation cases as Go subtests.
package checktest

import (
	"testing"

	"deter/check"
)

// Run runs each case as a subtest: skipped when its reference data is
// absent, failed with the published value, source and tolerance otherwise.
func Run(t *testing.T, cases []check.Case) {
	t.Helper()
	env := check.Env{DataDir: check.FindData()}
	for _, c := range cases {
		t.Run(c.ID, func(t *testing.T) {
			r := check.Run(c, env)
			switch r.Status {
			case check.Skipped:
				t.Skip(r.Detail)
			case check.Passed:
				t.Logf("%s: model %.6g vs published %.6g (%s; %s)", c.What, r.Model, c.Published, c.Tolerance(), c.Source)
			default:
				t.Errorf("%s: model %.6g vs published %.6g, tolerance %s (%s): %s %s", c.What, r.Model, c.Published, c.Tolerance(), c.Source, r.Status, r.Detail)
			}
		})
	}
}
