package deterrence

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// TestFightScale: no forces, no war with the guarantor states; the share
// of the full cost rises with troops and aircraft toward 1, reaching
// 1 − 1/e at a divisional force (FightForceScale), and one combat aircraft
// weighs as TroopsPerAircraft troops.
func TestFightScale(t *testing.T) {
	p := DefaultParams()
	FightScale := p.FightScale
	TroopsPerAircraft, FightForceScale := p.TroopsPerAircraft, p.FightForceScale
	if got := FightScale(0); got != 0 {
		t.Errorf("no forces: %v, want 0", got)
	}
	if got, want := FightScale(FightForceScale), 1-math.Exp(-1); math.Abs(got-want) > 1e-15 {
		t.Errorf("a divisional force: %v, want %v", got, want)
	}
	if a, b := FightScale(0, 10), FightScale(10*TroopsPerAircraft); a != b {
		t.Errorf("10 aircraft %v, %v troops %v", a, 10*TroopsPerAircraft, b)
	}
	rapid.Check(t, func(t *rapid.T) {
		tr := rapid.Float64Range(0, 1e6).Draw(t, "troops")
		ac := rapid.Float64Range(0, 1e3).Draw(t, "aircraft")
		more := rapid.Float64Range(1, 1e5).Draw(t, "more")
		s := FightScale(tr, ac)
		if !(s >= 0 && s < 1 || s == 1 && tr+ac*TroopsPerAircraft > 30*FightForceScale) {
			t.Fatalf("FightScale(%v, %v) = %v outside [0, 1)", tr, ac, s)
		}
		if FightScale(tr+more, ac) < s || FightScale(tr, ac+more) < s {
			t.Fatalf("more forces lowered the cost of fighting them")
		}
	})
}

// TestSplitShares: the shares of all guarantors add up to 1, in
// proportion to their weights, equal when nobody has forces.
func TestSplitShares(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ws := rapid.SliceOfN(rapid.Float64Range(0, 1e5), 1, 8).Draw(t, "weights")
		sp := NewSplit(ws)
		sum, total := 0.0, 0.0
		for _, w := range ws {
			sum += sp.Of(w)
			total += w
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Fatalf("shares add up to %v", sum)
		}
		for _, w := range ws {
			want := 1 / float64(len(ws))
			if total > 0 {
				want = w / total
			}
			if math.Abs(sp.Of(w)-want) > 1e-12 {
				t.Fatalf("share of %v: %v, want %v", w, sp.Of(w), want)
			}
		}
	})
}

// TestLossCostConserved: the guarantors' shares of the losses add up to
// the losses valued, whatever the split.
func TestLossCostConserved(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 6).Draw(t, "guarantors")
		l := Losses{Soldiers: rapid.Float64Range(0, 1e5).Draw(t, "soldiers"), Aircraft: rapid.Float64Range(0, 100).Draw(t, "aircraft")}
		v := LossValues{Soldier: rapid.Float64Range(0, 50).Draw(t, "vs"), Aircraft: rapid.Float64Range(0, 300).Draw(t, "va")}
		stakes := make([]Stake, n)
		var all Stake
		for i := range stakes {
			stakes[i] = Stake{Troops: rapid.Float64Range(0, 1e4).Draw(t, "t"), AirMechanisms: float64(rapid.IntRange(0, 2).Draw(t, "m"))}
			all.Troops += stakes[i].Troops
			all.AirMechanisms += stakes[i].AirMechanisms
		}
		var g, a float64
		for _, s := range stakes {
			gi, ai := LossCost(l, s, all, v)
			g += gi
			a += ai
		}
		if all.Troops > 0 && math.Abs(g-l.Soldiers*v.Soldier/1000) > 1e-9*(1+g) {
			t.Fatalf("ground losses shared %v, valued %v", g, l.Soldiers*v.Soldier/1000)
		}
		if all.AirMechanisms > 0 && math.Abs(a-l.Aircraft*v.Aircraft/1000) > 1e-9*(1+a) {
			t.Fatalf("air losses shared %v, valued %v", a, l.Aircraft*v.Aircraft/1000)
		}
	})
}

// TestFormsOfHelpLadder: sanctions and arms engage no force and bring none;
// air power alone is offered only to a guarantor with troops and aircraft,
// engaging its aircraft's share of its forces; all forces engage all of
// them; any force that fights puts the guarantor's whole weight at war.
func TestFormsOfHelpLadder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := HelpSpec{Troops: rapid.Float64Range(0, 1e4).Draw(t, "troops"), Aircraft: rapid.Float64Range(0, 50).Draw(t, "aircraft"),
			Share: rapid.Float64Range(0, 1).Draw(t, "share"), SanctionsCost: rapid.Float64Range(0, 10).Draw(t, "sanctions")}
		h.AirShare = h.Share * rapid.Float64Range(0, 1).Draw(t, "air part")
		p := DefaultParams()
		hs := p.FormsOfHelp(h)
		wantAir := h.Troops > 0 && h.Aircraft > 0
		if len(hs) != 2+map[bool]int{true: 1}[wantAir] {
			t.Fatalf("%d forms of help for troops %v, aircraft %v", len(hs), h.Troops, h.Aircraft)
		}
		if hs[0].Means != SanctionsArms || hs[0].Engaged != 0 || hs[0].Force != 0 || hs[0].War != 0 || hs[0].WarCost != h.SanctionsCost {
			t.Fatalf("sanctions and arms: %+v", hs[0])
		}
		last := hs[len(hs)-1]
		if last.Means != AllForces || last.Engaged != 1 || last.Force != h.Share || last.War != h.Share {
			t.Fatalf("all forces: %+v", last)
		}
		if wantAir {
			a := hs[1]
			if a.Means != AirPower || !(a.Engaged > 0 && a.Engaged <= 1) || a.War != h.Share || a.Force != h.AirShare {
				t.Fatalf("air power: %+v", a)
			}
		}
	})
}
