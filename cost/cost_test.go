package cost

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// TestHandWorked checks the arithmetic on an example worked by hand:
//
//	Nation A: pool 10,000, rotation 3, USD 200,000 per deployed soldier-year,
//	commitments "north" 2,000 then "south" 3,000 (south given up first).
//	A deploys 2,000 from day 0: committed 6,000; free = 10,000 − 5,000 = 5,000,
//	so 1,000 must come from commitments: all of it from "south". No shortfall.
//	Money: 2,000 × 200,000 = USD 0.4 bn a year.
//	Arms: USD 10 bn at 4 bn/year from day 0: years 1-2 spend 4 each, year 3
//	spends 2, then nothing; full capability at 10/4 years = 913.125 days.
//	Frozen assets 5 bn pay year 1's 4 bn and 1 bn of year 2; national 5 bn.
//	Total over 3 years: 0.4·3 + 10 = 11.2.
func TestHandWorked(t *testing.T) {
	in := &Input{
		Years: 3,
		Nations: []Nation{{ID: "A", Pool: 10000, Rotation: 3, SoldierCost: 200000,
			Commitments: []Commitment{{"north", 2000}, {"south", 3000}}}},
		Deployments: []Deployment{{Element: "force", Nation: "A", Troops: 2000}},
		Purchases:   []Purchase{{Element: "arms", Total: 10, RatePerYear: 4, Frozen: 5}},
	}
	r, err := Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	n := r.Nations[0]
	if n.Committed != 6000 || n.Shortfall != 0 || len(n.Withdrawn) != 1 || n.Withdrawn[0] != (Withdrawal{"south", 1000}) {
		t.Errorf("force generation: %+v", n)
	}
	wantArms := []float64{4, 4, 2}
	for y, w := range wantArms {
		if !near(r.ArmsDelivered[y], w) {
			t.Errorf("arms year %d: %v, want %v", y+1, r.ArmsDelivered[y], w)
		}
	}
	if !near(r.PaidFromFrozen, 5) || !near(r.PaidNational, 5) {
		t.Errorf("paid frozen %v national %v, want 5 and 5", r.PaidFromFrozen, r.PaidNational)
	}
	if !near(r.Total, 11.2) || !near(r.ByYear[0], 4.4) {
		t.Errorf("total %v (want 11.2), year 1 %v (want 4.4)", r.Total, r.ByYear[0])
	}
	if !near(r.FullCapabilityDay, 2.5*365.25) {
		t.Errorf("full capability day %v, want %v", r.FullCapabilityDay, 2.5*365.25)
	}
}

// TestShortfallAndPartYear: a force larger than the pool is short by the
// difference; one arriving mid-year costs only its share of the year.
//
//	Pool 3,000, rotation 3, 1,500 deployed from day 182.625 (half a year):
//	committed 4,500, shortfall 1,500; all 0 of other commitments.
//	Year 1 money: 1,500 × 100,000 × 0.5 = USD 0.075 bn; year 2: 0.15 bn.
func TestShortfallAndPartYear(t *testing.T) {
	in := &Input{Years: 2,
		Nations:     []Nation{{ID: "B", Pool: 3000, Rotation: 3, SoldierCost: 100000}},
		Deployments: []Deployment{{Element: "f", Nation: "B", Troops: 1500, StartDay: 365.25 / 2}},
	}
	r, _ := Compute(in)
	if r.Nations[0].Shortfall != 1500 {
		t.Errorf("shortfall %v, want 1500", r.Nations[0].Shortfall)
	}
	if !near(r.ByYear[0], 0.075) || !near(r.ByYear[1], 0.15) {
		t.Errorf("by year %v, want [0.075 0.15]", r.ByYear)
	}
}

