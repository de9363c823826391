package bargain

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// TestPreventiveWarDefinition checks PreventiveWar against its defining
// inequality, evaluated directly: war pays iff d_t/(1−δ) − c exceeds
// 1 + δ(d_{t+1}/(1−δ) − c).
func TestPreventiveWarDefinition(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d0 := rapid.Float64Range(0, 1).Draw(t, "now")
		d1 := rapid.Float64Range(0, 1).Draw(t, "next")
		delta := rapid.Float64Range(0.01, 0.99).Draw(t, "delta")
		c := rapid.Float64Range(0, 5).Draw(t, "cost")
		s, err := PreventiveWar(d0, d1, delta, c)
		if err != nil {
			t.Fatal(err)
		}
		lhs := d0/(1-delta) - c
		rhs := 1 + delta*(d1/(1-delta)-c)
		if math.Abs((lhs-rhs)-s.Motive) > 1e-9*(1+math.Abs(lhs)) {
			t.Fatalf("motive %v, definition gives %v", s.Motive, lhs-rhs)
		}
	})
}

// TestPreventiveWarQualitative: Powell's (2006) qualitative results. No
// shift, no war (Fearon 1995); a large, rapid decline brings war when war
// is cheap; higher costs of war prevent it; a slower decline (the same
// fall spread out) weakens the motive.
func TestPreventiveWarQualitative(t *testing.T) {
	must := func(d0, d1, delta, c float64) Shift {
		s, err := PreventiveWar(d0, d1, delta, c)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, d := range []float64{0, 0.3, 0.7, 1} {
		if s := must(d, d, 0.9, 0); s.War {
			t.Errorf("no shift (d = %v): war pays, motive %v", d, s.Motive)
		}
	}
	if s := must(0.8, 0.3, 0.9, 0.5); !s.War {
		t.Errorf("decline 0.8 → 0.3 at δ 0.9, cost 0.5: no war (motive %v)", s.Motive)
	}
	if s := must(0.8, 0.3, 0.9, 50); s.War {
		t.Errorf("the same with cost 50: war pays (motive %v)", s.Motive)
	}
	fast, slow := must(0.8, 0.3, 0.9, 1), must(0.8, 0.55, 0.9, 1)
	if !(fast.Motive > slow.Motive) {
		t.Errorf("a faster decline should give a stronger motive: %v vs %v", fast.Motive, slow.Motive)
	}
	for _, bad := range [][4]float64{{-0.1, 0.5, 0.9, 1}, {0.5, 0.5, 1, 1}, {0.5, 0.5, 0.9, -1}, {math.NaN(), 0.5, 0.9, 1}} {
		if _, err := PreventiveWar(bad[0], bad[1], bad[2], bad[3]); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}
