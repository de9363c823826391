package game

import (
	"errors"
	"math/big"
)

// GambitLP solves a two-player constant-sum extensive game with perfect
// recall by the sequence-form linear program set up and solved as
// Gambit's lp_solve does for behaviour strategies, so that where the game
// has several optimal profiles it returns the one Gambit prints (it does
// on every lp behaviour case of Gambit's test suite, TestGambitLPCorpus).
// ZeroSumSequenceForm solves the same program by another simplex path.
//
// The program (Koller, Megiddo and von Stengel 1996), in Gambit's layout:
// columns are player 2's sequences y then player 1's information-set
// variables u (its root first), rows player 1's sequences then player 2's
// information-set constraints, which hold with equality:
//
//	maximise −u₀  subject to  A [y; u] ≥ … in the form A z + s = b, z ≥ 0,
//	s ≥ 0 on the sequence rows and s = 0 on the constraint rows,
//
// where A holds player 1's payoffs (the outcomes on the way to each leaf
// added up) less the smallest such payoff of either player (so the value
// variable is non-negative), chance-weighted, ±1 entries tying each information set to its
// parent and child sequences, and b = 1 on player 2's root constraint.
// Information sets are numbered, and their actions' sequences numbered,
// in the order a depth-first walk meets them (as Gambit renumbers them
// when it reads a file; Gambit also prints profiles in that order, while
// the profile returned here follows the file's numbering).
//
// The simplex is the bounded-variable primal simplex of Murtagh (1981) as
// Gambit implements it: phase I from the all-slack basis with cost −1 on
// the slacks of the equality rows, stopping as soon as they are driven to
// zero; phase II with those slacks fixed at 0; the entering variable the
// one with the largest reduced cost in absolute value (the first on ties,
// columns before slacks); the leaving row the first with the smallest
// ratio. Player 2's plan is the primal solution, player 1's the duals of
// its sequence rows; information sets a player's own plan does not reach
// get the uniform distribution. Exact arithmetic.
//
// References:
//
//   - Koller, D., Megiddo, N. and von Stengel, B. (1996). Efficient
//     computation of equilibria for extensive two-person games. Games and
//     Economic Behavior 14:247-259.
//   - Murtagh, B. A. (1981). Advanced Linear Programming: Computation and
//     Practice. McGraw-Hill.
//   - McKelvey, R. D., McLennan, A. M. and Turocy, T. L. (2016). Gambit,
//     version 16 (lp_solve).
func (g *Extensive) GambitLP() (Behavior, error) {
	if len(g.Players) != 2 {
		return nil, errors.New("game: the sequence form here is for two players")
	}
	sf, err := g.sequenceForm() // checks perfect recall
	if err != nil {
		return nil, err
	}
	if !sf.zeroSum {
		return nil, errors.New("game: not a constant-sum game")
	}
	num := gambitLPNumbering(g)
	A, b, c := num.program(g)
	primal, dual, err := boundedSimplex(A, b, c, num.ni[1])
	if err != nil {
		return nil, err
	}
	return num.behavior(g, primal, dual), nil
}

// gambitLPNumbers are the sequence numbers of Gambit's lp (1 is the empty
// sequence): information sets in the order a depth-first walk meets them,
// their actions in order; and the outcomes on the way to each leaf added
// up at the leaf (acc; 0 if there are none), minpay the smallest of those
// sums over both players.
type gambitLPNumbers struct {
	offset, number [2]map[int]int // first sequence and Gambit's number of each information set
	ns, ni         [2]int         // sequences + 1; information sets + 1
	acc            map[*Node][]*big.Rat
	minpay         *big.Rat
}

