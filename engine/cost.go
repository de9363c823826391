package engine

import (
	"math"
	"slices"

	"deter/cost"
	"deter/scenario"
)

// CostOutcome is the cost model's answer for one package.
type CostOutcome struct {
	cost.Result
	// Uncosted lists elements the scenario gives no unit cost for: they
	// are left out of the money figures rather than guessed.
	Uncosted []string `json:"uncosted"`
	// IfTriggered is yearly cost that falls only if the guarantee is
	// invoked (sanctions on renewed attack), USD bn/year.
	IfTriggered float64 `json:"cost_if_invoked_usd_bn_per_year"`
}

// costYears is the money horizon of the cost table.
const costYears = 5

// CostInput maps a package onto the cost model: the troops each nation
// deploys, the yearly spends, and arms purchases. It also returns the
// elements left uncosted (no unit cost in the scenario) and the cost to
// the imposers if sanctions snap back.
func CostInput(s *scenario.Scenario, p *scenario.Package) (*cost.Input, []string, float64) {
	b := &costBuilder{s: s, cm: s.CostModel(), in: &cost.Input{Years: costYears}, nations: map[string]bool{}}
	m := &p.Mechanisms
	b.troops(m)
	b.spends(m)
	if a := m.ArmsPurchases; a != nil {
		frozen := 0.0
		if f := m.FrozenAssets; f != nil {
			frozen = f.Amount.Nominal() * f.ShareAvailable.Or(1)
		}
		var items []cost.Item
		for _, it := range a.Items {
			items = append(items, cost.Item{Name: it.Name, Share: it.Share.Nominal(), UnitCost: it.UnitCost.Nominal() / 1000,
				MaxPerYear: it.MaxPerYear.Nominal()})
		}
		b.in.Purchases = append(b.in.Purchases, cost.Purchase{Element: "arms_purchases", Total: a.Total.Nominal(),
			RatePerYear: a.DeliveryRate.Nominal(), StartDay: a.StartDay.Or(0), Payers: b.nationsOf(a.Funders), Frozen: frozen, Items: items})
	}
	var ifTriggered float64
	if sn := m.SanctionsSnapback; sn != nil {
		ifTriggered += sn.ImposerCost.Or(0)
	}
	return b.in, b.uncosted, ifTriggered
}

// costBuilder assembles one cost.Input in a fixed order.
type costBuilder struct {
	s        *scenario.Scenario
	cm       scenario.CostModel
	in       *cost.Input
	uncosted []string
	nations  map[string]bool
}

// markUncosted records an element the scenario gives no unit cost for.
func (b *costBuilder) markUncosted(element string) {
	if !slices.Contains(b.uncosted, element) {
		b.uncosted = append(b.uncosted, element)
	}
}

// unit returns a unit cost, or records the element as uncosted.
func (b *costBuilder) unit(v scenario.Value, element string) (float64, bool) {
	if !v.IsSet() {
		b.markUncosted(element)
		return 0, false
	}
	return v.Nominal(), true
}

// spend adds a yearly spend from the cease-fire on, paid by the nations
// named (a coalition by its members).
func (b *costBuilder) spend(element, payer string, payers []string, perYear float64) {
	b.in.Spends = append(b.in.Spends, cost.Spend{Element: element, Payer: payer, PerYear: perYear, From: 0, To: math.Inf(1),
		Payers: b.nationsOf(payers)})
}

// nationsOf lists the nations behind actor ids, a coalition by its members.
func (b *costBuilder) nationsOf(ids []string) []string {
	var out []string
	for _, id := range ids {
		if a := b.s.ActorByID(id); a != nil && a.Role == "coalition" && len(a.Members) > 0 {
			out = append(out, a.Members...)
			continue
		}
		out = append(out, id)
	}
	return out
}

// nation adds a contributor nation once, with its force generation.
func (b *costBuilder) nation(id string) {
	if b.nations[id] {
		return
	}
	b.nations[id] = true
	// A nation that states no force generation rotates by the format's
	// default rule.
	n := cost.Nation{ID: id, Pool: math.NaN(), Rotation: scenario.Defaulted[scenario.ForceGeneration](nil).RotationRatio.Nominal()}
	if a := b.s.ActorByID(id); a != nil {
		if fg := a.ForceGeneration; fg != nil {
			n.Pool = fg.DeployablePool.Nominal()
			n.Rotation = scenario.Defaulted(fg).RotationRatio.Nominal()
			if fg.SoldierCost.IsSet() {
				n.SoldierCost = fg.SoldierCost.Nominal() * 1e3
			}
			for _, c := range fg.Commitments {
				n.Commitments = append(n.Commitments, cost.Commitment{Name: c.Name, Troops: c.Troops.Nominal()})
			}
		}
		if n.SoldierCost == 0 && b.cm.SoldierCost.IsSet() {
			n.SoldierCost = b.cm.SoldierCost.Nominal() * 1e3
		}
	}
	b.in.Nations = append(b.in.Nations, n)
}

