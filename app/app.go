// Package app is the orchestration layer that the command line (cmd/deter)
// and the web workbench (web) share: loading a scenario with its errors,
// running it, a Monte Carlo sweep into the store with resume, the design
// search and its Pareto front, and the charts of one result. Each face
// only parses its own input (flags or JSON) and renders this package's
// answers; neither repeats a step of the work.
//
// It knows the store, the engine, the design space and the charts; it
// models nothing. It is not for the models' callers who want one number:
// those call engine or the model packages directly.
package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"deter/design"
	"deter/engine"
	"deter/optimise"
	"deter/report"
	"deter/scenario"
	"deter/store"
	"deter/sweep"
)

// Input is a loaded scenario with the text it was parsed from (the sweep
// store keys its runs on the text).
type Input struct {
	Scenario *scenario.Scenario
	Text     []byte
}

// InvalidError is a scenario file that was read but is not valid: every
// problem found, each with file, line, column and field.
type InvalidError struct {
	Path   string
	Errors scenario.ErrorList
}

func (e *InvalidError) Error() string {
	return fmt.Sprintf("%s is not a valid scenario (%d error(s)); run 'deter validate %s'", e.Path, len(e.Errors), e.Path)
}

// Unwrap gives the list, so errors.As finds a scenario.ErrorList.
func (e *InvalidError) Unwrap() error { return e.Errors }

// Load reads (scenario.ReadFile: bounded, regular files only) and parses a
// scenario file. An unreadable file gives an error wrapping the operating
// system's; an invalid one an *InvalidError.
func Load(path string) (*Input, error) {
	text, err := scenario.ReadFile(path)
	if err != nil {
		var list scenario.ErrorList
		if errors.As(err, &list) {
			return nil, &InvalidError{Path: path, Errors: list}
		}
		return nil, err
	}
	return Parse(path, text)
}

// Parse parses scenario text under the given name (shown in errors).
func Parse(name string, text []byte) (*Input, error) {
	s, err := scenario.Parse(name, text)
	if err != nil {
		var list scenario.ErrorList
		if errors.As(err, &list) {
			return nil, &InvalidError{Path: name, Errors: list}
		}
		return nil, err
	}
	return &Input{Scenario: s, Text: text}, nil
}

// Run evaluates every package of a scenario: the one entry point of both
// faces to the engine.
func Run(ctx context.Context, s *scenario.Scenario, opt engine.Options) (*engine.Result, error) {
	return engine.Run(ctx, s, opt)
}

// Charts are the SVG charts of one result.
type Charts struct {
	// Ground is ground lost over time, every package.
	Ground []byte
	// TradeOff is P(attack) against the attacker's margin for signing (nil
	// when the result has no trade-off points).
	TradeOff []byte
	// Cost is cost by element and year, per package id (packages with no
	// costed element have none).
	Cost map[string][]byte
}

// ResultCharts draws the charts of a result; only, when not empty, limits
// the cost charts to that package.
func ResultCharts(res *engine.Result, only string) (*Charts, error) {
	c := &Charts{Cost: map[string][]byte{}}
	var b bytes.Buffer
	if err := report.GroundChart(&b, res); err != nil {
		return nil, err
	}
	c.Ground = bytes.Clone(b.Bytes())
	if len(res.TradeOff) > 0 {
		b.Reset()
		if err := report.TradeOffChart(&b, "Deterrence against acceptability: "+res.Scenario, res.TradeOff); err != nil {
			return nil, err
		}
		c.TradeOff = bytes.Clone(b.Bytes())
	}
	for i := range res.Packages {
		if only != "" && res.Packages[i].ID != only {
			continue
		}
		b.Reset()
		ok, err := report.CostChart(&b, res.Scenario, &res.Packages[i])
		if err != nil {
			return nil, err
		}
		if ok {
			c.Cost[res.Packages[i].ID] = bytes.Clone(b.Bytes())
		}
	}
	return c, nil
}