func gambitLPNumbering(g *Extensive) *gambitLPNumbers {
	num := &gambitLPNumbers{ns: [2]int{1, 1}, acc: map[*Node][]*big.Rat{}}
	for p := range 2 {
		num.offset[p] = map[int]int{}
		num.number[p] = map[int]int{}
	}
	var dfs func(n *Node, sum []*big.Rat)
	dfs = func(n *Node, sum []*big.Rat) {
		if n.Payoff != nil {
			next := make([]*big.Rat, len(n.Payoff))
			for i, v := range n.Payoff {
				next[i] = new(big.Rat).Set(v)
				if sum != nil {
					next[i].Add(next[i], sum[i])
				}
			}
			sum = next
		}
		if len(n.Children) == 0 {
			if sum == nil { // no outcome on the way: 0 to everyone
				sum = make([]*big.Rat, len(g.Players))
				for i := range sum {
					sum[i] = new(big.Rat)
				}
			}
			num.acc[n] = sum
			for _, v := range sum {
				if num.minpay == nil || v.Cmp(num.minpay) < 0 {
					num.minpay = v
				}
			}
		}
		if p := n.Player; p >= 0 {
			if _, ok := num.offset[p][n.Infoset]; !ok {
				num.offset[p][n.Infoset] = num.ns[p]
				num.ns[p] += len(n.Actions)
				num.number[p][n.Infoset] = len(num.number[p]) + 1
			}
		}
		for _, c := range n.Children {
			dfs(c, sum)
		}
	}
	dfs(g.Root, nil)
	if num.minpay == nil {
		num.minpay = new(big.Rat)
	}
	num.ni = [2]int{1 + len(g.infosets[0]), 1 + len(g.infosets[1])}
	return num
}

// program is the linear program as Gambit's lp sets it up (1-based):
// maximise c·x subject to A x ≤ b, the last ni[1] rows equalities.
func (num *gambitLPNumbers) program(g *Extensive) (A [][]*big.Rat, b, c []*big.Rat) {
	ns, offset, number := num.ns, num.offset, num.number
	m, n := ns[0]+num.ni[1], ns[1]+num.ni[0] // rows, columns (1-based below)
	A = make([][]*big.Rat, m+1)
	for i := range A {
		A[i] = make([]*big.Rat, n+1)
		for j := range A[i] {
			A[i][j] = new(big.Rat)
		}
	}
	one, minusOne := big.NewRat(1, 1), big.NewRat(-1, 1)
	var fill func(nd *Node, prob *big.Rat, s1, s2 int)
	fill = func(nd *Node, prob *big.Rat, s1, s2 int) {
		if sum := num.acc[nd]; sum != nil {
			v := new(big.Rat).Sub(sum[0], num.minpay)
			A[s1][s2].Add(A[s1][s2], v.Mul(v, prob))
		}
		switch p := nd.Player; {
		case len(nd.Children) == 0:
		case p < 0:
			for a, c := range nd.Children {
				fill(c, new(big.Rat).Mul(prob, nd.Probs[a]), s1, s2)
			}
		case p == 0:
			col := ns[1] + number[0][nd.Infoset] + 1
			A[s1][col].Set(one)
			for a, c := range nd.Children {
				s := offset[0][nd.Infoset] + 1 + a
				A[s][col].Set(minusOne)
				fill(c, prob, s, s2)
			}
		default:
			row := ns[0] + number[1][nd.Infoset] + 1
			A[row][s2].Set(minusOne)
			for a, c := range nd.Children {
				s := offset[1][nd.Infoset] + 1 + a
				A[row][s].Set(one)
				fill(c, prob, s1, s)
			}
		}
	}
	fill(g.Root, big.NewRat(1, 1), 1, 1)
	A[1][ns[1]+1].Set(minusOne)
	A[ns[0]+1][1].Set(one)
	b = make([]*big.Rat, m+1)
	for i := range b {
		b[i] = new(big.Rat)
	}
	b[ns[0]+1].SetInt64(1)
	c = make([]*big.Rat, n+1)
	for j := range c {
		c[j] = new(big.Rat)
	}
	c[ns[1]+1].SetInt64(-1)
	return A, b, c
}

