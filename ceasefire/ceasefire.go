// Package ceasefire is the empirical cross-check of the deterrence game: how
// long cease-fires between states have lasted, as a function of what their
// agreements contained. It holds a list of interstate cease-fires since 1948
// (each with its dates, mechanisms, outcome and sources; cases.csv) and a
// Weibull proportional-hazards model fitted to it by maximum likelihood.
//
// The model follows the design of Fortna (2003), who estimated the hazard of
// renewed war after 48 cease-fires of 1946-1997 as a function of agreement
// content (demilitarised zones, explicit third-party guarantees,
// peacekeeping, joint commissions) with controls such as the decisiveness
// of victory. Her published coefficients could not be obtained from the
// sources reachable here (the stored copies of the article stop before its
// tables), so the coefficients are NOT hers: they are fitted in this package
// to the case list shipped with it, and every output says so. The case list
// is compiled here from the agreements and missions it cites; it overlaps
// Fortna's but is not her data set (it adds cases after 1997 and omits some
// of hers).
//
// The model, with t in years since the cease-fire and x the 0/1 indicators
// of Covariates:
//
//	h(t | x) = p · tᵖ⁻¹ · exp(β₀ + xᵀβ)
//	S(t | x) = exp(−tᵖ · exp(β₀ + xᵀβ))
//
// p > 0 is the Weibull shape (p < 1: the hazard falls as peace lasts, as
// Fortna found), exp(βₖ) the hazard ratio of mechanism k (below 1: the
// mechanism makes renewed war less likely at every moment). With case i
// lasting tᵢ years and dᵢ = 1 if war resumed (0 if still holding when
// observation ends, right-censored), the log-likelihood is
//
//	ℓ = Σᵢ dᵢ (log p + (p−1) log tᵢ + ηᵢ) − tᵢᵖ exp(ηᵢ),   ηᵢ = β₀ + xᵢᵀβ
//
// maximised by BFGS (gonum/optimize) over (log p, β₀, β); standard errors
// are the square roots of the diagonal of the inverse observed information
// (the Hessian of −ℓ, by central differences of the analytic gradient).
//
// Assumptions: cases are independent (several share a war or a dyad: the
// standard errors are therefore optimistic); covariates are fixed at the
// cease-fire (later additions such as UNMEE in 2000 are counted from the
// start); a resumption is a new war between the same states, not a clash
// below war level. With 35 cases and 19 failures the estimates are
// imprecise; the intervals printed with every answer say how much.
//
// This package is not a model of any particular conflict and knows nothing
// of scenarios: the engine maps a package's mechanisms onto Covariates.
//
// References:
//
//   - Fortna, V. P. (2003). Scraps of Paper? Agreements and the Durability
//     of Peace. International Organization 57(2):337-372.
//   - Fortna, V. P. (2004). Peace Time: Cease-Fire Agreements and the
//     Durability of Peace. Princeton University Press.
//   - Kalbfleisch, J. D. and Prentice, R. L. (2002). The Statistical
//     Analysis of Failure Time Data, 2nd ed. Wiley (Weibull regression,
//     censored likelihood, Kaplan-Meier).
package ceasefire

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

//go:embed cases.csv
var casesCSV string

// ObservedUntil is the end of observation: cease-fires holding then are
// right-censored at this date.
var ObservedUntil = time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)

// Covariates names the agreement mechanisms and controls, in the order of
// Case.X and Model.Beta.
var Covariates = []string{"dmz", "peacekeeping", "guarantee", "joint_commission", "decisive"}

// CovariateText explains each covariate in words.
var CovariateText = map[string]string{
	"dmz":              "demilitarised zone or buffer",
	"peacekeeping":     "peacekeepers or international observers",
	"guarantee":        "explicit third-party guarantee",
	"joint_commission": "joint commission for disputes",
	"decisive":         "decisive military victory",
}

// K is the number of covariates.
const K = 5

