package engine

import (
	"fmt"
	"math"
	"strings"

	"deter/bargain"
	"deter/campaign"
	"deter/deterrence"
	"deter/scenario"
)

// Acceptability is the acceptability model's answer for one package.
type Acceptability struct {
	Verdicts []bargain.Verdict `json:"verdicts"`
	// Range is the Fearon bargaining range over the disputed area if the
	// war went on now, as shares of the area.
	Range bargain.Range `json:"range"`
	// AreaKm2 is the disputed area the shares refer to.
	AreaKm2 float64 `json:"disputed_area_km2"`
	AllSign bool    `json:"all_sign"`
	// Shift is the commitment problem under shifting power for the
	// attacker: its war prospects now and a year later, as the package
	// builds up (nil when not computed).
	Shift *ShiftOutcome `json:"shifting_power,omitempty"`
}

// ShiftOutcome is the commitment problem of one package.
type ShiftOutcome struct {
	bargain.Shift
	// NowKm2 and NextKm2 are what a year of war would take if the attacker
	// struck now or a year later (expected over the guarantors' choice).
	NowKm2  float64 `json:"war_now_km2"`
	NextKm2 float64 `json:"war_in_a_year_km2"`
	Delta   float64 `json:"discount_factor"`
}

// Agreement summarises the zone of agreement over a scenario's packages.
type Agreement struct {
	Packages []string `json:"packages_all_sign"`
	// Nash is the package the Nash bargaining solution picks among those
	// all sign (attacker, defender), weighted by nothing; "" if none.
	Nash string `json:"nash_bargaining_choice"`
	// Closest names, when no package is signed by all, the package and the
	// change that comes closest to opening the zone.
	Closest string `json:"closest"`
}

// disputedArea returns the area in dispute: models.bargain's, else the
// largest area of a region or oblast-border objective.
func disputedArea(s *scenario.Scenario) float64 {
	if m := s.Models.Bargain; m != nil && m.DisputedArea.IsSet() {
		return m.DisputedArea.Nominal()
	}
	a := 0.0
	for _, o := range s.Theatre.Objectives {
		if o.AreaKm2.IsSet() {
			a = math.Max(a, o.AreaKm2.Nominal())
		}
	}
	return a
}

