package game

import (
	"errors"
	"fmt"
	"math/big"
)

// maxLemkePivots bounds Lemke's path; every pivot visits a new basis (the
// lexicographic rule rules out cycling), so the bound is a guard against
// programming errors, not a limit real games reach.
const maxLemkePivots = 1_000_000

// SequenceFormLCP finds one Nash equilibrium of a two-player extensive game
// with perfect recall, general-sum, from its sequence form (Koller, Megiddo
// and von Stengel 1996), by Lemke's complementary pivoting along the
// linear tracing procedure started at the uniform behaviour strategies
// (the approach of von Stengel, van den Elzen and Talman 2002). The
// sequence form is linear in the size of the tree, where the reduced
// strategic form can be exponential.
//
// With realisation plans x, y (E x = e, F y = f, x, y ≥ 0; E, F the
// sequence constraints), payoff matrices A, B over pairs of sequences
// (chance included), and the starting plans x̄, ȳ of the uniform behaviour
// strategies, it solves
//
//	E x + e z₀ = e,   F y + f z₀ = f,
//	r = Eᵀu − A y − (A ȳ) z₀ ≥ 0,   x ≥ 0,   xᵀr = 0,
//	s = Fᵀv − Bᵀx − (Bᵀx̄) z₀ ≥ 0,   y ≥ 0,   yᵀs = 0,
//
// with u, v free and z₀ ≥ 0. The opponent's strategy faced by a player is
// then y + ȳ z₀ (a plan, as F(y + ȳ z₀) = f): at z₀ = 1 each plays a best
// response to the other's uniform strategy, x = y = 0, and the free
// variables u, v are the values of those best responses at each
// information set; at z₀ = 0 the conditions are the sequence-form
// equilibrium conditions of KMvS, so (x, y) is an equilibrium. The path
// between is followed by complementary pivoting, from the basis of the best
// responses with x_∅ entering; the free variables stay basic throughout.
// The start is degenerate (the best responses' sequences are basic at 0),
// so ties in the ratio test are broken lexicographically with respect to
// the starting basis (the perturbation q + B₀·(ε, ε², …)), which makes
// every basis on the path distinct. Exact arithmetic (math/big.Rat).
//
// The result is checked before it is returned: each player's payoff must
// equal its best-response value against the other's plan.
//
// References:
//
//   - Koller, D., Megiddo, N. and von Stengel, B. (1996). Efficient
//     computation of equilibria for extensive two-person games. Games and
//     Economic Behavior 14:247-259.
//   - von Stengel, B., van den Elzen, A. and Talman, D. (2002). Computing
//     normal form perfect equilibria for extensive two-person games.
//     Econometrica 70(2):693-715.
//   - Lemke, C. E. (1965). Bimatrix equilibrium points and mathematical
//     programming. Management Science 11(7):681-689.
func (g *Extensive) SequenceFormLCP() (Behavior, error) {
	if len(g.Players) != 2 {
		return nil, errors.New("game: the sequence form here is for two players")
	}
	sf, err := g.sequenceForm()
	if err != nil {
		return nil, err
	}
	l := newTracingLCP(sf)
	xbar, ybar := g.centroidPlan(0, sf), g.centroidPlan(1, sf)
	l.tableau(sf, xbar, ybar)
	// The starting basis: the best responses to the uniform strategies.
	br1 := g.bestResponsePlan(0, sf, mulVec(sf.A[0], ybar))
	br2 := g.bestResponsePlan(1, sf, mulVec(transpose(sf.A[1]), xbar))
	start, basis, err := l.startBasis(br1, br2)
	if err != nil {
		return nil, err
	}
	if err := l.path(basis, start); err != nil {
		return nil, err
	}
	x := make([]*big.Rat, l.n[0])
	y := make([]*big.Rat, l.n[1])
	for i := range x {
		x[i] = new(big.Rat)
	}
	for j := range y {
		y[j] = new(big.Rat)
	}
	for i, b := range basis {
		switch {
		case b >= l.ix && b < l.iy:
			x[b-l.ix].Set(l.T[i][l.rhs])
		case b >= l.iy && b < l.ir:
			y[b-l.iy].Set(l.T[i][l.rhs])
		}
	}
	if err := checkSequenceEquilibrium(g, sf, x, y); err != nil {
		return nil, err
	}
	return Behavior{g.toBehavior(0, sf, x), g.toBehavior(1, sf, y)}, nil
}

