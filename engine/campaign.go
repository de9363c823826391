package engine

import (
	"fmt"
	"math"
	"slices"

	"deter/campaign"
	"deter/scenario"
)

// CampaignOutcome is the campaign model's answer for one package, with or
// without guarantor intervention.
type CampaignOutcome struct {
	Intervention      bool      `json:"intervention"`
	FirstObjectiveDay *float64  `json:"first_objective_day"` // nil: not reached within the horizon
	FirstObjective    string    `json:"first_objective,omitempty"`
	GroundKm2At30     float64   `json:"ground_km2_day30"`
	GroundKm2At90     float64   `json:"ground_km2_day90"`
	GroundKm2At365    float64   `json:"ground_km2_day365"`
	GroundKm2ByDay    []float64 `json:"ground_km2_by_day"`
	AttackerLosses    float64   `json:"attacker_losses"`
	DefenderLosses    float64   `json:"defender_losses"`
	GuarantorLosses   float64   `json:"guarantor_losses"`
	AircraftLost      float64   `json:"aircraft_lost"`
	CulminationDay    *float64  `json:"culmination_day"`
}

func terrainOf(s string) campaign.Terrain {
	switch s {
	case "open":
		return campaign.Open
	case "forest":
		return campaign.Forest
	case "urban":
		return campaign.Urban
	case "marsh":
		return campaign.Marsh
	case "mountain":
		return campaign.Mountain
	}
	return campaign.Mixed
}

// campaignMapping are the coefficients that turn package mechanisms into
// campaign inputs (models.campaign; their defaults are the format's).
type campaignMapping struct {
	airKills, airLoss, armsPeople, intelEffect float64
	shieldPerSortie, shieldCap                 float64
	coverageWest, coverageCities               float64
}

// campaignParams applies the scenario's models.campaign overrides.
func campaignParams(s *scenario.Scenario) (campaign.Params, campaignMapping) {
	p := campaign.DefaultParams()
	m := s.CampaignModel()
	cm := campaignMapping{airKills: m.AirKillsPerSortie.Nominal(), airLoss: m.AirLossPerSortie.Nominal(),
		armsPeople: m.ArmsPeoplePerUSDbn.Nominal(), intelEffect: m.IntelligenceEffect.Nominal(),
		shieldPerSortie: m.ShieldPerSortie.Nominal(), shieldCap: m.ShieldCap.Nominal(),
		coverageWest: m.CoverageWest.Nominal(), coverageCities: m.CoverageCities.Nominal()}
	switch m.Law {
	case "linear":
		p.Law = campaign.Linear
	case "logarithmic":
		p.Law = campaign.Logarithmic
	}
	p.Law.P = m.LawP.Or(p.Law.P)
	p.Law.Q = m.LawQ.Or(p.Law.Q)
	p.AttackerLossRate = m.AttackerLossRate.Or(p.AttackerLossRate)
	p.DefenderLossRate = m.DefenderLossRate.Or(p.DefenderLossRate)
	p.MaxDensity = m.MaxDensity.Or(p.MaxDensity)
	p.MaxAdvance = m.MaxAdvance.Or(p.MaxAdvance)
	p.HalfRatio = m.HalfRatio.Or(p.HalfRatio)
	p.Steepness = m.Steepness.Or(p.Steepness)
	p.DroneDamping = m.DroneDamping.Or(p.DroneDamping)
	p.CulminationLoss = m.CulminationLoss.Or(p.CulminationLoss)
	p.StepDays = m.StepDays.Or(p.StepDays)
	p.ReserveFocus = m.ReserveFocus.Or(p.ReserveFocus)
	return p, cm
}

// CampaignSpec says which campaign of a package to build: the model's
// inputs that runs vary (the scenario itself is never copied or changed).
type CampaignSpec struct {
	// Intervention: the guarantors fight from the start.
	Intervention bool
	// HorizonDays is the campaign's length; 0 takes the scenario's
	// settings.horizon_days.
	HorizonDays int
	// DelayDays is added to the scenario's settings.attack_day: an attack
	// that much later, when more of the package is in place.
	DelayDays int
	// AttackerGrowth is the share by which the attacker's forces and
	// production have grown since the cease-fire (the timeline's
	// reconstitution): its units and streams are scaled by 1 + AttackerGrowth.
	AttackerGrowth float64
}

// CampaignMap ties the campaign model's indices back to the scenario.
type CampaignMap struct {
	// Objectives are the objective ids per sector, in the order of
	// campaign.Sector.ObjectivesKm.
	Objectives [][]string
	// Owners are the actor ids of campaign.Input.Units, in order.
	Owners []string
}

