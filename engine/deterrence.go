package engine

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"deter/campaign"
	"deter/deterrence"
	"deter/scenario"
)

// Defaults for mapping a scenario onto the deterrence game, used when the
// scenario's models.deterrence does not set them.
//
//   - guarantor cost per soldier lost US$ 10 million: of the order of the
//     value of a statistical life used by US agencies (US EPA, about US$ 10
//     million in 2020 dollars).
//   - cost per aircraft lost US$ 100 million: order of a modern fighter.
//   - p(sanctions) 0.9 if automatic, 0.5 if a new decision is needed:
//     assumption; RUSI (2025): sanctions are more credible than a military
//     threat but undermined by US statements.
//   - attacker drive 0, fight-the-guarantors 0, guarantor escalation 0:
//     no value is assumed unless the scenario states one.
const (
	defaultSoldierValue  = 0.01 // US$ bn
	defaultAircraftValue = 0.1  // US$ bn
	defaultPSanctionAuto = 0.9
	defaultPSanctionDisc = 0.5
)

// DeterrenceInput maps a scenario, a package and its two campaign results
// (without and with intervention) onto the deterrence game.
//
// limited holds the campaign results (without and with intervention) of a
// limited offensive of models.deterrence.limited_attack_days days, or nils
// for none: the attacker's other way to attack.
func DeterrenceInput(s *scenario.Scenario, p *scenario.Package, out, in *campaign.Result, limited [2]*campaign.Result) *deterrence.Input {
	dm := scenario.DeterrenceModel{}
	if s.Models.Deterrence != nil {
		dm = *s.Models.Deterrence
	}
	params := deterrence.DefaultParams()
	if dm.ValuePerKm2.IsSet() {
		params.ValuePerKm2 = dm.ValuePerKm2.Nominal() / 1000
	}
	params.SigmaA = dm.SigmaAttacker.Or(params.SigmaA)
	params.SigmaG = dm.SigmaGuarantor.Or(params.SigmaG)
	actors := map[string]*scenario.Actor{}
	var attacker *scenario.Actor
	for i := range s.Actors {
		a := &s.Actors[i]
		actors[a.ID] = a
		if a.Role == "attacker" {
			attacker = a
		}
	}
	last := func(r *campaign.Result) float64 { return r.GroundKm2[len(r.GroundKm2)-1] }
	di := &deterrence.Input{
		StayOut:         deterrence.War{GroundKm2: last(out), AttackerLosses: out.AttackerLosses},
		Intervene:       deterrence.War{GroundKm2: last(in), AttackerLosses: in.AttackerLosses},
		FightGuarantors: dm.FightGuarantors.Or(0),
		Drive:           dm.AttackerDrive.Or(0),
		Params:          params,
	}
	// A year of war is what the model compares with a year of cease-fire.
	if h := float64(len(in.GroundKm2) - 1); h > 365 {
		di.StayOut.GroundKm2 = out.GroundKm2[365]
		di.Intervene.GroundKm2 = in.GroundKm2[365]
	}
	di.WarCost = dm.AttackerWarCost.Or(0)
	if !dm.AttackerWarCost.IsSet() && attacker.Budget != nil {
		di.WarCost = attacker.Budget.Defence.Or(0)
	}
	m := &p.Mechanisms
	if sn := m.SanctionsSnapback; sn != nil {
		gdp := 0.0
		if attacker.Budget != nil {
			gdp = attacker.Budget.GDP.Or(0)
		}
		di.Sanctions = sn.AttackerCost.Or(0) / 100 * gdp
		di.SanctionsProb = dm.SanctionsDiscretionary.Or(defaultPSanctionDisc)
		if sn.Automatic {
			di.SanctionsProb = dm.SanctionsAutomatic.Or(defaultPSanctionAuto)
		}
	}
	if e := m.EnergyCutoff; e != nil {
		di.Energy = e.Volume.Nominal()
	}
	// Guarantors: every guarantor named by a mechanism, with its strongest
	// commitment.
	commit := map[string]deterrence.Commitment{}
	treaty := map[string]bool{}
	raise := func(ids []string, c deterrence.Commitment, isTreaty bool) {
		for _, id := range ids {
			if c > commit[id] {
				commit[id] = c
			}
			treaty[id] = treaty[id] || isTreaty
		}
	}
	var order []string
	for _, key := range p.Mechanisms.Present() {
		for _, id := range Providers(m, key) {
			if a := actors[id]; a != nil && a.Role == "guarantor" && !slices.Contains(order, id) {
				order = append(order, id)
			}
		}
	}
	if c := m.Assurances; c != nil {
		raise(c.Guarantors, deterrence.Assurance, c.Binding == "treaty")
	}
	if c := m.ConsultationPledge; c != nil {
		raise(c.Guarantors, deterrence.Consultation, c.Binding == "treaty")
	}
	if c := m.CollectiveDefence; c != nil {
		level := deterrence.AsDeemedNecessary
		if c.Obligation == "automatic" {
			level = deterrence.Automatic
		}
		raise(c.Guarantors, level, c.Binding == "treaty")
	}
	// Each guarantor's share of the guarantor troops and aircraft, for
	// splitting the campaign's guarantor losses.
	troops := map[string]float64{}
	type contingent struct {
		actor, sector string
		troops        float64
	}
	var exposed []contingent
	total := 0.0
	if f := m.DeterrentForce; f != nil {
		for _, c := range f.Contingents {
			t := c.Troops.Nominal()
			troops[c.Actor] += t
			total += t
			sec := f.Sector
			if c.Sector != "" {
				sec = c.Sector
			}
			if sec != "" && f.Posture != "reassurance" {
				exposed = append(exposed, contingent{c.Actor, sec, t})
			}
		}
	}
	// tripwireIn gives each guarantor's troops in the attack's path: those
	// the line reaches without intervention.
	tripwireIn := func(out *campaign.Result) map[string]float64 {
		trip := map[string]float64{}
		for _, c := range exposed {
			for i, st := range s.Theatre.Sectors {
				if st.ID == c.sector && out.AdvanceKm[i] >= m.DeterrentForce.DistanceToLineKm.Or(0) {
					trip[c.actor] += c.troops
				}
			}
		}
		return trip
	}
	tripwire := tripwireIn(out)
	for _, a := range s.Actors {
		if a.Role == "guarantor" {
			for _, u := range a.Forces {
				troops[a.ID] += u.Strength.Nominal()
				total += u.Strength.Nominal()
			}
		}
	}
	aircraft := map[string]float64{}
	air := 0.0
	for _, mech := range [][]string{providersIf(m.AirSupport != nil, m, "air_support"), providersIf(m.AirPolicing != nil, m, "air_policing")} {
		for _, id := range mech {
			aircraft[id]++
			air++
		}
	}
	// lossCost is a guarantor's cost of its share of the guarantors'
	// soldiers and aircraft lost in a campaign with intervention; warCost
	// their sum.
	lossCost := func(in *campaign.Result, id string) (ground, planes float64) {
		if total > 0 {
			ground = in.GuarantorLosses * troops[id] / total * dm.SoldierValue.Or(defaultSoldierValue*1000) / 1000
		}
		if air > 0 {
			planes = in.AircraftLost * aircraft[id] / air * dm.AircraftValue.Or(defaultAircraftValue*1000) / 1000
		}
		return ground, planes
	}
	warCost := func(in *campaign.Result, id string) float64 {
		g, a := lossCost(in, id)
		return g + a
	}
	for _, id := range order {
		a := actors[id]
		g := deterrence.Guarantor{ID: id, Commitment: commit[id], Treaty: treaty[id], Stakes: a.Stakes.Or(0),
			TripwireTroops: tripwire[id], OtherCommitments: a.NATO, TrackRecord: a.TrackRecord.Or(0.5)}
		g.WarCost = warCost(in, id)
		// Honouring means going to war with the attacker, with or without
		// forces in the package: against a nuclear power that risks escalation.
		if attacker.Nuclear {
			g.Escalation = dm.Escalation.Or(0)
		}
		di.Guarantors = append(di.Guarantors, g)
	}
	// The attacker pays for fighting the guarantors in proportion to the
	// war their intervention brings: nothing without forces, rising with
	// their size toward the full cost at a divisional force or more:
	//	e_eff = e · (1 − exp(−F/F₀)),  F = troops + 100·aircraft,  F₀ = 10,000
	// (assumption: a division-sized force, or about 100 combat aircraft,
	// makes it a real war with the guarantor states).
	force := total
	if a := m.AirSupport; a != nil {
		force += 100 * a.Aircraft.Nominal()
	}
	if a := m.AirPolicing; a != nil {
		force += 100 * a.Aircraft.Nominal()
	}
	di.FightGuarantors *= 1 - math.Exp(-force/10000)
	// Each guarantor's share of the forces (troops + 100 per combat
	// aircraft, the aircraft of an air mechanism split equally among its
	// providers; equal shares if none has any).
	planes := map[string]float64{}
	split := func(key string, n float64) {
		ids := Providers(m, key)
		for _, id := range ids {
			planes[id] += n / float64(len(ids))
		}
	}
	if a := m.AirSupport; a != nil {
		split("air_support", a.Aircraft.Nominal())
	}
	if a := m.AirPolicing; a != nil {
		split("air_policing", a.Aircraft.Nominal())
	}
	sum := 0.0
	for _, g := range di.Guarantors {
		sum += troops[g.ID] + 100*planes[g.ID]
	}
	forceShare := func(w float64) float64 {
		if sum > 0 {
			return w / sum
		}
		return 1 / float64(len(di.Guarantors))
	}
	if dm.Intervention == "force_weighted" {
		for _, g := range di.Guarantors {
			di.Weights = append(di.Weights, forceShare(troops[g.ID]+100*planes[g.ID]))
		}
	}
	// The limited offensive: its own campaigns, the attacker's cost pro
	// rata, the guarantors' own losses and troops in its path.
	if lo, li := limited[0], limited[1]; lo != nil && li != nil {
		days := float64(len(lo.GroundKm2) - 1)
		l := &deterrence.Limited{Days: days,
			StayOut:   deterrence.War{GroundKm2: last(lo), AttackerLosses: lo.AttackerLosses},
			Intervene: deterrence.War{GroundKm2: last(li), AttackerLosses: li.AttackerLosses},
			WarCost:   di.WarCost * days / 365}
		trip := tripwireIn(lo)
		for _, g := range di.Guarantors {
			l.GuarantorWarCost = append(l.GuarantorWarCost, warCost(li, g.ID))
			l.TripwireTroops = append(l.TripwireTroops, trip[g.ID])
		}
		di.Limited = l
	}
	// Forms of help: every guarantor can give sanctions and arms (costing
	// it its share of the sanctions it imposes) or all its forces; one
	// with both troops and aircraft can also send its air power alone
	// (engaging the aircraft's share of its forces, at the cost of its
	// aircraft lost). Either way its forces fight, so the attacker is at
	// war with it: its whole weight counts for the cost of fighting the
	// guarantors.
	if dm.Intervention == "by_means" {
		imposers := map[string]float64{}
		if sn := m.SanctionsSnapback; sn != nil {
			for _, id := range sn.Imposers {
				imposers[id] = sn.ImposerCost.Or(0) / float64(len(sn.Imposers))
			}
		}
		for i, g := range di.Guarantors {
			aid := deterrence.Help{Means: deterrence.SanctionsArms, WarCost: imposers[g.ID], LimitedWarCost: imposers[g.ID]}
			w := forceShare(troops[g.ID] + 100*planes[g.ID])
			all := deterrence.Help{Means: deterrence.AllForces, Engaged: 1, Force: w, War: w, WarCost: g.WarCost}
			if di.Limited != nil {
				all.LimitedWarCost = di.Limited.GuarantorWarCost[i]
			}
			hs := []deterrence.Help{aid}
			if t, p := troops[g.ID], 100*planes[g.ID]; t > 0 && p > 0 {
				h := deterrence.Help{Means: deterrence.AirPower, Engaged: p / (t + p), Force: forceShare(p), War: w}
				_, h.WarCost = lossCost(in, g.ID)
				if lo, li := limited[0], limited[1]; lo != nil && li != nil {
					_, h.LimitedWarCost = lossCost(li, g.ID)
				}
				hs = append(hs, h)
			}
			di.Help = append(di.Help, append(hs, all))
		}
	}
	return di
}