// deploy adds a nation's troops deployed for an element.
func (b *costBuilder) deploy(d cost.Deployment) {
	b.nation(d.Nation)
	for _, n := range b.in.Nations {
		if n.ID == d.Nation && !(n.SoldierCost > 0) {
			b.markUncosted(d.Element)
		}
	}
	b.in.Deployments = append(b.in.Deployments, d)
}

// troops adds the deterrent force and the trainers, and the cost of
// training the defender's soldiers.
func (b *costBuilder) troops(m *scenario.Mechanisms) {
	if f := m.DeterrentForce; f != nil {
		for _, c := range f.Contingents {
			b.deploy(cost.Deployment{Element: "deterrent_force", Nation: c.Actor, Troops: c.Troops.Nominal(), StartDay: f.ArrivalDay.Or(0)})
		}
	}
	if c := m.CapacityBuilding; c != nil {
		split := 1 / float64(max(1, len(c.Contributors)))
		for _, id := range c.Contributors {
			b.deploy(cost.Deployment{Element: "capacity_building", Nation: id, Troops: c.Trainers.Or(0) * split})
		}
		if tc, ok := b.unit(b.cm.TraineeCost, "capacity_building"); ok {
			b.spend("capacity_building", "contributors", c.Contributors, c.TraineesPerYear.Or(0)*tc*1e3/1e9)
		}
	}
}

// spends adds the yearly spends of the other mechanisms.
func (b *costBuilder) spends(m *scenario.Mechanisms) {
	cm := &b.cm
	if o := m.Observers; o != nil {
		if oc, ok := b.unit(cm.ObserverCost, "observers"); ok {
			b.spend("observers", "contributors", o.Contributors, o.Count.Nominal()*oc*1e3/1e9)
		}
	}
	if a := m.AirPolicing; a != nil {
		hourly, ok1 := b.unit(cm.FlyingHourCost, "air_policing")
		standby, ok2 := b.unit(cm.AircraftStandby, "air_policing")
		if ok1 && ok2 {
			flying := a.SortiesPerDay.Or(0) * 365.25 * cm.HoursPerSortie.Nominal() * hourly * 1e3
			b.spend("air_policing", "guarantors", a.Guarantors, (flying+a.Aircraft.Nominal()*standby*1e6)/1e9)
		}
	}
	if a := m.AirSupport; a != nil {
		if standby, ok := b.unit(cm.AircraftStandby, "air_support"); ok {
			// In peacetime only the readiness of the committed aircraft is paid.
			b.spend("air_support", "guarantors", a.Guarantors, a.Aircraft.Nominal()*standby*1e6/1e9)
		}
	}
	if mr := m.Maritime; mr != nil {
		if sc, ok := b.unit(cm.ShipCost, "maritime"); ok {
			b.spend("maritime", "contributors", mr.Contributors, mr.Ships.Or(0)*sc*1e6/1e9)
		}
	}
	if il := m.IntelligenceLogistics; il != nil {
		if ic, ok := b.unit(cm.IntelligenceCost, "intelligence_logistics"); ok {
			level := (il.Intelligence.Or(0) + il.Logistics.Or(0)) / 2
			b.spend("intelligence_logistics", "guarantors", il.Guarantors, level*ic)
		}
	}
	if d := m.DeepStrikes; d != nil {
		if mc, ok := b.unit(cm.MissileCost, "deep_strikes"); ok {
			b.spend("deep_strikes", "providers", d.Providers, d.MissilesPerMonth.Or(0)*12*mc*1e6/1e9)
		}
	}
	if r := m.Regeneration; r != nil && r.Equipment.IsSet() {
		b.spend("regeneration", "defender and donors", nil, r.Equipment.Nominal())
	}
	if e := m.EnergyCutoff; e != nil && e.Diversification.IsSet() {
		done := e.CompleteByDay.Or(0)
		if done <= 0 {
			done = 365.25
		}
		b.in.Spends = append(b.in.Spends, cost.Spend{Element: "energy_cutoff", Payer: "importers",
			PerYear: e.Diversification.Nominal() / (done / 365.25), From: 0, To: done, Ready: done, Payers: b.nationsOf(e.Importers)})
	}
}

func runCost(s *scenario.Scenario, p *scenario.Package) (*CostOutcome, error) {
	in, uncosted, trig := CostInput(s, p)
	r, err := cost.Compute(in)
	if err != nil {
		return nil, err
	}
	if uncosted == nil {
		uncosted = []string{}
	}
	if r.BeyondHorizon == nil {
		r.BeyondHorizon = []string{}
	}
	if r.Items == nil {
		r.Items = []cost.ItemResult{}
	}
	return &CostOutcome{Result: *r, Uncosted: uncosted, IfTriggered: trig}, nil
}
