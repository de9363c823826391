package game

import (
	"bytes"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deter/internal/refdata"
)

// entryGame is the one-period entry game with an incumbent of unknown
// type (the stage game of Kreps and Wilson 1982, "Reputation and imperfect
// information", J. Econ. Theory 27:253-279, in the payoffs of Fudenberg
// and Tirole 1991, §8.2 style): nature makes the incumbent tough with
// probability p; the entrant, not knowing which, enters or stays out; a
// tough incumbent prefers to fight, a weak one to accommodate. Payoffs
// (entrant, incumbent): out (0, 2); tough: fight (−1, 1), accommodate
// (1, 0); weak: fight (−1, −1), accommodate (1, 1). In the unique
// sequential equilibrium the tough type fights, the weak accommodates,
// and the entrant, whose value of entering is p·(−1) + (1 − p)·1 = 1 − 2p,
// enters if and only if p < 1/2.
func entryGame(p *big.Rat) *Node {
	r := func(a, b int64) []*big.Rat { return []*big.Rat{big.NewRat(a, 1), big.NewRat(b, 1)} }
	term := func(pay []*big.Rat) *Node { return &Node{Player: -2, Payoff: pay} }
	inc := func(is int, fight, acc []*big.Rat) *Node {
		return &Node{Player: 1, Infoset: is, Actions: []string{"fight", "accommodate"}, Children: []*Node{term(fight), term(acc)}}
	}
	ent := func(inc *Node) *Node {
		return &Node{Player: 0, Infoset: 0, Actions: []string{"out", "enter"}, Children: []*Node{term(r(0, 2)), inc}}
	}
	return &Node{Player: -1, Actions: []string{"tough", "weak"}, Probs: []*big.Rat{p, new(big.Rat).Sub(big.NewRat(1, 1), p)},
		Children: []*Node{ent(inc(0, r(-1, 1), r(1, 0))), ent(inc(1, r(-1, -1), r(1, 1)))}}
}

func TestBayesianEntryGame(t *testing.T) {
	for _, tc := range []struct {
		p     *big.Rat
		enter bool
		value *big.Rat // entrant's value of entering, 1 − 2p
	}{
		{big.NewRat(1, 3), true, big.NewRat(1, 3)},
		{big.NewRat(2, 3), false, big.NewRat(-1, 3)},
	} {
		g, err := NewExtensive("entry", []string{"entrant", "incumbent"}, entryGame(tc.p))
		if err != nil {
			t.Fatal(err)
		}
		a, err := g.BayesianBackwardInduction()
		if err != nil {
			t.Fatal(err)
		}
		if a.Choice[1][0] != 0 || a.Choice[1][1] != 1 {
			t.Errorf("p=%s: incumbent plays %v, want tough fights, weak accommodates", tc.p, a.Choice[1])
		}
		if got := a.Choice[0][0] == 1; got != tc.enter {
			t.Errorf("p=%s: entrant enters %v, want %v", tc.p, got, tc.enter)
		}
		if a.ActionValues[0][0][1].Cmp(tc.value) != 0 {
			t.Errorf("p=%s: value of entering %s, want %s", tc.p, a.ActionValues[0][0][1].RatString(), tc.value.RatString())
		}
		if a.Beliefs[0][0][0].Cmp(tc.p) != 0 {
			t.Errorf("p=%s: belief %s, want the prior", tc.p, a.Beliefs[0][0][0].RatString())
		}
		checkPureNash(t, g, a.Choice)
	}
}

// checkPureNash requires that the pure behaviour profile choice be a Nash
// equilibrium of the game's reduced strategic form.
func checkPureNash(t *testing.T, g *Extensive, choice [][]int) {
	t.Helper()
	nf, err := g.ReducedNormalForm()
	if err != nil {
		t.Fatal(err)
	}
	prof := make([]int, len(g.Players))
	for p := range prof {
		if prof[p], err = g.ReducedStrategy(p, choice[p]); err != nil {
			t.Fatal(err)
		}
	}
	for p := range prof {
		base := nf.Payoff(prof, p)
		dev := append([]int(nil), prof...)
		for k := range nf.Strategies[p] {
			dev[p] = k
			if nf.Payoff(dev, p).Cmp(base) > 0 {
				t.Errorf("player %d gains by deviating to reduced strategy %d (%s > %s)", p, k, nf.Payoff(dev, p).RatString(), base.RatString())
				return
			}
		}
	}
}

