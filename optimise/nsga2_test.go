package optimise

import (
	"math"
	"testing"
)

// zdt returns the ZDT test problems of Zitzler, Deb and Thiele (2000),
// "Comparison of multiobjective evolutionary algorithms: empirical
// results", Evolutionary Computation 8(2):173-195, with n = 30 variables,
// and a dense sample of their known Pareto fronts (g = 1):
//
//	ZDT1: f2 = 1 − √f1            ZDT2: f2 = 1 − f1²
//	ZDT3: f2 = 1 − √f1 − f1·sin(10π f1), on its five disconnected pieces
func zdt(which int) (Problem, [][]float64) {
	const n = 30
	p := Problem{Dim: n, Objectives: 2, Evaluate: func(xs [][]float64) ([][]float64, error) {
		out := make([][]float64, len(xs))
		for i, x := range xs {
			s := 0.0
			for _, v := range x[1:] {
				s += v
			}
			g := 1 + 9*s/(n-1)
			f1 := x[0]
			var h float64
			switch which {
			case 1:
				h = 1 - math.Sqrt(f1/g)
			case 2:
				h = 1 - (f1/g)*(f1/g)
			case 3:
				h = 1 - math.Sqrt(f1/g) - f1/g*math.Sin(10*math.Pi*f1)
			}
			out[i] = []float64{f1, g * h}
		}
		return out, nil
	}}
	var ref [][]float64
	for k := 0; k <= 10000; k++ {
		f1 := float64(k) / 10000
		var f2 float64
		switch which {
		case 1:
			f2 = 1 - math.Sqrt(f1)
		case 2:
			f2 = 1 - f1*f1
		case 3:
			f2 = 1 - math.Sqrt(f1) - f1*math.Sin(10*math.Pi*f1)
		}
		ref = append(ref, []float64{f1, f2})
	}
	if which == 3 {
		// Keep only the non-dominated part of the curve.
		var nd [][]float64
		for i, a := range ref {
			dominated := false
			for j, b := range ref {
				if i != j && b[0] <= a[0] && b[1] < a[1] {
					dominated = true
					break
				}
			}
			if !dominated {
				nd = append(nd, a)
			}
		}
		ref = nd
	}
	return p, ref
}

// TestZDT: NSGA-II with the paper's settings (population 100, 250
// generations, SBX and polynomial mutation with η = 20) converges to the
// known fronts of ZDT1-3. Deb et al. (2002, table II) report convergence γ
// (generational distance) of 0.0338, 0.0724 and 0.1145 (with real coding;
// 25,000 evaluations); we require GD ≤ 0.03 and a front spread over at least
// 90% of the f1 range [0, 0.85] or more, so a collapsed front fails.
func TestZDT(t *testing.T) {
	for _, which := range []int{1, 2, 3} {
		p, ref := zdt(which)
		front, err := Run(p, Options{Population: 100, Generations: 250, Seed: uint64(which)})
		if err != nil {
			t.Fatal(err)
		}
		gd := GenerationalDistance(front, ref)
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, s := range front {
			lo, hi = math.Min(lo, s.F[0]), math.Max(hi, s.F[0])
		}
		t.Logf("ZDT%d: %d solutions, GD %.5f, f1 in [%.3f, %.3f]", which, len(front), gd, lo, hi)
		if gd > 0.03 || hi-lo < 0.75 {
			t.Errorf("ZDT%d: GD %.4f (want <= 0.03), f1 range %.3f (want >= 0.75)", which, gd, hi-lo)
		}
	}
}

// TestDeterministic: same seed, same front.
func TestDeterministic(t *testing.T) {
	p, _ := zdt(1)
	a, _ := Run(p, Options{Population: 20, Generations: 20, Seed: 9})
	b, _ := Run(p, Options{Population: 20, Generations: 20, Seed: 9})
	if len(a) != len(b) {
		t.Fatal("fronts differ")
	}
	for i := range a {
		for k := range a[i].F {
			if a[i].F[k] != b[i].F[k] {
				t.Fatal("fronts differ")
			}
		}
	}
}

func TestDominance(t *testing.T) {
	if !dominates([]float64{1, 1}, []float64{1, 2}) || dominates([]float64{1, 2}, []float64{2, 1}) || dominates([]float64{1, 1}, []float64{1, 1}) {
		t.Error("dominance wrong")
	}
	if _, err := Run(Problem{}, Options{}); err == nil {
		t.Error("empty problem accepted")
	}
	p, _ := zdt(1)
	if _, err := Run(p, Options{Population: 5}); err == nil {
		t.Error("odd population accepted")
	}
}