// acceptability judges a package. base is the deterrence input of the
// scenario with no guarantees (the war that goes on if nobody signs); di
// and dr are this package's deterrence input and result.
//
// Shares x are of the disputed area A; v the attacker's value of a km², K its
// yearly war cost, μ its drive, p₀ the share it takes in a year of war now,
// p_g the share it would take attacking under the package, P its
// probability of attacking within a year under the package:
//
//	attacker signs iff  x + P·(p_g + (μ − K)/(vA)) ≥ p₀ + (μ − K)/(vA)     (war now: p₀ − c_A + drive)
//	defender signs iff  x + P·p_g ≤ p₀ + c_D,   c_D = K_D/(v_D A)
//
// and no hard red line of theirs is crossed. A guarantor signs iff the fall
// in the chance of a renewed attack over five years, times its stake, is
// at least its share of the package's five-year cost, and none of its hard
// red lines is crossed.
func acceptability(s *scenario.Scenario, p *scenario.Package, base *deterrence.Input, di *deterrence.Input, dr *deterrence.Result, baseP5 float64, cost *CostOutcome, hits []RedLineHit) (*Acceptability, error) {
	A := disputedArea(s)
	out := &Acceptability{AreaKm2: A}
	var attacker, defender *scenario.Actor
	for i := range s.Actors {
		switch s.Actors[i].Role {
		case "attacker":
			attacker = &s.Actors[i]
		case "defender":
			defender = &s.Actors[i]
		}
	}
	hard := map[string][]string{}
	for _, h := range hits {
		if h.Hard {
			hard[h.Actor] = append(hard[h.Actor], h.ID)
		}
	}
	ceded := 0.0
	if p.Settlement != nil {
		ceded = p.Settlement.TerritoryCeded.Or(0)
	}
	if A <= 0 {
		out.Verdicts = append(out.Verdicts,
			bargain.Verdict{Actor: attacker.ID, Reason: "no disputed area in the scenario (models.bargain.disputed_area_km2 or a region objective with area_km2)"},
			bargain.Verdict{Actor: defender.ID, Reason: "no disputed area in the scenario"})
		return out, nil
	}
	v := base.Params.ValuePerKm2
	vA := v * A
	drive := (base.Drive - base.WarCost) / vA
	p0 := math.Min(1, base.StayOut.GroundKm2/A)
	// The ground a later war brings, from the campaigns of the attack the
	// attacker would choose (a limited offensive has its own).
	stayOut, intervene := di.StayOut, di.Intervene
	if dr.Extent == deterrence.LimitedWar && di.Limited != nil {
		stayOut, intervene = di.Limited.StayOut, di.Limited.Intervene
	}
	pg := math.Min(1, (1-dr.PIntervention)*stayOut.GroundKm2/A+dr.PIntervention*intervene.GroundKm2/A)
	x := math.Min(1, ceded/A)
	P := dr.PAttack1
	bm := s.BargainModel()
	vD := bm.DefenderValue.Or(v*1000) / 1000
	cD := 0.0
	if vD > 0 {
		cD = bm.DefenderWarCost.Or(0) / (vD * A)
	}
	cA := base.WarCost / vA
	var err error
	if out.Range, err = bargain.Fearon(p0, math.Max(0, cA-base.Drive/vA), cD); err != nil {
		return nil, &scenario.FieldError{File: s.File, Pos: s.DeterrenceModel().ValuePerKm2.Pos, Path: "models.deterrence.attacker_value_per_km2_usd_m",
			Msg: fmt.Sprintf("package %s: Fearon's bargaining range cannot be computed (%v): with the attacker's value of ground %g US$ million/km2 over %.0f km2 its war cost per unit of territory is not finite; give a value above 0",
				p.ID, err, v*1000, A)}
	}

	// Attacker.
	sign := x + P*(pg+drive)
	war := p0 + drive
	va := bargain.Verdict{Actor: attacker.ID, Unit: "km2", Margin: (sign - war) * A}
	va.Accept = va.Margin >= 0
	va.Reason = fmt.Sprintf("signing is worth %.0f km2-equivalents a year (%.0f ceded, P(attack) %.0f%% × what a later war would bring), fighting on %.0f",
		sign*A, x*A, 100*P, war*A)
	if h := hard[attacker.ID]; len(h) > 0 {
		va.Accept, va.Hard = false, true
		va.Reason = "crosses its hard red line " + strings.Join(h, ", ") + "; " + va.Reason
	}
	// Defender.
	loss := x + P*pg
	limit := p0 + cD
	vd := bargain.Verdict{Actor: defender.ID, Unit: "km2", Margin: (limit - loss) * A}
	vd.Accept = vd.Margin >= 0
	vd.Reason = fmt.Sprintf("expects to lose %.0f km2 a year under the package (%.0f ceded + P(attack) × a later war), %.0f km2-equivalents by fighting on",
		loss*A, x*A, limit*A)
	if h := hard[defender.ID]; len(h) > 0 {
		vd.Accept, vd.Hard = false, true
		vd.Reason = "crosses its hard red line " + strings.Join(h, ", ") + "; " + vd.Reason
	}
	out.Verdicts = append(out.Verdicts, va, vd)

	// Guarantors named by the package.
	share := map[string]float64{}
	if cost != nil {
		total := 0.0
		for _, n := range cost.Nations {
			total += n.Deployed
		}
		for _, n := range cost.Nations {
			if total > 0 {
				share[n.ID] = n.Deployed / total
			}
		}
	}
	var gs []string
	for _, g := range dr.Guarantors {
		gs = append(gs, g.ID)
	}
	for _, id := range gs {
		var a *scenario.Actor
		for i := range s.Actors {
			if s.Actors[i].ID == id {
				a = &s.Actors[i]
			}
		}
		gain := (baseP5 - dr.PAttack5) * a.Stakes.Or(0)
		c := 0.0
		if cost != nil {
			if sh, ok := share[id]; ok {
				c = sh * cost.Total
			} else if len(share) == 0 && len(gs) > 0 {
				c = cost.Total / float64(len(gs))
			}
		}
		vg := bargain.Verdict{Actor: id, Unit: "US$ bn", Margin: gain - c}
		vg.Accept = vg.Margin >= 0
		vg.Reason = fmt.Sprintf("a %.0f-point fall in P(attack within 5 years) is worth %.0f bn to it; its share of the 5-year cost is %.0f bn",
			100*(baseP5-dr.PAttack5), gain, c)
		if h := hard[id]; len(h) > 0 {
			vg.Accept, vg.Hard = false, true
			vg.Reason = "crosses its hard red line " + strings.Join(h, ", ") + "; " + vg.Reason
		}
		out.Verdicts = append(out.Verdicts, vg)
	}
	out.AllSign = true
	for _, v := range out.Verdicts {
		if !v.Accept {
			out.AllSign = false
		}
	}
	return out, nil
}