// defaultLimitedDays is the default length of the limited offensive the
// attacker may choose (models.deterrence.limited_attack_days): a quarter
// of the year-long war the model compares with the cease-fire. An
// assumption, of the order of Russia's 2014 seizure of Crimea (about a
// month) and its 2022 Kyiv offensive (about five weeks) on the short side
// and a summer campaign season on the long side.
const defaultLimitedDays = 90

// limitedCampaigns runs the package's campaigns, without and with
// intervention, for the limited offensive's days; nils when the scenario
// sets no limited offensive (0 days) or its campaigns are no longer than
// that anyway.
func limitedCampaigns(s *scenario.Scenario, p *scenario.Package) ([2]*campaign.Result, error) {
	var out [2]*campaign.Result
	days := float64(defaultLimitedDays)
	if dm := s.Models.Deterrence; dm != nil {
		days = dm.LimitedAttackDays.Or(days)
	}
	if days <= 0 || days >= float64(min(s.Settings.HorizonDays, 365)) {
		return out, nil
	}
	short := *s
	short.Settings.HorizonDays = int(math.Round(days))
	for k, iv := range []bool{false, true} {
		in, _, err := CampaignInput(&short, p, iv, 0)
		if err != nil {
			return out, err
		}
		if out[k], err = campaign.Run(in); err != nil {
			return out, err
		}
	}
	return out, nil
}

