package cost

import (
	"math"
	"testing"
)

// BenchmarkCompute is a European-force-sized package: five nations with
// pools and standing commitments, two elements deployed, six yearly
// spends and a $100 bn arms purchase with two production-limited items,
// over five years.
func BenchmarkCompute(b *testing.B) {
	in := &Input{Years: 5}
	for _, id := range []string{"uk", "fr", "de", "nb", "us"} {
		in.Nations = append(in.Nations, Nation{ID: id, Pool: 30000, Rotation: 3, SoldierCost: 300000,
			Commitments: []Commitment{{Name: "eFP", Troops: 3000}, {Name: "other", Troops: 6000}}})
		in.Deployments = append(in.Deployments,
			Deployment{Element: "deterrent_force", Nation: id, Troops: 4000, StartDay: 90},
			Deployment{Element: "capacity_building", Nation: id, Troops: 400})
	}
	for _, e := range []string{"air_policing", "air_support", "maritime", "intelligence_logistics", "deep_strikes", "regeneration"} {
		in.Spends = append(in.Spends, Spend{Element: e, Payer: "guarantors", PerYear: 2, From: 0, To: math.Inf(1)})
	}
	in.Purchases = []Purchase{{Element: "arms_purchases", Total: 100, RatePerYear: 25, StartDay: 90, Payers: []string{"uk", "fr", "de"},
		Frozen: 30, Items: []Item{{Name: "air defence interceptors", Share: 0.3, UnitCost: 0.004, MaxPerYear: 1000},
			{Name: "artillery shells", Share: 0.2, UnitCost: 4e-6, MaxPerYear: 2e6}}}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compute(in); err != nil {
			b.Fatal(err)
		}
	}
}
