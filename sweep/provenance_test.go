package sweep

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// TestRanks: ties take their mean rank; NaN ranks above every number.
func TestRanks(t *testing.T) {
	got := ranks([]float64{3, 1, 3, math.NaN(), 2})
	want := []float64{3.5, 1, 3.5, 5, 2}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("ranks = %v, want %v", got, want)
		}
	}
}

// TestAdjR2: the rank regression recovers a known split of variance. With
// y = 2·x1 + x2 + small noise (x1, x2 independent uniforms), x1 alone
// explains 4/5 of the variance and x2 alone 1/5 (the rank transform of a
// near-linear relation keeps these within a few points); a column of pure
// noise explains none; a constant column is ignored, not fatal.
func TestAdjR2(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const n = 2000
	x1, x2, noise, constant, y := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		x1[i], x2[i], noise[i], constant[i] = r.Float64(), r.Float64(), r.Float64(), 3
		y[i] = 2*x1[i] + x2[i] + 0.01*r.NormFloat64()
	}
	yr := ranks(y)
	for _, c := range []struct {
		name   string
		cols   [][]float64
		want   float64
		within float64
	}{
		{"x1", [][]float64{ranks(x1)}, 0.8, 0.05},
		{"x2", [][]float64{ranks(x2)}, 0.2, 0.05},
		{"noise", [][]float64{ranks(noise)}, 0, 0.01},
		{"x1 and x2 and a constant", [][]float64{ranks(x1), ranks(x2), constant}, 0.98, 0.02},
	} {
		if got := adjR2(yr, c.cols); math.Abs(got-c.want) > c.within {
			t.Errorf("%s: adjusted R² %.3f, want %.2f ± %.2f", c.name, got, c.want, c.within)
		}
	}
	// The standardised coefficients: for independent inputs, SRRC² is the
	// input's share, so 2/√5 = 0.894 and 1/√5 = 0.447; noise near 0.
	_, b := regress(yr, [][]float64{ranks(noise), ranks(x2), ranks(x1)})
	for i, want := range []float64{0, 1 / math.Sqrt(5), 2 / math.Sqrt(5)} {
		if math.Abs(b[i]-want) > 0.04 {
			t.Errorf("SRRC %d = %.3f, want %.3f ± 0.04", i, b[i], want)
		}
	}
	if got := adjR2(make([]float64, n), [][]float64{x1}); got != 0 {
		t.Errorf("a constant output: R² %g, want 0", got)
	}
}

// TestProvenanceShares: every package and headline gets a share per group
// in [0, 1] (or -1 for an empty group), reproducibly.
func TestProvenanceShares(t *testing.T) {
	p, err := NewPlan(load(t), 3)
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.Compare(context.Background(), 40, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Provenance) != len(c.Packages)*len(Headlines) {
		t.Fatalf("%d shares for %d packages", len(c.Provenance), len(c.Packages))
	}
	for _, s := range c.Provenance {
		if len(s.Groups) != len(Provenance) {
			t.Fatalf("%s %s: %d groups", s.Package, s.Output, len(s.Groups))
		}
		for _, g := range append(s.Groups, s.All) {
			if g != -1 && (g < 0 || g > 1) {
				t.Errorf("%s %s: share %g", s.Package, s.Output, g)
			}
		}
	}
	d, err := p.Compare(context.Background(), 40, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i := range c.Provenance {
		for g := range c.Provenance[i].Groups {
			if c.Provenance[i].Groups[g] != d.Provenance[i].Groups[g] {
				t.Fatal("shares depend on the number of workers")
			}
		}
	}
}
