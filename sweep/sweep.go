// Package sweep runs Monte Carlo over a scenario's uncertain values: each
// draw replaces every distribution by one sampled number, runs all the
// models through the engine, and keeps a few outputs per package; the draws
// are then summarised (mean, median, 5% and 95% quantiles).
//
// Reproducibility: draw d uses its own stream rand.NewPCG(seed, d), and the
// uncertain values are sampled in the order of their position in the
// scenario file, then the shared coefficients (scenario/coefficients.yaml)
// that the scenario does not override in theirs, so a draw's numbers do not depend on which worker runs it,
// how many workers there are, or how the draws are sharded. A value shared
// between packages (through `extends` or a YAML alias) is drawn once per
// draw, so packages are compared on common random numbers.
package sweep

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"

	"deter/engine"
	"deter/scenario"
)

// MaxDraws bounds one sweep.
const MaxDraws = 10_000_000

// Output names the per-draw numbers kept for each package.
var Output = []string{
	"ground_km2_d30", "ground_km2_d90", "ground_km2_d365", // with guarantor intervention
	"ground_km2_d365_no_intervention",
	"first_objective_day", // +Inf if not reached
	"attacker_losses", "defender_losses",
	"cost_5y_usd_bn", "troops_committed",
	"p_attack_1y", "p_attack_5y", "p_intervention",
}

// Row is one draw's outputs for one package, in the order of Output.
type Row struct {
	Draw    uint64
	Package int
	Values  []float64
}

// Plan is a prepared sweep: the scenario and the order in which its
// uncertain values are drawn.
type Plan struct {
	S    *scenario.Scenario
	Seed uint64
	keys []scenario.Pos // uncertain values, in file order
	dist map[scenario.Pos]scenario.Value
	// Correlated values: their positions in keys and the Cholesky factor
	// of their Gaussian-copula correlation matrix.
	corr []int
	chol *mat.TriDense
	// rule is the structural uncertainty over the intervention rule (nil
	// when the scenario fixes it or one rule has all the weight): one more
	// input, after the values.
	rule *ruleInput
}

// ruleInput draws models.deterrence.intervention: rule i when the input's
// quantile u falls below cum[i]. The nominal rule (the heaviest) is put in
// the middle so that the median, u = 0.5, falls on it: with weights w_a,
// w_n, w_b around it, w_a <= w_n and w_b <= w_n leave 0.5 inside
// [w_a, w_a + w_n].
type ruleInput struct {
	rules []string
	cum   []float64
	line  int
}

// newRuleInput returns the rule input of s, or nil if the rule is not
// uncertain.
func newRuleInput(s *scenario.Scenario) *ruleInput {
	dm := s.DeterrenceModel()
	w := dm.RuleWeights()
	nominal := slices.Index(scenario.InterventionRules, dm.Rule())
	var order []int
	for i := range w {
		if i != nominal && w[i] > 0 {
			order = append(order, i)
		}
	}
	if len(order) == 0 {
		return nil
	}
	order = slices.Insert(order, 1, nominal)
	r := &ruleInput{line: dm.RuleWeightPooled.Pos.Line}
	sum := 0.0
	for _, i := range order {
		sum += w[i]
		r.rules = append(r.rules, scenario.InterventionRules[i])
		r.cum = append(r.cum, sum)
	}
	r.cum[len(r.cum)-1] = 1
	return r
}

// at is the rule at quantile u.
func (r *ruleInput) at(u float64) string {
	for i, c := range r.cum {
		if u < c {
			return r.rules[i]
		}
	}
	return r.rules[len(r.rules)-1]
}

// name describes the input for tables: its field, the rules and weights.
func (r *ruleInput) name() string {
	var parts []string
	prev := 0.0
	for i, c := range r.cum {
		parts = append(parts, fmt.Sprintf("%s %.0f%%", r.rules[i], 100*(c-prev)))
		prev = c
	}
	return fmt.Sprintf("models.deterrence.intervention (structural: %s; %s line %d)", strings.Join(parts, ", "), scenario.CoefficientsFile, r.line)
}

// withRule returns s with its intervention rule set (a copy of the block;
// s is not changed).
func withRule(s *scenario.Scenario, rule string) *scenario.Scenario {
	dm := scenario.DeterrenceModel{}
	if s.Models.Deterrence != nil {
		dm = *s.Models.Deterrence
	}
	dm.Intervention = rule
	s.Models.Deterrence = &dm
	return s
}

