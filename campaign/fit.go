package campaign

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/optimize"
)

// Series is an observed battle: strengths on whole days. NaN marks a
// missing observation.
type Series struct {
	Days []int     // observation days, ascending, >= 0
	X, Y []float64 // observed strengths (people)
}

// FitOptions choose the objective.
type FitOptions struct {
	// Unweighted uses the plain Euclidean distance in people, as most
	// published re-fits do; otherwise each side's residuals are divided by
	// its largest observed strength so both sides weigh alike.
	Unweighted bool
}

// FitResult holds estimated attrition coefficients and the fit error.
type FitResult struct {
	A, B     float64 // Y's effectiveness on X, X's on Y (per day)
	RMSEX    float64 // root-mean-square error of X, people
	RMSEY    float64 // root-mean-square error of Y, people
	Distance float64 // Euclidean distance between model and observations, people
	// R2X and R2Y are the shares of each side's observed variation the
	// fit explains, 1 − Σ(x̂ − x)²/Σ(x − x̄)² (NaN with fewer than two
	// observations or none varying); at or below 0 it explains nothing.
	R2X, R2Y   float64
	Iterations int
}

// Fit estimates the coefficients A and B of the duel d (its law, initial
// strengths and reinforcements fixed; its A and B the starting guess) from
// observations by least squares on the model trajectory:
//
//	minimise Σ_t ((x̂_t − x_t)/s_x)² + ((ŷ_t − y_t)/s_y)²
//
// with s_x = s_y = 1 when Unweighted, else the largest observed strength of
// each side; x̂, ŷ is the RK4 solution. The search runs on log A, log B (so
// both stay positive) with the Nelder-Mead simplex (Nelder and Mead 1965,
// The Computer Journal 7(4):308-313; gonum/optimize).
func Fit(d Duel, s Series, opt FitOptions) (FitResult, error) {
	if len(s.Days) < 2 || len(s.X) != len(s.Days) || len(s.Y) != len(s.Days) {
		return FitResult{}, errors.New("campaign: fit needs at least two observations, with X and Y for each day (NaN if missing)")
	}
	for i := range s.Days {
		if s.Days[i] < 0 || (i > 0 && s.Days[i] <= s.Days[i-1]) {
			return FitResult{}, fmt.Errorf("campaign: observation days must be >= 0 and increase (day %d)", s.Days[i])
		}
		if math.IsInf(s.X[i], 0) || math.IsInf(s.Y[i], 0) {
			return FitResult{}, fmt.Errorf("campaign: infinite observation on day %d", s.Days[i])
		}
	}
	if s.Days[len(s.Days)-1] > 100000 {
		return FitResult{}, errors.New("campaign: observations span more than 100,000 days")
	}
	if !(d.A > 0) || !(d.B > 0) {
		return FitResult{}, errors.New("campaign: starting coefficients must be > 0")
	}
	if err := d.Validate(); err != nil {
		return FitResult{}, err
	}
	sx, sy := 1.0, 1.0
	if !opt.Unweighted {
		sx, sy = 0, 0
		for i := range s.Days {
			if !math.IsNaN(s.X[i]) {
				sx = math.Max(sx, math.Abs(s.X[i]))
			}
			if !math.IsNaN(s.Y[i]) {
				sy = math.Max(sy, math.Abs(s.Y[i]))
			}
		}
		if sx == 0 || sy == 0 {
			return FitResult{}, errors.New("campaign: a side is never observed above zero; nothing to fit")
		}
	}
	days := s.Days[len(s.Days)-1]
	xs := make([]float64, days+1)
	ys := make([]float64, days+1)
	sq := func() (sum, ex, ey float64, nx, ny int) {
		for i, t := range s.Days {
			if !math.IsNaN(s.X[i]) {
				r := xs[t] - s.X[i]
				ex += r * r
				sum += r * r / (sx * sx)
				nx++
			}
			if !math.IsNaN(s.Y[i]) {
				r := ys[t] - s.Y[i]
				ey += r * r
				sum += r * r / (sy * sy)
				ny++
			}
		}
		return
	}
	obj := func(p []float64) float64 {
		d.A, d.B = math.Exp(p[0]), math.Exp(p[1])
		d.run(days, xs, ys)
		v, _, _, _, _ := sq()
		return v
	}
	settings := &optimize.Settings{
		Converger:       &optimize.FunctionConverge{Absolute: 1e-15, Relative: 1e-13, Iterations: 400},
		MajorIterations: 10000,
	}
	res, err := optimize.Minimize(optimize.Problem{Func: obj}, []float64{math.Log(d.A), math.Log(d.B)}, settings, &optimize.NelderMead{})
	if res == nil {
		return FitResult{}, fmt.Errorf("campaign: fit failed: %w", err)
	}
	out := FitResult{A: math.Exp(res.X[0]), B: math.Exp(res.X[1]), Iterations: res.Stats.MajorIterations}
	d.A, d.B = out.A, out.B
	d.run(days, xs, ys)
	_, ex, ey, nx, ny := sq()
	out.Distance = math.Sqrt(ex + ey)
	out.RMSEX = math.Sqrt(ex / float64(max(nx, 1)))
	out.RMSEY = math.Sqrt(ey / float64(max(ny, 1)))
	out.R2X, out.R2Y = explained(s.X, ex), explained(s.Y, ey)
	return out, nil
}