// randomHarsanyi builds a random game in which only chance is hidden: a
// random tree of decision and chance nodes is copied under a root chance
// move (the "type" nobody observes) with fresh payoffs and probabilities
// in each copy, and the nodes at the same place in every copy form one
// information set.
func randomHarsanyi(r *rand.Rand, players, types, depth int) *Node {
	type shape struct {
		player, actions int
		kids            []*shape
	}
	counts := make([]int, players)
	var grow func(d int) *shape
	grow = func(d int) *shape {
		if d == 0 || r.IntN(5) == 0 {
			return &shape{player: -2}
		}
		s := &shape{player: r.IntN(players+1) - 1, actions: 2 + r.IntN(2)}
		if s.player >= 0 {
			counts[s.player]++
		}
		for range s.actions {
			s.kids = append(s.kids, grow(d-1))
		}
		return s
	}
	sh := grow(depth)
	root := &Node{Player: -1, Probs: randomProbs(r, types)}
	for ty := range types {
		next := make([]int, players)
		var build func(s *shape) *Node
		build = func(s *shape) *Node {
			n := &Node{Player: s.player}
			if s.player == -2 {
				for range players {
					n.Payoff = append(n.Payoff, big.NewRat(int64(r.IntN(7))-3, 1))
				}
				return n
			}
			names := []string{"a", "b", "c"}[:s.actions]
			n.Actions = names
			if s.player >= 0 {
				n.Infoset = next[s.player]
				next[s.player]++
			} else {
				n.Probs = randomProbs(r, s.actions)
			}
			for _, k := range s.kids {
				n.Children = append(n.Children, build(k))
			}
			return n
		}
		root.Actions = append(root.Actions, "t"+string(rune('1'+ty)))
		root.Children = append(root.Children, build(sh))
	}
	return root
}

// TestBayesianRandomGames: on random games where only chance is hidden,
// the assessment is a Nash equilibrium of the reduced strategic form, and
// with one type (perfect information) it is BackwardInduction's answer.
func TestBayesianRandomGames(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 0))
	solved := 0
	for i := range 200 {
		types := 1 + i%3
		np := 2 + i%2
		root := randomHarsanyi(r, np, types, 3)
		players := []string{"A", "B", "C"}[:np]
		g, err := NewExtensive("random", players, root)
		if err != nil {
			t.Fatalf("game %d: %v", i, err)
		}
		if g.Nodes() > 120 {
			continue
		}
		a, err := g.BayesianBackwardInduction()
		if err != nil {
			t.Fatalf("game %d: %v", i, err)
		}
		checkPureNash(t, g, a.Choice)
		if types == 1 {
			spe, err := g.BackwardInduction()
			if err != nil {
				t.Fatal(err)
			}
			for p := range spe.Choice {
				for is := range spe.Choice[p] {
					if spe.Choice[p][is] != a.Choice[p][is] {
						t.Errorf("game %d: player %d infoset %d: %d, backward induction %d", i, p, is, a.Choice[p][is], spe.Choice[p][is])
					}
				}
				if spe.Value[p].Cmp(a.Value[p]) != 0 {
					t.Errorf("game %d: value %s, backward induction %s", i, a.Value[p].RatString(), spe.Value[p].RatString())
				}
			}
		}
		solved++
	}
	if solved < 150 {
		t.Errorf("only %d of 200 games small enough to check", solved)
	}
}

func randomProbs(r *rand.Rand, k int) []*big.Rat {
	w := make([]int64, k)
	sum := int64(0)
	for i := range w {
		w[i] = 1 + int64(r.IntN(3))
		sum += w[i]
	}
	out := make([]*big.Rat, k)
	for i := range w {
		out[i] = big.NewRat(w[i], sum)
	}
	return out
}