// CampaignInput maps a scenario and package onto the campaign model's
// input, using nominal values, for the campaign spec describes.
func CampaignInput(s *scenario.Scenario, p *scenario.Package, spec CampaignSpec) (*campaign.Input, *CampaignMap, error) {
	horizon := spec.HorizonDays
	if horizon <= 0 {
		horizon = s.Settings.HorizonDays
	}
	params, cm := campaignParams(s)
	b := &campaignBuilder{s: s, horizon: float64(horizon), attack: float64(s.Settings.AttackDay + spec.DelayDays),
		in:   &campaign.Input{HorizonDays: horizon, Params: params, Intervention: spec.Intervention, DefenderMultiplier: 1},
		cmap: &CampaignMap{Objectives: make([][]string, len(s.Theatre.Sectors))}, campaignMapping: cm}
	b.theatre()
	b.actors()
	if st := p.Settlement; st != nil {
		b.settlement(st)
	}
	m := &p.Mechanisms
	if f := m.DeterrentForce; f != nil {
		b.deterrentForce(f, p)
	}
	b.airPower(m)
	b.in.DefenderMultiplier = b.defenderGains(m)
	if d := m.DeepStrikes; d != nil {
		cut := d.ProductionReduction.Or(0)
		for i := range b.in.Streams {
			if b.in.Streams[i].Side == campaign.Attacker {
				b.in.Streams[i].PerDay *= 1 - cut
			}
		}
	}
	if g := spec.AttackerGrowth; g != 0 {
		for i := range b.in.Units {
			if b.in.Units[i].Side == campaign.Attacker {
				b.in.Units[i].Strength *= 1 + g
			}
		}
		for i := range b.in.Streams {
			if b.in.Streams[i].Side == campaign.Attacker {
				b.in.Streams[i].PerDay *= 1 + g
			}
		}
	}
	if err := b.in.Validate(); err != nil {
		return nil, nil, fmt.Errorf("package %s: %w", p.ID, err)
	}
	return b.in, b.cmap, nil
}

// campaignBuilder assembles one campaign.Input, step by step, in a fixed
// order of units and streams.
type campaignBuilder struct {
	s               *scenario.Scenario
	in              *campaign.Input
	cmap            *CampaignMap
	secIdx          map[string]int
	horizon, attack float64 // days; the attack's day after the cease-fire
	defenderPeople  float64
	campaignMapping
}

// unit adds a unit owned by the actor owner.
func (b *campaignBuilder) unit(u campaign.Unit, owner string) {
	b.in.Units = append(b.in.Units, u)
	b.cmap.Owners = append(b.cmap.Owners, owner)
}

// sectorOf is a sector's index, -1 for none (the theatre reserve).
func (b *campaignBuilder) sectorOf(id string) int {
	if id == "" {
		return -1
	}
	return b.secIdx[id]
}

// arrival converts a package element's day after the cease-fire into a
// campaign day: elements in place before the attack are there at day 0.
func (b *campaignBuilder) arrival(afterCeasefire float64) float64 {
	return math.Max(0, afterCeasefire-b.attack)
}

// theatre adds the sectors and their objectives, sorted by depth.
func (b *campaignBuilder) theatre() {
	b.secIdx = map[string]int{}
	for i, sec := range b.s.Theatre.Sectors {
		b.secIdx[sec.ID] = i
		b.in.Sectors = append(b.in.Sectors, campaign.Sector{
			FrontageKm: sec.FrontageKm.Nominal(), DepthKm: sec.DepthKm.Nominal(),
			Fortification: sec.Fortification.Or(0), Terrain: terrainOf(sec.Terrain),
			DroneDensity: sec.DroneDensity.Or(0),
		})
	}
	names := b.cmap.Objectives
	for _, o := range b.s.Theatre.Objectives {
		i := b.secIdx[o.Sector]
		d := o.DepthKm.Nominal()
		sec := &b.in.Sectors[i]
		k := len(sec.ObjectivesKm)
		for k > 0 && sec.ObjectivesKm[k-1] > d {
			k--
		}
		sec.ObjectivesKm = append(sec.ObjectivesKm[:k], append([]float64{d}, sec.ObjectivesKm[k:]...)...)
		names[i] = append(names[i][:k], append([]string{o.ID}, names[i][k:]...)...)
	}
}

