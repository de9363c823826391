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

// Campaigns are a package's two campaigns of one length (the guarantors
// staying out, and intervening) and what the deterrence game reads of
// them beyond their results: each guarantor's troops that the stay-out
// campaign reports engaged in the attack's path (tripwires).
type Campaigns struct {
	StayOut, Intervene *campaign.Result
	Tripwire           map[string]float64
}

// PackageCampaigns are the campaigns the deterrence game of a package is
// built on: a year of war, and the limited offensive (nil when the
// scenario has none).
type PackageCampaigns struct {
	Full    Campaigns
	Limited *Campaigns
}

// tripwire sums, per owner, the strength of the units the campaign reports
// reached (campaign.Result.Reached).
func tripwire(in *campaign.Input, cmap *CampaignMap, r *campaign.Result) map[string]float64 {
	trip := map[string]float64{}
	for i, reached := range r.Reached {
		if reached {
			trip[cmap.Owners[i]] += in.Units[i].Strength
		}
	}
	return trip
}

// honourCost is what honouring its promise costs guarantor id in losses:
// its losses in the war with intervention less those it suffers anyway if
// it stays out (its troops in the attack's path fight in self-defence):
// a cost both choices bear does not weigh on the choice between them.
func honourCost(warCost func(*campaign.Result, string) float64, intervene, stayOut *campaign.Result, id string) float64 {
	return math.Max(0, warCost(intervene, id)-warCost(stayOut, id))
}

// runCampaigns runs a package's two campaigns for spec (its Intervention
// is set for each).
func runCampaigns(s *scenario.Scenario, p *scenario.Package, spec CampaignSpec) (Campaigns, [2]*campaign.Input, *CampaignMap, error) {
	var c Campaigns
	var ins [2]*campaign.Input
	var cmap *CampaignMap
	for k, iv := range []bool{false, true} {
		spec.Intervention = iv
		in, m, err := CampaignInput(s, p, spec)
		if err != nil {
			return c, ins, nil, err
		}
		r, err := campaign.Run(in)
		if err != nil {
			return c, ins, nil, err
		}
		ins[k], cmap = in, m
		if iv {
			c.Intervene = r
		} else {
			c.StayOut, c.Tripwire = r, tripwire(in, m, r)
		}
	}
	return c, ins, cmap, nil
}