// NewPlan prepares a sweep of s with the given seed. It fails when the
// scenario's correlations cannot hold together (the implied correlation
// matrix is not positive definite).
func NewPlan(s *scenario.Scenario, seed uint64) (*Plan, error) {
	p := &Plan{S: s, Seed: seed, dist: map[scenario.Pos]scenario.Value{}}
	scenario.Values(s, func(_ string, v *scenario.Value) {
		if v.IsSet() && v.Dist != scenario.Point {
			if _, ok := p.dist[v.Pos]; !ok {
				p.dist[v.Pos] = *v
				p.keys = append(p.keys, v.Pos)
			}
		}
	})
	sort.Slice(p.keys, func(i, j int) bool {
		// The scenario's own values first (File ""), then the shared
		// coefficients, each in file order.
		a, b := p.keys[i], p.keys[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	p.rule = newRuleInput(s)
	return p, p.correlate()
}

// correlate builds the Gaussian copula for the scenario's rank
// correlations. A Spearman correlation ρs between two variables maps to the
// Pearson correlation of their normal scores r = 2 sin(π ρs / 6) (Pearson
// 1907; Iman and Conover 1982, "A distribution-free approach to inducing
// rank correlation among input variables").
func (p *Plan) correlate() error {
	if len(p.S.Correlations) == 0 {
		return nil
	}
	byID := map[string]int{}
	for i, k := range p.keys {
		if id := p.dist[k].ID; id != "" {
			byID[id] = i
		}
	}
	local := map[int]int{}
	for _, c := range p.S.Correlations {
		for _, id := range c.Between {
			i, ok := byID[id]
			if !ok {
				return fmt.Errorf("sweep: correlated value %q is not a distribution", id)
			}
			if _, seen := local[i]; !seen {
				local[i] = len(p.corr)
				p.corr = append(p.corr, i)
			}
		}
	}
	n := len(p.corr)
	m := mat.NewSymDense(n, nil)
	for i := range n {
		m.SetSym(i, i, 1)
	}
	for _, c := range p.S.Correlations {
		a, b := local[byID[c.Between[0]]], local[byID[c.Between[1]]]
		m.SetSym(a, b, 2*math.Sin(math.Pi*c.Rank/6))
	}
	var ch mat.Cholesky
	if !ch.Factorize(m) {
		return fmt.Errorf("sweep: the scenario's correlations are inconsistent (their matrix is not positive definite)")
	}
	p.chol = mat.NewTriDense(n, mat.Lower, nil)
	ch.LTo(p.chol)
	return nil
}

// Uncertain is the number of inputs a draw varies: the distinct uncertain
// values, and the intervention rule when it is structural uncertainty.
func (p *Plan) Uncertain() int {
	if p.rule != nil {
		return len(p.keys) + 1
	}
	return len(p.keys)
}

// Draw returns the scenario of draw d: every distribution replaced by a
// sample from stream (seed, d).
func (p *Plan) Draw(d uint64) *scenario.Scenario {
	drawn, rule := p.sample(d)
	out := scenario.MapValues(p.S, func(_ string, v scenario.Value) scenario.Value {
		if x, ok := drawn[v.Pos]; ok && v.IsSet() && v.Dist != scenario.Point {
			return v.Point(x)
		}
		return v
	})
	if p.rule != nil {
		out = withRule(out, rule)
	}
	return out
}

// sample draws the uncertain values of draw d from stream (seed, d), and
// the rule last, so that the values' draws do not depend on it ("" when
// the rule is not uncertain).
func (p *Plan) sample(d uint64) (map[scenario.Pos]float64, string) {
	r := rand.New(rand.NewPCG(p.Seed, d))
	drawn := make(map[scenario.Pos]float64, len(p.keys))
	for i, k := range p.keys {
		if p.chol != nil && slices.Contains(p.corr, i) {
			continue
		}
		drawn[k] = p.dist[k].Sample(r)
	}
	if p.chol != nil {
		n := len(p.corr)
		z := make([]float64, n)
		for i := range z {
			z[i] = r.NormFloat64()
		}
		for i := range n {
			x := 0.0
			for j := 0; j <= i; j++ {
				x += p.chol.At(i, j) * z[j]
			}
			u := distuv.UnitNormal.CDF(x)
			u = math.Min(math.Max(u, 1e-12), 1-1e-12)
			k := p.keys[p.corr[i]]
			drawn[k] = p.dist[k].Quantile(u)
		}
	}
	rule := ""
	if p.rule != nil {
		rule = p.rule.at(r.Float64())
	}
	return drawn, rule
}

// Run evaluates draw d and returns one row per package.
func (p *Plan) Run(ctx context.Context, d uint64) ([]Row, error) {
	res, err := engine.Run(ctx, p.Draw(d), engine.Options{Seed: p.Seed, ClosedForm: true})
	if err != nil {
		return nil, fmt.Errorf("draw %d: %w", d, err)
	}
	rows := make([]Row, len(res.Packages))
	for i := range res.Packages {
		rows[i] = Row{Draw: d, Package: i, Values: rowValues(res, i)}
	}
	return rows, nil
}

// rowValues returns package i's outputs, in the order of Output.
func rowValues(res *engine.Result, i int) []float64 {
	pk := &res.Packages[i]
	out, in := pk.Campaign[0], pk.Campaign[1]
	first := math.Inf(1)
	if in.FirstObjectiveDay != nil {
		first = *in.FirstObjectiveDay
	}
	at := func(c engine.CampaignOutcome, day int) float64 {
		return c.GroundKm2ByDay[min(day, len(c.GroundKm2ByDay)-1)]
	}
	var cost5, troops float64
	if pk.Cost != nil {
		cost5, troops = pk.Cost.Total, pk.Cost.Committed
	}
	var p1, p5, pI float64
	if d := pk.Deterrence; d != nil {
		p1, p5, pI = d.PAttack1, d.PAttack5, d.PIntervention
	}
	return []float64{at(in, 30), at(in, 90), at(in, 365), at(out, 365),
		first, in.AttackerLosses, in.DefenderLosses, cost5, troops, p1, p5, pI}
}

// Shard selects the draws i, i+n, i+2n, ... of 0..draws-1.
type Shard struct{ I, N int }

// Draws lists the draw indices of the shard.
func (s Shard) Draws(draws int) []uint64 {
	n := max(s.N, 1)
	var out []uint64
	for d := s.I; d < draws; d += n {
		out = append(out, uint64(d))
	}
	return out
}

// Options control Execute.
type Options struct {
	Workers int               // <= 0: all cores
	Skip    func(uint64) bool // draws already done (resume); may be nil
	// Sink receives each finished draw's rows, from one goroutine at a
	// time, in completion order; an error stops the sweep.
	Sink     func([]Row) error
	Progress func(done, total int) // may be nil
}

// Execute runs the given draws with a worker pool.
func (p *Plan) Execute(ctx context.Context, draws []uint64, opt Options) error {
	if len(draws) > MaxDraws {
		return fmt.Errorf("sweep: %d draws; the limit is %d", len(draws), MaxDraws)
	}
	todo := draws
	if opt.Skip != nil {
		todo = slices.DeleteFunc(slices.Clone(draws), opt.Skip)
	}
	w := opt.Workers
	if w <= 0 {
		w = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan uint64)
	results := make(chan []Row)
	errc := make(chan error, w+1)
	var wg sync.WaitGroup
	for range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range jobs {
				rows, err := p.Run(ctx, d)
				if err != nil {
					errc <- err
					cancel()
					return
				}
				select {
				case results <- rows:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, d := range todo {
			select {
			case jobs <- d:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	done, total := len(draws)-len(todo), len(draws)
	var sinkErr error
	for rows := range results {
		if sinkErr != nil {
			continue
		}
		if opt.Sink != nil {
			if err := opt.Sink(rows); err != nil {
				sinkErr = err
				cancel()
				continue
			}
		}
		done++
		if opt.Progress != nil {
			opt.Progress(done, total)
		}
	}
	select {
	case err := <-errc:
		return err
	default:
	}
	if sinkErr != nil {
		return sinkErr
	}
	return ctx.Err()
}

// Summary describes one output of one package over the draws.
type Summary struct {
	Package string  `json:"package"`
	Output  string  `json:"output"`
	N       int     `json:"n"`
	Mean    float64 `json:"mean"`
	Median  float64 `json:"median"`
	P05     float64 `json:"p05"`
	P95     float64 `json:"p95"`
	// Finite is the share of draws with a finite value (for
	// first_objective_day: the probability the objective is reached). The
	// statistics are over those draws, and 0 when there are none.
	Finite float64 `json:"share_finite"`
}

// Summarise turns rows into summaries, package by package and output by
// output. Rows are sorted by draw first, so the result does not depend on
// the order in which draws finished.
func Summarise(packages []string, rows []Row) ([]Summary, error) {
	rows = slices.Clone(rows)
	slices.SortFunc(rows, func(a, b Row) int {
		if a.Package != b.Package {
			return a.Package - b.Package
		}
		switch {
		case a.Draw < b.Draw:
			return -1
		case a.Draw > b.Draw:
			return 1
		}
		return 0
	})
	var out []Summary
	for pi, name := range packages {
		for oi, o := range Output {
			var xs []float64
			n := 0
			for _, r := range rows {
				if r.Package != pi {
					continue
				}
				if oi >= len(r.Values) {
					return nil, errors.New("sweep: row with too few values")
				}
				n++
				if v := r.Values[oi]; !math.IsInf(v, 0) && !math.IsNaN(v) {
					xs = append(xs, v)
				}
			}
			s := Summary{Package: name, Output: o, N: n}
			if n > 0 {
				s.Finite = float64(len(xs)) / float64(n)
			}
			if len(xs) > 0 {
				sum := 0.0
				for _, x := range xs {
					sum += x
				}
				s.Mean = sum / float64(len(xs))
				slices.Sort(xs)
				s.Median = quantile(xs, 0.5)
				s.P05 = quantile(xs, 0.05)
				s.P95 = quantile(xs, 0.95)
			}
			out = append(out, s)
		}
	}
	return out, nil
}

// quantile of sorted xs by linear interpolation between order statistics
// (Hyndman and Fan 1996, "Sample quantiles in statistical packages", The
// American Statistician 50(4), definition 7, the default of R and NumPy).
func quantile(xs []float64, q float64) float64 {
	h := q * float64(len(xs)-1)
	lo := int(math.Floor(h))
	hi := min(lo+1, len(xs)-1)
	return xs[lo] + (h-float64(lo))*(xs[hi]-xs[lo])
}