// tracingLCP is the tableau of the linear tracing procedure on the
// sequence form. Variables: x, y, r, s, u, v, z₀ (column indices ix … iz),
// then the right-hand side.
type tracingLCP struct {
	n, k                       [2]int
	ix, iy, ir, is, iu, iv, iz int
	rhs, m                     int
	T                          [][]*big.Rat
}

func newTracingLCP(sf *seqForm) *tracingLCP {
	l := &tracingLCP{n: [2]int{len(sf.seqs[0]), len(sf.seqs[1])}, k: [2]int{len(sf.E[0]), len(sf.E[1])}}
	n, k := l.n, l.k
	l.ix, l.iy = 0, n[0]
	l.ir, l.is = l.iy+n[1], l.iy+n[1]+n[0]
	l.iu = l.is + n[1]
	l.iv = l.iu + k[0]
	l.iz = l.iv + k[1]
	l.rhs = l.iz + 1
	l.m = k[0] + k[1] + n[0] + n[1]
	l.T = make([][]*big.Rat, l.m)
	for i := range l.T {
		l.T[i] = make([]*big.Rat, l.rhs+1)
		for j := range l.T[i] {
			l.T[i][j] = new(big.Rat)
		}
	}
	return l
}

// tableau fills the equations
//
//	E x + e z₀ = e,  F y + f z₀ = f            (e = f = (1, 0, …, 0))
//	r − Eᵀu + A y + (A ȳ) z₀ = 0
//	s − Fᵀv + Bᵀx + (Bᵀx̄) z₀ = 0
func (l *tracingLCP) tableau(sf *seqForm, xbar, ybar []*big.Rat) {
	T, n, k, rhs := l.T, l.n, l.k, l.rhs
	A, B := sf.A[0], sf.A[1]
	tmp := new(big.Rat)
	for p, off := range [2]int{l.ix, l.iy} {
		row0 := p * k[0]
		for h := range k[p] {
			for j := range n[p] {
				T[row0+h][off+j].Set(sf.E[p][h][j])
			}
		}
		T[row0][l.iz].SetInt64(1)
		T[row0][rhs].SetInt64(1)
	}
	r0 := k[0] + k[1]
	for i := range n[0] {
		row := T[r0+i]
		row[l.ir+i].SetInt64(1)
		for h := range k[0] {
			row[l.iu+h].Neg(sf.E[0][h][i])
		}
		for j := range n[1] {
			row[l.iy+j].Set(A[i][j])
			row[l.iz].Add(row[l.iz], tmp.Mul(A[i][j], ybar[j]))
		}
	}
	s0 := r0 + n[0]
	for j := range n[1] {
		row := T[s0+j]
		row[l.is+j].SetInt64(1)
		for h := range k[1] {
			row[l.iv+h].Neg(sf.E[1][h][j])
		}
		for i := range n[0] {
			row[l.ix+i].Set(B[i][j])
			row[l.iz].Add(row[l.iz], tmp.Mul(B[i][j], xbar[i]))
		}
	}
}

// free reports whether variable v is a free multiplier (u or v).
func (l *tracingLCP) free(v int) bool { return v >= l.iu && v < l.iz }