// Report builds the report document of a result (text, Markdown or HTML);
// cmp, if not nil, is the packages' answer under uncertainty (Compare).
func Report(s *scenario.Scenario, res *engine.Result, cmp *sweep.Comparison, version string) (*report.Document, error) {
	return report.NewDocument(s, res, cmp, version)
}

// ReportDeciding is Report with, when cmp is given, what decides each
// verdict: its switch-over values (Switches) next to it.
func ReportDeciding(ctx context.Context, s *scenario.Scenario, res *engine.Result, cmp *sweep.Comparison, version string) (*report.Document, error) {
	doc, err := report.NewDocument(s, res, cmp, version)
	if err != nil || cmp == nil {
		return doc, err
	}
	if doc.Switches, err = Switches(ctx, s, res); err != nil {
		return nil, err
	}
	return doc, nil
}

// SweepSpec says which draws of a sweep to run.
type SweepSpec struct {
	Seed    uint64
	Draws   int
	Shard   sweep.Shard
	Workers int // 0: one per core
	// Resume lets a run that already holds some of its draws finish them;
	// without it such a run is refused (*PartialError).
	Resume bool
	// Version is the code version stored with the run.
	Version string
	// Progress is called as draws finish (may be nil).
	Progress func(done, total int)
}

// PartialError is a sweep whose store already holds some, not all, of its
// draws, started without Resume.
type PartialError struct{ Done, Total int }

func (e *PartialError) Error() string {
	return fmt.Sprintf("the store already holds %d of this sweep's %d draws", e.Done, e.Total)
}

// SweepResult is a finished sweep.
type SweepResult struct {
	Run       *store.Run
	Packages  []string
	Rows      []sweep.Row
	Summaries []sweep.Summary
	// Uncertain is the number of uncertain values drawn.
	Uncertain int
}

// Sweep runs the draws of spec that db does not hold yet, storing each
// finished draw at once (an interrupted sweep loses none), then summarises
// every stored draw. Draw d uses the random stream (seed, d), so the answer
// is the same for any number of workers or shards.
func Sweep(ctx context.Context, db *store.DB, in *Input, spec SweepSpec) (*SweepResult, error) {
	s := in.Scenario
	var pkgs []string
	for _, p := range s.Packages {
		pkgs = append(pkgs, p.ID)
	}
	key := store.RunKey{ScenarioHash: store.Hash(in.Text), Seed: spec.Seed, Draws: spec.Draws, Shard: spec.Shard}
	run, err := db.StartRun(ctx, key, s.Name, in.Text, spec.Version, pkgs)
	if err != nil {
		return nil, err
	}
	done, err := db.Done(ctx, run)
	if err != nil {
		return nil, err
	}
	mine := spec.Shard.Draws(spec.Draws)
	if len(done) > 0 && len(done) < len(mine) && !spec.Resume {
		return nil, &PartialError{Done: len(done), Total: len(mine)}
	}
	plan, err := sweep.NewPlan(s, spec.Seed)
	if err != nil {
		return nil, err
	}
	sink := make(chan struct{}, 1) // one writer at a time
	err = plan.Execute(ctx, mine, sweep.Options{
		Workers: spec.Workers,
		Skip:    func(d uint64) bool { return done[d] },
		Sink: func(rows []sweep.Row) error {
			sink <- struct{}{}
			defer func() { <-sink }()
			return db.Put(ctx, run, rows)
		},
		Progress: spec.Progress,
	})
	if err != nil {
		return nil, err
	}
	rows, err := db.Rows(ctx, run)
	if err != nil {
		return nil, err
	}
	sums, err := sweep.Summarise(pkgs, rows)
	if err != nil {
		return nil, err
	}
	return &SweepResult{Run: run, Packages: pkgs, Rows: rows, Summaries: sums, Uncertain: plan.Uncertain()}, nil
}

// OptimiseSpec sets the design search.
type OptimiseSpec struct {
	Population, Generations int
	Seed                    uint64
	// Progress is called after each generation (may be nil).
	Progress func(gen, total int)
}

