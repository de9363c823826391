package game

import (
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"deter/internal/refdata"
)

// behaviorCase is one behaviour-profile case of Gambit's test suite: the
// game and the expected profiles (profiles → players → information sets →
// probabilities).
type behaviorCase struct {
	name, file string
	g          *Extensive
	want       [][][][]*big.Rat
}

// loadBehaviorCases reads the cases of one solver family whose expected
// results are behaviour profiles, with their games.
func loadBehaviorCases(t *testing.T, family string) []behaviorCase {
	t.Helper()
	dir, err := refdata.Path("gambit-games")
	if err != nil {
		t.Skip(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "expected_equilibria_from_test_nash.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	var out []behaviorCase
	for i, line := range lines {
		m := caseRe.FindStringSubmatch(line)
		if m == nil || m[1] != family {
			continue
		}
		var expected string
		for _, l := range lines[i+1 : min(i+4, len(lines))] {
			if l = strings.TrimSpace(l); strings.HasPrefix(l, "expected=") {
				expected = strings.TrimPrefix(l, "expected=")
			}
		}
		src, err := os.ReadFile(findGameFile(dir, m[3]))
		if err != nil {
			t.Fatal(err)
		}
		g, err := ReadEFG(string(src))
		if err != nil {
			t.Fatalf("%s: %v", m[3], err)
		}
		out = append(out, behaviorCase{name: m[2], file: m[3], g: g, want: parseProfiles(t, expected)})
	}
	return out
}

// TestSequenceFormCorpus runs Gambit's lp_solve behaviour cases (rational)
// through the sequence-form LP. Where the equilibrium is unique the result
// must equal Gambit's; where it is not, the result must be an equilibrium
// with the same value (Gambit's LP may stop at another optimal vertex).
func TestSequenceFormCorpus(t *testing.T) {
	exact, total := 0, 0
	for _, c := range loadBehaviorCases(t, "LP_BEHAVIOR_RATIONAL_CASES") {
		g := c.g
		total++
		v, beh, err := g.ZeroSumSequenceForm()
		if err != nil {
			t.Errorf("%s (%s): %v", c.name, c.file, err)
			continue
		}
		want := c.want
		if len(want) != 1 {
			t.Fatalf("%s: %d expected profiles", c.name, len(want))
		}
		same := true
		for p := range beh {
			for is := range beh[p] {
				for a := range beh[p][is] {
					if beh[p][is][a].Cmp(want[0][p][is][a]) != 0 {
						same = false
					}
				}
			}
		}
		if same {
			exact++
			continue
		}
		// Not Gambit's vertex: both profiles must be worth the value to
		// player 1 (ours as found, Gambit's as published).
		ours := g.BehaviorPayoff(beh)[0]
		theirs := g.BehaviorPayoff(Behavior(want[0]))[0]
		if ours.Cmp(v) != 0 || theirs.Cmp(v) != 0 {
			t.Errorf("%s (%s): value %s, our profile gives %s, Gambit's %s", c.name, c.file, v.RatString(), ours.RatString(), theirs.RatString())
		} else {
			t.Logf("%s (%s): value %s; another optimal profile than Gambit's", c.name, c.file, v.RatString())
		}
	}
	t.Logf("sequence form: %d of %d Gambit LP behaviour cases reproduced exactly", exact, total)
	if total < 10 || exact < 6 {
		t.Fatalf("%d cases, %d exact", total, exact)
	}
}

// TestKuhnSequenceForm: the sequence form gives Kuhn poker's value −1/18.
func TestKuhnSequenceForm(t *testing.T) {
	p, err := refdata.Path("openspiel-efg/kuhn_poker.efg")
	if err != nil {
		t.Skip(err)
	}
	src, _ := os.ReadFile(p)
	g, err := ReadEFG(string(src))
	if err != nil {
		t.Fatal(err)
	}
	v, beh, err := g.ZeroSumSequenceForm()
	if err != nil {
		t.Fatal(err)
	}
	if v.Cmp(big.NewRat(-1, 18)) != 0 {
		t.Errorf("value %s, want -1/18", v.RatString())
	}
	// Lemke's algorithm on the sequence form, which does not use that the
	// game is zero-sum, finds an equilibrium of the same value.
	lb, err := g.SequenceFormLCP()
	if err != nil {
		t.Fatal(err)
	}
	if lv := g.BehaviorPayoff(lb)[0]; lv.Cmp(big.NewRat(-1, 18)) != 0 {
		t.Errorf("Lemke: value %s, want -1/18", lv.RatString())
	}
	for p := range beh {
		for is, d := range beh[p] {
			s := new(big.Rat)
			for _, x := range d {
				s.Add(s, x)
			}
			if s.Cmp(big.NewRat(1, 1)) != 0 {
				t.Errorf("player %d infoset %d: probabilities sum to %s", p+1, is+1, s.RatString())
			}
		}
	}
}

// TestBehaviorFromMixedCorpus: for every lcp_solve behaviour case of
// Gambit's test suite (two-player extensive games, general-sum), the
// extreme equilibria of the reduced strategic form, turned into behaviour
// strategies, are Nash equilibria of the tree (no profitable pure
// deviation), and Gambit's expected equilibrium is among them when
// compared by realisation plans (equal plans: the same equilibrium up to
// choices at information sets the player's own play never reaches).
func TestBehaviorFromMixedCorpus(t *testing.T) {
	found, total := 0, 0
	for _, c := range loadBehaviorCases(t, "LCP_BEHAVIOR_RATIONAL_CASES") {
		g := c.g
		nf, err := g.ReducedNormalForm()
		if err != nil {
			t.Fatal(err)
		}
		eqs, err := ExtremeEquilibria(nf)
		if err != nil {
			t.Fatal(err)
		}
		total++
		want := c.want[0]
		wantPlans := [2][]*big.Rat{g.RealizationPlan(Behavior(want), 0), g.RealizationPlan(Behavior(want), 1)}
		hit := false
		for _, e := range eqs {
			beh, _, err := g.BehaviorFromMixed(e)
			if err != nil {
				t.Fatal(err)
			}
			if !isBehaviorNash(g, beh) {
				t.Errorf("%s: %v is not an equilibrium of the tree", c.file, beh)
			}
			same := true
			for p := range 2 {
				for k, x := range g.RealizationPlan(beh, p) {
					if x.Cmp(wantPlans[p][k]) != 0 {
						same = false
					}
				}
			}
			hit = hit || same
		}
		if hit {
			found++
		} else {
			t.Errorf("%s (%s): Gambit's equilibrium is not among the %d extreme equilibria", c.name, c.file, len(eqs))
		}
	}
	t.Logf("Gambit's lcp_solve equilibrium found among the extreme equilibria in %d of %d cases", found, total)
	if total < 10 {
		t.Fatalf("only %d cases", total)
	}
}

// isBehaviorNash reports whether no player (of any number) gains by
// switching to any pure behaviour strategy (it suffices to check pure
// deviations), in exact arithmetic.
func isBehaviorNash(g *Extensive, b Behavior) bool {
	val := g.BehaviorPayoff(b)
	for p := range b {
		sets := b[p]
		idx := make([]int, len(sets))
		for {
			dev := append(Behavior(nil), b...)
			pure := make([][]*big.Rat, len(sets))
			for is := range sets {
				pure[is] = make([]*big.Rat, len(sets[is]))
				for a := range sets[is] {
					pure[is][a] = new(big.Rat)
				}
				pure[is][idx[is]].SetInt64(1)
			}
			dev[p] = pure
			if g.BehaviorPayoff(dev)[p].Cmp(val[p]) > 0 {
				return false
			}
			k := 0
			for k < len(idx) {
				idx[k]++
				if idx[k] < len(sets[k]) {
					break
				}
				idx[k] = 0
				k++
			}
			if k == len(idx) {
				break
			}
		}
	}
	return true
}

// TestEntryDeterrence: one stage of Selten's (1978) chain-store game
// (testdata/games/entry.efg). Its Nash equilibria are (In, Accommodate),
// (Out, Fight) and (Out, Fight with probability q ≥ 1/2), so the extreme
// ones are q = 1 and q = 1/2; the only subgame-perfect one is (In,
// Accommodate): the threat to fight is not credible, the textbook lesson
// the deterrence model builds on (e.g. Osborne 2004, An Introduction to
// Game Theory, §5.4.3).
func TestEntryDeterrence(t *testing.T) {
	src, err := os.ReadFile("../testdata/games/entry.efg")
	if err != nil {
		t.Fatal(err)
	}
	g, err := ReadEFG(string(src))
	if err != nil {
		t.Fatal(err)
	}
	nf, err := g.ReducedNormalForm()
	if err != nil {
		t.Fatal(err)
	}
	eqs, err := ExtremeEquilibria(nf)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range eqs {
		beh, _, err := g.BehaviorFromMixed(e)
		if err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, pl := range beh {
			for _, is := range pl {
				for _, x := range is {
					parts = append(parts, x.RatString())
				}
			}
		}
		got = append(got, strings.Join(parts, ","))
	}
	// entrant (In, Out), incumbent (Fight, Accommodate)
	want := []string{"1,0,0,1", "0,1,1,0", "0,1,1/2,1/2"}
	if len(got) != len(want) {
		t.Fatalf("equilibria %v, want %v", got, want)
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing %s among %v", w, got)
		}
	}
	spe, err := g.BackwardInduction()
	if err != nil {
		t.Fatal(err)
	}
	if v := spe.Value; v[0].Cmp(big.NewRat(1, 1)) != 0 || v[1].Cmp(big.NewRat(1, 1)) != 0 {
		t.Errorf("subgame-perfect payoffs %v, want (1, 1): In, Accommodate", v)
	}
}

// TestSequenceFormLCPCorpus: on every lcp_solve behaviour case of Gambit's
// test suite (two-player extensive games, general-sum), Lemke's algorithm
// on the sequence form ends at a Nash equilibrium of the tree (checked
// here independently of the solver's own check: no pure behaviour
// deviation gains). How often it is the very equilibrium Gambit's
// lcp_solve prints (compared by realisation plans) is logged: the two
// start from different points.
func TestSequenceFormLCPCorpus(t *testing.T) {
	same, total := 0, 0
	for _, c := range loadBehaviorCases(t, "LCP_BEHAVIOR_RATIONAL_CASES") {
		g := c.g
		beh, err := g.SequenceFormLCP()
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		total++
		if !isBehaviorNash(g, beh) {
			t.Errorf("%s: %v is not an equilibrium", c.file, beh)
		}
		want := Behavior(c.want[0])
		eq := true
		for p := range 2 {
			for k, x := range g.RealizationPlan(want, p) {
				if x.Cmp(g.RealizationPlan(beh, p)[k]) != 0 {
					eq = false
				}
			}
		}
		if eq {
			same++
		}
	}
	t.Logf("sequence-form Lemke: %d of %d cases end at Gambit's lcp_solve equilibrium", same, total)
	if total < 10 {
		t.Fatalf("only %d cases", total)
	}
}

// TestSequenceFormLCPRandomPayoffs: the trees of Gambit's lcp_solve cases
// (information sets that hide moves, chance, perfect recall) with random
// integer payoffs in [−4, 4], 30 draws each, many of them degenerate:
// Lemke's path always ends at a Nash equilibrium of the tree.
func TestSequenceFormLCPRandomPayoffs(t *testing.T) {
	randomDraws(t, "LCP_BEHAVIOR_RATIONAL_CASES", 11, false, (*Extensive).SequenceFormLCP)
}

// randomDraws gives each tree of a family of Gambit's cases 30 draws of
// random integer payoffs (zero-sum if asked) and checks that solve ends
// at a Nash equilibrium of the tree, worth the game's value
// (ZeroSumSequenceForm's) if zero-sum.
func randomDraws(t *testing.T, family string, seed uint64, zeroSum bool, solve func(*Extensive) (Behavior, error)) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 0))
	for _, c := range loadBehaviorCases(t, family) {
		for d := range 30 {
			randomPayoffs(r, c.g.Root)
			if zeroSum {
				negateSecond(c.g.Root)
			}
			beh, err := solve(c.g)
			if err != nil {
				t.Errorf("%s, draw %d: %v", c.file, d, err)
				continue
			}
			if !isBehaviorNash(c.g, beh) {
				t.Errorf("%s, draw %d: not an equilibrium", c.file, d)
			}
			if !zeroSum {
				continue
			}
			v, _, err := c.g.ZeroSumSequenceForm()
			if err != nil {
				t.Fatal(err)
			}
			if c.g.BehaviorPayoff(beh)[0].Cmp(v) != 0 {
				t.Errorf("%s, draw %d: not worth the value %s", c.file, d, v.RatString())
			}
		}
	}
}