// startBasis pivots in the starting basis of the best responses br1, br2
// to the uniform strategies (z₀, the multipliers, and per sequence either
// it or its slack), and returns it in the order pivoted (the lexicographic
// order of the ratio test) and as the basis by row.
func (l *tracingLCP) startBasis(br1, br2 []bool) (start, basis []int, err error) {
	start = append(start, l.iz)
	for h := range l.k[0] {
		start = append(start, l.iu+h)
	}
	for h := range l.k[1] {
		start = append(start, l.iv+h)
	}
	for i := 1; i < l.n[0]; i++ { // x_∅ and r_∅ are the missing pair
		if br1[i] {
			start = append(start, l.ix+i)
		} else {
			start = append(start, l.ir+i)
		}
	}
	for j := range l.n[1] {
		if br2[j] || j == 0 {
			start = append(start, l.iy+j)
		} else {
			start = append(start, l.is+j)
		}
	}
	if len(start) != l.m {
		panic(fmt.Sprintf("game: starting basis of %d variables for %d equations", len(start), l.m))
	}
	basis = make([]int, l.m)
	assigned := make([]bool, l.m)
	for _, c := range start {
		row := -1
		for i := range l.m {
			if !assigned[i] && l.T[i][c].Sign() != 0 {
				row = i
				break
			}
		}
		if row < 0 {
			return nil, nil, errors.New("game: sequence form: singular starting basis")
		}
		assigned[row] = true
		pivotAt(l.T, basis, row, c)
	}
	for i, b := range basis {
		if !l.free(b) && l.T[i][l.rhs].Sign() < 0 {
			return nil, nil, errors.New("game: sequence form: starting basis not feasible")
		}
	}
	return start, basis, nil
}

// complement is the variable complementary to v (x ↔ r, y ↔ s).
func (l *tracingLCP) complement(v int) int {
	switch {
	case v < l.iy:
		return l.ir + (v - l.ix)
	case v < l.ir:
		return l.is + (v - l.iy)
	case v < l.is:
		return l.ix + (v - l.ir)
	default:
		return l.iy + (v - l.is)
	}
}

// path follows Lemke's path from x_∅ entering until z₀ leaves the basis.
func (l *tracingLCP) path(basis, start []int) error {
	enter := l.ix // x_∅
	ra, rb := new(big.Rat), new(big.Rat)
	for range maxLemkePivots {
		row := -1
		for i, b := range basis {
			if l.free(b) || l.T[i][enter].Sign() <= 0 {
				continue
			}
			if row < 0 || lexLess(l.T, i, row, enter, l.rhs, start, ra, rb) {
				row = i
			}
		}
		if row < 0 {
			return errors.New("game: sequence form: Lemke's path ended on a ray")
		}
		leave := basis[row]
		pivotAt(l.T, basis, row, enter)
		if leave == l.iz {
			return nil
		}
		enter = l.complement(leave)
	}
	return fmt.Errorf("game: sequence form: no equilibrium after %d pivots", maxLemkePivots)
}

// lexLess reports whether row i comes before row j in the lexicographic
// ratio test for entering column c: first by rhs/T[·][c], then by the
// columns of the starting basis divided by T[·][c].
func lexLess(T [][]*big.Rat, i, j, c, rhs int, order []int, a, b *big.Rat) bool {
	for k := -1; k < len(order); k++ {
		col := rhs
		if k >= 0 {
			col = order[k]
		}
		a.Quo(T[i][col], T[i][c])
		b.Quo(T[j][col], T[j][c])
		if d := a.Cmp(b); d != 0 {
			return d < 0
		}
	}
	return false
}

// centroidPlan is player p's realisation plan of the uniform behaviour
// strategy.
func (g *Extensive) centroidPlan(p int, sf *seqForm) []*big.Rat {
	x := make([]*big.Rat, len(sf.seqs[p]))
	var plan func(i int) *big.Rat
	plan = func(i int) *big.Rat {
		if x[i] != nil {
			return x[i]
		}
		if i == 0 {
			x[i] = big.NewRat(1, 1)
			return x[i]
		}
		s := sf.seqs[p][i]
		par := plan(sf.parent[p][s.infoset])
		x[i] = new(big.Rat).Quo(par, big.NewRat(int64(len(g.infosets[p][s.infoset])), 1))
		return x[i]
	}
	for i := range x {
		plan(i)
	}
	return x
}

