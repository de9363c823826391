package deterrence

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"deter/game"
)

// randomInput draws a deterrence game with 1 to 5 guarantors and every
// term active.
func randomInput(r *rand.Rand) *Input {
	in := base()
	in.Guarantors = nil
	for i := range 1 + r.IntN(5) {
		in.Guarantors = append(in.Guarantors, Guarantor{
			ID: string(rune('a' + i)), Commitment: Commitment(r.IntN(5)), Treaty: r.IntN(2) == 0,
			Stakes: 100 * r.Float64(), TripwireTroops: float64(r.IntN(4000)), OtherCommitments: r.IntN(2) == 0,
			TrackRecord: r.Float64(), WarCost: 200 * r.Float64(), Escalation: 100 * r.Float64(),
		})
	}
	in.StayOut = War{GroundKm2: 10000 * r.Float64(), AttackerLosses: 400000 * r.Float64()}
	in.Intervene = War{GroundKm2: in.StayOut.GroundKm2 * r.Float64(), AttackerLosses: 600000 * r.Float64()}
	in.Sanctions, in.SanctionsProb = 100*r.Float64(), []float64{0, 0.5, 0.9, 1}[r.IntN(4)]
	in.Energy, in.Drive = 50*r.Float64(), 300*r.Float64()-100
	in.FightGuarantors = 300 * r.Float64()
	if r.IntN(2) == 0 {
		in.Claimed, in.ClaimKm2 = true, 8000*r.Float64()
		in.Params.BeyondClaim = r.Float64()
	}
	if r.IntN(2) == 0 {
		sum := 0.0
		for range in.Guarantors {
			w := float64(r.IntN(4)) // some guarantors bring nothing
			in.Weights = append(in.Weights, w)
			sum += w
		}
		for i := range in.Weights {
			if sum == 0 {
				in.Weights[i] = 1 / float64(len(in.Weights))
			} else {
				in.Weights[i] /= sum
			}
		}
	}
	if r.IntN(2) == 0 {
		in.Limited = limitedOption(in, float64(r.IntN(3000)))
		in.Limited.StayOut.GroundKm2 *= 4 * r.Float64()
		in.Limited.Intervene.GroundKm2 *= 4 * r.Float64()
	}
	return in
}

// TestTreeMatchesClosedForm: on 300 random games the extensive form
// solved by package game and the closed form of the package doc give the
// same P(honour) of every guarantor, P(intervention), value of attacking
// and P(attack), to 1e-9 (rounding: the tree is solved in exact
// arithmetic from float64 payoffs, the closed form in float64).
func TestTreeMatchesClosedForm(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 0))
	for i := range 300 {
		in := randomInput(r)
		tr, err := Solve(in)
		if err != nil {
			t.Fatal(err)
		}
		cf, err := SolveClosedForm(in)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(tr.Method, "Bayesian backward induction") {
			t.Fatalf("Solve used %q", tr.Method)
		}
		near := func(what string, a, b, tol float64) {
			if math.Abs(a-b) > tol {
				t.Errorf("game %d: %s: tree %v, closed form %v", i, what, a, b)
			}
		}
		for g := range cf.Guarantors {
			near("P(honour) "+cf.Guarantors[g].ID, tr.Guarantors[g].PHonour, cf.Guarantors[g].PHonour, 1e-12)
		}
		near("P(intervention)", tr.PIntervention, cf.PIntervention, 1e-12)
		if p1, pI := PAttack(in); p1 != cf.PAttack1 || pI != cf.PIntervention {
			t.Errorf("game %d: fast path %v %v, closed form %v %v (must be bit-identical)", i, p1, pI, cf.PAttack1, cf.PIntervention)
		}
		near("value of attacking", tr.Utility, cf.Utility, 1e-9*math.Max(1, math.Abs(cf.Utility)))
		near("P(attack within a year)", tr.PAttack1, cf.PAttack1, 1e-9)
		// The attacker's terms add up to the value the tree finds.
		sum := 0.0
		for _, term := range tr.Terms {
			sum += term.Value
		}
		near("sum of the attacker's terms", sum, tr.Utility, 1e-9*math.Max(1, math.Abs(sum)))
		if len(tr.Path) != len(in.Guarantors)+1 {
			t.Errorf("game %d: path of %d lines for %d guarantors", i, len(tr.Path), len(in.Guarantors))
		}
		if tr.Extent != cf.Extent && math.Abs(tr.Utility-cf.Other.Utility) > 1e-9*math.Max(1, math.Abs(cf.Utility)) {
			t.Errorf("game %d: tree chooses %s, closed form %s", i, tr.Extent, cf.Extent)
		}
		if (in.Limited != nil) != (tr.Other != nil) {
			t.Errorf("game %d: other extent %v with limited %v", i, tr.Other, in.Limited)
		}
	}
}