// DeterrenceInput maps a scenario, a package and its campaigns onto the
// deterrence game. It gathers numbers; the judgements on them (the value
// of losses, the attacker's cost of fighting the guarantors' forces, each
// guarantor's share of the forces, the forms of help) are the deterrence
// package's.
func DeterrenceInput(s *scenario.Scenario, p *scenario.Package, pc PackageCampaigns) *deterrence.Input {
	dm := s.DeterrenceModel()
	params := deterrenceParams(&dm)
	attacker := s.Attacker()
	out, in := pc.Full.StayOut, pc.Full.Intervene
	last := func(r *campaign.Result) float64 { return r.GroundKm2[len(r.GroundKm2)-1] }
	f := packageForces(s, p)
	di := &deterrence.Input{
		StayOut:         deterrence.War{GroundKm2: last(out), AttackerLosses: out.AttackerLosses},
		Intervene:       deterrence.War{GroundKm2: last(in), AttackerLosses: in.AttackerLosses},
		FightGuarantors: fightGuarantors(s, f, &dm, &params),
		Params:          params,
	}
	// A year of war is what the model compares with a year of cease-fire.
	if h := float64(len(in.GroundKm2) - 1); h > 365 {
		di.StayOut.GroundKm2 = out.GroundKm2[365]
		di.Intervene.GroundKm2 = in.GroundKm2[365]
	}
	if attacker.Claim.IsSet() {
		di.Claimed, di.ClaimKm2 = true, attacker.Claim.Nominal()
	}
	di.WarCost = dm.AttackerWarCost.Or(0)
	if !dm.AttackerWarCost.IsSet() && attacker.Budget != nil {
		di.WarCost = attacker.Budget.Defence.Or(0)
	}
	// The standing drive: stated for the case, or the shared share of the
	// war's yearly cost.
	di.Drive = dm.AttackerDriveShare.Or(0) * di.WarCost
	// The spread of its resolve: stated for the case, or the shared share
	// of the war's yearly cost (the absolute default when that is unknown).
	if !dm.SigmaAttacker.Default && dm.SigmaAttacker.IsSet() || di.WarCost <= 0 {
		di.Params.SigmaA = dm.SigmaAttacker.Nominal()
	} else {
		di.Params.SigmaA = dm.SigmaAttackerShare.Nominal() * di.WarCost
	}
	if dm.AttackerDrive.IsSet() {
		di.Drive = dm.AttackerDrive.Nominal()
	}
	st := p.Settlement
	// Neutrality answers part of a revisionist's stated aims: less drive
	// (a status-quo attacker's negative drive is left alone).
	if st != nil && st.Neutrality && di.Drive > 0 {
		di.Drive *= 1 - dm.NeutralityDriveCut.Nominal()
	}
	m := &p.Mechanisms
	if sn := m.SanctionsSnapback; sn != nil {
		gdp := 0.0
		if attacker.Budget != nil {
			gdp = attacker.Budget.GDP.Or(0)
		}
		di.Sanctions = sn.AttackerCost.Or(0) / 100 * gdp
		di.SanctionsProb = dm.SanctionsDiscretionary.Nominal()
		if sn.Automatic {
			di.SanctionsProb = dm.SanctionsAutomatic.Nominal()
		}
	}
	// Sanctions relief in the settlement is forfeited by an attack: the
	// lifted sanctions come back with the chance of a snap-back.
	if st != nil && st.SanctionsRelief.Or(0) > 0 && attacker.Budget != nil && attacker.Budget.SanctionsCost.IsSet() {
		di.Sanctions += st.SanctionsRelief.Nominal() * attacker.Budget.SanctionsCost.Nominal() / 100 * attacker.Budget.GDP.Or(0)
		if m.SanctionsSnapback == nil {
			di.SanctionsProb = dm.SanctionsDiscretionary.Nominal()
		}
	}
	if e := m.EnergyCutoff; e != nil {
		di.Energy = e.Volume.Nominal()
	}
	values := deterrence.LossValues{Soldier: dm.SoldierValue.Nominal(), Aircraft: dm.AircraftValue.Nominal()}
	lossCost := func(r *campaign.Result, id string) (ground, air float64) {
		return deterrence.LossCost(deterrence.Losses{Soldiers: r.GuarantorLosses, Aircraft: r.AircraftLost},
			f.stake[id], f.all, values)
	}
	warCost := func(r *campaign.Result, id string) float64 {
		g, a := lossCost(r, id)
		return g + a
	}
	for _, id := range f.order {
		a := s.ActorByID(id)
		g := deterrence.Guarantor{ID: id, Commitment: f.commit[id], Treaty: f.treaty[id], Stakes: a.Stakes.Or(0),
			TripwireTroops: pc.Full.Tripwire[id], OtherCommitments: a.NATO, TrackRecord: scenario.Defaulted(a).TrackRecord.Nominal()}
		// With the attacker among the guarantors and a veto (the
		// Istanbul draft of 2022), the promise needs the attacker's
		// consent: it can block the response, and every guarantor is
		// excused its word.
		if ag := m.AttackerGuarantor; ag != nil && ag.Veto {
			g.Excused = 1
		}
		g.WarCost = honourCost(warCost, in, out, id)
		// Honouring means going to war with the attacker, with or without
		// forces in the package: against a nuclear power that risks escalation.
		if attacker.Nuclear {
			g.Escalation = dm.Escalation.Or(0)
		}
		di.Guarantors = append(di.Guarantors, g)
	}
	if dm.FightGuarantors.IsSet() {
		di.FightGuarantors *= params.FightScale(f.allEffective, f.airTotals...)
	}
	weights := make([]float64, len(di.Guarantors))
	for i, g := range di.Guarantors {
		weights[i] = params.Weight(f.effective[g.ID], f.planes[g.ID])
	}
	split := deterrence.NewSplit(weights)
	if dm.Rule() == "force_weighted" {
		for _, w := range weights {
			di.Weights = append(di.Weights, split.Of(w))
		}
	}
	// The limited offensive: its own campaigns, the attacker's cost pro
	// rata, the guarantors' own losses and troops in its path.
	if l := pc.Limited; l != nil {
		lo, li := l.StayOut, l.Intervene
		days := float64(len(lo.GroundKm2) - 1)
		dl := &deterrence.Limited{Days: days,
			StayOut:   deterrence.War{GroundKm2: last(lo), AttackerLosses: lo.AttackerLosses},
			Intervene: deterrence.War{GroundKm2: last(li), AttackerLosses: li.AttackerLosses},
			WarCost:   di.WarCost * days / 365}
		for _, g := range di.Guarantors {
			dl.GuarantorWarCost = append(dl.GuarantorWarCost, honourCost(warCost, li, lo, g.ID))
			dl.TripwireTroops = append(dl.TripwireTroops, l.Tripwire[g.ID])
		}
		clarity := 0.0 // no line stated
		if dln := m.DefendedLine; dln != nil {
			clarity = dln.Clarity.Nominal()
		}
		dl.Deniable = dm.LineAmbiguity.Nominal() * (1 - clarity)
		di.Limited = dl
	}
	if dm.Rule() == "by_means" {
		imposers := map[string]float64{}
		if sn := m.SanctionsSnapback; sn != nil {
			for _, id := range sn.Imposers {
				imposers[id] = sn.ImposerCost.Or(0) / float64(len(sn.Imposers))
			}
		}
		for i, g := range di.Guarantors {
			h := deterrence.HelpSpec{Troops: f.stake[g.ID].Troops, Aircraft: f.planes[g.ID],
				Share: split.Of(weights[i]), AirShare: split.Of(params.Weight(0, f.planes[g.ID])),
				SanctionsCost: imposers[g.ID], WarCost: g.WarCost}
			_, h.AirWarCost = lossCost(in, g.ID)
			if di.Limited != nil {
				h.LimitedWarCost = di.Limited.GuarantorWarCost[i]
				_, h.LimitedAirWarCost = lossCost(pc.Limited.Intervene, g.ID)
			}
			di.Help = append(di.Help, params.FormsOfHelp(h))
		}
	}
	return di
}