// sameAsGambit reports every information set where beh differs from the
// profile Gambit's test suite expects of case c. Gambit prints information
// sets in the order a depth-first walk meets them.
func sameAsGambit(t *testing.T, c behaviorCase, beh Behavior) {
	t.Helper()
	want := Behavior(c.want[0])
	order := dfsInfosets(c.g)
	for p := range 2 {
		for k, is := range order[p] {
			for a := range want[p][k] {
				if want[p][k][a].Cmp(beh[p][is][a]) != 0 {
					t.Errorf("%s (%s): player %d infoset %d: got %v, Gambit %v", c.name, c.file, p+1, is+1, beh[p][is], want[p][k])
					break
				}
			}
		}
	}
}

// TestGambitLCPCorpus: Lemke's algorithm in Gambit's formulation gives
// exactly the equilibrium Gambit's lcp_solve prints in every lcp behaviour
// case of Gambit's test suite (compared action by action, exact
// rationals), and on the same trees with random payoffs (30 draws each) it
// always ends at a Nash equilibrium of the tree.
func TestGambitLCPCorpus(t *testing.T) {
	cases := loadBehaviorCases(t, "LCP_BEHAVIOR_RATIONAL_CASES")
	// The float64 cases expect the same profiles, printed as rationals.
	for _, c := range append(cases, loadBehaviorCases(t, "LCP_BEHAVIOR_DOUBLE_CASES")...) {
		beh, err := c.g.GambitLCP()
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		sameAsGambit(t, c, beh)
	}
	if len(cases) < 10 {
		t.Fatalf("only %d cases", len(cases))
	}
	randomDraws(t, "LCP_BEHAVIOR_RATIONAL_CASES", 13, false, (*Extensive).GambitLCP)
}