// settlement applies the terms of the cease-fire to the next war: the
// ceded area moves the line forward in its sector (objectives within the
// ceded depth are gone, the others nearer) and leaves the fortification of
// the positions behind it; a demilitarised zone puts every objective
// further by its width; a cap on the defender's forces scales its listed
// forces down to it.
func (b *campaignBuilder) settlement(st *scenario.Settlement) {
	if i, ok := b.secIdx[st.CededSector]; ok && st.TerritoryCeded.Or(0) > 0 {
		sec := &b.in.Sectors[i]
		d := st.TerritoryCeded.Nominal() / sec.FrontageKm
		var objs []float64
		var names []string
		for k, x := range sec.ObjectivesKm {
			if x > d {
				objs, names = append(objs, x-d), append(names, b.cmap.Objectives[i][k])
			}
		}
		sec.ObjectivesKm, b.cmap.Objectives[i] = objs, names
		sec.DepthKm = math.Max(1, sec.DepthKm-d)
		if st.FortificationLeft.IsSet() {
			sec.Fortification = st.FortificationLeft.Nominal()
		}
	}
	if w := st.DMZWidth.Or(0); w > 0 {
		for i := range b.in.Sectors {
			for k := range b.in.Sectors[i].ObjectivesKm {
				b.in.Sectors[i].ObjectivesKm[k] += w
			}
			b.in.Sectors[i].DepthKm += w
		}
	}
	if st.DefenderTroopCap.IsSet() {
		total := 0.0
		for _, u := range b.in.Units {
			if u.Side == campaign.Defender {
				total += u.Strength
			}
		}
		if c := st.DefenderTroopCap.Nominal(); total > c && total > 0 {
			for i := range b.in.Units {
				if b.in.Units[i].Side == campaign.Defender {
					b.in.Units[i].Strength *= c / total
				}
			}
		}
	}
}

// actors adds every actor's listed forces and recruitment.
func (b *campaignBuilder) actors() {
	for i := range b.s.Actors {
		a := &b.s.Actors[i]
		side := campaign.Guarantor
		switch a.Role {
		case "attacker":
			side = campaign.Attacker
		case "defender":
			side = campaign.Defender
		}
		for _, u := range a.Forces {
			if u.Strength.Nominal() <= 0 {
				continue
			}
			cu := campaign.Unit{Side: side, Sector: b.sectorOf(u.Sector), Strength: u.Strength.Nominal(),
				Quality: u.Quality.Or(1), Readiness: u.Readiness.Or(1), ArrivalDay: u.ArrivalDay.Or(0), TriggerKm: math.Inf(1)}
			if side == campaign.Defender {
				b.defenderPeople += cu.Strength
			}
			b.unit(cu, a.ID)
		}
		if rec := a.Recruitment.Or(0); rec > 0 && side != campaign.Guarantor {
			b.in.Streams = append(b.in.Streams, campaign.Stream{Side: side, PerDay: rec / 30.4375,
				Quality: scenario.Defaulted(a).RecruitQuality.Nominal(), From: 0, To: b.horizon})
		}
	}
}

// deterrentForce adds the package's contingents: a contingent in a sector
// and not held back as a reassurance force is a tripwire at its distance
// from the line.
//
// A contingent whose nation depends on another's enablers fights with its
// quality reduced by its dependence when those are not committed.
func (b *campaignBuilder) deterrentForce(f *scenario.DeterrentForce, p *scenario.Package) {
	for _, c := range f.Contingents {
		sec := f.Sector
		if c.Sector != "" {
			sec = c.Sector
		}
		trig := math.Inf(1)
		if sec != "" && f.Posture != "reassurance" {
			trig = f.DistanceToLineKm.Or(0)
			if f.Engagement == "defend_line" || f.Engagement == "defend_territory" {
				trig = 0 // it fights once the line is crossed in its sector
			}
		}
		q := c.Quality.Or(1)
		if lost := withoutBackstop(b.s, p, c.Actor); lost > 0 {
			q *= 1 - lost
		}
		u := campaign.Unit{Side: campaign.Guarantor, Sector: b.sectorOf(sec), Strength: c.Troops.Nominal(),
			Quality: q, Readiness: 1, ArrivalDay: b.arrival(f.ArrivalDay.Or(0)), TriggerKm: trig}
		if u.Strength > 0 && u.Quality > 0 && u.ArrivalDay <= b.horizon {
			b.unit(u, c.Actor)
		}
	}
}

// airPower adds air policing and air support.
func (b *campaignBuilder) airPower(m *scenario.Mechanisms) {
	if a := m.AirPolicing; a != nil {
		sorties := a.SortiesPerDay.Or(a.Aircraft.Nominal())
		cover := 1.0
		switch a.Coverage {
		case "west":
			cover = b.coverageWest
		case "cities":
			cover = b.coverageCities
		}
		b.in.Policing = append(b.in.Policing, campaign.Policing{SortiesPerDay: sorties,
			Shield: cover * math.Min(b.shieldCap, sorties*b.shieldPerSortie), LossPerSortie: b.airLoss})
	}
	if a := m.AirSupport; a != nil {
		sorties := a.SortiesPerDay.Or(a.Aircraft.Nominal())
		b.in.Air = append(b.in.Air, campaign.Air{SortiesPerDay: sorties, FromDay: a.ResponseDays.Or(0),
			KillsPerSortie: b.airKills, LossPerSortie: b.airLoss})
	}
}

