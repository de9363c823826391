package deterrence

import (
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deter/game"
	"deter/internal/refdata"
)

func base() *Input {
	return &Input{
		Guarantors: []Guarantor{{ID: "g", Commitment: AsDeemedNecessary, Stakes: 20, WarCost: 30, TrackRecord: 0.5}},
		StayOut:    War{GroundKm2: 6000, AttackerLosses: 300000},
		Intervene:  War{GroundKm2: 1000, AttackerLosses: 500000},
		WarCost:    100, FightGuarantors: 200, Sanctions: 40, SanctionsProb: 0.5, Drive: 20,
		Params: DefaultParams(),
	}
}

// TestRADGThreshold reproduces the structure of Zagare and Kilgour's
// rudimentary asymmetric deterrence game: with a certain-minded attacker
// (σa → 0) it attacks exactly when the guarantors' credibility pI is below
// p* = (aDC − aSQ)/(aDC − aDD), where aSQ = 0 (cease-fire), aDC the
// attacker's payoff when the guarantor concedes (stays out) and aDD when it
// resists. Hand-worked for base(): aDC = 0.025·6000 − 100 − 0.0001·300000 −
// 20 + 20 = 20 (sanctions 0.5·40 = 20, drive 20); aDD = 0.025·1000 − 100 −
// 50 − 200 − 20 + 20 = −325; p* = 20/345 = 0.05797.
func TestRADGThreshold(t *testing.T) {
	in := base()
	in.Params.SigmaA = 1e-9
	r, err := Solve(in)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.Threshold-20.0/345) > 1e-9 {
		t.Fatalf("threshold %v, want %v", r.Threshold, 20.0/345)
	}
	// Credibility below the threshold: attack; above: no attack.
	for _, stakes := range []float64{-200, 200} {
		in.Guarantors[0].Stakes = stakes
		r, _ := Solve(in)
		want := 0.0
		if r.PIntervention < r.Threshold {
			want = 1
		}
		if r.PAttack1 != want {
			t.Errorf("pI %.3f vs threshold %.3f: P(attack) %v, want %v", r.PIntervention, r.Threshold, r.PAttack1, want)
		}
	}
	// The data file states the published property and the derived threshold.
	p, err := refdata.Path("deterrence-games/zagare_kilgour_RADG.txt")
	if err != nil {
		t.Skip(err)
	}
	b, _ := os.ReadFile(p)
	if !strings.Contains(string(b), "pB* = (aDC - aSQ)/(aDC - aDD)") || !strings.Contains(string(b), "yH = 1 and yS = 0") {
		t.Errorf("%s no longer states the threshold and the hard/soft property this test implements", filepath.Base(p))
	}
}

// TestHardResistsSoftConcedes: a guarantor honours with probability
// Φ(Δ/σ); its hard types (Δ + ε > 0) resist. More binding text, a
// tripwire, and other commitments at stake each raise P(honour); a higher
// cost of fighting lowers it.
func TestCredibilityStructure(t *testing.T) {
	ph := func(mod func(*Guarantor)) float64 {
		in := base()
		mod(&in.Guarantors[0])
		r, err := Solve(in)
		if err != nil {
			t.Fatal(err)
		}
		return r.Guarantors[0].PHonour
	}
	ref := ph(func(*Guarantor) {})
	if math.Abs(ref-Phi((20+50-30)/50.0)) > 1e-12 {
		t.Fatalf("P(honour) %v, want Φ(40/50)", ref)
	}
	cases := map[string]func(*Guarantor){
		"treaty":            func(g *Guarantor) { g.Treaty = true },
		"automatic":         func(g *Guarantor) { g.Commitment = Automatic },
		"tripwire":          func(g *Guarantor) { g.TripwireTroops = 2000 },
		"other commitments": func(g *Guarantor) { g.OtherCommitments = true },
		"stakes":            func(g *Guarantor) { g.Stakes = 60 },
		"good record":       func(g *Guarantor) { g.TrackRecord = 0.9 },
	}
	for name, mod := range cases {
		if p := ph(mod); !(p > ref) {
			t.Errorf("%s did not raise P(honour): %v <= %v", name, p, ref)
		}
	}
	if p := ph(func(g *Guarantor) { g.Commitment = Assurance }); !(p < ref) {
		t.Errorf("assurances no weaker than Art. 5: %v", p)
	}
	if p := ph(func(g *Guarantor) { g.WarCost = 300 }); !(p < ref) {
		t.Errorf("higher war cost did not lower P(honour): %v", p)
	}
}