// Case is one cease-fire.
type Case struct {
	ID, Sides, War string
	Start          time.Time
	// End is when war resumed; zero if it had not by ObservedUntil.
	End      time.Time
	X        [K]float64
	Source   string
	Note     string
	Resumed  bool
	Duration float64 // years, to End or to ObservedUntil
}

const daysPerYear = 365.25

// Cases returns the shipped case list.
func Cases() ([]Case, error) {
	r := csv.NewReader(strings.NewReader(casesCSV))
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("ceasefire: cases.csv: %w", err)
	}
	if len(rows) < 2 {
		return nil, errors.New("ceasefire: cases.csv has no cases")
	}
	var out []Case
	for i, row := range rows[1:] {
		line := i + 2
		if len(row) != 12 {
			return nil, fmt.Errorf("ceasefire: cases.csv:%d: %d fields, want 12", line, len(row))
		}
		c := Case{ID: row[0], Sides: row[1], War: row[2], Source: row[10], Note: row[11]}
		if c.Start, err = time.Parse(time.DateOnly, row[3]); err != nil {
			return nil, fmt.Errorf("ceasefire: cases.csv:%d: ceasefire: %w", line, err)
		}
		end := ObservedUntil
		if row[4] != "" {
			if c.End, err = time.Parse(time.DateOnly, row[4]); err != nil {
				return nil, fmt.Errorf("ceasefire: cases.csv:%d: resumed: %w", line, err)
			}
			c.Resumed, end = true, c.End
		}
		if !end.After(c.Start) {
			return nil, fmt.Errorf("ceasefire: cases.csv:%d: ends before it starts", line)
		}
		c.Duration = end.Sub(c.Start).Hours() / 24 / daysPerYear
		for k := range K {
			switch row[5+k] {
			case "0":
			case "1":
				c.X[k] = 1
			default:
				return nil, fmt.Errorf("ceasefire: cases.csv:%d: %s is %q, want 0 or 1", line, Covariates[k], row[5+k])
			}
		}
		if c.Source == "" {
			return nil, fmt.Errorf("ceasefire: cases.csv:%d: no source", line)
		}
		out = append(out, c)
	}
	return out, nil
}

// Model is a fitted Weibull proportional-hazards model.
type Model struct {
	// Theta is (log p, β₀, β₁..β_K).
	Theta [K + 2]float64
	// Cov is the estimated covariance of Theta (inverse observed
	// information).
	Cov *mat.SymDense
	// LogLik is the maximised log-likelihood; N and Events the cases and
	// resumptions fitted.
	LogLik    float64
	N, Events int
}

// Shape returns the Weibull shape p.
func (m *Model) Shape() float64 { return math.Exp(m.Theta[0]) }

// SE returns the standard error of Theta[j].
func (m *Model) SE(j int) float64 { return math.Sqrt(m.Cov.At(j, j)) }

// HazardRatio returns exp(β_k) for covariate k.
func (m *Model) HazardRatio(k int) float64 { return math.Exp(m.Theta[2+k]) }

// Survival returns S(t | x) for t in years.
func (m *Model) Survival(x [K]float64, t float64) float64 {
	return survival(m.Theta[:], x, t)
}

func survival(theta []float64, x [K]float64, t float64) float64 {
	eta := theta[1]
	for k := range K {
		eta += theta[2+k] * x[k]
	}
	return math.Exp(-math.Pow(t, math.Exp(theta[0])) * math.Exp(eta))
}

