package game

import (
	"errors"
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
	if err := check(g.Root); err != nil {
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