func randomInput(t *rapid.T) *Input {
	in := &Input{Years: rapid.IntRange(1, 8).Draw(t, "years")}
	nn := rapid.IntRange(1, 3).Draw(t, "nations")
	for i := range nn {
		id := string(rune('A' + i))
		in.Nations = append(in.Nations, Nation{ID: id, Pool: rapid.Float64Range(0, 50000).Draw(t, "pool"),
			Rotation: rapid.Float64Range(1, 5).Draw(t, "rot"), SoldierCost: rapid.Float64Range(0, 1e6).Draw(t, "cost"),
			Commitments: []Commitment{{"x", rapid.Float64Range(0, 20000).Draw(t, "commit")}}})
		in.Deployments = append(in.Deployments, Deployment{Element: "f", Nation: id,
			Troops: rapid.Float64Range(0, 30000).Draw(t, "troops"), StartDay: rapid.Float64Range(0, 1500).Draw(t, "start")})
	}
	in.Purchases = []Purchase{{Element: "arms", Total: rapid.Float64Range(0, 300).Draw(t, "total"),
		RatePerYear: rapid.Float64Range(0.1, 100).Draw(t, "rate"), StartDay: rapid.Float64Range(0, 1000).Draw(t, "astart"),
		Frozen: rapid.Float64Range(0, 300).Draw(t, "frozen"),
		Items: []Item{{Name: "i", Share: rapid.Float64Range(0, 1).Draw(t, "share"),
			UnitCost: rapid.Float64Range(0.001, 1).Draw(t, "unit"), MaxPerYear: rapid.Float64Range(0, 1000).Draw(t, "max")}}}}
	return in
}

// TestProperties: more troops never cost less; the production limit is
// never exceeded in any year; money spent on arms never exceeds the money
// committed, and frozen assets pay no more than is available.
func TestProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := randomInput(t)
		r, err := Compute(in)
		if err != nil {
			t.Fatal(err)
		}
		p := in.Purchases[0]
		spent := 0.0
		for y, d := range r.ArmsDelivered {
			if d > p.RatePerYear*(1+1e-12) {
				t.Fatalf("year %d delivered %v above the production rate %v", y, d, p.RatePerYear)
			}
			spent += d
		}
		for y, u := range r.Items[0].Units {
			if u > p.Items[0].MaxPerYear*(1+1e-12) {
				t.Fatalf("year %d: %v units above the production limit %v", y, u, p.Items[0].MaxPerYear)
			}
		}
		if spent > p.Total*(1+1e-12) || r.PaidFromFrozen > p.Frozen*(1+1e-12) {
			t.Fatalf("spent %v of %v; frozen used %v of %v", spent, p.Total, r.PaidFromFrozen, p.Frozen)
		}
		more := *in
		more.Deployments = append([]Deployment(nil), in.Deployments...)
		i := rapid.IntRange(0, len(more.Deployments)-1).Draw(t, "which")
		more.Deployments[i].Troops += rapid.Float64Range(1, 5000).Draw(t, "extra")
		r2, _ := Compute(&more)
		if r2.Total < r.Total*(1-1e-12) || r2.Committed < r.Committed {
			t.Fatalf("more troops cost less: %v < %v", r2.Total, r.Total)
		}
	})
}

func TestValidate(t *testing.T) {
	bad := []*Input{
		{Years: 0},
		{Years: 1, Deployments: []Deployment{{Nation: "ghost", Troops: 1}}},
		{Years: 1, Nations: []Nation{{ID: "A", Rotation: 0.5}}},
		{Years: 1, Purchases: []Purchase{{Total: 1, RatePerYear: 0}}},
		{Years: 1, Spends: []Spend{{PerYear: math.NaN()}}},
		{Years: 1, Nations: []Nation{{ID: "A", Rotation: 3}}, Deployments: []Deployment{{Nation: "A", Troops: -1}}},
	}
	for i, in := range bad {
		if _, err := Compute(in); err == nil {
			t.Errorf("case %d accepted", i)
		}
	}
}