// Design is one point of the Pareto front.
type Design struct {
	// Vars describes the design: the values of the design variables.
	Vars      map[string]any
	PAttack1  float64 // P(renewed attack within a year)
	Cost5     float64 // US$ bn over five years
	Shortfall float64 // km² by which the attacker and the defender reject it
}

// Front is the Pareto front of a design search.
type Front struct {
	Base      string   // the package varied
	Variables []string // the design variables
	Designs   []Design // each distinct design once, in the optimiser's order
}

// ErrNoDesign is returned when the scenario has no design block.
var ErrNoDesign = errors.New("the scenario has no 'design:' block saying what to vary (see docs/scenario.md)")

// Optimise searches the scenario's design space with NSGA-II (Deb et al.
// 2002) for the packages no other beats on all three objectives at once:
// P(attack within a year), cost over five years and the shortfall of
// acceptance.
func Optimise(ctx context.Context, s *scenario.Scenario, spec OptimiseSpec) (*Front, error) {
	if s.Design == nil {
		return nil, ErrNoDesign
	}
	v := design.NewDesignVars(s.Design)
	if len(v.Names) == 0 {
		return nil, errors.New("the design block varies nothing")
	}
	prob := optimise.Problem{Dim: len(v.Names), Objectives: 3, Evaluate: func(xs [][]float64) ([][]float64, error) {
		objs, err := design.EvaluateDesigns(ctx, s, v, xs)
		if err != nil {
			return nil, err
		}
		out := make([][]float64, len(objs))
		for i, o := range objs {
			out[i] = []float64{o.PAttack1, o.Cost5, o.Shortfall}
		}
		return out, nil
	}}
	sols, err := optimise.Run(prob, optimise.Options{Population: spec.Population, Generations: spec.Generations, Seed: spec.Seed, Progress: spec.Progress})
	if err != nil {
		return nil, err
	}
	f := &Front{Base: s.Design.Base, Variables: v.Names}
	seen := map[string]bool{}
	for _, sol := range sols {
		_, d := v.Decode(sol.X)
		b, _ := json.Marshal(d) // keys sorted
		key := string(b)
		if seen[key] {
			continue // the same design reached twice
		}
		seen[key] = true
		f.Designs = append(f.Designs, Design{Vars: d, PAttack1: sol.F[0], Cost5: sol.F[1], Shortfall: sol.F[2]})
	}
	return f, nil
}

