package deterrence

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// withHelp gives every guarantor of in forms of help: a random non-empty
// part of the ladder, its forces split between air and ground by a random
// share, its cost of fighting with air power alone a random part of its
// cost with all its forces. Weights are replaced by the forms of help.
func withHelp(r *rand.Rand, in *Input) {
	in.Weights = nil
	in.Help = nil
	total := 0.0
	shares := make([]float64, len(in.Guarantors))
	for i := range shares {
		shares[i] = float64(r.IntN(4)) // some bring no forces
		total += shares[i]
	}
	for i, g := range in.Guarantors {
		w := 1 / float64(len(shares))
		if total > 0 {
			w = shares[i] / total
		}
		air, cost := r.Float64(), r.Float64()
		var hs []Help
		for m := SanctionsArms; m <= AllForces; m++ {
			if r.IntN(3) == 0 && !(m == AllForces && len(hs) == 0) {
				continue
			}
			h := Help{Means: m}
			switch m {
			case SanctionsArms:
				h.WarCost = 5 * r.Float64() // money, no losses
				h.LimitedWarCost = h.WarCost / 4
			case AirPower:
				h.Engaged, h.Force, h.War = air, air*w, w
				h.WarCost = cost * g.WarCost
				if in.Limited != nil {
					h.LimitedWarCost = cost * in.Limited.GuarantorWarCost[i]
				}
			case AllForces:
				h.Engaged, h.Force, h.War, h.WarCost = 1, w, w, g.WarCost
				if in.Limited != nil {
					h.LimitedWarCost = in.Limited.GuarantorWarCost[i]
				}
			}
			hs = append(hs, h)
		}
		in.Help = append(in.Help, hs)
	}
}

// TestHelpTreeMatchesClosedForm: with forms of help, on 150 random games
// of 1 to 3 guarantors, the extensive form solved by package game and the
// closed form give the same probability of every form of help, P(honour),
// the expected share of the intervention, the value of attacking and
// P(attack) (to 1e-9), and the fast path gives the closed form's numbers
// bit for bit.
func TestHelpTreeMatchesClosedForm(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 0))
	for i := range 150 {
		in := randomInput(r)
		in.Guarantors = in.Guarantors[:1+r.IntN(min(3, len(in.Guarantors)))]
		if in.Limited != nil {
			in.Limited.GuarantorWarCost = in.Limited.GuarantorWarCost[:len(in.Guarantors)]
			in.Limited.TripwireTroops = in.Limited.TripwireTroops[:len(in.Guarantors)]
		}
		withHelp(r, in)
		tr, err := Solve(in)
		if err != nil {
			t.Fatalf("game %d: %v", i, err)
		}
		cf, err := SolveClosedForm(in)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(tr.Method, "Bayesian backward induction") {
			t.Fatalf("game %d: Solve used %q", i, tr.Method)
		}
		near := func(what string, a, b, tol float64) {
			t.Helper()
			if math.Abs(a-b) > tol || math.IsNaN(a) != math.IsNaN(b) {
				t.Errorf("game %d: %s: tree %v, closed form %v", i, what, a, b)
			}
		}
		for g, cg := range cf.Guarantors {
			tg := tr.Guarantors[g]
			near("P(honour) "+cg.ID, tg.PHonour, cg.PHonour, 1e-9)
			sum := 0.0
			for j, h := range cg.Help {
				near("P("+cg.ID+" gives "+h.Means+")", tg.Help[j].P, h.P, 1e-9)
				sum += h.P
			}
			if sum > 1+1e-12 {
				t.Errorf("game %d: %s's forms of help have probability %v", i, cg.ID, sum)
			}
		}
		near("P(intervention)", tr.PIntervention, cf.PIntervention, 1e-9)
		near("P(war with the guarantors)", tr.PWar, cf.PWar, 1e-9)
		near("value of attacking", tr.Utility, cf.Utility, 1e-9*math.Max(1, math.Abs(cf.Utility)))
		near("P(attack within a year)", tr.PAttack1, cf.PAttack1, 1e-9)
		if p1, pI := PAttack(in); p1 != cf.PAttack1 || pI != cf.PIntervention {
			t.Errorf("game %d: fast path %v %v, closed form %v %v (must be bit-identical)", i, p1, pI, cf.PAttack1, cf.PIntervention)
		}
	}
}

