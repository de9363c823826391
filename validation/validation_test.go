package validation

import (
	"deter/game"
	"errors"
	"math"
	"os"
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

// TestCases runs every case of All as a subtest: skipped when its reference
// data is absent, failed with the published value, source and tolerance
// otherwise. Every case must say how it relates to the model's calibration,
// and ids must be unique (deter check --model selects by them).
func TestCases(t *testing.T) {
	env := Env{DataDir: FindData()}
	seen := map[string]bool{}
	for _, c := range All() {
		if seen[c.ID] {
			t.Errorf("case id %s registered twice", c.ID)
		}
		seen[c.ID] = true
		switch c.Sample {
		case OutOfSample, InSample, Calibrated:
		default:
			t.Errorf("%s: Sample %q, want out of sample, in sample or calibrated to", c.ID, c.Sample)
		}
		t.Run(c.ID, func(t *testing.T) {
			t.Parallel()
			r := Run(c, env)
			switch r.Status {
			case Skipped:
				t.Skip(r.Detail)
			case Passed:
				t.Logf("%s: model %.6g vs published %.6g (%s; %s; %s)", c.What, r.Model, c.Published, c.Tolerance(), c.Sample, c.Source)
			default:
				t.Errorf("%s: model %.6g vs published %.6g, tolerance %s (%s): %s %s", c.What, r.Model, c.Published, c.Tolerance(), c.Source, r.Status, r.Detail)
			}
		})
	}
}

func TestLoadIwoJimaMissing(t *testing.T) {
	_, err := loadIwo(Env{})
	if !errors.Is(err, ErrNoData) {
		t.Fatalf("err = %v, want ErrNoData", err)
	}
}

// TestJordanMatchesFile: the Jordan game the case builds in code equals
// the shipped testdata/games/jordan3.nfg.
func TestJordanMatchesFile(t *testing.T) {
	b, err := os.ReadFile("../testdata/games/jordan3.nfg")
	if err != nil {
		t.Fatal(err)
	}
	g, err := game.ReadNFG(string(b))
	if err != nil {
		t.Fatal(err)
	}
	j := jordanPennies()
	for idx := range g.Profiles() {
		s := g.Profile(idx)
		for p := range 3 {
			if g.Payoff(s, p).Cmp(j.Payoff(s, p)) != 0 {
				t.Fatalf("profile %v player %d: file %v, code %v", s, p, g.Payoff(s, p), j.Payoff(s, p))
			}
		}
	}
}