func TestBayesianRefusesHiddenMoves(t *testing.T) {
	path := findGameFile(filepath.Join(refdata.Dir(), "gambit-games"), "mixed_behavior_game.efg")
	if path == "" {
		t.Skip("../shared/data/gambit-games not found")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	g, err := ReadEFG(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.BayesianBackwardInduction(); err == nil || !strings.Contains(err.Error(), "hides a player's move") {
		t.Errorf("got %v, want a refusal", err)
	}
}

// TestWriteEFGRoundTrip writes every .efg game of Gambit's test corpus and
// reads it back: the tree, the actions, the probabilities and the payoffs
// must be the same.
func TestWriteEFGRoundTrip(t *testing.T) {
	dir, err := refdata.Path("gambit-games")
	if err != nil {
		t.Skip(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*", "*.efg"))
	if len(files) < 10 {
		t.Fatalf("only %d .efg files under %s", len(files), dir)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		g, err := ReadEFG(string(b))
		if err != nil {
			continue // files ReadEFG refuses are tested elsewhere
		}
		var buf bytes.Buffer
		if err := g.WriteEFG(&buf); err != nil {
			t.Fatal(err)
		}
		g2, err := ReadEFG(buf.String())
		if err != nil {
			t.Fatalf("%s: written game does not read back: %v", filepath.Base(f), err)
		}
		if msg := sameTree(g.Root, g2.Root); msg != "" || strings.Join(g.Players, "|") != strings.Join(g2.Players, "|") || g.Title != g2.Title {
			t.Errorf("%s: round trip differs: %s", filepath.Base(f), msg)
		}
	}
}

func sameTree(a, b *Node) string {
	if a.Player != b.Player || (a.Player >= 0 && a.Infoset != b.Infoset) || !equalStrings(a.Actions, b.Actions) || len(a.Children) != len(b.Children) {
		return "node shape"
	}
	if len(a.Payoff) != len(b.Payoff) {
		return "payoff presence"
	}
	for i := range a.Payoff {
		if a.Payoff[i].Cmp(b.Payoff[i]) != 0 {
			return "payoff " + a.Payoff[i].RatString() + " vs " + b.Payoff[i].RatString()
		}
	}
	for i := range a.Probs {
		if a.Probs[i].Cmp(b.Probs[i]) != 0 {
			return "probability"
		}
	}
	for i := range a.Children {
		if m := sameTree(a.Children[i], b.Children[i]); m != "" {
			return a.Actions[i] + "/" + m
		}
	}
	return ""
}

func TestNewExtensiveErrors(t *testing.T) {
	term := &Node{Player: -2, Payoff: []*big.Rat{big.NewRat(1, 1), big.NewRat(0, 1)}}
	for name, root := range map[string]*Node{
		"probabilities not 1": {Player: -1, Actions: []string{"a", "b"}, Probs: []*big.Rat{big.NewRat(1, 2), big.NewRat(1, 3)}, Children: []*Node{term, term}},
		"children vs actions": {Player: 0, Actions: []string{"a", "b"}, Children: []*Node{term}},
		"player out of range": {Player: 2, Actions: []string{"a"}, Children: []*Node{term}},
		"payoff length":       {Player: 0, Actions: []string{"a"}, Children: []*Node{{Player: -2, Payoff: []*big.Rat{big.NewRat(1, 1)}}}},
		"infoset gap":         {Player: 0, Infoset: 1, Actions: []string{"a"}, Children: []*Node{term}},
		"infoset actions": {Player: 0, Actions: []string{"a", "b"}, Children: []*Node{
			{Player: 1, Actions: []string{"x"}, Children: []*Node{term}},
			{Player: 1, Actions: []string{"y"}, Children: []*Node{term}}}},
	} {
		if _, err := NewExtensive("bad", []string{"1", "2"}, root); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// FuzzReadEFG: whatever the bytes, reading a game and running the tree
// solvers on it returns a game or an error, never a panic or a hang.
func FuzzReadEFG(f *testing.F) {
	f.Add(`EFG 2 R "x" { "1" "2" } ""
c "" 1 "" { "h" 1/2 "t" 1/2 } 0
p "" 1 1 "" { "a" "b" } 0
t "" 1 "" { 1, 0 }
t "" 2 "" { 3, 1 }
p "" 1 1 "" { "a" "b" } 0
p "" 2 1 "" { "x" "y" } 0
t "" 3 "" { 0, 2 }
t "" 4 "" { 2, 0 }
t "" 5 "" { -1, 1 }
`)
	f.Add(`EFG 2 R "gap" { "1" "2" } ""
p "" 1 2 "" { "a" "b" } 0
t "" 1 "" { 1, 0 }
t "" 2 "" { 3, 1 }
`)
	if b, err := os.ReadFile("../testdata/games/entry.efg"); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, src string) {
		g, err := ReadEFG(src)
		if err != nil || g.Nodes() > 200 {
			return
		}
		g.BayesianBackwardInduction()
		g.BackwardInduction()
		if len(g.Players) == 2 {
			g.SequenceFormLCP()
		}
		var buf bytes.Buffer
		if err := g.WriteEFG(&buf); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadEFG(buf.String()); err != nil {
			t.Fatalf("written game does not read back: %v\n%s", err, buf.String())
		}
	})
}

// TestBayesianFloatMatchesExact: on random incomplete-information games
// the float64 solver's values agree with the exact solver's to 1e-9, and
// its choices are the same wherever the exact action values differ by more
// than that (ties may be broken differently after rounding).
func TestBayesianFloatMatchesExact(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 0))
	for i := range 200 {
		np := 2 + i%2
		g, err := NewExtensive("random", []string{"A", "B", "C"}[:np], randomHarsanyi(r, np, 1+i%3, 4))
		if err != nil {
			t.Fatal(err)
		}
		ex, err := g.BayesianBackwardInduction()
		if err != nil {
			t.Fatal(err)
		}
		fl, err := g.BayesianBackwardInductionFloat()
		if err != nil {
			t.Fatal(err)
		}
		for p := range ex.Value {
			v, _ := ex.Value[p].Float64()
			if math.Abs(v-fl.Value[p]) > 1e-9 {
				t.Errorf("game %d player %d: value %v exact, %v float", i, p, v, fl.Value[p])
			}
			for is, av := range ex.ActionValues[p] {
				best, _ := av[ex.Choice[p][is]].Float64()
				clear := true
				for k, x := range av {
					if xf, _ := x.Float64(); k != ex.Choice[p][is] && best-xf < 1e-9 {
						clear = false
					}
				}
				if clear && fl.Choice[p][is] != ex.Choice[p][is] {
					t.Errorf("game %d player %d infoset %d: float chooses %d, exact %d", i, p, is, fl.Choice[p][is], ex.Choice[p][is])
				}
			}
		}
	}
}

// TestWriteNFGRoundTrip writes every .nfg game of Gambit's test corpus, and
// the reduced strategic form of every .efg game, and reads it back: the
// title, players, strategy names and every payoff must be the same.
func TestWriteNFGRoundTrip(t *testing.T) {
	dir, err := refdata.Path("gambit-games")
	if err != nil {
		t.Skip(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*", "*.[ne]fg"))
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var g *NormalForm
		if strings.HasSuffix(f, ".nfg") {
			g, err = ReadNFG(string(b))
		} else {
			var eg *Extensive
			if eg, err = ReadEFG(string(b)); err == nil {
				g, err = eg.ReducedNormalForm()
			}
		}
		if err != nil || g.Profiles() > 100000 {
			continue // refused files are tested elsewhere; large ones take long
		}
		var buf bytes.Buffer
		if err := g.WriteNFG(&buf); err != nil {
			t.Fatal(err)
		}
		g2, err := ReadNFG(buf.String())
		if err != nil {
			t.Fatalf("%s: written game does not read back: %v\n%s", filepath.Base(f), err, buf.String())
		}
		same := g.Title == g2.Title && strings.Join(g.Players, "|") == strings.Join(g2.Players, "|") && len(g.Strategies) == len(g2.Strategies)
		for p := range g.Strategies {
			same = same && equalStrings(g.Strategies[p], g2.Strategies[p])
		}
		for idx := range g.Profiles() {
			for p := range g.Players {
				same = same && g.payoffs[idx][p].Cmp(g2.payoffs[idx][p]) == 0
			}
		}
		if !same {
			t.Errorf("%s: round trip differs", filepath.Base(f))
		}
		n++
	}
	if n < 20 {
		t.Errorf("only %d games written and read back", n)
	}
}

// TestReducedNormalFormTooLarge: a tree whose reduced strategic form would
// have 4,096 × 4,096 profiles (chance picks one of 12 rounds, in each of
// which both players move once, each round an information set of its own)
// is refused with a message, not built (it would take gigabytes).
func TestReducedNormalFormTooLarge(t *testing.T) {
	var b strings.Builder
	b.WriteString("EFG 2 R \"wide\" { \"1\" \"2\" }\n\"\"\n\nc \"\" 1 \"\" {")
	for i := range 12 {
		fmt.Fprintf(&b, " \"r%d\" 1/12", i)
	}
	b.WriteString(" } 0\n")
	for i := range 12 {
		fmt.Fprintf(&b, "p \"\" 1 %d \"\" { \"a\" \"b\" } 0\n", i+1)
		for range 2 {
			fmt.Fprintf(&b, "p \"\" 2 %d \"\" { \"c\" \"d\" } 0\n", i+1)
			b.WriteString("t \"\" 1 \"\" { 1, -1 }\nt \"\" 2 \"\" { -1, 1 }\n")
		}
	}
	g, err := ReadEFG(b.String())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.ReducedNormalForm(); err == nil || !strings.Contains(err.Error(), "more than 10000000 strategy profiles") {
		t.Errorf("got %v, want a refusal", err)
	}
}