// negLogLik returns −ℓ and its gradient (into grad, if not nil).
func negLogLik(theta []float64, cases []Case, grad []float64) float64 {
	p := math.Exp(theta[0])
	var ll float64
	if grad != nil {
		clear(grad)
	}
	for _, c := range cases {
		eta := theta[1]
		for k := range K {
			eta += theta[2+k] * c.X[k]
		}
		lt := math.Log(c.Duration)
		tp := math.Exp(p * lt)
		h := tp * math.Exp(eta)
		d := 0.0
		if c.Resumed {
			d = 1
		}
		ll += d*(theta[0]+(p-1)*lt+eta) - h
		if grad != nil {
			// ∂ℓ/∂log p = d(1 + p log t) − h p log t
			grad[0] -= d*(1+p*lt) - h*p*lt
			// ∂ℓ/∂η = d − h
			g := d - h
			grad[1] -= g
			for k := range K {
				grad[2+k] -= g * c.X[k]
			}
		}
	}
	// Weakly informative normal prior on the mechanism coefficients
	// (penalised likelihood; see PriorSD).
	for k := range K {
		b := theta[2+k]
		ll -= b * b / (2 * PriorSD * PriorSD)
		if grad != nil {
			grad[2+k] += b / (PriorSD * PriorSD)
		}
	}
	return -ll
}

// PriorSD is the standard deviation of the normal prior on each β (log
// hazard ratio), centred on no effect. 1.5 puts 95% of prior mass on
// hazard ratios between 0.05 and 19: weakly informative in the sense of
// Gelman, Jakulin, Pittau and Su (2008), "A weakly informative default
// prior distribution for logistic and other regression models", Annals
// of Applied Statistics 2(4):1360-1383, who recommend such priors
// precisely for small samples with rare or separating covariates, as
// here (35 cases; few without peacekeeping and not decisive). Its effect
// is reported: Fit with PriorSD = +Inf is the plain maximum likelihood.
var PriorSD = 1.5

// Fit estimates the model on cases by maximum likelihood.
func Fit(cases []Case) (*Model, error) {
	if len(cases) < K+3 {
		return nil, fmt.Errorf("ceasefire: %d cases are too few for %d parameters", len(cases), K+2)
	}
	events := 0
	exposure := 0.0
	for _, c := range cases {
		if !(c.Duration > 0) || math.IsInf(c.Duration, 0) {
			return nil, fmt.Errorf("ceasefire: case %s: duration %v is not positive", c.ID, c.Duration)
		}
		if c.Resumed {
			events++
		}
		exposure += c.Duration
	}
	if events == 0 {
		return nil, errors.New("ceasefire: no case ended in war: the hazard cannot be estimated")
	}
	// Start from the exponential model's closed form: rate = events/exposure.
	x0 := make([]float64, K+2)
	x0[1] = math.Log(float64(events) / exposure)
	prob := optimize.Problem{
		Func: func(x []float64) float64 { return negLogLik(x, cases, nil) },
		Grad: func(grad, x []float64) { negLogLik(x, cases, grad) },
	}
	res, err := optimize.Minimize(prob, x0, &optimize.Settings{GradientThreshold: 1e-9}, &optimize.BFGS{})
	if err != nil && res == nil {
		return nil, fmt.Errorf("ceasefire: fit: %w", err)
	}
	m := &Model{N: len(cases), Events: events, LogLik: -res.F}
	copy(m.Theta[:], res.X)
	// Observed information by central differences of the gradient:
	// D[i][j] = ∂g_i/∂θ_j, symmetrised as (D + Dᵀ)/2.
	n := K + 2
	D := make([][]float64, n)
	x := slices.Clone(res.X)
	for j := range n {
		h := 1e-5 * math.Max(1, math.Abs(x[j]))
		gp, gm := make([]float64, n), make([]float64, n)
		x[j] = res.X[j] + h
		negLogLik(x, cases, gp)
		x[j] = res.X[j] - h
		negLogLik(x, cases, gm)
		x[j] = res.X[j]
		D[j] = make([]float64, n)
		for i := range n {
			D[j][i] = (gp[i] - gm[i]) / (2 * h)
		}
	}
	H := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			H.SetSym(i, j, (D[j][i]+D[i][j])/2)
		}
	}
	var chol mat.Cholesky
	if !chol.Factorize(H) {
		return nil, errors.New("ceasefire: the information matrix is not positive definite (a covariate may be constant or perfectly predict the outcome)")
	}
	m.Cov = mat.NewSymDense(n, nil)
	if err := chol.InverseTo(m.Cov); err != nil {
		return nil, fmt.Errorf("ceasefire: covariance: %w", err)
	}
	return m, nil
}

