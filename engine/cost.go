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

// CostInput maps a package onto the cost model.
func CostInput(s *scenario.Scenario, p *scenario.Package) (*cost.Input, []string, float64) {
	in := &cost.Input{Years: costYears}
	var uncosted []string
	cm := s.CostModel()
	// unit returns a unit cost, or records the element as uncosted.
	unit := func(v scenario.Value, element string) (float64, bool) {
		if !v.IsSet() {
			if !slices.Contains(uncosted, element) {
				uncosted = append(uncosted, element)
			}
			return 0, false
		}
		return v.Nominal(), true
	}
	nations := map[string]bool{}
	addNation := func(id string) {
		if nations[id] {
			return
		}
		nations[id] = true
		// A nation that states no force generation rotates by the
		// format's default rule.
		n := cost.Nation{ID: id, Pool: math.NaN(), Rotation: scenario.WithDefaults(scenario.ForceGeneration{}).RotationRatio.Nominal()}
		for _, a := range s.Actors {
			if a.ID != id {
				continue
			}
			if fg := a.ForceGeneration; fg != nil {
				n.Pool = fg.DeployablePool.Nominal()
				n.Rotation = scenario.WithDefaults(*fg).RotationRatio.Nominal()
				if fg.SoldierCost.IsSet() {
					n.SoldierCost = fg.SoldierCost.Nominal() * 1e3
				}
				for _, c := range fg.Commitments {
					n.Commitments = append(n.Commitments, cost.Commitment{Name: c.Name, Troops: c.Troops.Nominal()})
				}
			}
			if n.SoldierCost == 0 && cm.SoldierCost.IsSet() {
				n.SoldierCost = cm.SoldierCost.Nominal() * 1e3
			}
		}
		in.Nations = append(in.Nations, n)
	}
	hasSoldierCost := func(id string) bool {
		for _, n := range in.Nations {
			if n.ID == id {
				return n.SoldierCost > 0
			}
		}
		return false
	}
	split := func(ids []string) float64 { return 1 / float64(max(1, len(ids))) }
	m := &p.Mechanisms
	if f := m.DeterrentForce; f != nil {
		for _, c := range f.Contingents {
			addNation(c.Actor)
			if !hasSoldierCost(c.Actor) && !slices.Contains(uncosted, "deterrent_force") {
				uncosted = append(uncosted, "deterrent_force")
			}
			in.Deployments = append(in.Deployments, cost.Deployment{Element: "deterrent_force", Nation: c.Actor,
				Troops: c.Troops.Nominal(), StartDay: f.ArrivalDay.Or(0)})
		}
	}
	if c := m.CapacityBuilding; c != nil {
		for _, id := range c.Contributors {
			addNation(id)
			if !hasSoldierCost(id) && !slices.Contains(uncosted, "capacity_building") {
				uncosted = append(uncosted, "capacity_building")
			}
			in.Deployments = append(in.Deployments, cost.Deployment{Element: "capacity_building", Nation: id,
				Troops: c.Trainers.Or(0) * split(c.Contributors)})
		}
		if tc, ok := unit(cm.TraineeCost, "capacity_building"); ok {
			in.Spends = append(in.Spends, cost.Spend{Element: "capacity_building", Payer: "contributors",
				PerYear: c.TraineesPerYear.Or(0) * tc * 1e3 / 1e9, From: 0, To: math.Inf(1)})
		}
	}
	if o := m.Observers; o != nil {
		if oc, ok := unit(cm.ObserverCost, "observers"); ok {
			in.Spends = append(in.Spends, cost.Spend{Element: "observers", Payer: "contributors",
				PerYear: o.Count.Nominal() * oc * 1e3 / 1e9, From: 0, To: math.Inf(1)})
		}
	}
	if a := m.AirPolicing; a != nil {
		hourly, ok1 := unit(cm.FlyingHourCost, "air_policing")
		standby, ok2 := unit(cm.AircraftStandby, "air_policing")
		if ok1 && ok2 {
			flying := a.SortiesPerDay.Or(0) * 365.25 * cm.HoursPerSortie.Nominal() * hourly * 1e3
			in.Spends = append(in.Spends, cost.Spend{Element: "air_policing", Payer: "guarantors",
				PerYear: (flying + a.Aircraft.Nominal()*standby*1e6) / 1e9, From: 0, To: math.Inf(1)})
		}
	}
	if a := m.AirSupport; a != nil {
		if standby, ok := unit(cm.AircraftStandby, "air_support"); ok {
			// In peacetime only the readiness of the committed aircraft is paid.
			in.Spends = append(in.Spends, cost.Spend{Element: "air_support", Payer: "guarantors",
				PerYear: a.Aircraft.Nominal() * standby * 1e6 / 1e9, From: 0, To: math.Inf(1)})
		}
	}
	if mr := m.Maritime; mr != nil {
		if sc, ok := unit(cm.ShipCost, "maritime"); ok {
			in.Spends = append(in.Spends, cost.Spend{Element: "maritime", Payer: "contributors",
				PerYear: mr.Ships.Or(0) * sc * 1e6 / 1e9, From: 0, To: math.Inf(1)})
		}
	}
	if il := m.IntelligenceLogistics; il != nil {
		if ic, ok := unit(cm.IntelligenceCost, "intelligence_logistics"); ok {
			level := (il.Intelligence.Or(0) + il.Logistics.Or(0)) / 2
			in.Spends = append(in.Spends, cost.Spend{Element: "intelligence_logistics", Payer: "guarantors",
				PerYear: level * ic, From: 0, To: math.Inf(1)})
		}
	}
	if d := m.DeepStrikes; d != nil {
		if mc, ok := unit(cm.MissileCost, "deep_strikes"); ok {
			in.Spends = append(in.Spends, cost.Spend{Element: "deep_strikes", Payer: "providers",
				PerYear: d.MissilesPerMonth.Or(0) * 12 * mc * 1e6 / 1e9, From: 0, To: math.Inf(1)})
		}
	}
	if r := m.Regeneration; r != nil && r.Equipment.IsSet() {
		in.Spends = append(in.Spends, cost.Spend{Element: "regeneration", Payer: "defender and donors",
			PerYear: r.Equipment.Nominal(), From: 0, To: math.Inf(1)})
	}
	if e := m.EnergyCutoff; e != nil && e.Diversification.IsSet() {
		done := e.CompleteByDay.Or(0)
		if done <= 0 {
			done = 365.25
		}
		in.Spends = append(in.Spends, cost.Spend{Element: "energy_cutoff", Payer: "importers",
			PerYear: e.Diversification.Nominal() / (done / 365.25), From: 0, To: done, Ready: done})
	}
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
		in.Purchases = append(in.Purchases, cost.Purchase{Element: "arms_purchases", Total: a.Total.Nominal(),
			RatePerYear: a.DeliveryRate.Nominal(), StartDay: a.StartDay.Or(0), Payers: a.Funders, Frozen: frozen, Items: items})
	}
	var ifTriggered float64
	if sn := m.SanctionsSnapback; sn != nil {
		ifTriggered += sn.ImposerCost.Or(0)
	}
	return in, uncosted, ifTriggered
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