// fightGuarantors is e, the attacker's cost of fighting the guarantors'
// forces. A scenario's fight_guarantors_usd_bn is the cost at full
// strength, scaled by the guarantors' forces (FightScale). Otherwise each
// guarantor adds fight_guarantors_defence_years times its yearly defence
// spending, scaled by its own forces in the war:
//
//	e = Y · Σ_g D_g · w_g + η · GDP_a · max_{g nuclear, allied} w_g
//	w_g = S(F_g) · r_g,  S(F) = 1 − exp(−F/F₀)
//
// F_g the guarantor's troops and combat aircraft in the package (and its
// listed forces), r_g the share of their weight left without the enablers
// it depends on (1 with its backstop present; 1 − dependence without), so
// a guarantor with no forces adds nothing until it sends them (a war with
// a great power's forces costs more than one with a small state's), and a
// guarantor without budget data adds nothing. The second term is the
// attacker's own risk of escalation when it fights the forces of a
// nuclear-armed guarantor that has extended its deterrent by a collective-
// defence commitment (Art. 5-type or automatic), as a share η
// (attacker_escalation_gdp_share) of the attacker's GDP, counted once:
// Schelling (1966, Arms and Influence, ch. 2-3): troops in the way make
// war "a threat that leaves something to chance", and the commitment is
// what puts the nuclear threat behind them; Jervis (1989, The Meaning of
// the Nuclear Revolution): no gain is worth a real risk of nuclear war.
func fightGuarantors(s *scenario.Scenario, f *guarantorForces, dm *scenario.DeterrenceModel, params *deterrence.Params) float64 {
	if dm.FightGuarantors.IsSet() {
		return dm.FightGuarantors.Nominal()
	}
	e, nuclear := 0.0, 0.0
	for _, a := range s.Actors {
		if a.Role != "guarantor" {
			continue
		}
		troops := f.stake[a.ID].Troops
		w := params.FightScale(troops, f.planes[a.ID])
		if full := params.Weight(troops, f.planes[a.ID]); full > 0 {
			w *= params.Weight(f.effective[a.ID], f.planes[a.ID]) / full
		}
		if a.Budget != nil {
			e += a.Budget.Defence.Or(0) * w
		}
		if a.Nuclear && f.commit[a.ID] >= deterrence.AsDeemedNecessary {
			nuclear = math.Max(nuclear, w)
		}
	}
	gdp := 0.0
	if at := s.Attacker(); at != nil && at.Budget != nil {
		gdp = at.Budget.GDP.Or(0)
	}
	return dm.FightGuarantorsYears.Or(0)*e + dm.AttackerEscalation.Or(0)*gdp*nuclear
}