// Prediction is the model's answer for one agreement.
type Prediction struct {
	X [K]float64 `json:"-"`
	// Survive[i] is P(the cease-fire holds for Years[i] years); Low and
	// High the 5th and 95th percentiles over the estimates' uncertainty.
	Years   []float64 `json:"years"`
	Survive []float64 `json:"p_holds"`
	Low     []float64 `json:"p_holds_5pct"`
	High    []float64 `json:"p_holds_95pct"`
	// Mechanisms lists the covariates present, in words.
	Mechanisms []string `json:"mechanisms"`
	// Fitted is always true: the coefficients are fitted here to the
	// shipped case list, not Fortna's published ones.
	Fitted bool `json:"coefficients_fitted_here"`
}

// Predict returns survival at the given years for covariates x, with a
// 90% interval from draws parameter vectors sampled from the estimates'
// normal approximation (a stream per draw: PCG(seed, draw)).
func (m *Model) Predict(x [K]float64, years []float64, draws int, seed uint64) Prediction {
	p := Prediction{X: x, Years: years, Fitted: true}
	for k, name := range Covariates {
		if x[k] != 0 {
			p.Mechanisms = append(p.Mechanisms, CovariateText[name])
		}
	}
	n := K + 2
	var chol mat.Cholesky
	if !chol.Factorize(m.Cov) {
		panic("ceasefire: covariance not positive definite")
	}
	var L mat.TriDense
	chol.LTo(&L)
	samples := make([][]float64, len(years))
	z := make([]float64, n)
	theta := make([]float64, n)
	for d := range draws {
		r := rand.New(rand.NewPCG(seed, uint64(d)))
		for j := range z {
			z[j] = r.NormFloat64()
		}
		for i := range n {
			theta[i] = m.Theta[i]
			for j := 0; j <= i; j++ {
				theta[i] += L.At(i, j) * z[j]
			}
		}
		for i, t := range years {
			samples[i] = append(samples[i], survival(theta, x, t))
		}
	}
	for i, t := range years {
		p.Survive = append(p.Survive, m.Survival(x, t))
		s := samples[i]
		slices.Sort(s)
		p.Low = append(p.Low, quantile(s, 0.05))
		p.High = append(p.High, quantile(s, 0.95))
	}
	return p
}

// quantile of sorted s by linear interpolation (type 7).
func quantile(s []float64, q float64) float64 {
	if len(s) == 0 {
		return math.NaN()
	}
	h := q * float64(len(s)-1)
	lo := int(h)
	if lo+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[lo] + (h-float64(lo))*(s[lo+1]-s[lo])
}

// KaplanMeier returns the product-limit estimate of survival at each of
// years from the cases (Kaplan and Meier 1958).
func KaplanMeier(cases []Case, years []float64) []float64 {
	type ev struct {
		t    float64
		dead bool
	}
	evs := make([]ev, len(cases))
	for i, c := range cases {
		evs[i] = ev{c.Duration, c.Resumed}
	}
	slices.SortFunc(evs, func(a, b ev) int {
		if a.t != b.t {
			if a.t < b.t {
				return -1
			}
			return 1
		}
		// deaths before censorings at the same time
		if a.dead != b.dead {
			if a.dead {
				return -1
			}
			return 1
		}
		return 0
	})
	out := make([]float64, len(years))
	for yi, y := range years {
		s := 1.0
		atRisk := len(evs)
		for _, e := range evs {
			if e.t > y {
				break
			}
			if e.dead {
				s *= 1 - 1/float64(atRisk)
			}
			atRisk--
		}
		out[yi] = s
	}
	return out
}
