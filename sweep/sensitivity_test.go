package sweep

import (
	"context"
	"math"
	"testing"
)

// ishigami is f(x) = sin x1 + a sin² x2 + b x3⁴ sin x1 with xi uniform on
// (−π, π), a = 7, b = 0.1 (Ishigami and Homma 1990).
func ishigami(us [][]float64) ([]float64, error) {
	out := make([]float64, len(us))
	for j, u := range us {
		x1, x2, x3 := -math.Pi+2*math.Pi*u[0], -math.Pi+2*math.Pi*u[1], -math.Pi+2*math.Pi*u[2]
		out[j] = math.Sin(x1) + 7*math.Sin(x2)*math.Sin(x2) + 0.1*math.Pow(x3, 4)*math.Sin(x1)
	}
	return out, nil
}

// TestSobolIshigami compares the estimators with the analytic indices of
// the Ishigami function, a = 7, b = 0.1 (Saltelli et al. 2008, Global
// Sensitivity Analysis: The Primer, Wiley, §4.7; Sobol' and Levitan 1999):
// S1 = 0.3139, S2 = 0.4424, S3 = 0; ST1 = 0.5576, ST2 = 0.4424, ST3 = 0.2437.
// Tolerance ±0.03 with N = 16,384 base samples; the published values must
// also lie inside the bootstrap 95% intervals widened by 0.01.
func TestSobolIshigami(t *testing.T) {
	idx, err := Sobol(3, 16384, 2024, ishigami, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantS := []float64{0.3139, 0.4424, 0}
	wantT := []float64{0.5576, 0.4424, 0.2437}
	for i, x := range idx {
		if math.Abs(x.First-wantS[i]) > 0.03 || math.Abs(x.Total-wantT[i]) > 0.03 {
			t.Errorf("x%d: S = %.4f (published %.4f), ST = %.4f (published %.4f), tolerance ±0.03", i+1, x.First, wantS[i], x.Total, wantT[i])
		}
		if wantS[i] < x.FirstLo-0.01 || wantS[i] > x.FirstHi+0.01 || wantT[i] < x.TotalLo-0.01 || wantT[i] > x.TotalHi+0.01 {
			t.Errorf("x%d: published values outside the bootstrap intervals [%.3f, %.3f] and [%.3f, %.3f]", i+1, x.FirstLo, x.FirstHi, x.TotalLo, x.TotalHi)
		}
	}
}

func TestSobolErrors(t *testing.T) {
	if _, err := Sobol(0, 10, 1, ishigami, nil); err == nil {
		t.Error("k = 0 accepted")
	}
}

// TestTornadoAndSobolScenario: on the Ukraine scenario, the one-at-a-time
// effects and Sobol indices of the no-guarantees package's one-year ground
// loss are finite, the tornado is sorted, and the drone density of the
// Donetsk sector (a wide triangular distribution feeding the advance rate)
// matters more than the UK contingent (which this package does not have).
func TestTornadoAndSobolScenario(t *testing.T) {
	p := mustPlan(load(t), 5)
	m, err := PackageOutput("no-guarantees", "ground_km2_d365")
	if err != nil {
		t.Fatal(err)
	}
	bars, base, err := p.Tornado(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	if len(bars) != p.Uncertain() || base <= 0 {
		t.Fatalf("%d bars, base %v", len(bars), base)
	}
	for i := 1; i < len(bars); i++ {
		if bars[i].Swing > bars[i-1].Swing {
			t.Fatal("tornado not sorted")
		}
	}
	if top := bars[0].Input; !containsAll(top, "drone_density") {
		t.Errorf("largest swing from %q, want the drone density", top)
	}
	idx, err := p.SobolScenario(context.Background(), m, 64)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range idx {
		if math.IsNaN(x.First) || math.IsNaN(x.Total) {
			t.Fatalf("NaN index for %s", x.Input)
		}
	}
	if _, err := PackageOutput("x", "nope"); err == nil {
		t.Error("unknown output accepted")
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		found := false
		for i := 0; i+len(p) <= len(s); i++ {
			if s[i:i+len(p)] == p {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// TestSobolGroupsAdditive: for f = u₀ + u₁ + u₂ (independent uniforms,
// each of variance 1/12) the group {u₀, u₁} explains 2/3 of the variance
// and {u₂} 1/3, first-order and total alike (no interactions).
func TestSobolGroupsAdditive(t *testing.T) {
	f := func(us [][]float64) ([]float64, error) {
		out := make([]float64, len(us))
		for i, u := range us {
			out[i] = u[0] + u[1] + u[2]
		}
		return out, nil
	}
	idx, err := SobolGroups(3, 20000, 11, f, [][]int{{0, 1}, {2}}, []string{"a", "b"})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{2.0 / 3, 1.0 / 3} {
		if math.Abs(idx[i].First-want) > 0.03 || math.Abs(idx[i].Total-want) > 0.03 {
			t.Errorf("group %s: S %.3f, ST %.3f, want %.3f", idx[i].Input, idx[i].First, idx[i].Total, want)
		}
	}
}
