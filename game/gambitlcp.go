package game

import (
	"errors"
	"math/big"
)

// GambitLCP finds one Nash equilibrium of a two-player extensive game by
// Lemke's algorithm on the sequence form, set up as Gambit's lcp_solve
// sets it up for behaviour strategies (stopping at the first equilibrium),
// so that it returns the equilibrium Gambit prints: it does on every lcp
// behaviour case of Gambit's test suite (TestGambitLCPCorpus). It differs
// from SequenceFormLCP in the start. The covering vector is all ones; the
// multipliers of the sequence constraints are non-negative variables and
// the constraints inequalities; every leaf's payoff (the outcomes on its
// path added up) is lowered by M, the largest payoff plus one, before the
// chance weights, so all entries are negative (the condition under which
// Koller, Megiddo and von Stengel 1996 show that Lemke's algorithm ends at
// an equilibrium; a uniform shift changes no player's preferences); the
// first pivot brings the artificial variable z₀ in at player 1's root
// constraint. With A', B' the shifted payoff matrices:
//
//	w_x = −A'y − Eᵀp + z₀ ≥ 0 ⊥ x ≥ 0,   w_y = −B'ᵀx − Fᵀq + z₀ ≥ 0 ⊥ y ≥ 0,
//	w_p = E x − e + z₀ ≥ 0 ⊥ p ≥ 0,      w_q = F y − f + z₀ ≥ 0 ⊥ q ≥ 0.
//
// Ties in the ratio test are broken by Eaves' (1971) lexicographic rule
// over the columns of the basis inverse, rows in the order x, y, p, q;
// sequences are numbered in the order a depth-first walk of the tree meets
// their information sets. Exact arithmetic; the result is checked against
// best responses.
//
// References:
//
//   - Koller, D., Megiddo, N. and von Stengel, B. (1996). Efficient
//     computation of equilibria for extensive two-person games. Games and
//     Economic Behavior 14:247-259.
//   - Eaves, B. C. (1971). The linear complementarity problem. Management
//     Science 17(9):612-634 (lexicographic degeneracy resolution).
//   - McKelvey, R. D., McLennan, A. M. and Turocy, T. L. (2016). Gambit,
//     version 16 (lcp_solve on the sequence form).
func (g *Extensive) GambitLCP() (Behavior, error) {
	if len(g.Players) != 2 {
		return nil, errors.New("game: the sequence form here is for two players")
	}
	sf, err := g.sequenceForm()
	if err != nil {
		return nil, err
	}
	order, pos := gambitSequenceOrder(g, sf)
	n := [2]int{len(order[0]), len(order[1])}
	k := [2]int{1 + len(g.infosets[0]), 1 + len(g.infosets[1])}
	if n[0] != len(sf.seqs[0]) || n[1] != len(sf.seqs[1]) {
		return nil, errors.New("game: an information set no node reaches")
	}
	pay := gambitPayoffs(g, sf)
	T, basis := gambitTableau(sf, order, pos, pay, n, k)
	nt := len(basis)
	cz0, rhs := 2*nt, 2*nt+1
	rowX, rowY, rowP := 0, n[0], n[0]+n[1]
	pivotAt(T, basis, rowP, cz0)
	if err := lemkeLexicographic(T, basis, rowP, cz0, rhs); err != nil {
		return nil, err
	}
	if basis[0] == cz0 {
		return nil, errors.New("game: sequence form: no equilibrium")
	}
	plans := [2][]*big.Rat{make([]*big.Rat, n[0]), make([]*big.Rat, n[1])}
	for p := range 2 {
		for s := range plans[p] {
			plans[p][s] = new(big.Rat)
		}
	}
	for i, v := range basis {
		switch {
		case v >= rowX && v < rowY:
			plans[0][order[0][v-rowX]].Set(T[i][rhs])
		case v >= rowY && v < rowP:
			plans[1][order[1][v-rowY]].Set(T[i][rhs])
		}
	}
	for _, v := range basis {
		if v == cz0 {
			return nil, errors.New("game: sequence form: no equilibrium")
		}
	}
	if err := checkSequenceEquilibrium(g, sf, plans[0], plans[1]); err != nil {
		return nil, err
	}
	return Behavior{g.toBehavior(0, sf, plans[0]), g.toBehavior(1, sf, plans[1])}, nil
}

// gambitSequenceOrder numbers sequences as Gambit does: information sets
// in the order a depth-first walk meets them, actions in order. order[p]
// maps a position to our sequence index, pos[p] the reverse.
func gambitSequenceOrder(g *Extensive, sf *seqForm) (order [2][]int, pos [2]map[int]int) {
	seen := [2]map[int]bool{{}, {}}
	for p := range 2 {
		order[p] = []int{0}
	}
	var dfs func(n *Node)
	dfs = func(n *Node) {
		if p := n.Player; p >= 0 && !seen[p][n.Infoset] {
			seen[p][n.Infoset] = true
			for a := range n.Actions {
				order[p] = append(order[p], sf.index[p][[2]int{n.Infoset, a}])
			}
		}
		for _, c := range n.Children {
			dfs(c)
		}
	}
	dfs(g.Root)
	pos = [2]map[int]int{{}, {}}
	for p := range 2 {
		for i, s := range order[p] {
			pos[p][s] = i
		}
	}
	return order, pos
}

