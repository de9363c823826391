package validation

import (
	"deter/bargain"
	"math"
	"path/filepath"
	"testing"

	"gonum.org/v1/gonum/stat"
)

func ktabFile(t *testing.T, name string) string {
	t.Helper()
	p, err := Env{DataDir: FindData()}.DataFile(filepath.Join("ktab-smp", name))
	if err != nil {
		t.Skip(err)
	}
	return p
}

// TestSMPReproducesKTAB runs KTAB's dummyData_3Dim example (7 actors, 3
// dimensions) and compares every actor's position in every state with
// KTAB's reference run (20170530_ref-dummyData_3Dim.txt, printed to one
// decimal on the 0-100 scale). Tolerance: 0.051 (the print's rounding,
// plus float noise).
func TestSMPReproducesKTAB(t *testing.T) {
	actors, err := LoadKTABCSV(ktabFile(t, "dummyData_3Dim.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ref, err := LoadKTABHistory(ktabFile(t, "20170530_ref-dummyData_3Dim.txt"))
	if err != nil {
		t.Fatal(err)
	}
	states, err := bargain.RunSMP(actors)
	if err != nil {
		t.Fatal(err)
	}
	if len(states) != len(ref[0][0]) {
		t.Errorf("%d states, KTAB %d", len(states), len(ref[0][0]))
	}
	worst := 0.0
	for i := range actors {
		for k := range ref[i] {
			for s := range min(len(states), len(ref[i][k])) {
				got := 100 * states[s].Positions[i][k]
				d := math.Abs(got - ref[i][k][s])
				worst = max(worst, d)
				if d > 0.051 {
					t.Errorf("actor %d dimension %d state %d: %.3f, KTAB %.1f", i, k, s, got, ref[i][k][s])
				}
			}
		}
	}
	t.Logf("largest difference from KTAB: %.3f on the 0-100 scale", worst)
}

// TestSMPFirstStateDetails compares intermediate numbers of the first
// state with KTAB's reference log: the inferred risk attitudes (printed
// to 3 decimals: tolerance 0.0006) and actor 0's challenge of actor 6
// ("Est by 0 of prob 0.7643 that [0> 6], with expected gain to 0 of
// +0.0947": tolerance 0.00006).
func TestSMPFirstStateDetails(t *testing.T) {
	actors, err := LoadKTABCSV(ktabFile(t, "dummyData_3Dim.csv"))
	if err != nil {
		t.Fatal(err)
	}
	states, err := bargain.RunSMP(actors)
	if err != nil {
		t.Fatal(err)
	}
	wantR := []float64{-0.500, -0.459, -0.499, -0.274, 1.000, -0.232, -0.430}
	for i, r := range wantR {
		if math.Abs(states[0].Risk[i]-r) > 0.0006 {
			t.Errorf("risk attitude of %d: %.4f, KTAB %.3f", i, states[0].Risk[i], r)
		}
	}
	var c *bargain.SMPChallenge
	for k := range states[0].Challenges {
		if states[0].Challenges[k].Actor == 0 {
			c = &states[0].Challenges[k]
		}
	}
	if c == nil || c.Target != 6 || math.Abs(c.PWin-0.7643) > 0.00006 || math.Abs(c.Gain-0.0947) > 0.00006 {
		t.Errorf("actor 0's challenge: %+v; KTAB: target 6, P 0.7643, gain 0.0947", c)
	}
}

// TestSMPOnBDMScale pins the two numbers SMPOnBDM's documentation gives
// for the EU emissions example (mean of rounds 1-10: 7.65 on a 0-10
// scale, 6.55 on the observed 4-10 range), so the documentation cannot
// drift from the code.
func TestSMPOnBDMScale(t *testing.T) {
	p, err := Env{DataDir: FindData()}.DataFile("bdm-expected-utility/ExampleActors_EU_emissions.csv")
	if err != nil {
		t.Skip(err)
	}
	a, err := LoadBDM(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lo, hi, want float64 }{{0, 10, 7.65}, {4, 10, 6.55}} {
		m, err := SMPOnBDM(a, c.lo, c.hi, 10)
		if err != nil {
			t.Fatal(err)
		}
		if got := stat.Mean(m, nil); math.Abs(got-c.want) > 0.005 {
			t.Errorf("scale [%v, %v]: mean of rounds 1-10 %.4f, documented %.2f", c.lo, c.hi, got, c.want)
		}
	}
	if _, err := SMPOnBDM(a, 5, 10, 10); err == nil {
		t.Error("positions outside the scale accepted")
	}
}