// behavior reads the behaviour strategies from the plans: player 2's from
// the primal, player 1's from the duals of its sequence rows; an
// information set no plan reaches gets the uniform distribution.
func (num *gambitLPNumbers) behavior(g *Extensive, primal, dual []*big.Rat) Behavior {
	offset := num.offset
	beh := Behavior{make([][]*big.Rat, len(g.infosets[0])), make([][]*big.Rat, len(g.infosets[1]))}
	for p := range 2 {
		for h := range beh[p] {
			beh[p][h] = make([]*big.Rat, len(g.infosets[p][h]))
			for a := range beh[p][h] {
				beh[p][h][a] = new(big.Rat)
			}
		}
	}
	var read func(nd *Node, s1, s2 int)
	read = func(nd *Node, s1, s2 int) {
		switch p := nd.Player; {
		case len(nd.Children) == 0:
		case p < 0:
			for _, c := range nd.Children {
				read(c, s1, s2)
			}
		case p == 1:
			for a, c := range nd.Children {
				s := offset[1][nd.Infoset] + 1 + a
				if primal[s1].Sign() > 0 {
					beh[1][nd.Infoset][a].Quo(primal[s], primal[s1])
				}
				read(c, s, s2)
			}
		default:
			for a, c := range nd.Children {
				s := offset[0][nd.Infoset] + 1 + a
				if dual[s2].Sign() > 0 {
					beh[0][nd.Infoset][a].Quo(dual[s], dual[s2])
				}
				read(c, s1, s)
			}
		}
	}
	read(g.Root, 1, 1)
	for p := range 2 {
		for _, probs := range beh[p] {
			sum := new(big.Rat)
			for _, x := range probs {
				sum.Add(sum, x)
			}
			if sum.Sign() == 0 {
				for _, x := range probs {
					x.SetFrac64(1, int64(len(probs)))
				}
			}
		}
	}
	return beh
}

// boundedSimplex maximises c·x subject to A x + s = b, x ≥ 0, s ≥ 0, the
// slacks of the last nequals rows fixed at 0 in phase II, b ≥ 0, as
// Gambit's LPSolve does (see GambitLP). Arrays are 1-based (index 0
// unused). It returns the values of the columns and the duals of the rows
// whose slacks are not basic (0 for the others).
func boundedSimplex(A [][]*big.Rat, b, c []*big.Rat, nequals int) (primal, dual []*big.Rat, err error) {
	m, n := len(b)-1, len(c)-1
	for i := 1; i <= m; i++ {
		if b[i].Sign() < 0 {
			return nil, nil, errors.New("game: negative right-hand side (artificial variables not implemented)")
		}
	}
	ineq := m - nequals
	sx := newSimplex(A, b)
	for i := ineq + 1; i <= m; i++ {
		sx.cost[n+i].SetInt64(-1) // phase I
	}
	if err := sx.run(1); err != nil {
		return nil, nil, err
	}
	if sx.totalCost().Sign() < 0 {
		return nil, nil, errors.New("game: the linear program is infeasible")
	}
	for i := ineq + 1; i <= m; i++ {
		sx.fixed[n+i] = true
	}
	for j := range sx.cost {
		sx.cost[j] = new(big.Rat)
		if j >= 1 && j <= n {
			sx.cost[j].Set(c[j])
		}
	}
	if err := sx.run(2); err != nil {
		return nil, nil, err
	}
	primal = make([]*big.Rat, n+1)
	for j := range primal {
		primal[j] = new(big.Rat)
	}
	for i := 1; i <= m; i++ {
		if sx.basis[i] <= n {
			primal[sx.basis[i]].Set(sx.xb[i])
		}
	}
	// Duals y = c_B B⁻¹: row i's dual is −(reduced cost of slack i), as
	// the slack's cost is 0 and its column is the unit vector.
	dual = make([]*big.Rat, m+1)
	for i := range dual {
		dual[i] = new(big.Rat)
	}
	for i := 1; i <= m; i++ {
		if !sx.isBasic[n+i] {
			dual[i].Neg(sx.reduced(n + i))
		}
	}
	return primal, dual, nil
}

// simplex is boundedSimplex's state. Variables 1..n are the columns,
// n+1..n+m the slacks. T holds B⁻¹[A I], xb the basic values, basis the
// variable of each row. Every variable is ≥ 0; phase II fixes the equality
// slacks at 0. Nonbasic variables sit at 0 (no variable here has a finite
// upper bound it can move to), so only basic values are tracked.
type simplex struct {
	m, n, nv int
	T        [][]*big.Rat
	xb       []*big.Rat
	basis    []int
	isBasic  []bool
	fixed    []bool
	cost     []*big.Rat
}

