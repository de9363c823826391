package game

import (
	"errors"
	"fmt"
	"math/big"
)

// SPE is a subgame-perfect equilibrium of a perfect-information game.
type SPE struct {
	// Choice[player][infoset] is the index of the action chosen.
	Choice [][]int
	// Value is each player's expected payoff from the root.
	Value []*big.Rat
}

// BackwardInduction solves a game of perfect information (every information
// set a single node) by backward induction (Zermelo 1913; Kuhn 1953):
// at each decision node, from the leaves up, the mover picks the action
// with the highest expected payoff for itself; chance nodes average over
// their moves. Ties go to the first action, so the result is one
// subgame-perfect equilibrium in pure strategies. Outcomes on inner nodes
// add up along the path.
func (g *Extensive) BackwardInduction() (*SPE, error) {
	if err := g.perfectInformation(); err != nil {
		return nil, err
	}
	np := len(g.Players)
	spe := &SPE{Choice: make([][]int, np)}
	for p := range np {
		spe.Choice[p] = make([]int, len(g.infosets[p]))
	}
	var solve func(n *Node) []*big.Rat
	solve = func(n *Node) []*big.Rat {
		v := make([]*big.Rat, np)
		for p := range v {
			v[p] = new(big.Rat)
			if n.Payoff != nil {
				v[p].Set(n.Payoff[p])
			}
		}
		switch {
		case n.Player == -1:
			for i, c := range n.Children {
				cv := solve(c)
				for p := range v {
					v[p].Add(v[p], new(big.Rat).Mul(n.Probs[i], cv[p]))
				}
			}
		case n.Player >= 0:
			var best []*big.Rat
			bi := 0
			for i, c := range n.Children {
				cv := solve(c)
				if best == nil || cv[n.Player].Cmp(best[n.Player]) > 0 {
					best, bi = cv, i
				}
			}
			spe.Choice[n.Player][n.Infoset] = bi
			for p := range v {
				v[p].Add(v[p], best[p])
			}
		}
		return v
	}
	spe.Value = solve(g.Root)
	return spe, nil
}

// perfectInformation reports an error unless every information set is a
// single node.
func (g *Extensive) perfectInformation() error {
	seen := map[[2]int]bool{}
	var check func(n *Node) error
	check = func(n *Node) error {
		if n.Player >= 0 {
			k := [2]int{n.Player, n.Infoset}
			if seen[k] {
				return errors.New("game: not a game of perfect information (an information set has several nodes)")
			}
			seen[k] = true
		}
		for _, c := range n.Children {
			if err := check(c); err != nil {
				return err
			}
		}
		return nil
	}
	return check(g.Root)
}

// MaxSPE bounds the number of equilibria AllSubgamePerfect lists.
const MaxSPE = 100000

// AllSubgamePerfect returns every subgame-perfect equilibrium in pure
// strategies of a game of perfect information, in the order of the
// actions' indices (the first is BackwardInduction's). Backward induction
// with every tie kept: a subgame's equilibria are the combinations of its
// subgames' equilibria, each completed by every action that is best for
// the mover against that combination, so where a mover is indifferent the
// choice above can differ (Selten 1965; Osborne and Rubinstein 1994,
// Proposition 99.2: every finite game of perfect information has one, and
// backward induction with ties finds them all). It fails beyond MaxSPE
// equilibria.
func (g *Extensive) AllSubgamePerfect() ([]*SPE, error) {
	if err := g.perfectInformation(); err != nil {
		return nil, err
	}
	sv := &speSolver{g: g, np: len(g.Players)}
	parts, err := sv.solve(g.Root)
	if err != nil {
		return nil, err
	}
	out := make([]*SPE, len(parts))
	for i, pt := range parts {
		out[i] = &SPE{Choice: pt.choice, Value: pt.value}
	}
	return out, nil
}

// spePart is a partial equilibrium: the choices made in a subtree (-1
// elsewhere) and the payoffs from its root.
type spePart struct {
	choice [][]int
	value  []*big.Rat
}

// speSolver is backward induction keeping every tie.
type speSolver struct {
	g  *Extensive
	np int
}

// blank is a choice with nothing chosen.
func (sv *speSolver) blank() [][]int {
	c := make([][]int, sv.np)
	for p := range sv.np {
		c[p] = make([]int, len(sv.g.infosets[p]))
		for i := range c[p] {
			c[p][i] = -1
		}
	}
	return c
}

// merge copies the choices made in src into dst.
func merge(dst, src [][]int) {
	for p := range src {
		for i, a := range src[p] {
			if a >= 0 {
				dst[p][i] = a
			}
		}
	}
}

// payoff is n's own outcome (zero if none) plus add, a new vector.
func (sv *speSolver) payoff(n *Node, add []*big.Rat) []*big.Rat {
	v := make([]*big.Rat, sv.np)
	for p := range v {
		v[p] = new(big.Rat)
		if add != nil {
			v[p].Set(add[p])
		}
		if n.Payoff != nil {
			v[p].Add(v[p], n.Payoff[p])
		}
	}
	return v
}

// solve lists the subgame-perfect equilibria of the subtree at n.
func (sv *speSolver) solve(n *Node) ([]spePart, error) {
	if len(n.Children) == 0 {
		return []spePart{{choice: sv.blank(), value: sv.payoff(n, nil)}}, nil
	}
	subs := make([][]spePart, len(n.Children))
	total := 1
	for i, c := range n.Children {
		sp, err := sv.solve(c)
		if err != nil {
			return nil, err
		}
		subs[i] = sp
		if total *= len(sp); total > MaxSPE {
			return nil, fmt.Errorf("game: more than %d subgame-perfect equilibria", MaxSPE)
		}
	}
	var out []spePart
	idx := make([]int, len(subs))
	for {
		// One combination of the subgames' equilibria.
		out = append(out, sv.complete(n, subs, idx)...)
		if len(out) > MaxSPE {
			return nil, fmt.Errorf("game: more than %d subgame-perfect equilibria", MaxSPE)
		}
		k := 0
		for ; k < len(idx); k++ {
			idx[k]++
			if idx[k] < len(subs[k]) {
				break
			}
			idx[k] = 0
		}
		if k == len(idx) {
			return out, nil
		}
	}
}

// complete completes one combination idx of the subgames' equilibria at n:
// chance averages them; a player's node takes every action that is best
// for the mover against the combination.
func (sv *speSolver) complete(n *Node, subs [][]spePart, idx []int) []spePart {
	choice := sv.blank()
	for i := range subs {
		merge(choice, subs[i][idx[i]].choice)
	}
	if n.Player == -1 {
		v := make([]*big.Rat, sv.np)
		for p := range v {
			v[p] = new(big.Rat)
			if n.Payoff != nil {
				v[p].Set(n.Payoff[p])
			}
			for i := range subs {
				v[p].Add(v[p], new(big.Rat).Mul(n.Probs[i], subs[i][idx[i]].value[p]))
			}
		}
		return []spePart{{choice: choice, value: v}}
	}
	var top *big.Rat
	for i := range subs {
		if u := subs[i][idx[i]].value[n.Player]; top == nil || u.Cmp(top) > 0 {
			top = u
		}
	}
	var out []spePart
	for i := range subs {
		val := subs[i][idx[i]].value
		if val[n.Player].Cmp(top) != 0 {
			continue
		}
		c := sv.blank()
		merge(c, choice)
		c[n.Player][n.Infoset] = i
		out = append(out, spePart{choice: c, value: sv.payoff(n, val)})
	}
	return out
}
