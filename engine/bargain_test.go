package engine

import (
	"math"
	"testing"

	"deter/deterrence"
)

// TestAcceptabilityUsesChosenAttack: the defender's expected yearly loss
// under a package is the ceded area plus P(attack) times the ground of the
// attack the attacker would choose; with the limited offensive chosen, that
// of the limited offensive's campaigns, not of the year-long war.
func TestAcceptabilityUsesChosenAttack(t *testing.T) {
	s := loadShipped(t, "ukraine-2025.yaml")
	p, _ := s.PackageByID("assurances-only")
	A := disputedArea(s)
	if A <= 0 {
		t.Fatal("the Ukraine scenario has no disputed area")
	}
	di := &deterrence.Input{
		StayOut:   deterrence.War{GroundKm2: 0.5 * A},
		Intervene: deterrence.War{GroundKm2: 0.4 * A},
		Limited: &deterrence.Limited{Days: 90,
			StayOut:   deterrence.War{GroundKm2: 0.1 * A},
			Intervene: deterrence.War{GroundKm2: 0.02 * A}},
		Params: deterrence.DefaultParams(),
	}
	const pI, pAttack = 0.25, 0.4
	margin := func(extent string) float64 {
		dr := &deterrence.Result{Extent: extent, PIntervention: pI, PAttack1: pAttack}
		acc, err := acceptability(s, p, di, di, dr, 0.5, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range acc.Verdicts {
			if v.Actor == "ukraine" {
				return v.Margin
			}
		}
		t.Fatalf("%s: no verdict for the defender", extent)
		return 0
	}
	// Margin = (limit − x − P·pg)·A with the same limit and x for both, so
	// the limited offensive's margin exceeds the full one's by
	// P·(pg_full − pg_limited)·A.
	pgFull := (1-pI)*0.5 + pI*0.4
	pgLimited := (1-pI)*0.1 + pI*0.02
	want := pAttack * (pgFull - pgLimited) * A
	if got := margin(deterrence.LimitedWar) - margin(deterrence.Full); math.Abs(got-want) > 1e-6*A {
		t.Errorf("the defender's margin grows by %.1f km2 when the limited offensive is chosen, want %.1f", got, want)
	}
}
