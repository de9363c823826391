// Package backtest scores the deterrence model against a library of
// historical cases: extended deterrence, security guarantees and
// cease-fires, each a scenario with the facts of its case and a recorded
// outcome (scenario.Outcome). It fits the shared judgement coefficients
// (scenario/coefficients.yaml) where the cases allow, by penalised
// likelihood, predicts each case from coefficients fitted without it
// (leave-one-out), and compares the model with two baselines: the base
// rate, and the empirical cease-fire hazard model (package ceasefire).
//
// It is not a model of its own: P(attack) comes from the deterrence game
// through the engine (engine.DeterrenceCase), and the package only varies
// the coefficients and keeps the score.
//
// # The fit
//
// Case i, with outcome yᵢ (1: attacked within its window of nᵢ years) and
// the game's P(attack within a year) P₁ᵢ(θ), is predicted to see an attack
// within its window with
//
//	pᵢ(θ) = 1 − (1 − P₁ᵢ(θ))^nᵢ,  clipped to [ε, 1 − ε], ε = 0.01
//
// (the clip keeps one case from deciding the fit alone: the model cannot
// be more sure than 99% of a historical outcome). The coefficients θ (on
// the scale of each prior: log for positive quantities, logit for shares)
// minimise the penalised negative log-likelihood
//
//	L(θ) = −Σᵢ [yᵢ ln pᵢ + (1 − yᵢ) ln(1 − pᵢ)] + Σⱼ (θⱼ − mⱼ)² / (2 sⱼ²)
//
// whose minimum is the posterior mode under independent normal priors
// N(mⱼ, sⱼ²) (Gelman et al. 2013, Bayesian Data Analysis, 3rd ed., ch. 13).
// The minimum is found by Nelder-Mead from the prior means; the interval
// of each coefficient is the Laplace approximation: the inverse of the
// numerical Hessian of L at the mode gives the posterior covariance, and
// θⱼ ± 1.96 sd is mapped back through the prior's scale.
//
// # The scores
//
// Brier score (Brier 1950) mean (pᵢ − yᵢ)²; log loss −mean[yᵢ ln pᵢ +
// (1 − yᵢ) ln(1 − pᵢ)] (same clip); the area under the ROC curve, the
// probability that a case that saw an attack is given a higher pᵢ than one
// that did not, ties counting a half (Hanley and McNeil 1982).
//
// References:
//
//	Brier, G. W. (1950). Verification of forecasts expressed in terms of
//	  probability. Monthly Weather Review 78(1): 1-3.
//	Gelman, A. et al. (2013). Bayesian Data Analysis, 3rd ed. CRC Press.
//	Hanley, J. A. and McNeil, B. J. (1982). The meaning and use of the area
//	  under a receiver operating characteristic (ROC) curve. Radiology 143:
//	  29-36.
//	Huth, P. K. (1988). Extended Deterrence and the Prevention of War. Yale
//	  University Press.
//	Fortna, V. P. (2003). Scraps of paper? Agreements and the durability of
//	  peace. International Organization 57(2): 337-372.
package backtest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"sort"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"

	"deter/engine"
	"deter/scenario"
	"deter/scenarios"
)

// Eps is ε, the clip of a case's predicted probability.
const Eps = 0.01

// Scale is how a prior treats its coefficient.
type Scale int

const (
	// Log: the coefficient is exp(θ), for positive quantities.
	Log Scale = iota
	// Logit: the coefficient is Lo + (Hi − Lo)/(1 + exp(−θ)), for shares.
	Logit
)

// Prior is the prior of one fitted coefficient: θ ~ N(M, S²) on its Scale.
type Prior struct {
	Key    string // models.deterrence key
	Scale  Scale
	Centre float64 // the coefficient at θ = M (median of the prior)
	// S is the prior's sd on the scale of θ (for Log, the sd of the
	// natural log: 1 means a factor e either way).
	S      float64
	Lo, Hi float64 // bounds of a Logit coefficient
	Source string
}

// M returns the prior mean of θ.
func (p Prior) M() float64 { return p.theta(p.Centre) }

func (p Prior) value(theta float64) float64 {
	if p.Scale == Log {
		return math.Exp(theta)
	}
	return p.Lo + (p.Hi-p.Lo)/(1+math.Exp(-theta))
}

func (p Prior) theta(x float64) float64 {
	if p.Scale == Log {
		return math.Log(x)
	}
	u := (x - p.Lo) / (p.Hi - p.Lo)
	return math.Log(u / (1 - u))
}