// defenderGains adds what the package builds for the defender before and
// during the war (regeneration, arms) and returns the multiplier of its
// combat power (intelligence, regeneration's quality, training).
func (b *campaignBuilder) defenderGains(m *scenario.Mechanisms) float64 {
	mult := 1.0
	if il := m.IntelligenceLogistics; il != nil {
		mult *= 1 + b.intelEffect*(il.Intelligence.Or(0)+il.Logistics.Or(0))/2
	}
	months := b.attack / 30.4375
	if r := m.Regeneration; r != nil {
		per := r.TroopsPerMonth.Or(0)
		if built := per * months; built > 0 {
			b.unit(campaign.Unit{Side: campaign.Defender, Sector: -1, Strength: built,
				Quality: 1, Readiness: 1, ArrivalDay: 0, TriggerKm: math.Inf(1)}, defenderID(b.s))
		}
		if per > 0 {
			b.in.Streams = append(b.in.Streams, campaign.Stream{Side: campaign.Defender, PerDay: per / 30.4375, Quality: 1, From: 0, To: b.horizon})
		}
		mult *= 1 + r.QualityGain.Or(0)
	}
	if c := m.CapacityBuilding; c != nil && b.defenderPeople > 0 {
		trained := math.Min(1, c.TraineesPerYear.Or(0)*b.attack/365.25/b.defenderPeople)
		mult *= 1 + c.QualityGain.Or(0)*trained
	}
	if a := m.ArmsPurchases; a != nil {
		b.arms(a)
	}
	return mult
}

// arms adds arms delivered before the attack (a unit in the reserve) and
// those still to come (a stream, if they start within the horizon).
func (b *campaignBuilder) arms(a *scenario.ArmsPurchases) {
	start := a.StartDay.Or(0)
	rate := a.DeliveryRate.Nominal() / 365.25 // USD bn per day
	total := a.Total.Nominal()
	before := math.Min(total, rate*math.Max(0, b.attack-start))
	if before > 0 {
		b.unit(campaign.Unit{Side: campaign.Defender, Sector: -1, Strength: before * b.armsPeople,
			Quality: 1, Readiness: 1, ArrivalDay: 0, TriggerKm: math.Inf(1)}, defenderID(b.s))
	}
	if left, from := total-before, math.Max(0, start-b.attack); left > 0 && rate > 0 && from < b.horizon {
		b.in.Streams = append(b.in.Streams, campaign.Stream{Side: campaign.Defender, PerDay: rate * b.armsPeople,
			Quality: 1, From: from, To: math.Min(b.horizon, from+left/rate)})
	}
}

// withoutBackstop is the share of guarantor id's combat power lost in
// package p for want of the enablers it depends on (Actor.DependsOn): its
// dependence when the actor it depends on gives no air support in the
// package, else 0.
func withoutBackstop(s *scenario.Scenario, p *scenario.Package, id string) float64 {
	a := s.ActorByID(id)
	if a == nil || a.DependsOn == "" {
		return 0
	}
	if as := p.Mechanisms.AirSupport; as != nil && slices.Contains(as.Guarantors, a.DependsOn) {
		return 0
	}
	return a.Dependence.Or(0)
}

// defenderID is the defender's actor id ("" in a scenario without one).
func defenderID(s *scenario.Scenario) string {
	if d := s.Defender(); d != nil {
		return d.ID
	}
	return ""
}

// runCampaign evaluates a package without and with guarantor
// intervention: the outcomes to report, and the campaigns for the
// deterrence game.
func runCampaign(s *scenario.Scenario, p *scenario.Package) ([]CampaignOutcome, Campaigns, error) {
	c, _, cmap, err := runCampaigns(s, p, CampaignSpec{})
	if err != nil {
		return nil, c, err
	}
	var out []CampaignOutcome
	for k, r := range []*campaign.Result{c.StayOut, c.Intervene} {
		at := func(d int) float64 { return r.GroundKm2[min(d, len(r.GroundKm2)-1)] }
		o := CampaignOutcome{Intervention: k == 1, GroundKm2At30: at(30), GroundKm2At90: at(90), GroundKm2At365: at(365),
			GroundKm2ByDay: r.GroundKm2, AttackerLosses: r.AttackerLosses, DefenderLosses: r.DefenderLosses,
			GuarantorLosses: r.GuarantorLosses, AircraftLost: r.AircraftLost}
		if !math.IsInf(r.FirstObjectiveDay, 1) {
			d := r.FirstObjectiveDay
			o.FirstObjectiveDay = &d
			for si, days := range r.ObjectiveDay {
				for k, day := range days {
					if day == d {
						o.FirstObjective = cmap.Objectives[si][k]
					}
				}
			}
		}
		if !math.IsInf(r.CulminationDay, 1) {
			d := r.CulminationDay
			o.CulminationDay = &d
		}
		out = append(out, o)
	}
	return out, c, nil
}
