package game

import (
	"errors"
	"math/big"
)

// Behavior gives, for each player, a probability vector over the actions of
// each of its information sets (in information-set order).
type Behavior [][][]*big.Rat

// ZeroSumSequenceForm solves a two-player zero-sum (or constant-sum)
// extensive game with
// perfect recall by the sequence form (Koller, Megiddo and von Stengel
// 1996, "Efficient computation of equilibria for extensive two-person
// games", Games and Economic Behavior 14:247-259): player 1's optimal
// realisation plan x solves the linear program
//
//	maximise q₀  subject to  Fᵀq − Aᵀx ≤ 0,  E x = e,  x ≥ 0  (q free)
//
// where A is player 1's payoff by pair of sequences (chance included), and
// E, F the sequence constraints (x_∅ = 1; the plans of an information set's
// actions sum to the plan of its parent sequence). Player 2's plan solves
// the same program for the game with payoffs −Aᵀ. The value is q₀. Plans
// become behaviour strategies by dividing by the parent sequence's plan;
// information sets a player's own plan never reaches get the uniform
// distribution. Exact arithmetic (two-phase simplex, Bland's rule).
func (g *Extensive) ZeroSumSequenceForm() (*big.Rat, Behavior, error) {
	if len(g.Players) != 2 {
		return nil, nil, errors.New("game: the sequence form here is for two players")
	}
	sf, err := g.sequenceForm()
	if err != nil {
		return nil, nil, err
	}
	// Constant-sum games (every play's payoffs add to the same total) are
	// strategically zero-sum: player 2 minimises player 1's payoff.
	if !sf.zeroSum {
		return nil, nil, errors.New("game: not a constant-sum game")
	}
	v1, x, err := sequenceLP(sf.A[0], sf.E[0], sf.E[1])
	if err != nil {
		return nil, nil, err
	}
	negT := transposeNeg(sf.A[0])
	_, y, err := sequenceLP(negT, sf.E[1], sf.E[0])
	if err != nil {
		return nil, nil, err
	}
	beh := Behavior{g.toBehavior(0, sf, x), g.toBehavior(1, sf, y)}
	return v1, beh, nil
}

// seqForm holds the sequence form: per player the sequences (index 0 is
// the empty sequence; each other is an (infoset, action) pair with its
// parent), the constraint matrices E, and the payoff matrices A[player].
type seqForm struct {
	seqs    [2][]seq
	index   [2]map[[2]int]int // (infoset, action) → sequence
	parent  [2]map[int]int    // infoset → parent sequence
	E       [2][][]*big.Rat
	A       [2][][]*big.Rat
	zeroSum bool
}

type seq struct{ infoset, action int }

func (g *Extensive) sequenceForm() (*seqForm, error) {
	sf := &seqForm{zeroSum: true}
	for p := range 2 {
		sf.seqs[p] = []seq{{-1, -1}}
		sf.index[p] = map[[2]int]int{}
		sf.parent[p] = map[int]int{}
		for is := range len(g.infosets[p]) {
			acts, ok := g.infosets[p][is]
			if !ok {
				return nil, errors.New("game: information sets must be numbered from 1 without gaps")
			}
			for a := range acts {
				sf.index[p][[2]int{is, a}] = len(sf.seqs[p])
				sf.seqs[p] = append(sf.seqs[p], seq{is, a})
			}
		}
	}
	n1, n2 := len(sf.seqs[0]), len(sf.seqs[1])
	for p := range 2 {
		sf.A[p] = make([][]*big.Rat, n1)
		for i := range sf.A[p] {
			sf.A[p][i] = make([]*big.Rat, n2)
			for j := range sf.A[p][i] {
				sf.A[p][i][j] = new(big.Rat)
			}
		}
	}
	// Walk the tree with each player's last sequence and the chance weight.
	var err error
	var total *big.Rat // payoffs' sum at the end of every path, if constant
	var walk func(n *Node, last [2]int, w *big.Rat, sum *big.Rat)
	walk = func(n *Node, last [2]int, w *big.Rat, sum *big.Rat) {
		if err != nil {
			return
		}
		if n.Payoff != nil {
			for p := range 2 {
				sf.A[p][last[0]][last[1]].Add(sf.A[p][last[0]][last[1]], new(big.Rat).Mul(w, n.Payoff[p]))
			}
			sum = new(big.Rat).Add(sum, new(big.Rat).Add(n.Payoff[0], n.Payoff[1]))
		}
		if len(n.Children) == 0 {
			if total == nil {
				total = sum
			} else if total.Cmp(sum) != 0 {
				sf.zeroSum = false
			}
		}
		switch {
		case n.Player == -1:
			for i, c := range n.Children {
				walk(c, last, new(big.Rat).Mul(w, n.Probs[i]), sum)
			}
		case n.Player >= 0:
			p := n.Player
			if prev, ok := sf.parent[p][n.Infoset]; ok && prev != last[p] {
				err = errors.New("game: the game does not have perfect recall")
				return
			}
			sf.parent[p][n.Infoset] = last[p]
			for a, c := range n.Children {
				nl := last
				nl[p] = sf.index[p][[2]int{n.Infoset, a}]
				walk(c, nl, w, sum)
			}
		}
	}
	walk(g.Root, [2]int{0, 0}, big.NewRat(1, 1), new(big.Rat))
	if err != nil {
		return nil, err
	}
	for p := range 2 {
		ns := len(sf.seqs[p])
		rows := 1 + len(g.infosets[p])
		E := make([][]*big.Rat, rows)
		for r := range E {
			E[r] = make([]*big.Rat, ns)
			for c := range E[r] {
				E[r][c] = new(big.Rat)
			}
		}
		E[0][0].SetInt64(1)
		for is := range len(g.infosets[p]) {
			par, ok := sf.parent[p][is]
			if !ok {
				par = 0 // an information set that no node reaches (cannot happen in a valid file)
			}
			E[1+is][par].SetInt64(-1)
			for a := range g.infosets[p][is] {
				E[1+is][sf.index[p][[2]int{is, a}]].SetInt64(1)
			}
		}
		sf.E[p] = E
	}
	return sf, nil
}

