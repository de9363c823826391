package sweep

import (
	"context"
	"slices"
	"testing"

	"deter/engine"
	"deter/internal/scenariotest"
)

// TestSwitchOver: every switch-over value found really is one: with the
// input just on the median's side of it the verdict is the medians', just
// beyond it the verdict flips (others at their medians); and the list
// puts the inputs nearest their median first.
func TestSwitchOver(t *testing.T) {
	s := scenariotest.Shipped(t, "ukraine-2025.yaml")
	p, err := NewPlan(s, 3)
	if err != nil {
		t.Fatal(err)
	}
	m, err := PackageOutput("capacity-building", "p_attack_1y")
	if err != nil {
		t.Fatal(err)
	}
	const thr = 0.5
	sw, y0, err := p.SwitchOver(context.Background(), m, thr)
	if err != nil {
		t.Fatal(err)
	}
	names := p.Inputs()
	found := 0
	for j, w := range sw {
		if !w.Found {
			continue
		}
		found++
		if j > 0 && sw[j-1].Found && abs(sw[j-1].Quantile-0.5) > abs(w.Quantile-0.5) {
			t.Errorf("%s listed after a switch farther from its median", w.Input)
		}
		i := slices.Index(names, w.Input)
		side := func(q float64) bool {
			u := make([]float64, len(names))
			for k := range u {
				u[k] = 0.5
			}
			u[i] = q
			res, err := engine.Run(context.Background(), p.DrawAt(u), engine.Options{Seed: p.Seed, ClosedForm: true})
			if err != nil {
				t.Fatal(err)
			}
			y, err := m(res)
			if err != nil {
				t.Fatal(err)
			}
			return y >= thr
		}
		toward := w.Quantile + 1e-4
		beyond := w.Quantile - 1e-4
		if w.Quantile > 0.5 {
			toward, beyond = beyond, toward
		}
		if side(toward) != (y0 >= thr) || side(beyond) == (y0 >= thr) {
			t.Errorf("%s: no flip at quantile %v (value %v)", w.Input, w.Quantile, w.Value)
		}
	}
	if found == 0 {
		t.Fatalf("no input flips capacity-building's verdict (P(attack) %.2f at the medians): the test needs one", y0)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