// explained is 1 − sse/Σ(v − v̄)² over the observed (non-NaN) v.
func explained(v []float64, sse float64) float64 {
	var sum, n float64
	for _, x := range v {
		if !math.IsNaN(x) {
			sum += x
			n++
		}
	}
	if n < 2 {
		return math.NaN()
	}
	mean, sst := sum/n, 0.0
	for _, x := range v {
		if !math.IsNaN(x) {
			sst += (x - mean) * (x - mean)
		}
	}
	if sst == 0 {
		return math.NaN()
	}
	return 1 - sse/sst
}

// StartingGuess estimates A and B from the first interval in which both
// sides are observed at both ends, by the law's rate over that interval
// with the reinforcements arriving in it taken out:
//
//	A ≈ −(Δx − arrivals_x) / (x^P · y^Q · Δt),   B ≈ −(Δy − arrivals_y) / (y^P · x^Q · Δt)
//
// (P, Q the law's exponents, x, y the strengths at the interval's start).
// An estimate that is not positive and finite falls back to 0.01 per day;
// a good start keeps the simplex away from non-fits far from the data.
func StartingGuess(d Duel, s Series) (a, b float64) {
	a, b = 0.01, 0.01
	arrived := func(ps []Pulse, t0, t1 float64) float64 {
		v := 0.0
		for _, p := range ps {
			if p.From >= t0 && p.From < t1 {
				v += p.Amount
			}
		}
		return v
	}
	for i := 1; i < len(s.Days); i++ {
		x0, y0, x1, y1 := s.X[i-1], s.Y[i-1], s.X[i], s.Y[i]
		if math.IsNaN(x0) || math.IsNaN(y0) || math.IsNaN(x1) || math.IsNaN(y1) || x0 <= 0 || y0 <= 0 {
			continue
		}
		t0, t1 := float64(s.Days[i-1]), float64(s.Days[i])
		dt := t1 - t0
		ea := -(x1 - x0 - arrived(d.XIn, t0, t1)) / (math.Pow(x0, d.Law.P) * math.Pow(y0, d.Law.Q) * dt)
		eb := -(y1 - y0 - arrived(d.YIn, t0, t1)) / (math.Pow(y0, d.Law.P) * math.Pow(x0, d.Law.Q) * dt)
		if ea > 0 && !math.IsInf(ea, 0) {
			a = ea
		}
		if eb > 0 && !math.IsInf(eb, 0) {
			b = eb
		}
		break
	}
	return a, b
}