// deterrenceParams maps models.deterrence (the format's defaults filled in)
// onto the game's coefficients, converting units: US$ million and thousand
// to US$ bn.
func deterrenceParams(dm *scenario.DeterrenceModel) deterrence.Params {
	p := deterrence.DefaultParams()
	p.ValuePerKm2 = dm.ValuePerKm2.Nominal() / 1000
	p.BeyondClaim = dm.BeyondClaim.Nominal()
	p.SigmaA = dm.SigmaAttacker.Nominal()
	p.SigmaG = dm.SigmaGuarantor.Nominal()
	p.CostPerLoss = dm.AttackerLossCost.Nominal() / 1e6
	p.Audience = [5]float64{0, dm.AudienceAssurances.Nominal(), dm.AudienceConsultation.Nominal(),
		dm.AudienceAsDeemed.Nominal(), dm.AudienceAutomatic.Nominal()}
	p.TreatyFactor = dm.TreatyFactor.Nominal()
	p.TripwirePer1000 = dm.TripwirePer1000.Nominal()
	p.TripwireCap = dm.TripwireCap.Nominal()
	p.Reputation = dm.Reputation.Nominal()
	p.TrackRecord = dm.TrackRecordWeight.Nominal()
	p.TroopsPerAircraft = dm.TroopsPerAircraft.Nominal()
	p.FightForceScale = dm.FightForceScale.Nominal()
	p.Credit[deterrence.AsDeemedNecessary][deterrence.SanctionsArms] = dm.CreditAidAsDeemed.Nominal()
	p.Credit[deterrence.Automatic][deterrence.SanctionsArms] = dm.CreditAidAutomatic.Nominal()
	p.Credit[deterrence.Automatic][deterrence.AirPower] = dm.CreditAirAutomatic.Nominal()
	return p
}

// guarantorForces is what a package's guarantors bring, gathered from the
// scenario for the deterrence game.
type guarantorForces struct {
	// order lists the guarantors named by the package's mechanisms, in the
	// order of the mechanisms.
	order []string
	// commit and treaty are each guarantor's strongest commitment and
	// whether any of its commitments is a treaty.
	commit map[string]deterrence.Commitment
	treaty map[string]bool
	// stake is each guarantor's troops (the package's contingents and its
	// own listed forces) and number of air mechanisms it flies in; all
	// their totals over every guarantor of the scenario.
	stake map[string]deterrence.Stake
	all   deterrence.Stake
	// planes is each guarantor's share of the package's combat aircraft
	// (an air mechanism's aircraft split equally among its providers);
	// airTotals the aircraft of each air mechanism.
	planes    map[string]float64
	airTotals []float64
	// effective and allEffective are the troops as a weight in a war with
	// the guarantor states: the package's troops less the share a
	// guarantor loses without the enablers it depends on.
	effective    map[string]float64
	allEffective float64
}