// ParetoChart draws a front.
func ParetoChart(f *Front) ([]byte, error) {
	pts := make([]report.ParetoPoint, len(f.Designs))
	for i, d := range f.Designs {
		pts[i] = report.ParetoPoint{PAttack: d.PAttack1, Cost: d.Cost5, Shortfall: d.Shortfall}
	}
	var b bytes.Buffer
	if err := report.ParetoChart(&b, "Pareto front: variations of "+f.Base, pts); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// SensitivitySpec says which output of which package to analyse.
type SensitivitySpec struct {
	Package, Output string
	Seed            uint64
	// SobolN is the Sobol base sample size N (N·(k+2) model runs for k
	// uncertain values); 0 runs the tornado alone.
	SobolN int
	// Switch asks for each value's switch-over value: where the output
	// crosses Threshold, the others at their medians.
	Switch    bool
	Threshold float64
}

// SensitivityResult is how much each uncertain value moves one output.
type SensitivityResult struct {
	// AtMedians is the output with every uncertain value at its median.
	AtMedians float64
	Tornado   []sweep.Bar
	Sobol     []sweep.Index  // nil when not asked for
	Switches  []sweep.Switch // nil when not asked for
	// ByProvenance are the Sobol indices of the groups fitted / assumption
	// / sourced (nil without Sobol).
	ByProvenance []sweep.Index
	// Chart is the tornado chart (SVG).
	Chart []byte
}

// ErrNoUncertainty is returned when the scenario has no distributions.
var ErrNoUncertainty = errors.New("the scenario has no uncertain values (no distributions): nothing to analyse")

// Sensitivity runs the one-at-a-time tornado (each value at its 5% and 95%
// quantiles, the others at their medians) and, when asked, the Sobol
// first-order and total indices, of one package's output.
func Sensitivity(ctx context.Context, s *scenario.Scenario, spec SensitivitySpec) (*SensitivityResult, error) {
	m, err := sweep.PackageOutput(spec.Package, spec.Output)
	if err != nil {
		return nil, err
	}
	plan, err := sweep.NewPlan(s, spec.Seed)
	if err != nil {
		return nil, err
	}
	if plan.Uncertain() == 0 {
		return nil, ErrNoUncertainty
	}
	r := &SensitivityResult{}
	if r.Tornado, r.AtMedians, err = plan.Tornado(ctx, m); err != nil {
		return nil, err
	}
	if spec.SobolN > 0 {
		if r.Sobol, err = plan.SobolScenario(ctx, m, spec.SobolN); err != nil {
			return nil, err
		}
		if r.ByProvenance, err = plan.SobolProvenance(ctx, m, spec.SobolN); err != nil {
			return nil, err
		}
	}
	if spec.Switch {
		if r.Switches, _, err = plan.SwitchOver(ctx, m, spec.Threshold); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	if err := report.TornadoChart(&b, spec.Package+": "+spec.Output, r.AtMedians, r.Tornado); err != nil {
		return nil, err
	}
	r.Chart = b.Bytes()
	return r, nil
}

// Compare runs n draws of every uncertain value of s in memory (seed as
// given) and compares the packages under uncertainty (sweep.Plan.Compare).
func Compare(ctx context.Context, s *scenario.Scenario, seed uint64, n, workers int) (*sweep.Comparison, error) {
	plan, err := sweep.NewPlan(s, seed)
	if err != nil {
		return nil, err
	}
	return plan.Compare(ctx, n, workers)
}

// BriefSpec says how to make a one-page brief.
type BriefSpec struct {
	Seed    uint64 // 0: the scenario's
	Draws   int    // draws for the intervals (at least 20)
	Version string
	Command string
}

// Brief runs s, compares its packages under uncertainty and finds, for
// each package, the inputs whose switch-over values flip its verdict on
// P(attack within 5 years) at 50%: what report.BriefHTML prints.
func Brief(ctx context.Context, s *scenario.Scenario, spec BriefSpec) (*report.Brief, error) {
	if spec.Draws < 20 {
		return nil, fmt.Errorf("a brief needs at least 20 draws for its intervals, not %d", spec.Draws)
	}
	res, err := Run(ctx, s, engine.Options{Seed: spec.Seed})
	if err != nil {
		return nil, err
	}
	cmp, err := Compare(ctx, s, res.Seed, spec.Draws, 0)
	if err != nil {
		return nil, err
	}
	b := &report.Brief{Scenario: s, Result: res, Uncertainty: cmp, Threshold: VerdictThreshold, Version: spec.Version, Command: spec.Command}
	if b.Switches, err = Switches(ctx, s, res); err != nil {
		return nil, err
	}
	return b, nil
}

// VerdictThreshold is the P(attack within 5 years) at which a verdict
// flips, for switch-over values.
const VerdictThreshold = 0.5

// Switches finds, for each package of res, the switch-over values of its
// P(attack within 5 years) at VerdictThreshold (sweep.Plan.SwitchOver):
// about a hundred runs of the scenario per package.
func Switches(ctx context.Context, s *scenario.Scenario, res *engine.Result) ([][]sweep.Switch, error) {
	plan, err := sweep.NewPlan(s, res.Seed)
	if err != nil {
		return nil, err
	}
	var out [][]sweep.Switch
	for _, p := range res.Packages {
		m, err := sweep.PackageOutput(p.ID, "p_attack_5y")
		if err != nil {
			return nil, err
		}
		sw, _, err := plan.SwitchOver(ctx, m, VerdictThreshold)
		if err != nil {
			return nil, fmt.Errorf("switch-over values of %s: %w", p.ID, err)
		}
		out = append(out, sw)
	}
	return out, nil
}
