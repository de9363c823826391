package sweep

import (
	"context"
	"errors"
	"slices"
)

// Headlines are the outputs a run's uncertainty section reports.
var Headlines = []string{"p_attack_1y", "p_attack_5y", "ground_km2_d365", "cost_5y_usd_bn"}

// Comparison is a run's answer under uncertainty: every headline of every
// package as a median and 90% interval over the draws, and the packages
// compared draw by draw on common random numbers (each draw gives every
// package the same values of the inputs they share).
type Comparison struct {
	Draws     int    `json:"draws"`
	Seed      uint64 `json:"seed"`
	Uncertain int    `json:"uncertain_values"`
	// Structural names the model rules drawn as structural uncertainty
	// (with their weights); empty when the scenario fixes every rule.
	Structural []string  `json:"structural,omitempty"`
	Packages   []string  `json:"packages"`
	Summaries  []Summary `json:"summaries"`
	// Better[a][b] is the share of draws in which package a's P(attack
	// within 5 years) is lower than b's, ties counting a half.
	Better [][]float64 `json:"p_row_deters_better_than_column"`
	// Best[a] is the share of draws in which package a has the lowest
	// P(attack within 5 years), ties shared.
	Best []float64 `json:"p_best"`
	// Regret[a] is the mean over the draws of package a's P(attack within
	// 5 years) less the lowest of any package in that draw.
	Regret []float64 `json:"mean_regret_p_attack_5y"`
	// Provenance says, per package and headline, how much of its variance
	// each group of inputs explains (groups in the order of
	// ProvenanceGroups).
	ProvenanceGroups []string `json:"provenance_groups"`
	Provenance       []Share  `json:"variance_by_provenance"`
}

// Compare runs draws 0..n-1 of the plan in memory and compares the
// packages. The answer does not depend on the number of workers.
func (p *Plan) Compare(ctx context.Context, n, workers int) (*Comparison, error) {
	if n <= 0 {
		return nil, errors.New("sweep: compare needs at least one draw")
	}
	var pkgs []string
	for _, pk := range p.S.Packages {
		pkgs = append(pkgs, pk.ID)
	}
	draws := Shard{N: 1}.Draws(n)
	var rows []Row
	err := p.Execute(ctx, draws, Options{Workers: workers, Sink: func(r []Row) error {
		rows = append(rows, r...)
		return nil
	}})
	if err != nil {
		return nil, err
	}
	all, err := Summarise(pkgs, rows)
	if err != nil {
		return nil, err
	}
	c := &Comparison{Draws: n, Seed: p.Seed, Uncertain: p.Uncertain(), Packages: pkgs}
	if p.rule != nil {
		c.Structural = []string{p.rule.name()}
	}
	for _, s := range all {
		if slices.Contains(Headlines, s.Output) {
			c.Summaries = append(c.Summaries, s)
		}
	}
	c.ProvenanceGroups, c.Provenance = Provenance, p.provenanceShares(pkgs, rows, n)
	// p5[d][a]: package a's P(attack within 5 years) in draw d.
	k := slices.Index(Output, "p_attack_5y")
	p5 := make([][]float64, n)
	for d := range p5 {
		p5[d] = make([]float64, len(pkgs))
	}
	for _, r := range rows {
		p5[r.Draw][r.Package] = r.Values[k]
	}
	m := len(pkgs)
	c.Better = make([][]float64, m)
	c.Best, c.Regret = make([]float64, m), make([]float64, m)
	for a := range m {
		c.Better[a] = make([]float64, m)
	}
	for _, ps := range p5 {
		low := slices.Min(ps)
		ties := 0
		for _, x := range ps {
			if x == low {
				ties++
			}
		}
		for a := range m {
			if ps[a] == low {
				c.Best[a] += 1 / float64(ties)
			}
			c.Regret[a] += ps[a] - low
			for b := range m {
				switch {
				case ps[a] < ps[b]:
					c.Better[a][b]++
				case ps[a] == ps[b] && a != b:
					c.Better[a][b] += 0.5
				}
			}
		}
	}
	for a := range m {
		c.Best[a] /= float64(n)
		c.Regret[a] /= float64(n)
		for b := range m {
			c.Better[a][b] /= float64(n)
		}
	}
	return c, nil
}