func providersIf(ok bool, m *scenario.Mechanisms, key string) []string {
	if !ok {
		return nil
	}
	return Providers(m, key)
}

// runDeterrence solves the deterrence game of a package from its campaign
// results.
func runDeterrence(s *scenario.Scenario, p *scenario.Package, out, in *campaign.Result, closedForm bool) (*deterrence.Result, *deterrence.Input, error) {
	lim, err := limitedCampaigns(s, p)
	if err != nil {
		return nil, nil, err
	}
	di := DeterrenceInput(s, p, out, in, lim)
	solve := deterrence.Solve
	if closedForm {
		solve = deterrence.SolveClosedForm
	}
	r, err := solve(di)
	if err != nil {
		return nil, nil, err
	}
	if r.Guarantors == nil {
		r.Guarantors = []deterrence.GuarantorResult{}
	}
	if math.IsNaN(r.PAttack1) || math.IsNaN(r.PAttack5) {
		var dm scenario.DeterrenceModel
		if s.Models.Deterrence != nil {
			dm = *s.Models.Deterrence
		}
		return nil, nil, &scenario.FieldError{File: s.File, Pos: dm.SigmaAttacker.Pos, Path: "models.deterrence",
			Msg: fmt.Sprintf("package %s: the probability of attack is not a number (the attacker's net value of war %g US$ bn over its resolve spread %g US$ bn); check the deterrence coefficients and the package's costs for values that cancel or overflow",
				p.ID, r.Utility, di.Params.SigmaA)}
	}
	return r, di, nil
}

// DeterrenceTree builds the deterrence game of the package with the given
// id (the first package if id is empty) as an extensive-form game, from
// the same campaign results Run uses; its Game can be written as a Gambit
// .efg file.
func DeterrenceTree(s *scenario.Scenario, id string) (*deterrence.Tree, error) {
	var p *scenario.Package
	for i := range s.Packages {
		if id == "" || s.Packages[i].ID == id {
			p = &s.Packages[i]
			break
		}
	}
	if p == nil {
		var ids []string
		for _, q := range s.Packages {
			ids = append(ids, q.ID)
		}
		return nil, fmt.Errorf("no package %q in %s (packages: %s)", id, s.File, strings.Join(ids, ", "))
	}
	_, raw, _, err := runCampaign(s, p)
	if err != nil {
		return nil, err
	}
	lim, err := limitedCampaigns(s, p)
	if err != nil {
		return nil, err
	}
	return deterrence.BuildTree(DeterrenceInput(s, p, raw[0], raw[1], lim))
}
