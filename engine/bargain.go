package engine

import (
	"fmt"
	"math"

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
	attacker, defender := s.Attacker(), s.Defender()
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

	var gs []bargain.GuarantorTerms
	var ids []string
	for _, g := range dr.Guarantors {
		ids = append(ids, g.ID)
	}
	for _, id := range ids {
		// What it pays over five years, by the cost model's payers: its
		// troops, its share of the spends it pays and of the arms it
		// funds (frozen assets relieve funders; sellers pay nothing).
		paid := 0.0
		if cost != nil {
			paid = cost.ByPayer[id]
		}
		gs = append(gs, bargain.GuarantorTerms{ID: id, Stakes: s.ActorByID(id).Stakes.Or(0), BaseP5: baseP5, P5: dr.PAttack5, CostShare: paid})
	}
	out.Verdicts = bargain.Judge(bargain.Terms{AreaKm2: A, Ceded: x, WarNow: p0, LaterWar: pg, PAttack: P, Drive: drive, DefenderCost: cD},
		bargain.Parties{Attacker: attacker.ID, Defender: defender.ID, Hard: hard}, gs)
	out.AllSign = bargain.AllSign(out.Verdicts)
	return out, nil
}

// agreement finds the zone of agreement and the Nash bargaining choice
// between attacker and defender among the packages all sign.
func agreement(res *Result) bargain.Agreement {
	var pv []bargain.PackageVerdicts
	for _, p := range res.Packages {
		if a := p.Acceptability; a != nil {
			pv = append(pv, bargain.PackageVerdicts{ID: p.ID, Verdicts: a.Verdicts, AllSign: a.AllSign})
		}
	}
	return bargain.Zone(pv)
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