// TestAgentPureNashCorpus: Gambit's enumpure_agent cases give exactly the
// expected set of pure agent-form equilibria, in any order.
func TestAgentPureNashCorpus(t *testing.T) {
	cases := loadBehaviorCases(t, "ENUMPURE_AGENT_CASES")
	if len(cases) < 2 {
		t.Fatalf("only %d cases", len(cases))
	}
	key := func(b Behavior) string {
		var sb strings.Builder
		for _, pl := range b {
			for _, is := range pl {
				for _, x := range is {
					sb.WriteString(x.RatString() + ",")
				}
				sb.WriteString(";")
			}
			sb.WriteString("|")
		}
		return sb.String()
	}
	for _, c := range cases {
		got, err := c.g.AgentPureNash()
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for _, w := range c.want {
			want[key(Behavior(w))] = true
		}
		have := map[string]bool{}
		for _, b := range got {
			have[key(b)] = true
			if !want[key(b)] {
				t.Errorf("%s: %s is not among Gambit's", c.file, key(b))
			}
		}
		for k := range want {
			if !have[k] {
				t.Errorf("%s: Gambit's %s not found", c.file, k)
			}
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: %d equilibria, Gambit %d", c.file, len(got), len(c.want))
		}
	}
}

// randomPayoffs gives every leaf, and every inner node that has an
// outcome, two random integer payoffs in [−4, 4].
func randomPayoffs(r *rand.Rand, n *Node) {
	if n.Payoff != nil || len(n.Children) == 0 {
		n.Payoff = []*big.Rat{big.NewRat(int64(r.IntN(9)-4), 1), big.NewRat(int64(r.IntN(9)-4), 1)}
	}
	for _, ch := range n.Children {
		randomPayoffs(r, ch)
	}
}

