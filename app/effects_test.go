package app

import (
	"context"
	"slices"
	"testing"
)

// TestEffects: every package gets one row per mechanism it has (removed)
// and per mechanism another package holds (added); a deterrent force added
// to the package without guarantees lowers P(attack) (RUSI 2025: a force on
// the ground is the guarantee that can deter) and costs money; removing a
// mechanism from a package and adding it back are mirror images.
func TestEffects(t *testing.T) {
	in, err := Load("../scenarios/ukraine-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	effects, err := Effects(context.Background(), in.Scenario, "")
	if err != nil {
		t.Fatal(err)
	}
	find := func(pkg, key string) *Effect {
		for i := range effects {
			if effects[i].Package == pkg && effects[i].Mechanism == key {
				return &effects[i]
			}
		}
		t.Fatalf("no row for %s / %s", pkg, key)
		return nil
	}
	for _, p := range in.Scenario.Packages {
		for _, key := range p.Mechanisms.Present() {
			if e := find(p.ID, key); e.Change != "removed" {
				t.Errorf("%s has %s but the row says %s", p.ID, key, e.Change)
			}
		}
	}
	df := find("no-guarantees", "deterrent_force")
	if df.Change != "added" || !(df.After.PAttack1 < df.Before.PAttack1) || !(df.After.Cost5 > df.Before.Cost5) {
		t.Errorf("adding the European force to no guarantees: %+v", df)
	}
	// Per dollar on the five-year P(attack), which saturates at 1 when the
	// force alone leaves war still worth it: never negative.
	if v := df.DeterrencePer100bn(); !(v >= 0) {
		t.Errorf("deterrence per dollar of the force: %v", v)
	}
	// European force without its deterrent force, against capacity
	// building with one added: both compare the same two mechanism sets
	// only when the packages differ by that one mechanism, so check the
	// weaker mirror property: removal raises what addition lowers.
	rm := find("european-force", "deterrent_force")
	if !(rm.After.PAttack5 > rm.Before.PAttack5) {
		t.Errorf("removing the force from the European-force package did not raise P(attack): %+v", rm)
	}
	again, err := Effects(context.Background(), in.Scenario, "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(effects, again, func(a, b Effect) bool {
		return a.Package == b.Package && a.Mechanism == b.Mechanism && a.After.PAttack5 == b.After.PAttack5 && a.After.Cost5 == b.After.Cost5
	}) {
		t.Error("two runs differ")
	}
}
