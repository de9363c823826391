package design

import (
	"context"
	"deter/internal/scenariotest"
	"deter/scenario"
	"testing"
)

// TestDesignEvaluation: on the Ukraine design space, removing the European
// force (scale 0) removes the crossing of Russia's hard red line on NATO
// troops and lowers the cost; a larger force costs more.
func TestDesignEvaluation(t *testing.T) {
	s := loadShipped(t, "ukraine-2025.yaml")
	if s.Design == nil {
		t.Fatal("the Ukraine scenario declares no design space")
	}
	v := NewDesignVars(s.Design)
	if v.Names[0] != "troops_scale" {
		t.Fatalf("variables %v", v.Names)
	}
	keepAll := make([]float64, len(v.Names))
	for i := range keepAll {
		keepAll[i] = 0.99
	}
	none := append([]float64{0}, keepAll[1:]...)
	big := append([]float64{1}, keepAll[1:]...)
	objs, err := EvaluateDesigns(context.Background(), s, v, [][]float64{none, big})
	if err != nil {
		t.Fatal(err)
	}
	if !(objs[0].Cost5 < objs[1].Cost5) {
		t.Errorf("no force costs %v, triple force %v", objs[0].Cost5, objs[1].Cost5)
	}
	// Capacity building still puts NATO trainers in the country, so the hard
	// line stays crossed; the force itself adds nothing to the count.
	if objs[0].RedLines != objs[1].RedLines {
		t.Errorf("red lines %v vs %v", objs[0].RedLines, objs[1].RedLines)
	}
	dropCB := append([]float64{0}, keepAll[1:]...)
	for i, n := range v.Names {
		if n == "keep capacity_building" {
			dropCB[i] = 0
		}
	}
	objs, _ = EvaluateDesigns(context.Background(), s, v, [][]float64{dropCB})
	if objs[0].RedLines >= 1 {
		t.Errorf("without foreign troops or trainers the hard red line should not be crossed: %v", objs[0].RedLines)
	}
}

// TestEnableMechanism: adding the European force's deterrent force to the
// assurances-only package copies its parameters and leaves the European
// force package untouched.
func TestEnableMechanism(t *testing.T) {
	s := loadShipped(t, "ukraine-2025.yaml")
	if err := ApplyOverrides(s, &Overrides{Package: "assurances-only", Enable: []string{"deterrent_force"}}); err != nil {
		t.Fatal(err)
	}
	a, _ := s.PackageByID("assurances-only")
	e, _ := s.PackageByID("european-force")
	if !a.Mechanisms.Has("deterrent_force") || !e.Mechanisms.Has("deterrent_force") {
		t.Fatal("deterrent force not added, or removed from its own package")
	}
	scale := 0.5
	if err := ApplyOverrides(s, &Overrides{Package: "assurances-only", TroopsScale: &scale}); err != nil {
		t.Fatal(err)
	}
	if a.Mechanisms.DeterrentForce.Contingents[0].Troops.Nominal() == e.Mechanisms.DeterrentForce.Contingents[0].Troops.Nominal() {
		t.Error("scaling the copy changed the original package")
	}
	if err := ApplyOverrides(s, &Overrides{Package: "assurances-only", Enable: []string{"attacker_guarantor"}}); err == nil {
		t.Error("a mechanism no package has was added")
	}
}

func loadShipped(t testing.TB, name string) *scenario.Scenario {
	t.Helper()
	return scenariotest.Shipped(t, name)
}