// TestAllForcesOnlyIsForceWeighted: a ladder of one rung, all its forces,
// is the force-weighted model (the same options and payoffs): every
// number agrees with Input.Weights to rounding.
func TestAllForcesOnlyIsForceWeighted(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 0))
	for i := range 200 {
		in := randomInput(r)
		if in.Weights == nil {
			continue
		}
		want, err := SolveClosedForm(in)
		if err != nil {
			t.Fatal(err)
		}
		ladder := *in
		ladder.Weights = nil
		for g, w := range in.Weights {
			h := Help{Means: AllForces, Engaged: 1, Force: w, War: w, WarCost: in.Guarantors[g].WarCost}
			if in.Limited != nil {
				h.LimitedWarCost = in.Limited.GuarantorWarCost[g]
			}
			ladder.Help = append(ladder.Help, []Help{h})
		}
		got, err := SolveClosedForm(&ladder)
		if err != nil {
			t.Fatal(err)
		}
		for g := range want.Guarantors {
			if d := math.Abs(got.Guarantors[g].PHonour - want.Guarantors[g].PHonour); d > 1e-12 {
				t.Errorf("game %d: P(honour) differs by %v", i, d)
			}
		}
		if d := math.Abs(got.PAttack1 - want.PAttack1); d > 1e-12 || got.Extent != want.Extent {
			t.Errorf("game %d: P(attack) %v (%s) with one rung, %v (%s) force-weighted", i, got.PAttack1, got.Extent, want.PAttack1, want.Extent)
		}
	}
}

// ladderGuarantor is a guarantor with forces of both kinds, a quarter of
// them aircraft, and its three forms of help: sanctions and arms cost it
// 2 bn; air power engages a quarter of its forces at a quarter of the cost
// of fighting with all.
func ladderGuarantor(c Commitment, escalation float64) *Input {
	in := base()
	in.Guarantors[0] = Guarantor{ID: "g", Commitment: c, Stakes: 60, WarCost: 40, Escalation: escalation, TrackRecord: 0.5}
	in.Help = [][]Help{{
		{Means: SanctionsArms, WarCost: 2},
		{Means: AirPower, Engaged: 0.25, Force: 0.25, War: 1, WarCost: 10},
		{Means: AllForces, Engaged: 1, Force: 1, War: 1, WarCost: 40},
	}}
	return in
}

func helpP(t *testing.T, in *Input) (*Result, [3]float64) {
	t.Helper()
	r, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	var p [3]float64
	for _, h := range r.Guarantors[0].Help {
		for m := range p {
			if h.Means == Means(m).String() {
				p[m] = h.P
			}
		}
	}
	return r, p
}

// TestHelpThatDoesNotFightDoesNotDeter reproduces the Budapest lesson: a
// guarantor that has only assured the defender honours its word almost
// surely, nearly always with sanctions and arms (as the United States and
// the United Kingdom did in 2014), and the attacker is not deterred
// (P(attack) > 0.4): had honouring meant fighting, the same P(honour) would
// have deterred it (P(attack) < 0.05). The same guarantor under an Art.
// 5-type text, where sanctions and arms earn only half the credit, fights
// more often and deters more (P(attack) lower by over 0.1).
func TestHelpThatDoesNotFightDoesNotDeter(t *testing.T) {
	in := ladderGuarantor(Assurance, 100)
	r, p := helpP(t, in)
	ph := r.Guarantors[0].PHonour
	ifFought := Phi(attackerValue(in, false, ph, ph) / in.Params.SigmaA)
	t.Logf("assurance: P(sanctions and arms) %.3f, P(air) %.3f, P(all forces) %.3f, P(honour) %.3f, pI %.3f, P(attack) %.3f (%.3f had honouring meant fighting)",
		p[0], p[1], p[2], ph, r.PIntervention, r.PAttack1, ifFought)
	if !(p[0] > 0.9) || !(ph > 0.99) || !(r.PIntervention < 0.1) {
		t.Errorf("assurance: P(sanctions and arms) %v, P(honour) %v, pI %v; want > 0.9, > 0.99, < 0.1", p[0], ph, r.PIntervention)
	}
	if !(r.PAttack1 > 0.4) || !(ifFought < 0.05) {
		t.Errorf("assurance: P(attack) %v, want > 0.4; had honouring meant fighting %v, want < 0.05", r.PAttack1, ifFought)
	}
	art5, p5 := helpP(t, ladderGuarantor(AsDeemedNecessary, 100))
	t.Logf("Art. 5-type: P(sanctions and arms) %.3f, P(air) %.3f, P(all forces) %.3f, pI %.3f, P(attack) %.3f",
		p5[0], p5[1], p5[2], art5.PIntervention, art5.PAttack1)
	if !(p5[1]+p5[2] > p[1]+p[2]) || !(art5.PAttack1 < r.PAttack1-0.1) {
		t.Errorf("Art. 5-type text: P(fight) %v against %v under assurances, P(attack) %v against %v", p5[1]+p5[2], p[1]+p[2], art5.PAttack1, r.PAttack1)
	}
}