// TestGambitLPCorpus: every lp behaviour case of Gambit's test suite
// (rational and double) gives exactly Gambit's profile, action by action
// (all 20; ZeroSumSequenceForm's simplex path gives 8 of the 10 rational
// ones); on 30 random zero-sum payoffs of each tree the result is an
// equilibrium worth the game's value (ZeroSumSequenceForm's).
func TestGambitLPCorpus(t *testing.T) {
	cases := loadBehaviorCases(t, "LP_BEHAVIOR_RATIONAL_CASES")
	// The float64 cases expect the same profiles, printed as rationals.
	for _, c := range append(cases, loadBehaviorCases(t, "LP_BEHAVIOR_DOUBLE_CASES")...) {
		beh, err := c.g.GambitLP()
		if err != nil {
			t.Errorf("%s (%s): %v", c.name, c.file, err)
			continue
		}
		sameAsGambit(t, c, beh)
	}
	if len(cases) < 10 {
		t.Fatalf("only %d cases", len(cases))
	}
	randomDraws(t, "LP_BEHAVIOR_RATIONAL_CASES", 17, true, (*Extensive).GambitLP)
}

// negateSecond makes every outcome's second payoff minus its first.
func negateSecond(n *Node) {
	if n.Payoff != nil {
		n.Payoff[1] = new(big.Rat).Neg(n.Payoff[0])
	}
	for _, c := range n.Children {
		negateSecond(c)
	}
}

// dfsInfosets lists each player's information sets in the order a
// depth-first walk of the tree meets them.
func dfsInfosets(g *Extensive) [][]int {
	order := make([][]int, len(g.Players))
	seen := map[[2]int]bool{}
	var walk func(n *Node)
	walk = func(n *Node) {
		if p := n.Player; p >= 0 && !seen[[2]int{p, n.Infoset}] {
			seen[[2]int{p, n.Infoset}] = true
			order[p] = append(order[p], n.Infoset)
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(g.Root)
	return order
}
