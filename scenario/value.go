package scenario

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// Dist names the probability distribution of a [Value].
type Dist uint8

// The distributions a scenario value may take. Parameters are stored in
// Value.P in the order given.
const (
	Point      Dist = iota // P = [value]
	Uniform                // P = [min, max]
	Triangular             // P = [min, mode, max]
	Normal                 // P = [mean, sd, lo, hi]; lo/hi truncation, ±Inf if absent
	LogNormal              // P = [median, sigma]; sigma is the sd of ln X
	Beta                   // P = [alpha, beta, min, max]; Beta(alpha, beta) scaled to [min, max]
)

var distNames = [...]string{"point", "uniform", "triangular", "normal", "lognormal", "beta"}

func (d Dist) String() string {
	if int(d) < len(distNames) {
		return distNames[d]
	}
	return fmt.Sprintf("Dist(%d)", d)
}

// Value is a numeric scenario quantity: a fixed number or a probability
// distribution, with its provenance. The zero Value is "not given".
//
// A deterministic run uses [Value.Nominal]: the point value, or the mean of
// the distribution. A Monte Carlo draw uses [Value.Sample].
type Value struct {
	Dist Dist
	P    [4]float64
	// Source is a reference id from the scenario's references list, the
	// keyword "assumption", or a free-text citation. It is inherited from the
	// nearest enclosing object with a source when the value has none.
	Source string
	// Inherited reports that Source came from an enclosing object.
	Inherited bool
	// Default reports that the value was absent and filled from the field's
	// documented default.
	Default bool
	Note    string
	// ID names the value so that correlations can refer to it.
	ID  string
	Pos Pos
	set bool
}

// Num returns a point Value, for building scenarios in code.
func Num(x float64) Value { return Value{Dist: Point, P: [4]float64{x}, set: true} }

// IsSet reports whether the value was given (or defaulted).
func (v Value) IsSet() bool { return v.set }

// Or returns v's nominal value, or def when v is not set.
func (v Value) Or(def float64) float64 {
	if !v.set {
		return def
	}
	return v.Nominal()
}

// Nominal is the value used by deterministic runs: the point value, or the
// mean of the distribution (of the truncated distribution for a truncated
// normal).
func (v Value) Nominal() float64 {
	p := v.P
	switch v.Dist {
	case Point:
		return p[0]
	case Uniform:
		return (p[0] + p[1]) / 2
	case Triangular:
		return (p[0] + p[1] + p[2]) / 3
	case Normal:
		return truncNormalMean(p[0], p[1], p[2], p[3])
	case LogNormal:
		return p[0] * math.Exp(p[1]*p[1]/2)
	case Beta:
		return p[2] + (p[3]-p[2])*p[0]/(p[0]+p[1])
	}
	panic("scenario: unknown distribution")
}

// Support returns the smallest interval that holds every possible draw.
func (v Value) Support() (lo, hi float64) {
	p := v.P
	switch v.Dist {
	case Point:
		return p[0], p[0]
	case Uniform:
		return p[0], p[1]
	case Triangular:
		return p[0], p[2]
	case Normal:
		return p[2], p[3]
	case LogNormal:
		return 0, math.Inf(1)
	case Beta:
		return p[2], p[3]
	}
	panic("scenario: unknown distribution")
}

// Sample draws from the value's distribution using r. A point value returns
// itself without consuming randomness.
func (v Value) Sample(r *rand.Rand) float64 {
	p := v.P
	switch v.Dist {
	case Point:
		return p[0]
	case Uniform:
		return p[0] + (p[1]-p[0])*r.Float64()
	case Triangular:
		// Inverse CDF of the triangular distribution.
		a, c, b := p[0], p[1], p[2]
		u := r.Float64()
		if b == a {
			return a
		}
		fc := (c - a) / (b - a)
		if u < fc {
			return a + math.Sqrt(u*(b-a)*(c-a))
		}
		return b - math.Sqrt((1-u)*(b-a)*(b-c))
	case Normal:
		// Rejection from the untruncated normal. Validation requires the
		// truncation interval to hold at least 1% of the mass, so 1000 tries
		// fail with probability below 0.99^1000 ≈ 4e-5; the bounded loop
		// then clamps, so a draw never hangs.
		for range 1000 {
			x := p[0] + p[1]*r.NormFloat64()
			if x >= p[2] && x <= p[3] {
				return x
			}
		}
		return math.Min(math.Max(p[0], p[2]), p[3])
	case LogNormal:
		return p[0] * math.Exp(p[1]*r.NormFloat64())
	case Beta:
		return p[2] + (p[3]-p[2])*betaSample(r, p[0], p[1])
	}
	panic("scenario: unknown distribution")
}