// gambitPayoffs are the payoffs by pair of sequences, with every outcome on
// the way to a leaf counted at the leaf (chance-weighted), lowered by the
// largest payoff + 1 as Gambit does.
func gambitPayoffs(g *Extensive, sf *seqForm) [2]map[[2]int]*big.Rat {
	pay := [2]map[[2]int]*big.Rat{{}, {}}
	type leaf struct {
		last [2]int
		w    *big.Rat
		acc  [2]*big.Rat
	}
	var leaves []leaf
	maxpay := new(big.Rat)
	first := true
	var walk func(nd *Node, last [2]int, w *big.Rat, acc [2]*big.Rat)
	walk = func(nd *Node, last [2]int, w *big.Rat, acc [2]*big.Rat) {
		if nd.Payoff != nil {
			for p := range 2 {
				acc[p] = new(big.Rat).Add(acc[p], nd.Payoff[p])
			}
			for _, v := range nd.Payoff {
				if first || v.Cmp(maxpay) > 0 {
					maxpay.Set(v)
					first = false
				}
			}
		}
		if len(nd.Children) == 0 {
			leaves = append(leaves, leaf{last, w, acc})
		}
		for a, c := range nd.Children {
			nl, nw := last, w
			if p := nd.Player; p >= 0 {
				nl[p] = sf.index[p][[2]int{nd.Infoset, a}]
			} else if p == -1 {
				nw = new(big.Rat).Mul(w, nd.Probs[a])
			}
			walk(c, nl, nw, acc)
		}
	}
	walk(g.Root, [2]int{0, 0}, big.NewRat(1, 1), [2]*big.Rat{new(big.Rat), new(big.Rat)})
	for _, l := range leaves {
		for p := range 2 {
			if pay[p][l.last] == nil {
				pay[p][l.last] = new(big.Rat)
			}
			if l.acc[p].Cmp(maxpay) >= 0 {
				maxpay.Set(l.acc[p]) // accumulated outcomes above every single one
			}
		}
	}
	maxpay.Add(maxpay, big.NewRat(1, 1))
	for _, l := range leaves {
		for p := range 2 {
			v := new(big.Rat).Sub(l.acc[p], maxpay)
			pay[p][l.last].Add(pay[p][l.last], v.Mul(v, l.w))
		}
	}
	return pay
}

// gambitTableau sets up the LCP tableau. Rows: x (n0), y (n1), p (k0), q
// (k1). Columns: z = (x, y, p, q), then the slacks w, then z₀, then the
// right-hand side; the equations read A z + w − z₀ = b. The basis starts
// with the slacks.
func gambitTableau(sf *seqForm, order [2][]int, pos [2]map[int]int, pay [2]map[[2]int]*big.Rat, n, k [2]int) ([][]*big.Rat, []int) {
	nt := n[0] + n[1] + k[0] + k[1]
	cz0, rhs := 2*nt, 2*nt+1
	T := make([][]*big.Rat, nt)
	for i := range T {
		T[i] = make([]*big.Rat, 2*nt+2)
		for j := range T[i] {
			T[i][j] = new(big.Rat)
		}
		T[i][nt+i].SetInt64(1)
		T[i][cz0].SetInt64(-1)
	}
	rowX, rowY, rowP, rowQ := 0, n[0], n[0]+n[1], n[0]+n[1]+k[0]
	off := [2]int{rowX, rowY}
	mult := [2]int{rowP, rowQ}
	// Position of each information set's multiplier: the root constraint
	// first, then the information sets in Gambit's numbering (the file's).
	for p := range 2 {
		for s := 1; s < n[p]; s++ {
			seq := sf.seqs[p][order[p][s]]
			h := mult[p] + 1 + seq.infoset
			par := off[p] + pos[p][sf.parent[p][seq.infoset]]
			me := off[p] + s
			T[par][h].SetInt64(-1)
			T[h][par].SetInt64(1)
			T[me][h].SetInt64(1)
			T[h][me].SetInt64(-1)
		}
		T[off[p]][mult[p]].SetInt64(1) // x_∅ and the root constraint
		T[mult[p]][off[p]].SetInt64(-1)
		T[mult[p]][rhs].SetInt64(-1)
	}
	for pair := range pay[0] {
		i, j := pos[0][pair[0]], pos[1][pair[1]]
		T[rowX+i][rowY+j].Set(pay[0][pair])
		T[rowY+j][rowX+i].Set(pay[1][pair])
	}
	basis := make([]int, nt)
	for i := range basis {
		basis[i] = nt + i // the slacks
	}
	return T, basis
}

// lemkeLexicographic follows Lemke's path from the entering column enter
// until z₀ (column cz0) leaves the basis, choosing the leaving row by
// Eaves' lexicographic rule over the basis inverse.
func lemkeLexicographic(T [][]*big.Rat, basis []int, enter, cz0, rhs int) error {
	nt := len(basis)
	complement := func(v int) int {
		if v < nt {
			return v + nt
		}
		return v - nt
	}
	a, b := new(big.Rat), new(big.Rat)
	for range maxLemkePivots {
		row := -1
		for i := range T {
			if T[i][enter].Sign() <= 0 {
				continue
			}
			if row < 0 {
				row = i
				continue
			}
			// Lexicographic minimum of (rhs, columns of the basis inverse)
			// divided by the entering column.
			for c := -1; c < nt; c++ {
				col := rhs
				if c >= 0 {
					col = nt + c
				}
				a.Quo(T[i][col], T[i][enter])
				b.Quo(T[row][col], T[row][enter])
				if d := a.Cmp(b); d != 0 {
					if d < 0 {
						row = i
					}
					break
				}
			}
		}
		if row < 0 {
			return errors.New("game: sequence form: Lemke's path ended on a ray")
		}
		leave := basis[row]
		pivotAt(T, basis, row, enter)
		if leave == cz0 {
			return nil
		}
		enter = complement(leave)
	}
	return nil
}