// TestTreeTypes: the resolved type always honours and the irresolute type
// always reneges (their expected values of honouring are > 0 and < 0 for
// any average Δ̄g, even 40 standard deviations out), and the types'
// probabilities and values reproduce Δ̄g: Σ P·E[Δ|type] = Δ̄g. With a
// limited offensive on offer there are three types, the middle one
// honouring against one extent only, and the same holds per extent.
func TestTreeTypes(t *testing.T) {
	for _, limited := range []bool{false, true} {
		for _, stakes := range []float64{-2000, -300, -60, 0, 45, 250, 2100} {
			in := base()
			in.Guarantors[0].Stakes = stakes
			if limited {
				in.Limited = limitedOption(in, 0)
			}
			tr, err := BuildTree(in)
			if err != nil {
				t.Fatal(err)
			}
			types := tr.Types[0]
			for k, ext := range tr.Extents {
				_, _, _, gs := in.option(ext)
				net := 0.0
				for _, term := range guarantorTerms(gs[0], &in.Params) {
					net += term.Value
				}
				mix, total := 0.0, 0.0
				for _, ty := range types {
					mix += ty.P * ty.Value[k][1]
					total += ty.P
					if ty.Name == "resolved" && !(ty.Value[k][1] > 0) || ty.Name == "irresolute" && !(ty.Value[k][1] < 0) {
						t.Errorf("stakes %v, %s: %s type's value %v", stakes, ext, ty.Name, ty.Value[k][1])
					}
				}
				if math.Abs(total-1) > 1e-12 {
					t.Errorf("stakes %v: type probabilities add up to %v", stakes, total)
				}
				if len(types) > 1 && math.Abs(mix-net) > 1e-9*math.Max(1, math.Abs(net)) {
					t.Errorf("stakes %v, %s: mixture of the types %v, Δ̄ %v", stakes, ext, mix, net)
				}
			}
			if want := map[bool]int{false: 2, true: 3}[limited]; math.Abs(stakes) < 300 && len(types) != want {
				t.Errorf("stakes %v: %d types, want %d", stakes, len(types), want)
			}
		}
	}
}

// limitedOption is a 90-day offensive for in: a quarter of the ground and
// of the losses, a quarter of the cost, the guarantors' cost of fighting
// scaled the same way and a tripwire of tripwire troops.
func limitedOption(in *Input, tripwire float64) *Limited {
	l := &Limited{Days: 90, StayOut: War{in.StayOut.GroundKm2 / 4, in.StayOut.AttackerLosses / 4},
		Intervene: War{in.Intervene.GroundKm2 / 4, in.Intervene.AttackerLosses / 4}, WarCost: in.WarCost / 4}
	for _, g := range in.Guarantors {
		l.GuarantorWarCost = append(l.GuarantorWarCost, g.WarCost/4)
		l.TripwireTroops = append(l.TripwireTroops, tripwire)
	}
	return l
}

// TestTailHazard checks the inverse Mills ratio: λ(0) = 2φ(0) = √(2/π);
// the continued fraction and the direct ratio agree where both are
// accurate (c = 4 to 6, 1e-10); and λ(c) → c + 1/c − 2/c³ for large c
// (Abramowitz and Stegun 1964, 26.2.12), to 1e-6 at c = 30.
func TestTailHazard(t *testing.T) {
	if got := tailHazard(0); math.Abs(got-math.Sqrt(2/math.Pi)) > 1e-15 {
		t.Errorf("λ(0) = %v", got)
	}
	direct := func(c float64) float64 { return math.Exp(-c*c/2) / math.Sqrt(2*math.Pi) / Phi(-c) }
	for _, c := range []float64{4, 5, 5.5, 6} {
		cf := c
		for k := 60.0; k >= 1; k-- {
			cf = c + k/cf
		}
		if math.Abs(cf-direct(c)) > 1e-10*c {
			t.Errorf("c = %v: continued fraction %v, direct %v", c, cf, direct(c))
		}
	}
	c := 30.0
	if got, want := tailHazard(c), c+1/c-2/(c*c*c); math.Abs(got-want) > 1e-6 {
		t.Errorf("λ(30) = %v, asymptotic %v", got, want)
	}
}

