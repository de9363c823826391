package design

import (
	"context"
	"fmt"
	"math"

	"deter/engine"
	"deter/internal/par"
	"deter/scenario"
)

// DesignVars decodes a point of [0, 1]^d into overrides of the design's base
// package: troops scale and arms money within their ranges, each optional
// mechanism dropped when its variable is below 0.5, and the commitment
// chosen by splitting [0, 1] into equal parts.
type DesignVars struct {
	D     *scenario.Design
	Names []string
}

// NewDesignVars lists the design's variables.
func NewDesignVars(d *scenario.Design) *DesignVars {
	v := &DesignVars{D: d}
	if d.TroopsScale != nil {
		v.Names = append(v.Names, "troops_scale")
	}
	if d.ArmsUSDbn != nil {
		v.Names = append(v.Names, "arms_usd_bn")
	}
	for _, m := range d.Optional {
		v.Names = append(v.Names, "keep "+m)
	}
	if len(d.Commitments) > 0 {
		v.Names = append(v.Names, "commitment")
	}
	return v
}

// Decode turns x into overrides and a readable description.
func (v *DesignVars) Decode(x []float64) (*Overrides, map[string]any) {
	o := &Overrides{Package: v.D.Base}
	desc := map[string]any{}
	k := 0
	if r := v.D.TroopsScale; r != nil {
		s := r.Min + x[k]*(r.Max-r.Min)
		o.TroopsScale = &s
		desc["troops_scale"] = math.Round(s*100) / 100
		k++
	}
	if r := v.D.ArmsUSDbn; r != nil {
		a := r.Min + x[k]*(r.Max-r.Min)
		o.ArmsUSDbn = &a
		desc["arms_usd_bn"] = math.Round(a)
		k++
	}
	var dropped []string
	for _, m := range v.D.Optional {
		if x[k] < 0.5 {
			o.Disable = append(o.Disable, m)
			dropped = append(dropped, m)
		}
		k++
	}
	desc["dropped"] = dropped
	if n := len(v.D.Commitments); n > 0 {
		i := min(int(x[k]*float64(n)), n-1)
		o.Commitment = v.D.Commitments[i]
		desc["commitment"] = o.Commitment
	}
	return o, desc
}

// DesignObjectives are what the optimiser minimises for one design.
type DesignObjectives struct {
	PAttack1 float64 // P(renewed attack within a year)
	Cost5    float64 // US$ bn over five years
	// RedLines counts the stated red lines the package crosses (hard ones
	// count 1, soft ones their severity).
	RedLines float64
	// Shortfall is how far the package is from being signed by the
	// attacker and the defender: the km² by which each rejects it, added up
	// (the whole disputed area for a rejection on a hard red line); 0 when
	// both sign.
	Shortfall float64
}

// EvaluateDesigns runs the base package under each point's overrides, in
// parallel; results are in the order of xs.
func EvaluateDesigns(ctx context.Context, s *scenario.Scenario, v *DesignVars, xs [][]float64) ([]DesignObjectives, error) {
	var base *scenario.Package
	for i := range s.Packages {
		if s.Packages[i].ID == v.D.Base {
			base = &s.Packages[i]
		}
	}
	if base == nil {
		return nil, fmt.Errorf("design base package %q not found", v.D.Base)
	}
	sev := map[string]float64{}
	for _, a := range s.Actors {
		for _, rl := range a.RedLines {
			w := rl.Severity.Or(1)
			if rl.Hard {
				w = 1
			}
			sev[a.ID+"/"+rl.ID] = w
		}
	}
	out := make([]DesignObjectives, len(xs))
	err := par.Do(ctx, len(xs), func(i int) error {
		// A scenario holding only the varied package.
		sc := *s
		sc.Packages = []scenario.Package{*base}
		o, _ := v.Decode(xs[i])
		if err := ApplyOverrides(&sc, o); err != nil {
			return err
		}
		res, err := engine.Run(ctx, &sc, engine.Options{ClosedForm: true})
		if err != nil {
			return err
		}
		pr := res.Packages[0]
		out[i].PAttack1 = pr.Deterrence.PAttack1
		if pr.Cost != nil {
			out[i].Cost5 = pr.Cost.Total
		}
		for _, h := range pr.RedLines {
			out[i].RedLines += sev[h.Actor+"/"+h.ID]
		}
		if a := pr.Acceptability; a != nil {
			for _, v := range a.Verdicts {
				if v.Unit != "km2" || v.Accept {
					continue
				}
				if v.Hard {
					out[i].Shortfall += a.AreaKm2
				} else {
					out[i].Shortfall += -v.Margin
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