// TestCapabilityWithoutCredibility: deterrence fails when the threat is not
// credible even if capability is high (the guarantors' forces would stop
// the attack cold), and holds when the same forces are credibly committed
// (Zagare and Kilgour 2000; Huth 1988).
func TestCapabilityWithoutCredibility(t *testing.T) {
	in := base()
	in.Intervene = War{GroundKm2: 0, AttackerLosses: 800000} // overwhelming capability
	in.Guarantors[0].Commitment = Assurance
	in.Guarantors[0].Stakes = -100 // not worth fighting for
	weak, _ := Solve(in)
	in.Guarantors[0].Commitment = Automatic
	in.Guarantors[0].Treaty = true
	in.Guarantors[0].TripwireTroops = 3000
	in.Guarantors[0].Stakes = 20
	strong, _ := Solve(in)
	if !(weak.PAttack1 > 0.5) || !(strong.PAttack1 < 0.1) {
		t.Errorf("P(attack): not credible %v (want > 0.5), credible %v (want < 0.1)", weak.PAttack1, strong.PAttack1)
	}
	if !strings.Contains(weak.Deciding, "not deterred") || !strings.Contains(strong.Deciding, "deterred") {
		t.Errorf("explanations: %q / %q", weak.Deciding, strong.Deciding)
	}
}

func TestFiveYears(t *testing.T) {
	r, _ := Solve(base())
	if math.Abs(r.PAttack5-(1-math.Pow(1-r.PAttack1, 5))) > 1e-15 || r.PAttack5 < r.PAttack1 {
		t.Errorf("P5 %v from P1 %v", r.PAttack5, r.PAttack1)
	}
}

func TestValidate(t *testing.T) {
	in := base()
	in.Params.SigmaA = 0
	if _, err := Solve(in); err == nil {
		t.Error("σa = 0 accepted")
	}
	in = base()
	in.StayOut.GroundKm2 = math.NaN()
	if _, err := Solve(in); err == nil {
		t.Error("NaN accepted")
	}
	in = base()
	in.SanctionsProb = 2
	if _, err := Solve(in); err == nil {
		t.Error("probability 2 accepted")
	}
}

// fiveGuarantors is base() with four more guarantors like the first: a
// five-guarantor package with a fixed campaign table.
func fiveGuarantors() *Input {
	in := base()
	for i := range 4 {
		g := in.Guarantors[0]
		g.ID = string(rune('a' + i))
		in.Guarantors = append(in.Guarantors, g)
	}
	return in
}

