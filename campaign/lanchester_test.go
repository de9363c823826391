package campaign

import (
	"math"
	"math/rand/v2"
	"testing"
)

func near(a, b, rel float64) bool { return math.Abs(a-b) <= rel*math.Max(math.Abs(a), math.Abs(b)) }

// TestSquareLawClosedForm compares RK4 with the closed-form solution of the
// square law without reinforcement (Lanchester 1916; e.g. Taylor 1983,
// Lanchester Models of Warfare, vol. 1, §4.2):
//
//	X(t) = X0 cosh(√(AB) t) − Y0 √(A/B) sinh(√(AB) t)
func TestSquareLawClosedForm(t *testing.T) {
	A, B := 0.02, 0.05
	X0, Y0 := 10000.0, 5000.0
	d := Duel{Law: Square, A: A, B: B, X0: X0, Y0: Y0}
	x, y := d.Trajectory(20)
	g := math.Sqrt(A * B)
	for day := 0; day <= 20; day++ {
		tt := float64(day)
		wx := X0*math.Cosh(g*tt) - Y0*math.Sqrt(A/B)*math.Sinh(g*tt)
		wy := Y0*math.Cosh(g*tt) - X0*math.Sqrt(B/A)*math.Sinh(g*tt)
		if wy < 0 {
			break
		}
		if !near(x[day], wx, 1e-9) || !near(y[day], wy, 1e-9) {
			t.Fatalf("day %d: got (%.6f, %.6f), want (%.6f, %.6f)", day, x[day], y[day], wx, wy)
		}
	}
}

// TestInvariants checks the conserved quantities: B·X² − A·Y² for the
// square law, B·X − A·Y for the linear law, and exponential decay for the
// logarithmic law.
func TestInvariants(t *testing.T) {
	d := Duel{Law: Square, A: 0.01, B: 0.03, X0: 3000, Y0: 4000}
	x, y := d.Trajectory(10)
	inv := func(i int) float64 { return d.B*x[i]*x[i] - d.A*y[i]*y[i] }
	if !near(inv(0), inv(10), 1e-9) {
		t.Errorf("square-law invariant drifted: %v -> %v", inv(0), inv(10))
	}
	d = Duel{Law: Linear, A: 1e-5, B: 3e-5, X0: 3000, Y0: 4000}
	x, y = d.Trajectory(10)
	if a, b := d.B*x[0]-d.A*y[0], d.B*x[10]-d.A*y[10]; !near(a, b, 1e-9) {
		t.Errorf("linear-law invariant drifted: %v -> %v", a, b)
	}
	d = Duel{Law: Logarithmic, A: 0.1, B: 0.2, X0: 1000, Y0: 1000}
	x, y = d.Trajectory(5)
	if !near(x[5], 1000*math.Exp(-0.5), 1e-10) || !near(y[5], 1000*math.Exp(-1), 1e-10) {
		t.Errorf("logarithmic law: %v %v", x[5], y[5])
	}
}

// TestRK4Order: halving the step divides the error by about 2⁴ = 16.
func TestRK4Order(t *testing.T) {
	A, B, X0, Y0 := 0.2, 0.3, 100.0, 90.0
	g := math.Sqrt(A * B)
	want := X0*math.Cosh(g*3) - Y0*math.Sqrt(A/B)*math.Sinh(g*3)
	errAt := func(h float64) float64 {
		d := Duel{Law: Square, A: A, B: B, X0: X0, Y0: Y0, StepDays: h}
		x, _ := d.Trajectory(3)
		return math.Abs(x[3] - want)
	}
	e1, e2 := errAt(0.5), errAt(0.25)
	if r := e1 / e2; r < 12 || r > 20 {
		t.Errorf("error ratio %.2f for halved step, want about 16 (fourth order)", r)
	}
}

func TestDuelValidate(t *testing.T) {
	bad := []Duel{
		{A: -1},
		{A: math.NaN()},
		{X0: math.Inf(1)},
		{XIn: []Pulse{{From: 3, To: 2, Amount: 1}}},
		{YIn: []Pulse{{From: 0, To: 1, Amount: -5}}},
	}
	for i, d := range bad {
		if d.Validate() == nil {
			t.Errorf("case %d: invalid duel accepted: %+v", i, d)
		}
	}
}