// TestTreeIsAGambitGame: the deterrence game written as .efg reads back
// (so Gambit can open it), and its equilibrium is a Nash equilibrium of
// the reduced strategic form: no player gains by any pure deviation.
func TestTreeIsAGambitGame(t *testing.T) {
	in := base()
	in.Guarantors = append(in.Guarantors, Guarantor{ID: "h", Commitment: Consultation, Stakes: 10, WarCost: 5, TrackRecord: 0.3})
	tr, err := BuildTree(in)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tr.Game.WriteEFG(&buf); err != nil {
		t.Fatal(err)
	}
	g, err := game.ReadEFG(buf.String())
	if err != nil {
		t.Fatalf("written game does not read back: %v", err)
	}
	a, err := g.BayesianBackwardInduction()
	if err != nil {
		t.Fatal(err)
	}
	nf, err := g.ReducedNormalForm()
	if err != nil {
		t.Fatal(err)
	}
	// The equilibrium's pure strategies in the reduced form.
	prof := make([]int, len(g.Players))
	for p := range g.Players {
		if prof[p], err = g.ReducedStrategy(p, a.Choice[p]); err != nil {
			t.Fatal(err)
		}
	}
	for p := range g.Players {
		base := nf.Payoff(prof, p)
		dev := append([]int(nil), prof...)
		for k := range nf.Strategies[p] {
			dev[p] = k
			if nf.Payoff(dev, p).Cmp(base) > 0 {
				t.Errorf("%s gains by playing %s", g.Players[p], nf.Strategies[p][k])
			}
		}
	}
}

// TestSalamiTactics reproduces Schelling's (1966, Arms and Influence,
// ch. 2) salami tactics and the tripwire's answer to them: a guarantor
// whose troops stand where only a full offensive reaches them deters a
// full offensive, but a limited grab that stops short of its troops is
// worth trying (the attacker chooses it and P(attack) rises); troops
// placed forward, where a limited offensive reaches them too, deter both.
func TestSalamiTactics(t *testing.T) {
	in := base()
	in.Guarantors[0].Commitment = Consultation
	in.FightGuarantors = 0
	in.Guarantors[0].TripwireTroops = 3000 // in the path of a full offensive
	in.StayOut.GroundKm2 = 8000
	full, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	in.Limited = limitedOption(in, 0) // a grab that stops short of them
	in.Limited.StayOut.GroundKm2 = 4000
	in.Limited.Intervene.GroundKm2 = 500
	salami, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	in.Limited.TripwireTroops[0] = 3000 // forward: the grab reaches them
	forward, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("P(attack): full only %.3f; with a limited grab %.3f (%s); forward tripwire %.3f (%s)",
		full.PAttack1, salami.PAttack1, salami.Extent, forward.PAttack1, forward.Extent)
	if salami.Extent != LimitedWar || salami.PAttack1 < full.PAttack1+0.1 {
		t.Errorf("a limited grab short of the tripwire: extent %s, P(attack) %.3f vs %.3f with a full offensive only", salami.Extent, salami.PAttack1, full.PAttack1)
	}
	if forward.PAttack1 > salami.PAttack1-0.1 {
		t.Errorf("a forward tripwire: P(attack) %.3f, no lower than %.3f", forward.PAttack1, salami.PAttack1)
	}
	if salami.Guarantors[0].PHonour >= full.Guarantors[0].PHonour {
		t.Errorf("the guarantor is not less likely to honour against the grab: %.3f vs %.3f", salami.Guarantors[0].PHonour, full.Guarantors[0].PHonour)
	}
}

// BenchmarkSolveLimited is BenchmarkSolve with a limited offensive on
// offer: three types per guarantor, three attacker actions (about 62,000
// nodes for five guarantors), solved in float64.
func BenchmarkSolveLimited(b *testing.B) {
	in := fiveGuarantors()
	in.Limited = limitedOption(in, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Solve(in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestForceWeighted: in the force-weighted model a guarantor that brings
// no forces (weight 0) deters through the campaign not at all: however
// sure it is to honour, P(attack) is what it is without it; in the pooled
// model its certain honouring brings the whole intervention and deters.
func TestForceWeighted(t *testing.T) {
	in := base()
	in.Guarantors[0].Stakes = -200 // the guarantor with forces: unlikely to honour
	alone, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	in.Guarantors = append(in.Guarantors, Guarantor{ID: "sure", Commitment: Automatic, Stakes: 1000, TrackRecord: 0.5})
	pooled, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	in.Weights = []float64{1, 0}
	weighted, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("P(attack): forces-guarantor alone %.3f; plus a sure forceless one, pooled %.3f, force-weighted %.3f",
		alone.PAttack1, pooled.PAttack1, weighted.PAttack1)
	if math.Abs(weighted.PAttack1-alone.PAttack1) > 1e-9 || math.Abs(weighted.PIntervention-alone.PIntervention) > 1e-9 {
		t.Errorf("force-weighted: P(attack) %v, P(intervention) %v; without the forceless guarantor %v, %v",
			weighted.PAttack1, weighted.PIntervention, alone.PAttack1, alone.PIntervention)
	}
	if !(pooled.PAttack1 < alone.PAttack1-0.1) {
		t.Errorf("pooled: P(attack) %v, not well below %v", pooled.PAttack1, alone.PAttack1)
	}
}
