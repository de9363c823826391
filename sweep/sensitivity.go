package sweep

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"deter/engine"
	"deter/internal/par"
	"deter/scenario"
)

// Inputs names the plan's uncertain values (field path and line), in the
// order DrawAt takes them.
func (p *Plan) Inputs() []string {
	paths := map[scenario.Pos]string{}
	scenario.Values(p.S, func(path string, v *scenario.Value) {
		if _, ok := p.dist[v.Pos]; ok {
			if _, seen := paths[v.Pos]; !seen {
				paths[v.Pos] = path
			}
		}
	})
	out := make([]string, p.Uncertain())
	for i, k := range p.keys {
		if k.File != "" {
			out[i] = fmt.Sprintf("%s (%s line %d)", paths[k], k.File, k.Line)
			continue
		}
		out[i] = fmt.Sprintf("%s (line %d)", paths[k], k.Line)
	}
	if p.rule != nil {
		out[len(p.keys)] = p.rule.name()
	}
	return out
}

// Level is the rule input i takes at quantile u, or "" when input i is a
// number.
func (p *Plan) Level(i int, u float64) string {
	if p.rule != nil && i == len(p.keys) {
		return p.rule.at(u)
	}
	return ""
}

// quantile is input i's value at quantile u (the rule's index in the
// draw order for the structural input).
func (p *Plan) quantile(i int, u float64) float64 {
	if i < len(p.keys) {
		return p.dist[p.keys[i]].Quantile(u)
	}
	return float64(slices.Index(p.rule.rules, p.rule.at(u)))
}

// DrawAt returns the scenario with uncertain value i set to its quantile
// u[i] (u in (0, 1), one entry per input).
func (p *Plan) DrawAt(u []float64) *scenario.Scenario {
	at := make(map[scenario.Pos]float64, len(p.keys))
	for i, k := range p.keys {
		at[k] = p.dist[k].Quantile(u[i])
	}
	out := scenario.MapValues(p.S, func(_ string, v scenario.Value) scenario.Value {
		if x, ok := at[v.Pos]; ok && v.IsSet() && v.Dist != scenario.Point {
			return v.Point(x)
		}
		return v
	})
	if p.rule != nil {
		out = withRule(out, p.rule.at(u[len(p.keys)]))
	}
	return out
}

// Metric picks one number from an engine result.
type Metric func(*engine.Result) (float64, error)

// ErrUnknownOutput is returned (wrapped) for an output name not in Output.
var ErrUnknownOutput = errors.New("unknown output")

// PackageOutput is the metric "output o of package id" (o from Output).
func PackageOutput(id, o string) (Metric, error) {
	oi := slices.Index(Output, o)
	if oi < 0 {
		return nil, fmt.Errorf("%w %q (one of %v)", ErrUnknownOutput, o, Output)
	}
	return func(res *engine.Result) (float64, error) {
		for i, pk := range res.Packages {
			if pk.ID == id {
				return rowValues(res, i)[oi], nil
			}
		}
		return 0, fmt.Errorf("no package %q", id)
	}, nil
}