// DefaultPriors are the priors of the coefficients the case library is
// asked to decide: those that carry the model's argument (what territory
// is worth, what a war with the guarantors costs, what abandoning a
// tripwire costs, the attacker's drive and the spread of its resolve). The
// others stay at their shared values (scenario/coefficients.yaml).
func DefaultPriors() []Prior {
	return []Prior{
		{Key: "attacker_value_per_km2_usd_m", Scale: Log, Centre: 25, S: 1,
			Source: "revealed preference in 2025: about USD 120 bn of war spending for about 4,800 km2 (The Insider 2026-01-15); a factor e either way"},
		{Key: "value_beyond_claim_share", Scale: Logit, Centre: 0.2, S: 1, Lo: 0, Hi: 1,
			Source: "assumption after Huth 1996 and Senese and Vasquez 2008 (states fight over the territory they claim)"},
		{Key: "fight_guarantors_defence_years", Scale: Log, Centre: 0.5, S: 1.5,
			Source: "assumption: a war with the guarantors costs the attacker of the order of half a year of their defence spending; wide"},
		{Key: "attacker_escalation_gdp_share", Scale: Log, Centre: 0.5, S: 1.5,
			Source: "assumption after Schelling 1966 and Jervis 1989: a few per cent chance of nuclear use times a decade of output lost; wide"},
		{Key: "fight_guarantors_force_scale_troops", Scale: Log, Centre: 1000, S: 1,
			Source: "Schelling 1966 (Arms and Influence, ch. 2): the Berlin brigade could not hold, but killing it made the war; a battalion's worth of a guarantor's troops in the fight makes it a war with that state (63% at F0)"},
		{Key: "tripwire_cost_per_1000_troops_usd_bn", Scale: Log, Centre: 50, S: 1,
			Source: "assumption after Schelling 1966 (a garrison that will be overrun makes intervention all but automatic)"},
		{Key: "attacker_drive_share", Scale: Logit, Centre: 0.25, S: 1, Lo: -1, Hi: 2,
			Source: "ukraine-2025: a drive of USD 30 bn against a war budget of USD 120 bn"},
		{Key: "sigma_attacker_share", Scale: Log, Centre: 0.4, S: 0.7,
			Source: "assumption: the spread of the attacker's private resolve as a share of its yearly war cost (ukraine-2025: USD 50 bn against USD 120 bn)"},
	}
}

// Case is one historical case: a package of a scenario and what happened.
type Case struct {
	ID       string // file stem/package
	File     string
	Name     string
	Package  string
	Attacked bool
	Window   float64 // years
	Date     string
	Source   string
	game     *engine.DeterrenceCase
	base     scenario.DeterrenceModel
	// Record is the empirical cease-fire model's P(war within the window)
	// for the package's agreement content.
	Record float64
}

// Library returns the shipped scenarios (scenarios/*.yaml and
// scenarios/cases/*.yaml, carried in the binary), named as in the
// repository; Load keeps those with outcomes.
func Library() ([]Source, error) {
	var out []Source
	for _, pat := range []string{"*.yaml", "cases/*.yaml"} {
		names, err := fs.Glob(scenarios.FS, pat)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			data, err := fs.ReadFile(scenarios.FS, n)
			if err != nil {
				return nil, err
			}
			out = append(out, Source{Name: path.Join("scenarios", n), Data: data})
		}
	}
	return out, nil
}

// Source is one scenario file's name and text.
type Source struct {
	Name string
	Data []byte
}

// Load reads the cases of the scenarios (those with outcomes) and runs
// their campaigns. Scenarios without outcomes are skipped.
func Load(ctx context.Context, files []Source) ([]*Case, error) {
	var cases []*Case
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s, err := scenario.Parse(f.Name, f.Data)
		if err != nil {
			return nil, err
		}
		stem := strings.TrimSuffix(path.Base(f.Name), path.Ext(f.Name))
		for _, o := range s.Outcomes {
			g, err := engine.NewDeterrenceCase(s, o.Package)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f.Name, err)
			}
			rec, err := engine.CeasefireWar(g.Package(), o.Window.Nominal())
			if err != nil {
				return nil, err
			}
			cases = append(cases, &Case{ID: stem + "/" + o.Package, File: f.Name, Name: s.Name, Package: o.Package,
				Attacked: o.Attacked(), Window: o.Window.Nominal(), Date: o.Date, Source: o.Source,
				game: g, base: s.DeterrenceModel(), Record: rec})
		}
	}
	if len(cases) == 0 {
		return nil, errors.New("no case has an outcome (a scenario's outcomes: block)")
	}
	sort.SliceStable(cases, func(i, j int) bool { return cases[i].ID < cases[j].ID })
	return cases, nil
}

// Predict returns case c's probability of an attack within its window
// with the fitted coefficients set to the values x (in the order of
// priors), clipped to [Eps, 1 − Eps].
func (c *Case) Predict(priors []Prior, x []float64) (float64, error) {
	dm := c.base
	for j, p := range priors {
		if err := scenario.SetDeterrence(&dm, p.Key, scenario.Num(x[j])); err != nil {
			return 0, err
		}
	}
	p1, err := c.game.PAttack1(dm)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", c.ID, err)
	}
	return clip(1 - math.Pow(1-p1, c.Window)), nil
}

func clip(p float64) float64 { return math.Min(1-Eps, math.Max(Eps, p)) }

// objective is L(θ) over cases (all but skip, if skip >= 0).
type objective struct {
	cases  []*Case
	priors []Prior
	skip   int
	err    error
	x      []float64
}