func newSimplex(A [][]*big.Rat, b []*big.Rat) *simplex {
	m, n := len(b)-1, len(A[0])-1
	nv := n + m
	sx := &simplex{m: m, n: n, nv: nv, T: make([][]*big.Rat, m+1), xb: make([]*big.Rat, m+1), basis: make([]int, m+1),
		isBasic: make([]bool, nv+1), fixed: make([]bool, nv+1), cost: make([]*big.Rat, nv+1)}
	for i := 1; i <= m; i++ {
		sx.T[i] = make([]*big.Rat, nv+1)
		for j := 1; j <= n; j++ {
			sx.T[i][j] = new(big.Rat).Set(A[i][j])
		}
		for j := n + 1; j <= nv; j++ {
			sx.T[i][j] = new(big.Rat)
		}
		sx.T[i][n+i].SetInt64(1)
		sx.xb[i] = new(big.Rat).Set(b[i])
		sx.basis[i] = n + i
		sx.isBasic[n+i] = true
	}
	for j := range sx.cost {
		sx.cost[j] = new(big.Rat)
	}
	return sx
}

func (sx *simplex) totalCost() *big.Rat {
	t := new(big.Rat)
	for i := 1; i <= sx.m; i++ {
		t.Add(t, new(big.Rat).Mul(sx.cost[sx.basis[i]], sx.xb[i]))
	}
	return t
}

func (sx *simplex) reduced(j int) *big.Rat {
	r := new(big.Rat).Set(sx.cost[j])
	tmp := new(big.Rat)
	for i := 1; i <= sx.m; i++ {
		if sx.T[i][j].Sign() != 0 {
			r.Sub(r, tmp.Mul(sx.cost[sx.basis[i]], sx.T[i][j]))
		}
	}
	return r
}

func (sx *simplex) pivot(r, e int) {
	T, xb := sx.T, sx.xb
	pv := new(big.Rat).Set(T[r][e])
	for j := 1; j <= sx.nv; j++ {
		T[r][j].Quo(T[r][j], pv)
	}
	xb[r].Quo(xb[r], pv)
	tmp := new(big.Rat)
	for i := 1; i <= sx.m; i++ {
		if i == r || T[i][e].Sign() == 0 {
			continue
		}
		f := new(big.Rat).Set(T[i][e])
		for j := 1; j <= sx.nv; j++ {
			if T[r][j].Sign() != 0 {
				T[i][j].Sub(T[i][j], tmp.Mul(f, T[r][j]))
			}
		}
		xb[i].Sub(xb[i], tmp.Mul(f, xb[r]))
	}
	sx.isBasic[sx.basis[r]] = false
	sx.basis[r] = e
	sx.isBasic[e] = true
}

// run pivots until no reduced cost can raise the objective (phase I ends
// as soon as the infeasibility is gone).
func (sx *simplex) run(phase int) error {
	for iter := 0; ; iter++ {
		if iter > 100000 {
			return errors.New("game: the simplex did not end")
		}
		// Entering: the largest reduced cost that can raise its variable
		// (nonbasic variables sit at their lower bound 0, so none can
		// fall), columns then slacks, the first on ties.
		in, best := 0, new(big.Rat)
		for j := 1; j <= sx.nv; j++ {
			if sx.isBasic[j] || sx.fixed[j] {
				continue
			}
			if rc := sx.reduced(j); rc.Cmp(best) > 0 {
				best, in = rc, j
			}
		}
		if in == 0 {
			return nil
		}
		out := sx.leaving(in)
		if out == 0 {
			return errors.New("game: the linear program is unbounded")
		}
		sx.pivot(out, in)
		if phase == 1 && sx.totalCost().Sign() >= 0 {
			return nil
		}
	}
}

// leaving is the first row with the smallest ratio for entering column
// in; a fixed basic slack blocks at 0 whichever way its column points. 0
// when none blocks.
func (sx *simplex) leaving(in int) int {
	out := 0
	var tmin *big.Rat
	for i := 1; i <= sx.m; i++ {
		d := sx.T[i][in]
		var t *big.Rat
		switch {
		case d.Sign() > 0:
			t = new(big.Rat).Quo(sx.xb[i], d)
		case d.Sign() < 0 && sx.fixed[sx.basis[i]]:
			t = new(big.Rat).Quo(sx.xb[i], d) // xb = 0: blocks at 0
		default:
			continue
		}
		if t.Sign() >= 0 && (tmin == nil || t.Cmp(tmin) < 0) {
			tmin, out = t, i
		}
	}
	return out
}