// eval runs the metric at quantile points us, in parallel, results in order.
func (p *Plan) eval(ctx context.Context, us [][]float64, m Metric) ([]float64, error) {
	out := make([]float64, len(us))
	err := par.Do(ctx, len(us), func(i int) error {
		res, err := engine.Run(ctx, p.DrawAt(us[i]), engine.Options{Seed: p.Seed, ClosedForm: true})
		if err == nil {
			out[i], err = m(res)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Bar is one input's one-at-a-time effect: the metric with that input at its
// 5% and 95% quantiles and every other input at its median.
type Bar struct {
	Input string  `json:"input"`
	Low   float64 `json:"at_p05"`
	High  float64 `json:"at_p95"`
	Swing float64 `json:"swing"`
}

// Tornado computes one-at-a-time effects, largest swing first, and the
// metric with every input at its median.
func (p *Plan) Tornado(ctx context.Context, m Metric) ([]Bar, float64, error) {
	k := p.Uncertain()
	base := make([]float64, k)
	for i := range base {
		base[i] = 0.5
	}
	us := [][]float64{base}
	for i := range k {
		for _, q := range []float64{0.05, 0.95} {
			u := slices.Clone(base)
			u[i] = q
			us = append(us, u)
		}
	}
	ys, err := p.eval(ctx, us, m)
	if err != nil {
		return nil, 0, err
	}
	names := p.Inputs()
	bars := make([]Bar, k)
	for i := range k {
		lo, hi := ys[1+2*i], ys[2+2*i]
		bars[i] = Bar{Input: names[i], Low: lo, High: hi, Swing: math.Abs(hi - lo)}
	}
	slices.SortStableFunc(bars, func(a, b Bar) int {
		switch {
		case a.Swing > b.Swing:
			return -1
		case a.Swing < b.Swing:
			return 1
		}
		return 0
	})
	return bars, ys[0], nil
}

// Index is a variance-based sensitivity index with a bootstrap 95%
// confidence interval.
type Index struct {
	Input   string  `json:"input"`
	First   float64 `json:"first_order"`
	FirstLo float64 `json:"first_order_ci_low"`
	FirstHi float64 `json:"first_order_ci_high"`
	Total   float64 `json:"total"`
	TotalLo float64 `json:"total_ci_low"`
	TotalHi float64 `json:"total_ci_high"`
}

// Sobol estimates first-order and total Sobol indices of f over k inputs
// uniform on (0, 1) with the design of Saltelli (2002): two N×k sample
// matrices A and B and, for each input i, the matrix AB_i (A with column i
// from B): N(k+2) evaluations. Estimators (Saltelli et al. 2010, "Variance
// based sensitivity analysis of model output", Computer Physics
// Communications 181(2):259-270, table 2, (b) and (f)):
//
//	V    = Var over f(A) ∪ f(B)
//	S_i  = (1/N) Σ_j f(B)_j (f(AB_i)_j − f(A)_j) / V
//	ST_i = (1/2N) Σ_j (f(A)_j − f(AB_i)_j)² / V          (Jansen 1999)
//
// Confidence intervals come from 200 bootstrap resamples of the rows j
// (percentile method). The samples come from the PCG stream (seed, 0), so
// results are reproducible.
func Sobol(k, n int, seed uint64, f func(us [][]float64) ([]float64, error), names []string) ([]Index, error) {
	groups := make([][]int, k)
	for i := range groups {
		groups[i] = []int{i}
	}
	return SobolGroups(k, n, seed, f, groups, names)
}

// SobolGroups is Sobol for groups of inputs: AB_g takes every column of
// group g from B, so S_g is the closed first-order index of the group (the
// share of variance its inputs explain together) and ST_g its total index
// (Saltelli et al. 2010, section 2; Jacques, Lavergne and Devictor 2006,
// "Sensitivity analysis in presence of model uncertainty and correlated
// inputs", Reliability Engineering & System Safety 91: 1126-1134). Singleton
// groups give Sobol. names name the groups.
func SobolGroups(k, n int, seed uint64, f func(us [][]float64) ([]float64, error), groups [][]int, names []string) ([]Index, error) {
	if k < 1 || n < 2 || len(groups) < 1 {
		return nil, fmt.Errorf("sweep: Sobol needs k >= 1 inputs and n >= 2 samples")
	}
	r := rand.New(rand.NewPCG(seed, 0))
	draw := func() [][]float64 {
		m := make([][]float64, n)
		for j := range m {
			m[j] = make([]float64, k)
			for i := range m[j] {
				// Keep away from 0 and 1, where quantiles may be infinite.
				m[j][i] = 1e-9 + (1-2e-9)*r.Float64()
			}
		}
		return m
	}
	A, B := draw(), draw()
	us := append(slices.Clone(A), B...)
	for _, g := range groups {
		for j := range n {
			row := slices.Clone(A[j])
			for _, i := range g {
				row[i] = B[j][i]
			}
			us = append(us, row)
		}
	}
	ys, err := f(us)
	if err != nil {
		return nil, err
	}
	fA, fB := ys[:n], ys[n:2*n]
	fAB := func(i int) []float64 { return ys[(2+i)*n : (3+i)*n] }
	estimate := func(rows []int, i int) (float64, float64) {
		var mean, m2 float64
		cnt := 0.0
		for _, j := range rows {
			for _, y := range []float64{fA[j], fB[j]} {
				cnt++
				d := y - mean
				mean += d / cnt
				m2 += d * (y - mean)
			}
		}
		v := m2 / (cnt - 1)
		if v <= 0 {
			return 0, 0
		}
		ab := fAB(i)
		var s, st float64
		for _, j := range rows {
			s += fB[j] * (ab[j] - fA[j])
			st += (fA[j] - ab[j]) * (fA[j] - ab[j])
		}
		nn := float64(len(rows))
		return s / nn / v, st / (2 * nn) / v
	}
	all := make([]int, n)
	for j := range all {
		all[j] = j
	}
	out := make([]Index, len(groups))
	br := rand.New(rand.NewPCG(seed, 1))
	const boots = 200
	for i := range groups {
		s, st := estimate(all, i)
		var bs, bst []float64
		rows := make([]int, n)
		for range boots {
			for j := range rows {
				rows[j] = br.IntN(n)
			}
			a, b := estimate(rows, i)
			bs, bst = append(bs, a), append(bst, b)
		}
		slices.Sort(bs)
		slices.Sort(bst)
		name := fmt.Sprintf("x%d", i+1)
		if i < len(names) {
			name = names[i]
		}
		out[i] = Index{Input: name, First: s, Total: st,
			FirstLo: quantile(bs, 0.025), FirstHi: quantile(bs, 0.975),
			TotalLo: quantile(bst, 0.025), TotalHi: quantile(bst, 0.975)}
	}
	return out, nil
}

// SobolScenario estimates the Sobol indices of a metric over the plan's
// uncertain values.
func (p *Plan) SobolScenario(ctx context.Context, m Metric, n int) ([]Index, error) {
	if p.Uncertain() == 0 {
		return nil, fmt.Errorf("sweep: the scenario has no uncertain values")
	}
	return Sobol(p.Uncertain(), n, p.Seed, func(us [][]float64) ([]float64, error) { return p.eval(ctx, us, m) }, p.Inputs())
}

// Provenance groups of the plan's inputs: values fitted to the case
// library, values marked as assumptions, and values with a source.
var Provenance = []string{"fitted to the case library", "assumptions", "sourced", "model rules (structural)"}

// provenanceOf places a value in one of Provenance's groups.
func provenanceOf(v scenario.Value) int {
	switch v.Source {
	case scenario.FittedSource:
		return 0
	case "assumption", "":
		return 1
	}
	return 2
}

// SobolProvenance estimates the Sobol indices of the metric for the
// groups of Provenance (N·(groups+2) runs): how much of the output's
// variance rests on fitted values, on assumptions and on sourced values.
// Empty groups are left out.
func (p *Plan) SobolProvenance(ctx context.Context, m Metric, n int) ([]Index, error) {
	var groups [][]int
	var names []string
	for g, name := range Provenance {
		var idx []int
		for i, k := range p.keys {
			if provenanceOf(p.dist[k]) == g {
				idx = append(idx, i)
			}
		}
		if g == len(Provenance)-1 && p.rule != nil {
			idx = append(idx, len(p.keys))
		}
		if len(idx) > 0 {
			groups = append(groups, idx)
			names = append(names, fmt.Sprintf("%s (%d values)", name, len(idx)))
		}
	}
	if len(groups) == 0 {
		return nil, fmt.Errorf("sweep: the scenario has no uncertain values")
	}
	return SobolGroups(p.Uncertain(), n, p.Seed, func(us [][]float64) ([]float64, error) { return p.eval(ctx, us, m) }, groups, names)
}