// String renders the value compactly, e.g. "17500" or "triangular(15000, 17500, 20000)".
func (v Value) String() string {
	if !v.set {
		return "unset"
	}
	p := v.P
	switch v.Dist {
	case Point:
		return fmt.Sprintf("%g", p[0])
	case Uniform:
		return fmt.Sprintf("uniform(%g, %g)", p[0], p[1])
	case Triangular:
		return fmt.Sprintf("triangular(%g, %g, %g)", p[0], p[1], p[2])
	case Normal:
		if math.IsInf(p[2], -1) && math.IsInf(p[3], 1) {
			return fmt.Sprintf("normal(%g, %g)", p[0], p[1])
		}
		return fmt.Sprintf("normal(%g, %g) in [%g, %g]", p[0], p[1], p[2], p[3])
	case LogNormal:
		return fmt.Sprintf("lognormal(median %g, sigma %g)", p[0], p[1])
	case Beta:
		return fmt.Sprintf("beta(%g, %g) on [%g, %g]", p[0], p[1], p[2], p[3])
	}
	return "?"
}

// truncNormalMean is the mean of N(mu, sd²) truncated to [lo, hi]:
//
//	E[X] = mu + sd (φ(α) − φ(β)) / (Φ(β) − Φ(α)),  α = (lo−mu)/sd, β = (hi−mu)/sd
//
// (Johnson, Kotz and Balakrishnan 1994, Continuous Univariate Distributions
// vol. 1, 2nd ed., §13.10.1).
func truncNormalMean(mu, sd, lo, hi float64) float64 {
	if math.IsInf(lo, -1) && math.IsInf(hi, 1) {
		return mu
	}
	a, b := (lo-mu)/sd, (hi-mu)/sd
	phi := func(x float64) float64 {
		if math.IsInf(x, 0) {
			return 0
		}
		return math.Exp(-x*x/2) / math.Sqrt(2*math.Pi)
	}
	z := distuv.UnitNormal.CDF(b) - distuv.UnitNormal.CDF(a)
	if z <= 0 {
		return math.Min(math.Max(mu, lo), hi)
	}
	return mu + sd*(phi(a)-phi(b))/z
}

// betaSample draws Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b).
func betaSample(r *rand.Rand, a, b float64) float64 {
	x := gammaSample(r, a)
	y := gammaSample(r, b)
	if x+y == 0 {
		return a / (a + b)
	}
	return x / (x + y)
}

// gammaSample draws Gamma(k, 1) by Marsaglia and Tsang (2000), "A simple
// method for generating gamma variables", ACM TOMS 26(3):363-372, with the
// boost U^(1/k) for k < 1.
func gammaSample(r *rand.Rand, k float64) float64 {
	if k < 1 {
		return gammaSample(r, k+1) * math.Pow(r.Float64(), 1/k)
	}
	d := k - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v
		}
	}
}

// Quantile returns the value below which a share p of the distribution lies
// (the inverse distribution function), for p in (0, 1). A point value
// returns itself.
func (v Value) Quantile(p float64) float64 {
	q := v.P
	switch v.Dist {
	case Point:
		return q[0]
	case Uniform:
		return q[0] + p*(q[1]-q[0])
	case Triangular:
		a, c, b := q[0], q[1], q[2]
		if b == a {
			return a
		}
		if fc := (c - a) / (b - a); p < fc {
			return a + math.Sqrt(p*(b-a)*(c-a))
		}
		return b - math.Sqrt((1-p)*(b-a)*(b-c))
	case Normal:
		n := distuv.Normal{Mu: q[0], Sigma: q[1]}
		lo, hi := n.CDF(q[2]), n.CDF(q[3])
		return math.Min(math.Max(n.Quantile(lo+p*(hi-lo)), q[2]), q[3])
	case LogNormal:
		return q[0] * math.Exp(q[1]*distuv.UnitNormal.Quantile(p))
	case Beta:
		return q[2] + (q[3]-q[2])*distuv.Beta{Alpha: q[0], Beta: q[1]}.Quantile(p)
	}
	panic("scenario: unknown distribution")
}
