package game

import (
	"math/big"
	"math/rand/v2"
	"os"
	"testing"

	"deter/internal/refdata"
)

// readTree reads an .efg file.
func readTree(t *testing.T, path string) *Extensive {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	g, err := ReadEFG(string(b))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return g
}

// speBehavior turns a pure SPE into a behaviour profile.
func speBehavior(g *Extensive, s *SPE) Behavior {
	b := make(Behavior, len(s.Choice))
	for p, ch := range s.Choice {
		b[p] = make([][]*big.Rat, len(ch))
		for is, a := range ch {
			b[p][is] = make([]*big.Rat, len(g.infosets[p][is]))
			for k := range b[p][is] {
				b[p][is][k] = new(big.Rat)
			}
			b[p][is][a].SetInt64(1)
		}
	}
	return b
}

// TestAllSubgamePerfectEntry: the one-stage chain-store game has exactly
// one subgame-perfect equilibrium, (In, Accommodate) (Selten 1978), though
// (Out, Fight) is a Nash equilibrium too.
func TestAllSubgamePerfectEntry(t *testing.T) {
	g := readTree(t, "../testdata/games/entry.efg")
	all, err := g.AllSubgamePerfect()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || g.infosets[0][0][all[0].Choice[0][0]] != "In" || g.infosets[1][0][all[0].Choice[1][0]] != "Accommodate" {
		t.Errorf("got %d: %+v", len(all), all)
	}
}

// TestAllSubgamePerfectTies: in Gambit's 3_player_PI_2_dev_off_eq_path.efg
// (worked by hand) player 2's second information set and player 3 each have
// one best action (the first: payoffs (1, 1, 1)); player 2 at its first is
// then indifferent (1 either way), and player 1 is indifferent too when
// player 2 continues, but not when it stops the game at (0, 1, 0). So three
// pure subgame-perfect equilibria: player 2 first action with player 1
// either action, and player 2 second action with player 1 second action.
func TestAllSubgamePerfectTies(t *testing.T) {
	dir, err := refdata.Path("gambit-games")
	if err != nil {
		t.Skip(err)
	}
	g := readTree(t, findGameFile(dir, "3_player_PI_2_dev_off_eq_path.efg"))
	all, err := g.AllSubgamePerfect()
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]int{{0, 0}, {1, 0}, {1, 1}} // player 1's and player 2's first choices
	if len(all) != len(want) {
		t.Fatalf("%d subgame-perfect equilibria, want %d", len(all), len(want))
	}
	for i, s := range all {
		if s.Choice[0][0] != want[i][0] || s.Choice[1][0] != want[i][1] || s.Choice[1][1] != 0 || s.Choice[2][0] != 0 {
			t.Errorf("equilibrium %d: %v", i, s.Choice)
		}
	}
	for _, s := range all {
		if !isBehaviorNash(g, speBehavior(g, s)) {
			t.Errorf("%v is not a Nash equilibrium", s.Choice)
		}
	}
}

// randomPerfectInformation builds a random tree of perfect information:
// depth levels of decision nodes (movers drawn among the players, two or
// three actions) and chance nodes, payoffs from {0, …, spread−1}.
func randomPerfectInformation(r *rand.Rand, players, depth, spread int) *Node {
	count := make([]int, players)
	var build func(d int) *Node
	build = func(d int) *Node {
		if d == 0 || r.IntN(5) == 0 {
			pay := make([]*big.Rat, players)
			for p := range pay {
				pay[p] = big.NewRat(int64(r.IntN(spread)), 1)
			}
			return &Node{Player: -2, Payoff: pay}
		}
		k := 2 + r.IntN(2)
		if r.IntN(4) == 0 {
			n := &Node{Player: -1}
			for i := range k {
				n.Actions = append(n.Actions, string(rune('a'+i)))
				n.Probs = append(n.Probs, big.NewRat(1, int64(k)))
				n.Children = append(n.Children, build(d-1))
			}
			return n
		}
		p := r.IntN(players)
		n := &Node{Player: p, Infoset: count[p]}
		count[p]++
		for i := range k {
			n.Actions = append(n.Actions, string(rune('a'+i)))
		}
		for range k {
			n.Children = append(n.Children, build(d-1))
		}
		return n
	}
	return build(depth)
}

// TestAllSubgamePerfectRandom: on 300 random trees of perfect information
// with two or three players, every listed profile is a Nash equilibrium,
// no two are the same, the first is BackwardInduction's, and with payoffs
// drawn from a million values (no ties) there is exactly one (Kuhn 1953).
func TestAllSubgamePerfectRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(61, 0))
	for n := range 300 {
		players := 2 + n%2
		spread := 3
		if n%3 == 0 {
			spread = 1000000
		}
		g, err := NewExtensive("random", []string{"1", "2", "3"}[:players], randomPerfectInformation(r, players, 3, spread))
		if err != nil {
			t.Fatal(err)
		}
		all, err := g.AllSubgamePerfect()
		if err != nil {
			t.Fatal(err)
		}
		bi, err := g.BackwardInduction()
		if err != nil {
			t.Fatal(err)
		}
		if len(all) == 0 || !sameBehavior(speBehavior(g, all[0]), speBehavior(g, bi)) {
			t.Fatalf("tree %d: first %v, backward induction %v", n, all[0].Choice, bi.Choice)
		}
		if spread == 1000000 && len(all) != 1 {
			t.Errorf("tree %d: %d equilibria without ties", n, len(all))
		}
		for i, s := range all {
			b := speBehavior(g, s)
			if !isBehaviorNash(g, b) {
				t.Errorf("tree %d: %v is not a Nash equilibrium", n, s.Choice)
			}
			for _, o := range all[:i] {
				if sameBehavior(b, speBehavior(g, o)) {
					t.Errorf("tree %d: %v listed twice", n, s.Choice)
				}
			}
		}
	}
}