// agreement finds the zone of agreement and the Nash bargaining choice
// between attacker and defender among the packages all sign.
func agreement(res *Result) Agreement {
	ag := Agreement{Packages: []string{}}
	var opts []bargain.Option
	for _, p := range res.Packages {
		a := p.Acceptability
		if a == nil {
			continue
		}
		if a.AllSign {
			ag.Packages = append(ag.Packages, p.ID)
			// Margins above the reservation: utilities with disagreement 0.
			opts = append(opts, bargain.Option{Name: p.ID, Utility: []float64{a.Verdicts[0].Margin + 1e-9, a.Verdicts[1].Margin + 1e-9}})
		}
	}
	if len(opts) > 0 {
		if k, err := bargain.Nash(opts, []float64{0, 0}, nil); err == nil && k >= 0 {
			ag.Nash = opts[k].Name
		}
		return ag
	}
	// No zone: the package whose worst soft rejection is smallest.
	best, bestGap := "", math.Inf(1)
	for _, p := range res.Packages {
		a := p.Acceptability
		if a == nil {
			continue
		}
		gap, why := 0.0, ""
		blocked := false
		for _, v := range a.Verdicts {
			if v.Hard {
				blocked = true
			}
			if !v.Accept && -v.Margin > gap {
				gap, why = -v.Margin, fmt.Sprintf("%s short by %.0f %s", v.Actor, -v.Margin, v.Unit)
			}
		}
		if !blocked && gap < bestGap {
			best, bestGap = p.ID+": "+why, gap
		}
	}
	ag.Closest = best
	if best == "" {
		ag.Closest = "every package crosses a hard red line of some actor"
	}
	return ag
}

// shiftingPower evaluates the attacker's preventive motive under a
// package (bargain.PreventiveWar): its war share if it strikes now (the
// run's campaigns) against a year later, when more of the package is in
// place (the campaigns rerun with the attack a year later), each expected
// over the guarantors' intervention probability pI. With the year as the
// period and the disputed area's value vA as the present value of its
// flow, a year of war costing K is c = K/((1−δ) vA) periods' worth, so
// (1−δ) c is the Fearon cost share K/(vA).
func shiftingPower(s *scenario.Scenario, p *scenario.Package, stayOut, intervene *campaign.Result, pI, warCost, vA float64) (*ShiftOutcome, error) {
	A := disputedArea(s)
	if A <= 0 || vA <= 0 {
		return nil, nil
	}
	year := func(r *campaign.Result) float64 { return r.GroundKm2[min(365, len(r.GroundKm2)-1)] }
	now := (1-pI)*year(stayOut) + pI*year(intervene)
	var next float64
	for k, iv := range []bool{false, true} {
		in, _, err := CampaignInput(s, p, CampaignSpec{Intervention: iv, DelayDays: 365})
		if err != nil {
			return nil, err
		}
		r, err := campaign.Run(in)
		if err != nil {
			return nil, err
		}
		next += []float64{1 - pI, pI}[k] * year(r)
	}
	// models.bargain.discount_factor (default 0.9): a modelling assumption,
	// not an estimate; Powell's (2006) results hold for any δ, and the
	// preventive motive grows as δ → 1.
	delta := s.BargainModel().DiscountFactor.Nominal()
	sh, err := bargain.PreventiveWar(math.Min(1, now/A), math.Min(1, next/A), delta, warCost/vA/(1-delta))
	if err != nil {
		return nil, err
	}
	return &ShiftOutcome{Shift: sh, NowKm2: now, NextKm2: next, Delta: delta}, nil
}
