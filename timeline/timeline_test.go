package timeline

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
	"pgregory.net/rapid"
)

// u is the value whose yearly probability of attack is p.
func u(p float64) float64 { return distuv.UnitNormal.Quantile(p) }

func solve(t testing.TB, in *Input) *Result {
	t.Helper()
	r, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestStaticIsTheGame: with nothing changing, the timeline gives the
// deterrence game's own answer, P(attack by year y) = 1 − (1 − P)^y (the
// game's overYears), whatever the look-ahead: no moment is better than
// another.
func TestStaticIsTheGame(t *testing.T) {
	for _, p := range []float64{1e-12, 1e-6, 0.01, 0.2, 0.7, 0.999, 1 - 1e-12} {
		for _, k := range []int{0, 12, 36} {
			r := solve(t, &Input{Knots: []Knot{{0, u(p)}, {60, u(p)}}, Months: 120, Discount: 0.9, Lookahead: k})
			for y, got := range r.ByYear {
				want := 1 - math.Pow(1-p, float64(y+1))
				if math.Abs(got-want) > 1e-9*math.Max(1, 1/p) && math.Abs(got-want) > 1e-9 {
					t.Errorf("P=%g K=%d: by year %d %.12f, want %.12f", p, k, y+1, got, want)
				}
			}
		}
	}
}

// TestWindowOfVulnerability: a force that arrives at month 3 makes the
// yearly probability fall from 0.6 to 0.05; an attacker that can choose
// when has no reason to wait for that, so the hazard is highest before it
// arrives (Fearon 1995 and Powell 2006: a closing window invites a
// preventive attack), and the same as the myopic attacker's throughout.
func TestWindowOfVulnerability(t *testing.T) {
	r := solve(t, &Input{Knots: []Knot{{0, u(0.6)}, {3, u(0.6)}, {4, u(0.05)}}, Months: 120, Discount: 0.9, Lookahead: 36})
	if r.Peak > 3 {
		t.Errorf("peak hazard in month %d, want before the force arrives (month 3)", r.Peak)
	}
	for m := range r.Hazard {
		if r.Waiting[m] || math.Abs(r.Hazard[m]-r.Myopic[m]) > 1e-15 {
			t.Fatalf("month %d: the attacker waits (%g against myopic %g) although waiting only gets worse", m, r.Hazard[m], r.Myopic[m])
		}
	}
	if !(r.Hazard[0] > 5*r.Hazard[12]) {
		t.Errorf("hazard month 0 %g, month 12 %g: the window does not show", r.Hazard[0], r.Hazard[12])
	}
}

// TestWithdrawal: a guarantor leaving in month w raises the yearly
// probability from p0 to p1 from then on. The hazard from month w on is
// the higher one's and never lower than without the withdrawal; before
// w − K it is exactly as without (nothing to anticipate yet); in the K
// months before w it may only fall (anticipation: a resolved attacker
// waits for the guarantor to leave, Powell 2006), never rise.
func TestWithdrawal(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		p0 := rapid.Float64Range(0.001, 0.9).Draw(rt, "p0")
		p1 := rapid.Float64Range(p0, 0.999).Draw(rt, "p1")
		w := rapid.IntRange(2, 100).Draw(rt, "month")
		k := rapid.IntRange(0, 48).Draw(rt, "lookahead")
		d := rapid.Float64Range(0.5, 0.99).Draw(rt, "discount")
		base, err := Solve(&Input{Knots: []Knot{{0, u(p0)}}, Months: 120, Discount: d, Lookahead: k})
		if err != nil {
			rt.Fatal(err)
		}
		with, err := Solve(&Input{Knots: []Knot{{0, u(p0)}, {float64(w - 1), u(p0)}, {float64(w), u(p1)}}, Months: 120, Discount: d, Lookahead: k})
		if err != nil {
			rt.Fatal(err)
		}
		for m := range base.Hazard {
			switch {
			case m >= w && with.Hazard[m] < base.Hazard[m]-1e-12:
				rt.Fatalf("month %d after the withdrawal: hazard %g below %g without it", m, with.Hazard[m], base.Hazard[m])
			case m < w-k-1 && math.Abs(with.Hazard[m]-base.Hazard[m]) > 1e-12:
				rt.Fatalf("month %d, long before the withdrawal: hazard %g, %g without it", m, with.Hazard[m], base.Hazard[m])
			case m < w && with.Hazard[m] > base.Hazard[m]+1e-12:
				rt.Fatalf("month %d before the withdrawal: hazard %g above %g without it", m, with.Hazard[m], base.Hazard[m])
			}
		}
	})
}

// TestReconstitution: an attacker that rebuilds (its yearly probability
// rising from p0 to p1 over R months) makes the hazard higher than if it
// did not, once it has rebuilt; faster rebuilding (R shorter) never lowers
// the myopic hazard in any month and never lowers P(attack by the end of
// the horizon). Before then, an attacker that can choose when may wait for
// its strength (playing for time): the early hazard falls, which the docs
// explain.
func TestReconstitution(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		p0 := rapid.Float64Range(0.001, 0.8).Draw(rt, "p0")
		p1 := rapid.Float64Range(p0, 0.99).Draw(rt, "p1")
		slow := rapid.IntRange(2, 72).Draw(rt, "slow")
		fast := rapid.IntRange(1, slow-1).Draw(rt, "fast")
		k := rapid.IntRange(0, 36).Draw(rt, "lookahead")
		run := func(r int) *Result {
			res, err := Solve(&Input{Knots: []Knot{{0, u(p0)}, {float64(r), u(p1)}}, Months: 120, Discount: 0.9, Lookahead: k})
			if err != nil {
				rt.Fatal(err)
			}
			return res
		}
		s, f := run(slow), run(fast)
		for m := range s.Myopic {
			if f.Myopic[m] < s.Myopic[m]-1e-12 {
				rt.Fatalf("month %d: faster rebuilding lowers the myopic hazard (%g < %g)", m, f.Myopic[m], s.Myopic[m])
			}
		}
		if last := len(s.ByYear) - 1; f.ByYear[last] < s.ByYear[last]-1e-9 {
			rt.Fatalf("faster rebuilding lowers P(attack by the horizon): %g < %g", f.ByYear[last], s.ByYear[last])
		}
	})
}

// TestValidate: bad inputs are errors, not panics.
func TestValidate(t *testing.T) {
	for _, in := range []Input{
		{Months: 120, Discount: 0.9},
		{Knots: []Knot{{1, 0.5}}, Months: 120, Discount: 0.9},
		{Knots: []Knot{{0, math.Inf(1)}}, Months: 120, Discount: 0.9},
		{Knots: []Knot{{0, 0.5}, {0, 0.5}}, Months: 120, Discount: 0.9},
		{Knots: []Knot{{0, 0.5}}, Months: 6, Discount: 0.9},
		{Knots: []Knot{{0, 0.5}}, Months: 120, Discount: 1},
		{Knots: []Knot{{0, math.NaN()}}, Months: 120, Discount: 0.9},
		{Knots: []Knot{{0, 0.5}}, Months: 120, Discount: 0.9, Lookahead: -1},
	} {
		if _, err := Solve(&in); err == nil {
			t.Errorf("%+v: no error", in)
		}
	}
}
