package deterrence

import (
	"math/big"
	"testing"

	"deter/game"
)

// sinkingCostsGame is a guarantor's costly signal in the spirit of Fearon
// (1997), "Signaling foreign policy interests: tying hands versus sinking
// costs" (J. Conflict Resolution 41:68-90), and Spence's (1973) signalling
// logic. Nature makes the guarantor resolved (it values the defender at
// sR = 10) or irresolute (sI = 2), each with probability 1/2. The
// guarantor deploys forces at a sunk cost k, or not. The attacker sees
// whether it deployed, not its type, and attacks or not. If attacked, the
// guarantor fights (cost F = 5, the defender kept) or reneges (loses its
// value of the defender). The attacker gains w = 4 if the guarantor
// reneges and loses f = 6 if it fights; not attacking is 0 for everyone
// (less k for a guarantor that deployed).
//
// The resolved type fights (10 > 5), the irresolute reneges (2 < 5). A
// separating equilibrium (resolved deploys, irresolute does not, the
// attacker attacks only the undeployed) needs the resolved type to prefer
// paying k to being attacked and fighting (k ≤ F) and the irresolute type
// to prefer being attacked and reneging to paying k (k ≥ sI): a signal
// separates only if it costs something (2 ≤ k ≤ 5).
func sinkingCostsGame(t *testing.T, k int64) *game.Extensive {
	t.Helper()
	r := func(a, b int64) []*big.Rat { return []*big.Rat{big.NewRat(a, 1), big.NewRat(b, 1)} }
	leaf := func(pay []*big.Rat) *game.Node { return &game.Node{Player: -2, Payoff: pay} }
	// Players: 0 guarantor, 1 attacker. Guarantor information sets: 0
	// resolved's signal, 1 irresolute's signal, 2-5 the response to an
	// attack (type × signal). Attacker: 0 after "deploy", 1 after "not".
	branch := func(resolved bool) *game.Node {
		s, sigIS, respIS := int64(2), 1, 4
		if resolved {
			s, sigIS, respIS = 10, 0, 2
		}
		after := func(deployed bool, aIS, gIS int) *game.Node {
			cost := int64(0)
			if deployed {
				cost = k
			}
			respond := &game.Node{Player: 0, Infoset: gIS, Actions: []string{"fight", "renege"},
				Children: []*game.Node{leaf(r(-5-cost, -6)), leaf(r(-s-cost, 4))}}
			return &game.Node{Player: 1, Infoset: aIS, Actions: []string{"attack", "hold"},
				Children: []*game.Node{respond, leaf(r(-cost, 0))}}
		}
		return &game.Node{Player: 0, Infoset: sigIS, Actions: []string{"deploy", "not"},
			Children: []*game.Node{after(true, 0, respIS), after(false, 1, respIS+1)}}
	}
	root := &game.Node{Player: -1, Actions: []string{"resolved", "irresolute"}, Probs: []*big.Rat{big.NewRat(1, 2), big.NewRat(1, 2)},
		Children: []*game.Node{branch(true), branch(false)}}
	g, err := game.NewExtensive("sinking costs", []string{"guarantor", "attacker"}, root)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestCostlySignalSeparates shows the published qualitative result: with
// a sunk cost between the irresolute type's stake and the cost of fighting
// (k = 3) the game has a separating equilibrium, the resolved guarantor
// deploying and deterring, the irresolute one not and being attacked;
// with a free signal (k = 0) or one dearer than fighting (k = 6) it has
// none. Equilibria are every pure Nash equilibrium of the reduced
// strategic form, in which the guarantor also fights exactly when it is
// resolved (sequential rationality).
func TestCostlySignalSeparates(t *testing.T) {
	for _, tc := range []struct {
		k        int64
		separate bool
	}{{0, false}, {3, true}, {6, false}} {
		g := sinkingCostsGame(t, tc.k)
		nf, err := g.ReducedNormalForm()
		if err != nil {
			t.Fatal(err)
		}
		separating := 0
		for _, e := range game.PureNash(nf) {
			beh, _, err := g.BehaviorFromMixed(e)
			if err != nil {
				t.Fatal(err)
			}
			gu, at := beh[0], beh[1]
			one := func(d []*big.Rat, a int) bool { return d[a].Cmp(big.NewRat(1, 1)) == 0 }
			if one(gu[0], 0) && one(gu[1], 1) && // resolved deploys, irresolute not
				one(at[0], 1) && one(at[1], 0) && // hold after deploy, attack otherwise
				one(gu[2], 0) && one(gu[5], 1) { // resolved fights, irresolute reneges
				separating++
			}
		}
		if (separating > 0) != tc.separate {
			t.Errorf("k = %d: %d separating equilibria, want separation %v", tc.k, separating, tc.separate)
		}
	}
}
