package check

import (
	"errors"
	"math"
	"testing"
)

// TestPass is the truth table of each comparison rule at, just inside and
// just outside its boundary, and for values that never pass (NaN, ±Inf).
func TestPass(t *testing.T) {
	const eps = 1e-9
	for _, tc := range []struct {
		name  string
		c     Case
		model float64
		want  bool
	}{
		{"within inside", Case{Published: 10, Compare: Within, Tol: 2}, 11.9, true},
		{"within at bound", Case{Published: 10, Compare: Within, Tol: 2}, 8, true},
		{"within above", Case{Published: 10, Compare: Within, Tol: 2}, 12 + eps, false},
		{"within below", Case{Published: 10, Compare: Within, Tol: 2}, 8 - eps, false},
		{"within zero tol exact", Case{Published: 3, Compare: Within, Tol: 0}, 3, true},
		{"within zero tol off", Case{Published: 3, Compare: Within, Tol: 0}, 3 + eps, false},
		{"rel inside", Case{Published: -200, Compare: RelWithin, Tol: 0.1}, -181, true},
		{"rel outside", Case{Published: -200, Compare: RelWithin, Tol: 0.1}, -179, false},
		{"rel outside high", Case{Published: 200, Compare: RelWithin, Tol: 0.1}, 221, false},
		{"factor low bound", Case{Published: 60, Compare: Factor, Tol: 2}, 30, true},
		{"factor high bound", Case{Published: 60, Compare: Factor, Tol: 2}, 120, true},
		{"factor under", Case{Published: 60, Compare: Factor, Tol: 2}, 30 - eps, false},
		{"factor over", Case{Published: 60, Compare: Factor, Tol: 2}, 120 + 1e-6, false},
		{"atmost under", Case{Published: 72, Compare: AtMost, Tol: 0}, 60, true},
		{"atmost over", Case{Published: 72, Compare: AtMost, Tol: 0}, 72 + eps, false},
		{"atmost with tol", Case{Published: 72, Compare: AtMost, Tol: 5}, 77, true},
		{"atleast over", Case{Published: 24, Compare: AtLeast, Tol: 0}, 30, true},
		{"atleast under", Case{Published: 24, Compare: AtLeast, Tol: 0}, 24 - eps, false},
		{"atleast with tol", Case{Published: 24, Compare: AtLeast, Tol: 4}, 20, true},
		{"nan", Case{Published: 1, Compare: AtMost, Tol: 1e9}, math.NaN(), false},
		{"+inf atleast", Case{Published: 1, Compare: AtLeast, Tol: 0}, math.Inf(1), false},
		{"-inf atmost", Case{Published: 1, Compare: AtMost, Tol: 0}, math.Inf(-1), false},
		{"unknown rule", Case{Published: 1, Compare: Compare(99), Tol: 1}, 1, false},
	} {
		if got := tc.c.Pass(tc.model); got != tc.want {
			t.Errorf("%s: Pass(%v) with published %v, %s = %v, want %v", tc.name, tc.model, tc.c.Published, tc.c.Tolerance(), got, tc.want)
		}
	}
}

// TestRunStatus: a passing, a failing, an erroring and a data-less case get
// their own status, and a failed case keeps the model's value.
func TestRunStatus(t *testing.T) {
	val := func(v float64, err error) func(Env) (float64, error) {
		return func(Env) (float64, error) { return v, err }
	}
	c := Case{Published: 5, Compare: Within, Tol: 1}
	for _, tc := range []struct {
		run  func(Env) (float64, error)
		want Status
	}{
		{val(5.5, nil), Passed},
		{val(7, nil), Failed},
		{val(0, errors.New("boom")), Errored},
		{val(0, ErrNoData), Skipped},
	} {
		c.Run = tc.run
		r := Run(c, Env{})
		if r.Status != tc.want {
			t.Errorf("status %s, want %s", r.Status, tc.want)
		}
		if tc.want == Failed && r.Model != 7 {
			t.Errorf("failed case lost its model value: %v", r.Model)
		}
	}
}
