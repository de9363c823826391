package game

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
)

// BehaviorFromMixed turns a mixed profile over the reduced strategic form
// (as ReducedNormalForm orders it) into behaviour strategies by Kuhn's
// theorem (Kuhn 1953; the game has perfect recall): the probability of
// action a at information set I of player i is
//
//	β_i(a | I) = Σ_{s: s(I) = a} σ_i(s) / Σ_{s reaches I} σ_i(s)
//
// where "s reaches I" means s's own choices do not exclude I. Where the
// player's own mixed strategy never reaches I (the denominator is 0), any
// behaviour is equivalent; the first action is given probability 1 and
// reached reports false for it.
//
// Without perfect recall Kuhn's theorem fails (a mixed equilibrium's
// behaviour strategies need not be an equilibrium): such games are
// refused.
func (g *Extensive) BehaviorFromMixed(mp MixedProfile) (b Behavior, reached [][]bool, err error) {
	if err := g.PerfectRecall(); err != nil {
		return nil, nil, err
	}
	strats, _, err := g.reducedStrategies()
	if err != nil {
		return nil, nil, err
	}
	if len(mp) != len(strats) {
		return nil, nil, errors.New("game: profile and game have different numbers of players")
	}
	b = make(Behavior, len(strats))
	reached = make([][]bool, len(strats))
	for pl, ss := range strats {
		if len(mp[pl]) != len(ss) {
			return nil, nil, errors.New("game: a mixed strategy does not match the reduced strategies")
		}
		n := len(g.infosets[pl])
		b[pl] = make([][]*big.Rat, n)
		reached[pl] = make([]bool, n)
		for is := range n {
			acts := g.infosets[pl][is]
			num := make([]*big.Rat, len(acts))
			for a := range num {
				num[a] = new(big.Rat)
			}
			den := new(big.Rat)
			for k, s := range ss {
				if len(s) == 0 || s[is] < 0 {
					continue
				}
				num[s[is]].Add(num[s[is]], mp[pl][k])
				den.Add(den, mp[pl][k])
			}
			if den.Sign() == 0 {
				num[0].SetInt64(1)
				b[pl][is] = num
				continue
			}
			reached[pl][is] = true
			for a := range num {
				num[a].Quo(num[a], den)
			}
			b[pl][is] = num
		}
	}
	return b, reached, nil
}

// RealizationPlan returns, for player pl, the probability its own choices
// give each of its sequences (information set, action), in the order of
// information sets and actions, under behaviour strategies b: the product
// of b along the player's own path to that action (Koller, Megiddo and von
// Stengel 1996). Two behaviour profiles with the same plans for both
// players are equivalent (they induce the same outcome against anything).
func (g *Extensive) RealizationPlan(b Behavior, pl int) []*big.Rat {
	parent := map[int][2]int{} // infoset → (parent infoset, action), or (-1, -1)
	var walk func(n *Node, last [2]int)
	walk = func(n *Node, last [2]int) {
		if n.Player == pl {
			parent[n.Infoset] = last
			for a, c := range n.Children {
				walk(c, [2]int{n.Infoset, a})
			}
			return
		}
		for _, c := range n.Children {
			walk(c, last)
		}
	}
	walk(g.Root, [2]int{-1, -1})
	var out []*big.Rat
	var plan func(is, a int) *big.Rat
	plan = func(is, a int) *big.Rat {
		p := new(big.Rat).Set(b[pl][is][a])
		if par, ok := parent[is]; ok && par[0] >= 0 {
			p.Mul(p, plan(par[0], par[1]))
		}
		return p
	}
	for is := range len(g.infosets[pl]) {
		for a := range g.infosets[pl][is] {
			out = append(out, plan(is, a))
		}
	}
	return out
}

// PerfectRecall returns an error unless every player remembers its own
// earlier information sets and actions: all nodes of an information set are
// reached by the same last own (information set, action) of its player
// (Kuhn 1953; by induction this fixes the player's whole own history).
func (g *Extensive) PerfectRecall() error {
	type seq struct{ infoset, action int }
	seen := make([]map[int]seq, len(g.Players))
	for p := range seen {
		seen[p] = map[int]seq{}
	}
	var walk func(n *Node, last []seq) error
	walk = func(n *Node, last []seq) error {
		if p := n.Player; p >= 0 {
			if prev, ok := seen[p][n.Infoset]; ok && prev != last[p] {
				return fmt.Errorf("game: the game does not have perfect recall (player %s forgets at information set %d): "+
					"behaviour strategies need not be equivalent to its mixed ones (Kuhn 1953); use the strategic-form answer", g.Players[p], n.Infoset+1)
			}
			seen[p][n.Infoset] = last[p]
		}
		for a, c := range n.Children {
			next := last
			if p := n.Player; p >= 0 {
				next = slices.Clone(last)
				next[p] = seq{n.Infoset, a}
			}
			if err := walk(c, next); err != nil {
				return err
			}
		}
		return nil
	}
	root := make([]seq, len(g.Players))
	for p := range root {
		root[p] = seq{-1, -1}
	}
	return walk(g.Root, root)
}
