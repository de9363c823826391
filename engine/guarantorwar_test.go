package engine

import (
	"context"
	"testing"

	"pgregory.net/rapid"

	"deter/campaign"
	"deter/scenario"
)

// fataler is what testing.T and rapid.T share.
type fataler interface {
	Helper()
	Fatal(args ...any)
}

// utilityWith returns package id's attacker net value of attacking (US$
// bn a year; P(attack) is increasing in it) with the shared coefficient key
// set to x.
func utilityWith(t fataler, s *scenario.Scenario, id, key string, x float64) float64 {
	t.Helper()
	p, err := s.PackageByID(id)
	if err != nil {
		t.Fatal(err)
	}
	one := *s
	one.Packages = []scenario.Package{*p}
	dm := s.DeterrenceModel()
	if err := scenario.SetDeterrence(&dm, key, scenario.Num(x)); err != nil {
		t.Fatal(err)
	}
	one.Models.Deterrence = &dm
	res, err := Run(context.Background(), &one, Options{ClosedForm: true})
	if err != nil {
		t.Fatal(err)
	}
	return res.Packages[0].Deterrence.Utility
}

// TestWarWithGuarantorsDeters: Schelling (1966, Arms and Influence, ch.
// 2-3): guarantor troops in the way deter by the war they start, and the
// commitment puts the nuclear threat behind them; Jervis (1989, The
// Meaning of the Nuclear Revolution): no gain is worth a real risk of
// nuclear war. So a dearer war with the guarantors (more years of their
// defence spending) or a larger escalation risk never makes attacking
// worth more; the escalation risk deters where a nuclear guarantor's
// forces stand behind a collective-defence commitment (the Baltic states,
// Article 5) and not where the promise is only to consult (Ukraine's
// European force).
func TestWarWithGuarantorsDeters(t *testing.T) {
	baltic := loadShipped(t, "baltic-2016.yaml")
	ukraine := loadShipped(t, "ukraine-2025.yaml")
	rapid.Check(t, func(rt *rapid.T) {
		for _, key := range []string{"fight_guarantors_defence_years", "attacker_escalation_gdp_share"} {
			lo := rapid.Float64Range(0, 2).Draw(rt, "lo")
			hi := lo + rapid.Float64Range(0, 2).Draw(rt, "more")
			for _, c := range []struct {
				s  *scenario.Scenario
				id string
			}{{baltic, "efp-2017"}, {ukraine, "european-force"}, {ukraine, "capacity-building"}} {
				if ul, uh := utilityWith(rt, c.s, c.id, key, lo), utilityWith(rt, c.s, c.id, key, hi); uh > ul+1e-9 {
					rt.Fatalf("%s: %s %v → %v raised the attack's value %v → %v", c.id, key, lo, hi, ul, uh)
				}
			}
		}
	})
	const key = "attacker_escalation_gdp_share"
	if ul, uh := utilityWith(t, baltic, "efp-2017", key, 0), utilityWith(t, baltic, "efp-2017", key, 1); !(uh < ul) {
		t.Errorf("Baltic eFP under Article 5: the escalation risk does not deter (%v → %v)", ul, uh)
	}
	if ul, uh := utilityWith(t, ukraine, "european-force", key, 0), utilityWith(t, ukraine, "european-force", key, 1); uh != ul {
		t.Errorf("European force without a collective-defence commitment: the escalation risk moved the attack's value %v → %v", ul, uh)
	}
}

// TestHonourCostIsIncremental: what honouring costs a guarantor is its
// losses with intervention less those it suffers anyway when it stays out
// (troops in the attack's path fight in self-defence): a cost borne under
// both choices does not weigh on the choice (decision theory; Schelling
// 1966: a tripwire makes the guarantor's losses, and so its war, all but
// certain). More losses when staying out never raise the cost of
// honouring; none below zero.
func TestHonourCostIsIncremental(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		in := rapid.Float64Range(0, 1e5).Draw(rt, "losses if it intervenes")
		out1 := rapid.Float64Range(0, 2e5).Draw(rt, "losses if it stays out")
		out2 := rapid.Float64Range(out1, 2e5).Draw(rt, "more losses if it stays out")
		cost := func(r *campaign.Result, _ string) float64 { return r.GuarantorLosses }
		c1 := honourCost(cost, &campaign.Result{GuarantorLosses: in}, &campaign.Result{GuarantorLosses: out1}, "g")
		c2 := honourCost(cost, &campaign.Result{GuarantorLosses: in}, &campaign.Result{GuarantorLosses: out2}, "g")
		if c2 > c1 || c1 < 0 || c2 < 0 || c1 > in {
			rt.Fatalf("losses %g in, %g / %g out: honour costs %g / %g", in, out1, out2, c1, c2)
		}
	})
}