// TestEscalationMovesHelpDownTheLadder: as the risk of escalation with a
// nuclear-armed attacker grows, a guarantor bound by an Art. 5-type text
// fights less (P(all forces) falls) and substitutes aid (P(sanctions and
// arms) rises), and the attacker's P(attack) rises: "Boston for Bremen"
// (the credibility problem of extended nuclear deterrence; Huth 1988,
// Schelling 1966) turning help into aid, as in 2022.
func TestEscalationMovesHelpDownTheLadder(t *testing.T) {
	prevAll, prevAid, prevAttack := 2.0, -1.0, -1.0
	for _, e := range []float64{0, 50, 100, 200, 400} {
		r, p := helpP(t, ladderGuarantor(AsDeemedNecessary, e))
		t.Logf("escalation %3.0f: P(aid) %.3f, P(air) %.3f, P(all forces) %.3f, P(attack) %.3f", e, p[0], p[1], p[2], r.PAttack1)
		if !(p[2] < prevAll) || !(p[0] > prevAid) || !(r.PAttack1 > prevAttack) {
			t.Errorf("escalation %v: P(all forces) %v (before %v), P(aid) %v (before %v), P(attack) %v (before %v)",
				e, p[2], prevAll, p[0], prevAid, r.PAttack1, prevAttack)
		}
		prevAll, prevAid, prevAttack = p[2], p[0], r.PAttack1
	}
}

// TestBindingTextMovesHelpUpTheLadder: tying hands (Fearon 1997) in the
// choice of means: the same guarantor under an automatic obligation, where
// aid without its forces earns no credit and air power half, gives its
// forces more often and aid alone less often than under an Art. 5-type
// text, and deters more.
func TestBindingTextMovesHelpUpTheLadder(t *testing.T) {
	soft, ps := helpP(t, ladderGuarantor(AsDeemedNecessary, 50))
	hard, ph := helpP(t, ladderGuarantor(Automatic, 50))
	t.Logf("Art. 5-type: aid %.3f, air %.3f, all %.3f, P(attack) %.3f; automatic: aid %.3f, air %.3f, all %.3f, P(attack) %.3f",
		ps[0], ps[1], ps[2], soft.PAttack1, ph[0], ph[1], ph[2], hard.PAttack1)
	if !(ph[2] > ps[2]) || !(ph[0] < ps[0]) || !(hard.PAttack1 < soft.PAttack1) {
		t.Errorf("automatic: all forces %v, aid %v, P(attack) %v; Art. 5-type: %v, %v, %v", ph[2], ph[0], hard.PAttack1, ps[2], ps[0], soft.PAttack1)
	}
}

// BenchmarkPAttackHelp is BenchmarkPAttack with forms of help: five
// guarantors, each with the three rungs of the ladder.
func BenchmarkPAttackHelp(b *testing.B) {
	in := fiveGuarantors()
	for range in.Guarantors {
		in.Help = append(in.Help, []Help{
			{Means: SanctionsArms, WarCost: 2},
			{Means: AirPower, Engaged: 0.25, Force: 0.05, War: 0.2, WarCost: 10},
			{Means: AllForces, Engaged: 1, Force: 0.2, War: 0.2, WarCost: 30},
		})
	}
	b.ReportAllocs()
	for b.Loop() {
		PAttack(in)
	}
}

// TestValidateHelp: impossible forms of help are refused with an error,
// never a panic or a number: means out of order or repeated, shares
// outside [0, 1] or NaN, forces or wars adding up to more than 1, a NaN
// cost, forms of help and weights together, a list missing for a
// guarantor, a credit above 1.
func TestValidateHelp(t *testing.T) {
	for name, mod := range map[string]func(in *Input){
		"out of order":  func(in *Input) { in.Help[0][0], in.Help[0][1] = in.Help[0][1], in.Help[0][0] },
		"repeated":      func(in *Input) { in.Help[0][1].Means = SanctionsArms },
		"unknown means": func(in *Input) { in.Help[0][2].Means = 7 },
		"engaged > 1":   func(in *Input) { in.Help[0][1].Engaged = 1.5 },
		"NaN force":     func(in *Input) { in.Help[0][1].Force = math.NaN() },
		"war < 0":       func(in *Input) { in.Help[0][2].War = -0.1 },
		"forces over 1": func(in *Input) {
			in.Help = append(in.Help, in.Help[0])
			in.Guarantors = append(in.Guarantors, in.Guarantors[0])
		},
		"NaN cost":       func(in *Input) { in.Help[0][2].WarCost = math.NaN() },
		"with weights":   func(in *Input) { in.Weights = []float64{1} },
		"list missing":   func(in *Input) { in.Guarantors = append(in.Guarantors, in.Guarantors[0]) },
		"credit above 1": func(in *Input) { in.Params.Credit[AsDeemedNecessary][SanctionsArms] = 1.2 },
	} {
		in := ladderGuarantor(AsDeemedNecessary, 50)
		mod(in)
		if _, err := Solve(in); err == nil {
			t.Errorf("%s: accepted", name)
		}
		if _, err := SolveClosedForm(in); err == nil {
			t.Errorf("%s: accepted by the closed form", name)
		}
	}
}
