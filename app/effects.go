package app

import (
	"context"
	"fmt"
	"math"
	"slices"

	"deter/design"
	"deter/engine"
	"deter/internal/par"
	"deter/scenario"
)

// Outcome is what an analyst compares between two versions of a package.
type Outcome struct {
	PAttack1, PAttack5 float64
	// GroundKm2 is the ground a year of war would take, expected over the
	// guarantors' intervention: (1 − pI)·stay-out + pI·intervention.
	GroundKm2 float64
	// Cost5 is the package's cost over five years, US$ bn.
	Cost5 float64
	// Signs lists the actors who would sign it.
	Signs []string
}

// Effect is the change one mechanism makes to one package: removed when
// the package has it, added (its parameters copied from a package that
// has it) when it does not.
type Effect struct {
	Package   string
	Mechanism string
	Change    string // "removed" or "added"
	Before    Outcome
	After     Outcome
	// NowSign and NoLongerSign are the actors whose verdict the change
	// flips.
	NowSign, NoLongerSign []string
}

// DeterrencePer100bn is the fall in P(attack within five years), in
// percentage points, per US$ 100 bn more over five years: deterrence
// bought per dollar. NaN when the cost does not change.
func (e Effect) DeterrencePer100bn() float64 {
	dc := e.After.Cost5 - e.Before.Cost5
	if dc == 0 {
		return math.NaN()
	}
	return -100 * (e.After.PAttack5 - e.Before.PAttack5) / (dc / 100)
}

// Effects removes each mechanism a package has, and adds each one it lacks
// that another package of the scenario holds, one at a time, and reports
// what changes: P(attack), ground, cost and who signs. Every variant is run
// with the deterrence game's closed form (the tree's equilibrium to 1e-9)
// and in parallel; the order of the answer is fixed (packages, then the
// mechanisms in the format's order). only, when not empty, limits the
// answer to that package (every package still lends its mechanisms).
func Effects(ctx context.Context, s *scenario.Scenario, only string) ([]Effect, error) {
	if only != "" {
		if _, err := s.PackageByID(only); err != nil {
			return nil, err
		}
	}
	type job struct {
		pkg, key, change string
	}
	var jobs []job
	for _, p := range s.Packages {
		if only != "" && p.ID != only {
			continue
		}
		jobs = append(jobs, job{pkg: p.ID}) // the package as written
		for _, info := range scenario.MechanismList() {
			switch {
			case p.Mechanisms.Has(info.Key):
				jobs = append(jobs, job{p.ID, info.Key, "removed"})
			case slices.ContainsFunc(s.Packages, func(q scenario.Package) bool { return q.Mechanisms.Has(info.Key) }):
				jobs = append(jobs, job{p.ID, info.Key, "added"})
			}
		}
	}
	outs := make([]Outcome, len(jobs))
	err := par.Do(ctx, len(jobs), func(i int) error {
		j := jobs[i]
		sc := *s
		sc.Packages = slices.Clone(s.Packages)
		o := &design.Overrides{Package: j.pkg}
		switch j.change {
		case "removed":
			o.Disable = []string{j.key}
		case "added":
			o.Enable = []string{j.key}
		}
		if err := design.ApplyOverrides(&sc, o); err != nil {
			return fmt.Errorf("package %s, %s %s: %w", j.pkg, j.key, j.change, err)
		}
		p, err := sc.PackageByID(j.pkg)
		if err != nil {
			return err
		}
		sc.Packages = []scenario.Package{*p}
		res, err := engine.Run(ctx, &sc, engine.Options{ClosedForm: true})
		if err != nil {
			return fmt.Errorf("package %s, %s %s: %w", j.pkg, j.key, j.change, err)
		}
		outs[i] = outcomeOf(&res.Packages[0])
		return nil
	})
	if err != nil {
		return nil, err
	}
	var effects []Effect
	var before Outcome
	for i, j := range jobs {
		if j.change == "" {
			before = outs[i]
			continue
		}
		e := Effect{Package: j.pkg, Mechanism: j.key, Change: j.change, Before: before, After: outs[i]}
		for _, a := range outs[i].Signs {
			if !slices.Contains(before.Signs, a) {
				e.NowSign = append(e.NowSign, a)
			}
		}
		for _, a := range before.Signs {
			if !slices.Contains(outs[i].Signs, a) {
				e.NoLongerSign = append(e.NoLongerSign, a)
			}
		}
		effects = append(effects, e)
	}
	return effects, nil
}

// outcomeOf reads the compared numbers from a package's result.
func outcomeOf(pr *engine.PackageResult) Outcome {
	o := Outcome{Signs: []string{}}
	if d := pr.Deterrence; d != nil {
		o.PAttack1, o.PAttack5 = d.PAttack1, d.PAttack5
		if len(pr.Campaign) == 2 {
			o.GroundKm2 = (1-d.PIntervention)*pr.Campaign[0].GroundKm2At365 + d.PIntervention*pr.Campaign[1].GroundKm2At365
		}
	}
	if pr.Cost != nil {
		o.Cost5 = pr.Cost.Total
	}
	if a := pr.Acceptability; a != nil {
		for _, v := range a.Verdicts {
			if v.Accept {
				o.Signs = append(o.Signs, v.Actor)
			}
		}
	}
	return o
}