func (o *objective) f(theta []float64) float64 {
	if o.x == nil {
		o.x = make([]float64, len(o.priors))
	}
	l := 0.0
	for j, p := range o.priors {
		o.x[j] = p.value(theta[j])
		d := (theta[j] - p.M()) / p.S
		l += d * d / 2
	}
	for i, c := range o.cases {
		if i == o.skip {
			continue
		}
		p, err := c.Predict(o.priors, o.x)
		if err != nil {
			if o.err == nil {
				o.err = err
			}
			return math.Inf(1)
		}
		if c.Attacked {
			l -= math.Log(p)
		} else {
			l -= math.Log(1 - p)
		}
	}
	return l
}

// Fit is the posterior mode of the coefficients and its Laplace interval.
type Fit struct {
	Priors []Prior
	Theta  []float64 // mode, on the priors' scales
	X      []float64 // mode, as coefficients
	// SD is the posterior sd of each θ (Laplace); NaN when the Hessian is
	// not positive definite at the mode.
	SD     []float64
	Lo, Hi []float64 // 95% interval as coefficients
	L      float64   // L(θ) at the mode
}

// fitWithout fits the coefficients to every case but skip (-1: all),
// starting from start (nil: the prior means).
func fitWithout(cases []*Case, priors []Prior, skip int, start []float64, withSD bool) (*Fit, error) {
	o := &objective{cases: cases, priors: priors, skip: skip}
	init := make([]float64, len(priors))
	for j, p := range priors {
		init[j] = p.M()
	}
	if start != nil {
		copy(init, start)
	}
	res, err := optimize.Minimize(optimize.Problem{Func: o.f}, init,
		&optimize.Settings{Converger: &optimize.FunctionConverge{Absolute: 1e-7, Iterations: 200}, MajorIterations: 3000},
		&optimize.NelderMead{})
	if o.err != nil {
		return nil, o.err
	}
	if err != nil && res == nil {
		return nil, fmt.Errorf("backtest: fit: %w", err)
	}
	f := &Fit{Priors: priors, Theta: res.X, L: res.F}
	for j, p := range priors {
		f.X = append(f.X, p.value(res.X[j]))
	}
	if withSD {
		f.SD = laplaceSD(o, res.X)
		for j, p := range priors {
			f.Lo = append(f.Lo, p.value(res.X[j]-1.96*f.SD[j]))
			f.Hi = append(f.Hi, p.value(res.X[j]+1.96*f.SD[j]))
		}
	}
	return f, nil
}

// laplaceSD returns the sd of each θ from the inverse of the numerical
// Hessian of L at the mode (central differences, step 1e-3 on θ's scale).
func laplaceSD(o *objective, theta []float64) []float64 {
	n := len(theta)
	h := 1e-3
	at := func(di, dj int, si, sj float64) float64 {
		t := append([]float64(nil), theta...)
		t[di] += si * h
		t[dj] += sj * h
		return o.f(t)
	}
	H := mat.NewSymDense(n, nil)
	f0 := o.f(theta)
	for i := range n {
		for j := i; j < n; j++ {
			var v float64
			if i == j {
				v = (at(i, i, 0.5, 0.5) - 2*f0 + at(i, i, -0.5, -0.5)) / (h * h)
			} else {
				v = (at(i, j, 1, 1) - at(i, j, 1, -1) - at(i, j, -1, 1) + at(i, j, -1, -1)) / (4 * h * h)
			}
			H.SetSym(i, j, v)
		}
	}
	sd := make([]float64, n)
	var ch mat.Cholesky
	if !ch.Factorize(H) {
		for i := range sd {
			sd[i] = math.NaN()
		}
		return sd
	}
	var cov mat.SymDense
	if err := ch.InverseTo(&cov); err != nil {
		for i := range sd {
			sd[i] = math.NaN()
		}
		return sd
	}
	for i := range n {
		sd[i] = math.Sqrt(cov.At(i, i))
	}
	return sd
}

// Scores are a set of predictions' Brier score, log loss and AUC.
type Scores struct {
	Brier   float64 `json:"brier"`
	LogLoss float64 `json:"log_loss"`
	AUC     float64 `json:"auc"`
}

// Score scores predictions p of outcomes y (p clipped as in the fit).
func Score(p []float64, y []bool) Scores {
	var s Scores
	n := float64(len(p))
	for i := range p {
		q := clip(p[i])
		o := 0.0
		if y[i] {
			o = 1
			s.LogLoss -= math.Log(q)
		} else {
			s.LogLoss -= math.Log(1 - q)
		}
		s.Brier += (p[i] - o) * (p[i] - o)
	}
	s.Brier /= n
	s.LogLoss /= n
	s.AUC = AUC(p, y)
	return s
}

// AUC is the area under the ROC curve of scores p for outcomes y: the
// share of (positive, negative) pairs ranked correctly, ties a half
// (Hanley and McNeil 1982). NaN without both kinds of outcome.
func AUC(p []float64, y []bool) float64 {
	var pairs, good float64
	for i := range p {
		if !y[i] {
			continue
		}
		for j := range p {
			if y[j] {
				continue
			}
			pairs++
			switch {
			case p[i] > p[j]:
				good++
			case p[i] == p[j]:
				good += 0.5
			}
		}
	}
	if pairs == 0 {
		return math.NaN()
	}
	return good / pairs
}