// BenchmarkSolve builds and solves the deterrence game tree of a
// five-guarantor package with a fixed campaign table (4,159 nodes, exact
// arithmetic), with the terms, the path and the explanation in words.
func BenchmarkSolve(b *testing.B) {
	in := fiveGuarantors()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Solve(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPAttack is the fast path used by sweeps and searches: the
// probabilities only, no terms or words.
func BenchmarkPAttack(b *testing.B) {
	in := fiveGuarantors()
	b.ReportAllocs()
	for b.Loop() {
		PAttack(in)
	}
}

// TestPAttackMatchesSolve: the fast path gives bit for bit the numbers of
// the closed form, and those of the solved tree to rounding (1e-12).
func TestPAttackMatchesSolve(t *testing.T) {
	for _, mod := range []func(*Input){func(*Input) {}, func(in *Input) { in.Guarantors[0].TripwireTroops = 3000 }, func(in *Input) { in.Drive = 400 }} {
		in := base()
		mod(in)
		r, _ := SolveClosedForm(in)
		p1, pI := PAttack(in)
		if p1 != r.PAttack1 || pI != r.PIntervention {
			t.Errorf("fast path %v %v, closed form %v %v", p1, pI, r.PAttack1, r.PIntervention)
		}
		rt, _ := Solve(in)
		if math.Abs(p1-rt.PAttack1) > 1e-12 || math.Abs(pI-rt.PIntervention) > 1e-12 {
			t.Errorf("fast path %v %v, tree %v %v", p1, pI, rt.PAttack1, rt.PIntervention)
		}
	}
}

// radgEFG writes Zagare and Kilgour's rudimentary asymmetric deterrence
// game as a Gambit .efg: Nature makes B hard (probability pB) or soft; A,
// not knowing which, keeps the status quo (C) or demands (D); B, knowing its
// type, concedes (C) or resists (D). Payoffs (A, B):
//
//	SQ: (aSQ, bSQ)  DC: (aDC, bDC)  DD: (aDD, bDD+) if hard, (aDD, bDD−) if soft
func radgEFG(pB *big.Rat, aSQ, aDC, aDD, bSQ, bDC, bHard, bSoft int) string {
	q := new(big.Rat).Sub(big.NewRat(1, 1), pB)
	return fmt.Sprintf(`EFG 2 R "RADG" { "A" "B" } ""
c "" 1 "nature" { "hard" %s "soft" %s } 0
p "" 1 1 "A" { "C" "D" } 0
t "" 1 "SQ" { %d %d }
p "" 2 1 "B hard" { "C" "D" } 0
t "" 2 "DC" { %d %d }
t "" 3 "DD hard" { %d %d }
p "" 1 1 "A" { "C" "D" } 0
t "" 1
p "" 2 2 "B soft" { "C" "D" } 0
t "" 2
t "" 4 "DD soft" { %d %d }
`, pB.RatString(), q.RatString(), aSQ, bSQ, aDC, bDC, aDD, bHard, aDD, bSoft)
}

// TestRADGWithGameSolver cross-checks the closed-form threshold against the
// general solver: the RADG, written as an extensive game and solved in its
// reduced strategic form by enumerating pure equilibria, has exactly one
// equilibrium in which B resists when hard and concedes when soft (the
// published property yH = 1, yS = 0), and in it A demands below
// p* = (aDC − aSQ)/(aDC − aDD) and keeps the status quo above.
func TestRADGWithGameSolver(t *testing.T) {
	// aDD < aSQ < aDC and bDD− < bDC < bDD+ < bSQ: aSQ = 2, aDC = 4, aDD = 0,
	// so p* = (4 − 2)/(4 − 0) = 1/2.
	for _, pb := range []*big.Rat{big.NewRat(1, 4), big.NewRat(3, 4)} {
		eg, err := game.ReadEFG(radgEFG(pb, 2, 4, 0, 4, 2, 3, 1))
		if err != nil {
			t.Fatal(err)
		}
		nf, err := eg.ReducedNormalForm()
		if err != nil {
			t.Fatal(err)
		}
		wantDemand := pb.Cmp(big.NewRat(1, 2)) < 0
		eqs := game.PureNash(nf)
		// Keep the equilibria in which B is sequentially rational (resists
		// when hard, concedes when soft: "DC"); the others rest on a soft B's
		// incredible threat to resist, exactly the Nash-but-not-perfect
		// equilibria that perfect deterrence theory rules out.
		credible := 0
		incredible := 0
		for _, e := range eqs {
			bDC := false
			for k, x := range e[1] {
				if x.Sign() > 0 && nf.Strategies[1][k] == "DC" {
					bDC = true
				}
			}
			if !bDC {
				incredible++
				continue
			}
			credible++
			demand := e[0][1].Sign() > 0 // A's second strategy is D
			if demand != wantDemand {
				t.Errorf("pB = %s: with a credible B, A demands = %v, want %v (p* = 1/2)", pb.RatString(), demand, wantDemand)
			}
		}
		if credible != 1 {
			t.Errorf("pB = %s: %d equilibria with a sequentially rational B, want exactly 1", pb.RatString(), credible)
		}
		if wantDemand && incredible == 0 {
			t.Errorf("pB = %s: expected Nash equilibria resting on an incredible threat below p*", pb.RatString())
		}
		// The closed form agrees: with σa → 0 and the same payoffs, Solve
		// puts the threshold at 1/2.
		in := &Input{Guarantors: []Guarantor{{ID: "b", Commitment: NoCommitment, TrackRecord: 0.5}},
			StayOut: War{GroundKm2: 4}, Intervene: War{GroundKm2: 0}, Drive: -2, Params: DefaultParams()}
		in.Params.ValuePerKm2, in.Params.CostPerLoss, in.Params.SigmaA = 1, 0, 1e-9
		r, err := Solve(in)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(r.Threshold-0.5) > 1e-12 {
			t.Errorf("closed-form threshold %v, want 1/2", r.Threshold)
		}
		// Bayesian backward induction picks out that equilibrium directly:
		// hard B resists, soft B concedes, A demands iff pB < 1/2.
		a, err := eg.BayesianBackwardInduction()
		if err != nil {
			t.Fatal(err)
		}
		if a.Choice[1][0] != 1 || a.Choice[1][1] != 0 {
			t.Errorf("pB = %s: B plays %v, want resist when hard, concede when soft", pb.RatString(), a.Choice[1])
		}
		if demand := a.Choice[0][0] == 1; demand != wantDemand {
			t.Errorf("pB = %s: A demands = %v, want %v", pb.RatString(), demand, wantDemand)
		}
	}
}

// BenchmarkSolveClosedForm is Solve's equilibrium from the closed form,
// with terms and words: what sweeps and searches use.
func BenchmarkSolveClosedForm(b *testing.B) {
	in := fiveGuarantors()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SolveClosedForm(in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestOverYears: P(at least one attack in n independent years) at exact
// points (p = 1/2, n = 5: 31/32), the ends (0 and 1), and for tiny p,
// where 1 − (1 − p)⁵ rounds to 0 but the answer is 5p (relative 1e-12).
func TestOverYears(t *testing.T) {
	for _, c := range []struct{ p, want float64 }{{0.5, 31.0 / 32}, {0, 0}, {1, 1}, {1e-20, 5e-20}, {4e-240, 2e-239}} {
		if got := overYears(c.p, 5); math.Abs(got-c.want) > 1e-12*c.want {
			t.Errorf("overYears(%v, 5) = %v, want %v", c.p, got, c.want)
		}
	}
}