func transposeNeg(a [][]*big.Rat) [][]*big.Rat {
	if len(a) == 0 {
		return nil
	}
	out := make([][]*big.Rat, len(a[0]))
	for j := range out {
		out[j] = make([]*big.Rat, len(a))
		for i := range a {
			out[j][i] = new(big.Rat).Neg(a[i][j])
		}
	}
	return out
}

// sequenceLP solves max q₀ s.t. Fᵀq − Aᵀx ≤ 0, E x = e, x ≥ 0, q free,
// for the maximising player with payoff A (rows: its sequences), its
// constraints E and the opponent's F. It returns the value and x.
func sequenceLP(A [][]*big.Rat, E, F [][]*big.Rat) (*big.Rat, []*big.Rat, error) {
	nx := len(A)
	ny := len(A[0])
	nq := len(F) // opponent's constraint rows
	ne := len(E) // own constraint rows
	// Variables: x (nx), q⁺ (nq), q⁻ (nq), slacks s (ny), artificials a (ne).
	nv := nx + 2*nq + ny + ne
	rows := ny + ne
	t := make([][]*big.Rat, rows+1)
	for r := range t {
		t[r] = make([]*big.Rat, nv+1)
		for c := range t[r] {
			t[r][c] = new(big.Rat)
		}
	}
	// Rows 0..ny-1: Σ_k F[k][j] q_k − Σ_i A[i][j] x_i + s_j = 0.
	for j := range ny {
		for i := range nx {
			t[j][i].Neg(A[i][j])
		}
		for k := range nq {
			t[j][nx+k].Set(F[k][j])
			t[j][nx+nq+k].Neg(F[k][j])
		}
		t[j][nx+2*nq+j].SetInt64(1)
	}
	// Rows ny..: E x = e, with artificials.
	for r := range ne {
		for i := range nx {
			t[ny+r][i].Set(E[r][i])
		}
		t[ny+r][nx+2*nq+ny+r].SetInt64(1)
		if r == 0 {
			t[ny+r][nv].SetInt64(1)
		}
	}
	basis := make([]int, rows)
	for j := range ny {
		basis[j] = nx + 2*nq + j
	}
	for r := range ne {
		basis[ny+r] = nx + 2*nq + ny + r
	}
	artStart := nx + 2*nq + ny
	// Phase 1: minimise the sum of artificials (maximise its negative).
	obj := t[rows]
	for c := range obj {
		obj[c].SetInt64(0)
	}
	for r := range ne {
		for c := range nv + 1 {
			obj[c].Sub(obj[c], t[ny+r][c])
		}
		obj[artStart+r].SetInt64(0)
	}
	if err := simplexRun(t, basis, nv, -1); err != nil {
		return nil, nil, err
	}
	if t[rows][nv].Sign() != 0 {
		return nil, nil, errors.New("game: the sequence constraints are infeasible")
	}
	// Drive artificials out of the basis where possible.
	for r, b := range basis {
		if b < artStart {
			continue
		}
		for c := range artStart {
			if t[r][c].Sign() != 0 {
				pivotAt(t, basis, r, c)
				break
			}
		}
	}
	// Phase 2: maximise q₀⁺ − q₀⁻ (artificial columns barred).
	for c := range obj {
		obj[c].SetInt64(0)
	}
	obj[nx].SetInt64(-1)
	obj[nx+nq].SetInt64(1)
	for r, b := range basis {
		if obj[b].Sign() != 0 {
			f := new(big.Rat).Set(obj[b])
			for c := range nv + 1 {
				obj[c].Sub(obj[c], new(big.Rat).Mul(f, t[r][c]))
			}
		}
	}
	if err := simplexRun(t, basis, nv, artStart); err != nil {
		return nil, nil, err
	}
	x := make([]*big.Rat, nx)
	for i := range x {
		x[i] = new(big.Rat)
	}
	for r, b := range basis {
		if b < nx {
			x[b].Set(t[r][nv])
		}
	}
	return new(big.Rat).Set(t[rows][nv]), x, nil
}