// TestItemsProductionLimit works an itemised purchase by hand:
//
//	USD 10 bn at up to 4 bn a year; 50% for shells at USD 0.01 bn (10 m)
//	per lot with at most 100 lots a year, the rest unrestricted.
//	Year 1: budget 4; shells want 2 bn = 200 lots, capped at 100 (1 bn);
//	spend 4 − 1 = 3, remaining 7. Year 2: same, remaining 4. Year 3: same,
//	remaining 1. Year 4: budget 1, shells want 0.5 = 50 lots (allowed),
//	spend 1, done at the end of year 4.
func TestItemsProductionLimit(t *testing.T) {
	in := &Input{Years: 5, Purchases: []Purchase{{Element: "arms", Total: 10, RatePerYear: 4,
		Items: []Item{{Name: "shells", Share: 0.5, UnitCost: 0.01, MaxPerYear: 100}}}}}
	r, err := Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{3, 3, 3, 1, 0}
	units := []float64{100, 100, 100, 50, 0}
	for y := range want {
		if !near(r.ArmsDelivered[y], want[y]) || !near(r.Items[0].Units[y], units[y]) {
			t.Errorf("year %d: spent %v (want %v), lots %v (want %v)", y+1, r.ArmsDelivered[y], want[y], r.Items[0].Units[y], units[y])
		}
	}
	if !near(r.FullCapabilityDay, 4*365.25) || len(r.BeyondHorizon) != 0 {
		t.Errorf("full capability %v, beyond %v", r.FullCapabilityDay, r.BeyondHorizon)
	}
	in.Years = 2
	r, _ = Compute(in)
	if len(r.BeyondHorizon) != 1 {
		t.Errorf("a purchase not complete in 2 years not reported: %v", r.BeyondHorizon)
	}
	in.Purchases[0].Items = append(in.Purchases[0].Items, Item{Name: "x", Share: 0.6, UnitCost: 1, MaxPerYear: 1})
	if _, err := Compute(in); err == nil {
		t.Error("shares above 1 accepted")
	}
}

// TestByPayer: who pays (issue 20: the US, as the seller of $100 bn of
// weapons, was charged $42 bn): a nation pays its troops, its equal share of
// the spends it pays and of the national part of the arms it funds; frozen
// assets relieve the funders; a seller pays nothing; spends with no payer
// (the defender's own) fall on no nation; what the nations pay adds up to
// the total less those and less the frozen part.
func TestByPayer(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		frozen := rapid.Float64Range(0, 100).Draw(rt, "frozen")
		in := &Input{Years: 5,
			Nations: []Nation{{ID: "uk", Pool: math.NaN(), Rotation: 3, SoldierCost: 300000}, {ID: "fr", Pool: math.NaN(), Rotation: 3, SoldierCost: 250000}},
			Deployments: []Deployment{{Element: "force", Nation: "uk", Troops: rapid.Float64Range(0, 1e4).Draw(rt, "uk troops")},
				{Element: "force", Nation: "fr", Troops: rapid.Float64Range(0, 1e4).Draw(rt, "fr troops")}},
			Spends: []Spend{{Element: "air", Payer: "guarantors", Payers: []string{"uk", "fr"}, PerYear: 2, To: math.Inf(1)},
				{Element: "regeneration", Payer: "defender", PerYear: 10, To: math.Inf(1)}},
			Purchases: []Purchase{{Element: "arms", Total: 100, RatePerYear: 25, Payers: []string{"uk", "fr"}, Frozen: frozen}},
		}
		r, err := Compute(in)
		if err != nil {
			rt.Fatal(err)
		}
		if r.ByPayer["us"] != 0 {
			rt.Fatalf("the seller pays %v", r.ByPayer["us"])
		}
		sum := 0.0
		for _, v := range r.ByPayer {
			sum += v
		}
		regen := 10.0 * 5
		if want := r.Total - regen - r.PaidFromFrozen; math.Abs(sum-want) > 1e-9*(1+want) {
			rt.Fatalf("nations pay %v, want total %v less the defender's %v and the frozen %v", sum, r.Total, regen, r.PaidFromFrozen)
		}
	})
}
