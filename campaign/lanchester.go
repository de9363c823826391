package campaign

import (
	"errors"
	"fmt"
	"math"
)

// Law is the exponent pair of the generalised Lanchester attrition law
//
//	dX/dt = −a · X^P · Y^Q
//
// where X is the side taking losses and Y the side inflicting them
// (Bracken 1995; Fricker 1998). Named cases:
//
//	Square      P = 0, Q = 1  aimed fire: losses ∝ enemy strength (Lanchester 1916)
//	Linear      P = 1, Q = 1  area fire: losses ∝ own × enemy strength
//	Logarithmic P = 1, Q = 0  losses ∝ own strength (Peterson 1953)
//
// A Helmbold-type generalisation is any P, Q in [0, 1].
type Law struct{ P, Q float64 }

var (
	Square      = Law{0, 1}
	Linear      = Law{1, 1}
	Logarithmic = Law{1, 0}
)

// Pulse is a reinforcement of Amount people arriving at an even rate over
// the day interval [From, To).
type Pulse struct {
	From, To float64 // days
	Amount   float64 // people
}

// Duel is a two-sided Lanchester battle with scheduled reinforcements:
//
//	dX/dt = −A · X^P · Y^Q + fX(t)
//	dY/dt = −B · Y^P · X^Q + fY(t)
//
// A is Y's effectiveness against X and B is X's against Y (per day, in the
// units that make the products people per day). Strengths are clamped at
// zero. Integrated by the classical fourth-order Runge-Kutta method
// (Butcher 2008, Numerical Methods for Ordinary Differential Equations,
// §23) with a fixed step; reinforcement pulses should start and end on step
// boundaries for full accuracy.
type Duel struct {
	Law      Law
	A, B     float64
	X0, Y0   float64
	XIn, YIn []Pulse
	StepDays float64 // default 0.01
	// NoClamp lets strengths go below zero, as in re-implementations whose
	// published fits are reproduced in the tests; a real battle clamps.
	NoClamp bool
}

func rate(ps []Pulse, t float64) float64 {
	r := 0.0
	for _, p := range ps {
		if t >= p.From && t < p.To {
			r += p.Amount / (p.To - p.From)
		}
	}
	return r
}

func pow(x, e float64) float64 {
	switch e {
	case 0:
		return 1
	case 1:
		return x
	}
	if x <= 0 {
		return 0
	}
	return math.Pow(x, e)
}

func (d *Duel) deriv(t, x, y float64) (dx, dy float64) {
	if !d.NoClamp {
		x, y = math.Max(x, 0), math.Max(y, 0)
	}
	dx = -d.A*signedPow(x, d.Law.P)*signedPow(y, d.Law.Q) + rate(d.XIn, t)
	dy = -d.B*signedPow(y, d.Law.P)*signedPow(x, d.Law.Q) + rate(d.YIn, t)
	return dx, dy
}

// signedPow is pow extended to negative x as x for exponent 1 and 1 for
// exponent 0 (only reached with NoClamp).
func signedPow(x, e float64) float64 {
	if x < 0 && (e == 0 || e == 1) {
		if e == 0 {
			return 1
		}
		return x
	}
	return pow(x, e)
}

// Validate reports impossible inputs.
func (d *Duel) Validate() error {
	var errs []error
	chk := func(name string, v float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			errs = append(errs, fmt.Errorf("campaign: %s must be a finite number >= 0, got %v", name, v))
		}
	}
	chk("A", d.A)
	chk("B", d.B)
	chk("X0", d.X0)
	chk("Y0", d.Y0)
	chk("law P", d.Law.P)
	chk("law Q", d.Law.Q)
	for _, ps := range [][]Pulse{d.XIn, d.YIn} {
		for _, p := range ps {
			chk("reinforcement", p.Amount)
			if !(p.To > p.From) || p.From < 0 {
				errs = append(errs, fmt.Errorf("campaign: reinforcement interval [%v, %v) is empty or negative", p.From, p.To))
			}
		}
	}
	if d.StepDays < 0 || math.IsNaN(d.StepDays) {
		errs = append(errs, fmt.Errorf("campaign: step must be > 0, got %v", d.StepDays))
	}
	return errors.Join(errs...)
}

// Trajectory integrates the duel from day 0 to day `days` and returns the
// strengths at each whole day 0, 1, ..., days.
func (d *Duel) Trajectory(days int) (x, y []float64) {
	x = make([]float64, days+1)
	y = make([]float64, days+1)
	d.run(days, x, y)
	return x, y
}

func (d *Duel) run(days int, xs, ys []float64) {
	h := d.StepDays
	if h == 0 {
		h = 0.01
	}
	n := int(math.Round(1 / h))
	h = 1 / float64(n)
	x, y := d.X0, d.Y0
	xs[0], ys[0] = x, y
	for day := 0; day < days; day++ {
		for k := 0; k < n; k++ {
			t := float64(day) + float64(k)*h
			k1x, k1y := d.deriv(t, x, y)
			k2x, k2y := d.deriv(t+h/2, x+h/2*k1x, y+h/2*k1y)
			k3x, k3y := d.deriv(t+h/2, x+h/2*k2x, y+h/2*k2y)
			k4x, k4y := d.deriv(t+h, x+h*k3x, y+h*k3y)
			x += h / 6 * (k1x + 2*k2x + 2*k3x + k4x)
			y += h / 6 * (k1y + 2*k2y + 2*k3y + k4y)
			if !d.NoClamp {
				x, y = math.Max(x, 0), math.Max(y, 0)
			}
		}
		xs[day+1], ys[day+1] = x, y
	}
}