// TestFitSynthetic: the fitter recovers known coefficients from a noisy
// trajectory (1% Gaussian noise, fixed seed) within 5%, and exactly (1e-4)
// from a noise-free one.
func TestFitSynthetic(t *testing.T) {
	truth := Duel{Law: Square, A: 0.03, B: 0.012, X0: 20000, Y0: 30000,
		XIn: []Pulse{{From: 4, To: 5, Amount: 8000}}}
	x, y := truth.Trajectory(30)
	for _, noise := range []float64{0, 0.01} {
		r := rand.New(rand.NewPCG(7, 11))
		var s Series
		for day := 0; day <= 30; day += 2 {
			s.Days = append(s.Days, day)
			s.X = append(s.X, x[day]*(1+noise*r.NormFloat64()))
			s.Y = append(s.Y, y[day]*(1+noise*r.NormFloat64()))
		}
		start := truth
		start.A, start.B = 0.01, 0.05
		got, err := Fit(start, s, FitOptions{})
		if err != nil {
			t.Fatal(err)
		}
		tol := 1e-4
		if noise > 0 {
			tol = 0.05
		}
		if !near(got.A, truth.A, tol) || !near(got.B, truth.B, tol) {
			t.Errorf("noise %v: fitted (%.5f, %.5f), want (%.5f, %.5f) within %v", noise, got.A, got.B, truth.A, truth.B, tol)
		}
	}
}

func TestFitBadInput(t *testing.T) {
	d := Duel{Law: Square, A: 0.01, B: 0.01, X0: 1, Y0: 1}
	bad := []Series{
		{Days: []int{0}, X: []float64{1}, Y: []float64{1}},
		{Days: []int{0, 0}, X: []float64{1, 1}, Y: []float64{1, 1}},
		{Days: []int{0, 1}, X: []float64{1}, Y: []float64{1, 1}},
		{Days: []int{0, 1}, X: []float64{1, math.Inf(1)}, Y: []float64{1, 1}},
	}
	for i, s := range bad {
		if _, err := Fit(d, s, FitOptions{}); err == nil {
			t.Errorf("case %d accepted", i)
		}
	}
	d.A = 0
	if _, err := Fit(d, Series{Days: []int{0, 1}, X: []float64{1, 1}, Y: []float64{1, 1}}, FitOptions{}); err == nil {
		t.Error("zero starting coefficient accepted")
	}
}

// TestStartingGuessAndR2: on exact daily data of each law, the starting
// guess is within 10% of the true coefficients (a one-day difference
// quotient of the law's rates), and the fit explains all the variation
// (R² = 1 to 1e-6).
func TestStartingGuessAndR2(t *testing.T) {
	for _, law := range []Law{Square, Linear, Logarithmic} {
		truth := Duel{Law: law, A: 0.03, B: 0.012, X0: 20000, Y0: 30000, StepDays: 0.01}
		if law == Linear {
			truth.A, truth.B = 1e-6, 4e-7
		}
		x, y := truth.Trajectory(20)
		var s Series
		for day := 0; day <= 20; day++ {
			s.Days = append(s.Days, day)
			s.X = append(s.X, x[day])
			s.Y = append(s.Y, y[day])
		}
		a, b := StartingGuess(truth, s)
		if !near(a, truth.A, 0.1) || !near(b, truth.B, 0.1) {
			t.Errorf("law %v: starting guess (%.3g, %.3g), true (%.3g, %.3g)", law, a, b, truth.A, truth.B)
		}
		start := truth
		start.A, start.B = a, b
		r, err := Fit(start, s, FitOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(r.R2X-1) > 1e-6 || math.Abs(r.R2Y-1) > 1e-6 {
			t.Errorf("law %v: R² %v, %v on exact data", law, r.R2X, r.R2Y)
		}
	}
}
