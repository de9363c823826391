package ceasefire

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// TestCaseList: every case parses, has a source, and the list holds what
// the documentation says (35 cases, 19 ending in war).
func TestCaseList(t *testing.T) {
	cs, err := Cases()
	if err != nil {
		t.Fatal(err)
	}
	events := 0
	ids := map[string]bool{}
	for _, c := range cs {
		if ids[c.ID] {
			t.Errorf("duplicate case %s", c.ID)
		}
		ids[c.ID] = true
		if c.Resumed {
			events++
		}
		if c.Start.Before(time.Date(1946, 1, 1, 0, 0, 0, 0, time.UTC)) || !c.Start.Before(ObservedUntil) {
			t.Errorf("%s: cease-fire %s outside 1946-%s", c.ID, c.Start.Format(time.DateOnly), ObservedUntil.Format(time.DateOnly))
		}
		if len(c.Source) < 20 {
			t.Errorf("%s: source %q is too short to be a citation", c.ID, c.Source)
		}
	}
	if len(cs) != 35 || events != 19 {
		t.Errorf("%d cases, %d resumptions; the package documentation says 35 and 19", len(cs), events)
	}
}

// simulate draws n cases from a Weibull PH model with known θ (random 0/1
// covariates, uniform censoring).
func simulate(theta []float64, n int, seed uint64) []Case {
	r := rand.New(rand.NewPCG(seed, 0))
	p := math.Exp(theta[0])
	out := make([]Case, n)
	for i := range out {
		var x [K]float64
		eta := theta[1]
		for k := range K {
			if r.Float64() < 0.4 {
				x[k] = 1
				eta += theta[2+k]
			}
		}
		// S(t) = exp(−tᵖ e^η) = U  ⇒  t = (−log U · e^−η)^(1/p)
		tt := math.Pow(-math.Log(r.Float64())*math.Exp(-eta), 1/p)
		c := r.Float64() * 30
		out[i] = Case{X: x, Duration: min(tt, c), Resumed: tt <= c}
	}
	return out
}

// TestFitRecoversKnownParameters: on 4,000 simulated cease-fires the
// maximum-likelihood fit (prior switched off) recovers every parameter
// within 3 standard errors, and the standard errors are small.
func TestFitRecoversKnownParameters(t *testing.T) {
	defer func(sd float64) { PriorSD = sd }(PriorSD)
	PriorSD = math.Inf(1)
	theta := []float64{math.Log(0.7), -2, -0.8, 0.3, -1.2, -0.1, -0.5}
	m, err := Fit(simulate(theta, 4000, 1))
	if err != nil {
		t.Fatal(err)
	}
	for j, want := range theta {
		if se := m.SE(j); math.Abs(m.Theta[j]-want) > 3*se || se > 0.15 {
			t.Errorf("θ[%d] = %.3f ± %.3f, want %.3f", j, m.Theta[j], se, want)
		}
	}
}

// TestExponentialClosedForm: with no covariates varying and shape 1, the
// maximum-likelihood rate is events / exposure (Kalbfleisch and Prentice
// 2002, §3.2); the Weibull fit must find shape ≈ 1 and that rate on a
// large exponential sample.
func TestExponentialClosedForm(t *testing.T) {
	defer func(sd float64) { PriorSD = sd }(PriorSD)
	PriorSD = math.Inf(1)
	r := rand.New(rand.NewPCG(3, 0))
	var cs []Case
	events, exposure := 0, 0.0
	for i := range 5000 {
		tt := -math.Log(r.Float64()) / 0.2
		c := 12.0
		ca := Case{Duration: min(tt, c), Resumed: tt <= c}
		// give every covariate a little variation so the information is
		// non-singular, independent of the outcome
		for k := range K {
			if (i+k)%7 == 0 {
				ca.X[k] = 1
			}
		}
		if ca.Resumed {
			events++
		}
		exposure += ca.Duration
		cs = append(cs, ca)
	}
	m, err := Fit(cs)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(m.Shape()-1) > 0.05 {
		t.Errorf("shape %.3f, want 1 ± 0.05", m.Shape())
	}
	if rate, want := math.Exp(m.Theta[1]), float64(events)/exposure; math.Abs(rate-want)/want > 0.1 {
		t.Errorf("rate %.4f, closed form %.4f (±10%%)", rate, want)
	}
}

// TestGradient: the analytic gradient of −ℓ matches central differences.
func TestGradient(t *testing.T) {
	cs, err := Cases()
	if err != nil {
		t.Fatal(err)
	}
	theta := []float64{-0.3, -2, -0.5, 0.8, -1, 0.1, -0.2}
	g := make([]float64, len(theta))
	negLogLik(theta, cs, g)
	for j := range theta {
		h := 1e-6
		tp := append([]float64(nil), theta...)
		tm := append([]float64(nil), theta...)
		tp[j] += h
		tm[j] -= h
		num := (negLogLik(tp, cs, nil) - negLogLik(tm, cs, nil)) / (2 * h)
		if math.Abs(num-g[j]) > 1e-5*math.Max(1, math.Abs(num)) {
			t.Errorf("∂/∂θ[%d]: analytic %.8f, numeric %.8f", j, g[j], num)
		}
	}
}

// TestKaplanMeierHandWorked: deaths at 1 and 3, censored at 2 and 4:
// S(1) = 3/4, S(2) = 3/4, S(3) = 3/4 · 1/2 = 3/8, S(5) = 3/8.
func TestKaplanMeierHandWorked(t *testing.T) {
	cs := []Case{{Duration: 1, Resumed: true}, {Duration: 2}, {Duration: 3, Resumed: true}, {Duration: 4}}
	got := KaplanMeier(cs, []float64{0.5, 1, 2, 3, 5})
	want := []float64{1, 0.75, 0.75, 0.375, 0.375}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("S at %d: %v, want %v", i, got[i], want[i])
		}
	}
}

// TestPredictDeterministicAndOrdered: the same seed gives the same answer;
// the interval contains the point estimate; survival falls with time.
func TestPredictDeterministicAndOrdered(t *testing.T) {
	_, m, err := fitted()
	if err != nil {
		t.Fatal(err)
	}
	x := [K]float64{0, 1, 0, 1, 0}
	a := m.Predict(x, []float64{1, 5, 10}, 500, 42)
	b := m.Predict(x, []float64{1, 5, 10}, 500, 42)
	for i := range a.Survive {
		if a.Low[i] != b.Low[i] || a.High[i] != b.High[i] {
			t.Fatal("same seed, different intervals")
		}
		if !(a.Low[i] <= a.Survive[i] && a.Survive[i] <= a.High[i]) {
			t.Errorf("year %v: %v outside [%v, %v]", a.Years[i], a.Survive[i], a.Low[i], a.High[i])
		}
		if i > 0 && a.Survive[i] > a.Survive[i-1] {
			t.Error("survival rises with time")
		}
	}
}

// fitted is the model fitted to the shipped case list.
func fitted() ([]Case, *Model, error) {
	cs, err := Cases()
	if err != nil {
		return nil, nil, err
	}
	m, err := Fit(cs)
	return cs, m, err
}
