package game

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Assessment is a pure-strategy sequential equilibrium of a game in which
// only chance moves are hidden, with the beliefs that support it.
type Assessment struct {
	// Choice[player][infoset] is the index of the action chosen.
	Choice [][]int
	// ActionValues[player][infoset][action] is the mover's expected payoff
	// of each action at the information set, given its beliefs there and
	// the equilibrium play that follows. Outcomes on the nodes above the
	// information set are not included.
	ActionValues [][][]*big.Rat
	// Beliefs[player][infoset] is the probability of each node of the
	// information set, the nodes in depth-first (file) order.
	Beliefs [][][]*big.Rat
	// Value is each player's expected payoff from the root.
	Value []*big.Rat
}

// BayesianBackwardInduction solves a game whose only hidden moves are
// chance moves: the nodes of every information set are reached by the
// same moves of the players (the same player, information set and action
// at every step) and differ only in what chance did. Games of incomplete
// information in Harsanyi's (1967) form, where nature draws types and the
// players then move in turn seeing each other's moves, are of this kind.
//
// In such a game the players' part of the probability of reaching a node
// is the same for all the nodes of an information set, so Bayes' rule
// gives beliefs proportional to chance's probabilities,
//
//	μ(x | I) = π_c(x) / Σ_{y ∈ I} π_c(y),
//
// whatever the strategies, on and off the equilibrium path; they are also
// the limit of the beliefs under any sequence of completely mixed
// strategies, so they are consistent in the sense of Kreps and Wilson
// (1982). Going from the last information sets up, the mover picks at each
// the action that maximises
//
//	Σ_{x ∈ I} μ(x | I) · u_i(a | x)
//
// where u_i(a | x) is its payoff from taking a at x and the equilibrium
// play below. Every choice is sequentially rational given consistent
// beliefs, so the result is a sequential equilibrium (hence perfect
// Bayesian and Nash). Ties go to the first action. With perfect information
// it is BackwardInduction. If chance reaches an information set with
// probability 0, the belief there is uniform.
//
// Games where an information set hides a player's move (simultaneous
// moves, unobserved actions) are refused with an error: use the sequence
// form or the reduced strategic form for those.
//
// References:
//
//   - Harsanyi, J. C. (1967). Games with incomplete information played by
//     "Bayesian" players, I. Management Science 14(3):159-182.
//   - Kreps, D. M. and Wilson, R. (1982). Sequential equilibria.
//     Econometrica 50(4):863-894.
//   - Fudenberg, D. and Tirole, J. (1991). Game Theory, ch. 8. MIT Press.
func (g *Extensive) BayesianBackwardInduction() (*Assessment, error) {
	np := len(g.Players)
	type infoset struct {
		nodes   []*Node
		chance  []*big.Rat // chance's probability of reaching each node
		history string     // the players' moves leading to it
		done    bool
	}
	sets := make([]map[int]*infoset, np)
	for p := range sets {
		sets[p] = map[int]*infoset{}
	}
	var walk func(n *Node, pc *big.Rat, hist string) error
	walk = func(n *Node, pc *big.Rat, hist string) error {
		if n.Player >= 0 {
			s := sets[n.Player][n.Infoset]
			if s == nil {
				s = &infoset{history: hist}
				sets[n.Player][n.Infoset] = s
			} else if s.history != hist {
				return fmt.Errorf("game: information set %d of player %s hides a player's move (it is reached by different moves); "+
					"Bayesian backward induction needs games where only chance moves are hidden", n.Infoset+1, g.Players[n.Player])
			}
			s.nodes = append(s.nodes, n)
			s.chance = append(s.chance, pc)
		}
		for i, c := range n.Children {
			switch {
			case n.Player == -1:
				if err := walk(c, new(big.Rat).Mul(pc, n.Probs[i]), hist); err != nil {
					return err
				}
			default:
				h := hist + strconv.Itoa(n.Player) + "." + strconv.Itoa(n.Infoset) + "." + strconv.Itoa(i) + ";"
				if err := walk(c, pc, h); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk(g.Root, big.NewRat(1, 1), ""); err != nil {
		return nil, err
	}
	a := &Assessment{Choice: make([][]int, np), ActionValues: make([][][]*big.Rat, np), Beliefs: make([][][]*big.Rat, np)}
	for p := range np {
		k := len(g.infosets[p])
		a.Choice[p] = make([]int, k)
		a.ActionValues[p] = make([][]*big.Rat, k)
		a.Beliefs[p] = make([][]*big.Rat, k)
	}
	values := map[*Node][]*big.Rat{}
	var value func(n *Node) []*big.Rat
	var decide func(p int, s *infoset, is int)
	// value is the payoff vector below n (its own outcome included) under
	// the equilibrium play.
	value = func(n *Node) []*big.Rat {
		if v, ok := values[n]; ok {
			return v
		}
		if n.Player == -2 && n.Payoff != nil {
			return n.Payoff // read only
		}
		v := make([]*big.Rat, np)
		for p := range v {
			v[p] = new(big.Rat)
			if n.Payoff != nil {
				v[p].Set(n.Payoff[p])
			}
		}
		switch {
		case n.Player == -1:
			t := new(big.Rat)
			for i, c := range n.Children {
				cv := value(c)
				for p := range v {
					v[p].Add(v[p], t.Mul(n.Probs[i], cv[p]))
				}
			}
		case n.Player >= 0:
			s := sets[n.Player][n.Infoset]
			decide(n.Player, s, n.Infoset)
			cv := value(n.Children[a.Choice[n.Player][n.Infoset]])
			for p := range v {
				v[p].Add(v[p], cv[p])
			}
		}
		values[n] = v
		return v
	}
	decide = func(p int, s *infoset, is int) {
		if s.done {
			return
		}
		s.done = true
		total := new(big.Rat)
		for _, c := range s.chance {
			total.Add(total, c)
		}
		belief := make([]*big.Rat, len(s.nodes))
		for i, c := range s.chance {
			if total.Sign() == 0 {
				belief[i] = big.NewRat(1, int64(len(s.nodes)))
			} else {
				belief[i] = new(big.Rat).Quo(c, total)
			}
		}
		nact := len(s.nodes[0].Children)
		av := make([]*big.Rat, nact)
		t := new(big.Rat)
		best := 0
		for act := range nact {
			av[act] = new(big.Rat)
			for i, x := range s.nodes {
				av[act].Add(av[act], t.Mul(belief[i], value(x.Children[act])[p]))
			}
			if av[act].Cmp(av[best]) > 0 {
				best = act
			}
		}
		a.Choice[p][is], a.ActionValues[p][is], a.Beliefs[p][is] = best, av, belief
	}
	a.Value = make([]*big.Rat, np)
	for p, v := range value(g.Root) {
		a.Value[p] = new(big.Rat).Set(v)
	}
	// Information sets below nodes that chance never reaches through a
	// decided path are still decided (every set is reached from some
	// node's subtree, but a set can hang below an action nobody takes).
	for p := range np {
		for is, s := range sets[p] {
			decide(p, s, is)
		}
	}
	return a, nil
}

// PathString describes the equilibrium play of an assessment: for every
// information set of every player, the action taken, in the form
// "player[infoset]: action". It is meant for logs and tests.
func (g *Extensive) PathString(a *Assessment) string {
	var b strings.Builder
	for p, ch := range a.Choice {
		for is, c := range ch {
			fmt.Fprintf(&b, "%s[%d]: %s\n", g.Players[p], is+1, g.infosets[p][is][c])
		}
	}
	return b.String()
}

// ReducedStrategy returns the index, in ReducedNormalForm's order, of
// player pl's reduced pure strategy that takes action choice[is] at every
// information set is it can reach (as in Assessment.Choice).
func (g *Extensive) ReducedStrategy(pl int, choice []int) (int, error) {
	strats, _, err := g.reducedStrategies()
	if err != nil {
		return 0, err
	}
	if pl < 0 || pl >= len(strats) {
		return 0, fmt.Errorf("game: no player %d", pl+1)
	}
	for k, s := range strats[pl] {
		ok := true
		for is, act := range s {
			if act >= 0 && (is >= len(choice) || act != choice[is]) {
				ok = false
				break
			}
		}
		if ok {
			return k, nil
		}
	}
	return 0, fmt.Errorf("game: player %s has no reduced strategy that plays %v", g.Players[pl], choice)
}