func packageForces(s *scenario.Scenario, p *scenario.Package) *guarantorForces {
	m := &p.Mechanisms
	f := &guarantorForces{commit: map[string]deterrence.Commitment{}, treaty: map[string]bool{},
		stake: map[string]deterrence.Stake{}, planes: map[string]float64{}, effective: map[string]float64{}}
	for _, key := range m.Present() {
		for _, id := range Providers(m, key) {
			if a := s.ActorByID(id); a != nil && a.Role == "guarantor" && !slices.Contains(f.order, id) {
				f.order = append(f.order, id)
			}
		}
	}
	raise := func(ids []string, c deterrence.Commitment, isTreaty bool) {
		for _, id := range ids {
			if c > f.commit[id] {
				f.commit[id] = c
			}
			f.treaty[id] = f.treaty[id] || isTreaty
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
	addTroops := func(id string, t float64) {
		st := f.stake[id]
		st.Troops += t
		f.stake[id] = st
		f.all.Troops += t
		f.effective[id] += t
		f.allEffective += t
	}
	if d := m.DeterrentForce; d != nil {
		for _, c := range d.Contingents {
			addTroops(c.Actor, c.Troops.Nominal())
			if lost := withoutBackstop(s, p, c.Actor); lost > 0 {
				f.effective[c.Actor] -= lost * c.Troops.Nominal()
				f.allEffective -= lost * c.Troops.Nominal()
			}
		}
	}
	for _, a := range s.Actors {
		if a.Role == "guarantor" {
			for _, u := range a.Forces {
				addTroops(a.ID, u.Strength.Nominal())
			}
		}
	}
	for _, mech := range [][]string{providersIf(m.AirSupport != nil, m, "air_support"), providersIf(m.AirPolicing != nil, m, "air_policing")} {
		for _, id := range mech {
			st := f.stake[id]
			st.AirMechanisms++
			f.stake[id] = st
			f.all.AirMechanisms++
		}
	}
	splitPlanes := func(key string, n float64) {
		ids := Providers(m, key)
		for _, id := range ids {
			f.planes[id] += n / float64(len(ids))
		}
		f.airTotals = append(f.airTotals, n)
	}
	if a := m.AirSupport; a != nil {
		splitPlanes("air_support", a.Aircraft.Nominal())
	}
	// Air policing that will not engage aircraft is no force the attacker
	// must fight: it shields the rear (that is in the campaign), and its
	// losses are shared as any air mission's, but its aircraft count toward
	// neither the guarantors' forces nor the cost of fighting them.
	if a := m.AirPolicing; a != nil && a.EngageAircraft {
		splitPlanes("air_policing", a.Aircraft.Nominal())
	}
	return f
}

// limitedCampaigns runs the package's campaigns, without and with
// intervention, for the limited offensive's days
// (models.deterrence.limited_attack_days); nil when the scenario sets no
// limited offensive (0 days) or its campaigns are no longer than that
// anyway.
func limitedCampaigns(s *scenario.Scenario, p *scenario.Package) (*Campaigns, error) {
	return limitedCampaignsAt(s, p, CampaignSpec{})
}

// limitedCampaignsAt is limitedCampaigns for an attack at spec's delay and
// attacker growth.
func limitedCampaignsAt(s *scenario.Scenario, p *scenario.Package, spec CampaignSpec) (*Campaigns, error) {
	days := s.DeterrenceModel().LimitedAttackDays.Nominal()
	if days <= 0 || days >= float64(min(s.Settings.HorizonDays, 365)) {
		return nil, nil
	}
	spec.HorizonDays = int(math.Round(days))
	c, _, _, err := runCampaigns(s, p, spec)
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// packageCampaigns runs the campaigns the deterrence game of a package
// needs: a year of war and the limited offensive.
func packageCampaigns(s *scenario.Scenario, p *scenario.Package, full Campaigns) (PackageCampaigns, error) {
	lim, err := limitedCampaigns(s, p)
	return PackageCampaigns{Full: full, Limited: lim}, err
}

func providersIf(ok bool, m *scenario.Mechanisms, key string) []string {
	if !ok {
		return nil
	}
	return Providers(m, key)
}

// mappingNotes says, in words, what the scenario put into the game that
// the game's own explanation does not name: the excuse a limited grab
// gives across an unclear line, and guarantors fighting without the
// enablers they depend on.
func mappingNotes(s *scenario.Scenario, p *scenario.Package, di *deterrence.Input) string {
	var notes string
	if l := di.Limited; l != nil && l.Deniable > 0 && len(di.Guarantors) > 0 {
		line := "no defended line stated"
		if dl := p.Mechanisms.DefendedLine; dl != nil {
			line = fmt.Sprintf("defended line clarity %.1f", dl.Clarity.Nominal())
		}
		notes += fmt.Sprintf(" Against a limited grab each guarantor can deny %.0f%% of a broken promise's cost (%s; Schelling: ambiguity invites probing).",
			100*l.Deniable, line)
	}
	var without []string
	for _, g := range di.Guarantors {
		if lost := withoutBackstop(s, p, g.ID); lost > 0 && p.Mechanisms.DeterrentForce != nil {
			without = append(without, fmt.Sprintf("%s (%.0f%% of its combat power)", g.ID, 100*lost))
		}
	}
	if len(without) > 0 {
		notes += " Without the enablers they depend on (no air support from their backstop in the package), these guarantors' forces fight weakened: " + strings.Join(without, ", ") + "."
	}
	return notes
}

// runDeterrence solves the deterrence game of a package from its campaign
// results.
func runDeterrence(s *scenario.Scenario, p *scenario.Package, full Campaigns, closedForm bool) (*deterrence.Result, *deterrence.Input, error) {
	pc, err := packageCampaigns(s, p, full)
	if err != nil {
		return nil, nil, err
	}
	di := DeterrenceInput(s, p, pc)
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
		return nil, nil, &scenario.FieldError{File: s.File, Pos: s.DeterrenceModel().SigmaAttacker.Pos, Path: "models.deterrence",
			Msg: fmt.Sprintf("package %s: the probability of attack is not a number (the attacker's net value of war %g US$ bn over its resolve spread %g US$ bn); check the deterrence coefficients and the package's costs for values that cancel or overflow",
				p.ID, r.Utility, di.Params.SigmaA)}
	}
	r.Deciding += mappingNotes(s, p, di)
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
	_, full, err := runCampaign(s, p)
	if err != nil {
		return nil, err
	}
	pc, err := packageCampaigns(s, p, full)
	if err != nil {
		return nil, err
	}
	return deterrence.BuildTree(DeterrenceInput(s, p, pc))
}