// simplexRun pivots the tableau t (last row the objective in reduced-cost
// form: maximise, optimal when no entry of the last row is negative) with
// Bland's rule; columns from bar on may not enter (bar < 0: none barred).
func simplexRun(t [][]*big.Rat, basis []int, nv, bar int) error {
	rows := len(t) - 1
	for iter := 0; iter < 200000; iter++ {
		enter := -1
		for c := range nv {
			if bar >= 0 && c >= bar {
				break
			}
			if t[rows][c].Sign() < 0 {
				enter = c
				break
			}
		}
		if enter < 0 {
			return nil
		}
		leave := -1
		var best *big.Rat
		for r := range rows {
			if t[r][enter].Sign() <= 0 {
				continue
			}
			ratio := new(big.Rat).Quo(t[r][nv], t[r][enter])
			if leave < 0 || ratio.Cmp(best) < 0 || ratio.Cmp(best) == 0 && basis[r] < basis[leave] {
				leave, best = r, ratio
			}
		}
		if leave < 0 {
			return errors.New("game: unbounded linear program")
		}
		pivotAt(t, basis, leave, enter)
	}
	return errors.New("game: simplex did not converge")
}

func pivotAt(t [][]*big.Rat, basis []int, r, c int) {
	piv := new(big.Rat).Set(t[r][c])
	for k := range t[r] {
		t[r][k].Quo(t[r][k], piv)
	}
	tmp := new(big.Rat)
	for i := range t {
		if i == r || t[i][c].Sign() == 0 {
			continue
		}
		f := new(big.Rat).Set(t[i][c])
		for k := range t[i] {
			t[i][k].Sub(t[i][k], tmp.Mul(f, t[r][k]))
		}
	}
	basis[r] = c
}

// toBehavior turns player p's realisation plan into behaviour strategies.
func (g *Extensive) toBehavior(p int, sf *seqForm, x []*big.Rat) [][]*big.Rat {
	out := make([][]*big.Rat, len(g.infosets[p]))
	for is := range out {
		acts := g.infosets[p][is]
		out[is] = make([]*big.Rat, len(acts))
		par := x[sf.parent[p][is]]
		for a := range acts {
			if par.Sign() == 0 {
				out[is][a] = big.NewRat(1, int64(len(acts)))
			} else {
				out[is][a] = new(big.Rat).Quo(x[sf.index[p][[2]int{is, a}]], par)
			}
		}
	}
	return out
}

// BehaviorPayoff returns each player's expected payoff when both play the
// behaviour strategies b.
func (g *Extensive) BehaviorPayoff(b Behavior) []*big.Rat {
	out := make([]*big.Rat, len(g.Players))
	for p := range out {
		out[p] = new(big.Rat)
	}
	g.reach(b, func(n *Node, w *big.Rat) {
		if n.Payoff != nil {
			for p := range out {
				out[p].Add(out[p], new(big.Rat).Mul(w, n.Payoff[p]))
			}
		}
	})
	return out
}

// reach calls visit with every node that behaviour profile b reaches with
// positive probability, and that probability, in depth-first order.
func (g *Extensive) reach(b Behavior, visit func(n *Node, w *big.Rat)) {
	var walk func(n *Node, w *big.Rat)
	walk = func(n *Node, w *big.Rat) {
		if w.Sign() == 0 {
			return
		}
		visit(n, w)
		for i, c := range n.Children {
			var pr *big.Rat
			if n.Player == -1 {
				pr = n.Probs[i]
			} else {
				pr = b[n.Player][n.Infoset][i]
			}
			walk(c, new(big.Rat).Mul(w, pr))
		}
	}
	walk(g.Root, big.NewRat(1, 1))
}