// bestResponseValues returns, for player p with payoff c[σ] per sequence
// σ (the opponent's plan folded in), the value of every information set
// under optimal play from there and the optimal action (the first of
// ties) at each, by backward induction over p's own information sets.
func (g *Extensive) bestResponseValues(p int, sf *seqForm, c []*big.Rat) (val []*big.Rat, choice []int) {
	ni := len(g.infosets[p])
	after := make(map[int][]int) // sequence → information sets that follow it
	for h := range ni {
		after[sf.parent[p][h]] = append(after[sf.parent[p][h]], h)
	}
	val = make([]*big.Rat, ni)
	choice = make([]int, ni)
	var value func(h int) *big.Rat
	seqValue := func(i int) *big.Rat {
		v := new(big.Rat).Set(c[i])
		for _, h := range after[i] {
			v.Add(v, value(h))
		}
		return v
	}
	value = func(h int) *big.Rat {
		if val[h] != nil {
			return val[h]
		}
		for a := range g.infosets[p][h] {
			v := seqValue(sf.index[p][[2]int{h, a}])
			if val[h] == nil || v.Cmp(val[h]) > 0 {
				val[h], choice[h] = v, a
			}
		}
		return val[h]
	}
	for h := range ni {
		value(h)
	}
	return val, choice
}

// bestResponsePlan marks the sequences of player p's optimal pure plan:
// the chosen action's sequence at every information set, reached or not.
func (g *Extensive) bestResponsePlan(p int, sf *seqForm, c []*big.Rat) []bool {
	_, choice := g.bestResponseValues(p, sf, c)
	in := make([]bool, len(sf.seqs[p]))
	in[0] = true
	for h, a := range choice {
		in[sf.index[p][[2]int{h, a}]] = true
	}
	return in
}

// bestResponseValue is player p's best payoff against payoff c per
// sequence: c_∅ plus the values of the information sets that follow the
// empty sequence.
func (g *Extensive) bestResponseValue(p int, sf *seqForm, c []*big.Rat) *big.Rat {
	val, _ := g.bestResponseValues(p, sf, c)
	v := new(big.Rat).Set(c[0])
	for h := range len(g.infosets[p]) {
		if sf.parent[p][h] == 0 {
			v.Add(v, val[h])
		}
	}
	return v
}

// checkSequenceEquilibrium verifies that plans x, y are an equilibrium:
// each player's payoff equals its best-response value.
func checkSequenceEquilibrium(g *Extensive, sf *seqForm, x, y []*big.Rat) error {
	Ay := mulVec(sf.A[0], y)
	Bx := mulVec(transpose(sf.A[1]), x)
	if dot(x, Ay).Cmp(g.bestResponseValue(0, sf, Ay)) != 0 || dot(y, Bx).Cmp(g.bestResponseValue(1, sf, Bx)) != 0 {
		return errors.New("game: sequence form: Lemke's path ended at a point that is not an equilibrium (a bug)")
	}
	return nil
}

func mulVec(M [][]*big.Rat, v []*big.Rat) []*big.Rat {
	out := make([]*big.Rat, len(M))
	t := new(big.Rat)
	for i := range M {
		out[i] = new(big.Rat)
		for j, x := range M[i] {
			if x.Sign() != 0 && v[j].Sign() != 0 {
				out[i].Add(out[i], t.Mul(x, v[j]))
			}
		}
	}
	return out
}

func transpose(M [][]*big.Rat) [][]*big.Rat {
	if len(M) == 0 {
		return nil
	}
	out := make([][]*big.Rat, len(M[0]))
	for j := range out {
		out[j] = make([]*big.Rat, len(M))
		for i := range M {
			out[j][i] = M[i][j]
		}
	}
	return out
}

func dot(a, b []*big.Rat) *big.Rat {
	s, t := new(big.Rat), new(big.Rat)
	for i := range a {
		s.Add(s, t.Mul(a[i], b[i]))
	}
	return s
}
