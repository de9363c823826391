package game

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"sort"
)

// PolyEquilibrium is one equilibrium found by EnumPoly.
type PolyEquilibrium struct {
	// Profile gives each player's mixed strategy (float64).
	Profile [][]float64
	// Exact is the same equilibrium in exact arithmetic when one was
	// recovered: every probability rounded to the nearest fraction with a
	// denominator of at most polyMaxDenominator, and the rounded profile
	// verified to be a Nash equilibrium by IsNash (exact). Nil when the
	// equilibrium is irrational, as equilibria of games with three or more
	// players often are.
	Exact MixedProfile
}

// EnumPolyResult is what EnumPoly found.
type EnumPolyResult struct {
	// Equilibria are the isolated Nash equilibria, smallest supports
	// first (pure equilibria lead).
	Equilibria []PolyEquilibrium
	// Supports is the number of support profiles examined (after the
	// dominance test).
	Supports int
	// Singular lists the support profiles (strategy indices per player)
	// whose equation system could not be resolved into isolated roots:
	// the equilibria on them, if any, form a continuum (a component of
	// positive dimension, as in degenerate games), or sit at a root where
	// the Jacobian is singular, or the subdivision ran out of its budget
	// (seen on supports with seven or more unknowns: 1 of the 629 supports
	// of Gambit's contrib game 5x4x3.nfg, a generic game, solved in 42 s).
	// Their equilibria are not listed.
	Singular [][][]int
}

// Limits of EnumPoly. The number of support profiles grows as
// Π_i (2^{m_i} − 1); beyond maxPolySupports the game is refused rather than
// left to run for hours. A support whose subdivision needs more than
// maxPolyBoxes boxes, or boxes narrower than polyMinWidth, is declared
// singular.
const (
	maxPolySupports = 1 << 18
	maxPolyBoxes    = 200000
	// maxPolyBoxesDeficient is the budget of a support whose Jacobian is
	// rank-deficient everywhere (see regular).
	maxPolyBoxesDeficient = 5000
	polyMinWidth          = 1e-9
	polyMaxDenominator    = 100000
	// polyTol is the tolerance on normalised payoffs (every player's payoffs
	// scaled into [0, 1]) for the equilibrium test of a root, and on
	// probabilities for "strictly positive on the support".
	polyTol = 1e-9
)

// EnumPoly returns the isolated Nash equilibria of an n-player game by
// support enumeration with polynomial systems, the method of Gambit's
// enumpoly (McKelvey and McLennan 1996, section 6; Turocy 2008).
//
// For every support profile S = (S_1, …, S_n), strategies that are strictly
// dominated within S (by a strategy of S_i, or by one outside it, against
// every pure profile of S₋ᵢ) rule the support out. Otherwise the unknowns are
// the probabilities x_{i,s} of all but the last strategy ŝ_i of each S_i
// (σ_i(ŝ_i) = 1 − Σ_s x_{i,s}), d = Σ_i (|S_i| − 1) of them, and the
// equations say that every player is indifferent among its support:
//
//	f_{i,k}(x) = u_i(s_k, σ₋ᵢ) − u_i(s_0, σ₋ᵢ) = 0,   s_k ∈ S_i, k ≥ 1,
//	u_i(s, σ₋ᵢ) = Σ_{t ∈ S₋ᵢ} a_i(s, t) Π_{j≠i} σ_j(t_j),
//
// d polynomial equations in d unknowns, multilinear in the players' blocks
// (degree at most n − 1). A root with every σ_i(s) > 0 on S where no strategy
// outside S_i earns more than u_i(s_0) is a Nash equilibrium with support S,
// and every equilibrium is found on its own support.
//
// With two players the equations are linear in each block and are solved
// exactly (linearSupport), the classic support enumeration of bimatrix
// games. With more players the roots in the probability box are found by
// interval subdivision with
// Krawczyk's test (Krawczyk 1969; Moore, Kearfott and Cloud 2009, ch. 8):
// for a box X with midpoint y, C = J(y)⁻¹ and the interval Jacobian J(X),
//
//	K(X) = y − C f(y) + (I − C J(X)) (X − y);
//
// a box with K(X) ∩ X = ∅ has no root, and a box with K(X) inside X holds
// exactly one, which Newton's method from y then converges to. Boxes where
// some f_{i,k}(X) excludes 0 are discarded; the rest are bisected along
// the side chosen by Kearfott's smear rule (or the widest side that any
// equation depends on, once it is 64 times wider). The box is a little
// wider than [0, 1]^d (by amounts chosen not to be dyadic fractions of
// common rationals) so that roots on
// the faces of the simplex, which belong to smaller supports, do not lie on
// a box boundary. Each equation has degree at most one in every unknown
// (a product of one affine factor per other player), so with up to
// polyMaxVertexDim unknowns its exact range over a box is read off the
// box's corners, which excludes far more boxes than interval arithmetic.
// Arithmetic is float64 without outward rounding, so the
// test is not a validated proof; every root is checked afterwards as an
// equilibrium with tolerance polyTol on payoffs scaled into [0, 1].
//
// A support whose solutions are not isolated (a continuum, as in degenerate
// games) keeps producing undecided boxes; after maxPolyBoxes boxes, or at
// boxes narrower than polyMinWidth, it is reported in Singular and skipped,
// as Gambit skips "singular" supports. For two-player nondegenerate games the
// result is the set of extreme equilibria (tested against
// ExtremeEquilibria); in general it is every isolated equilibrium.
//
// The context is checked between supports; a cancelled context returns its
// error.
//
// References:
//
//   - McKelvey, R. D. and McLennan, A. (1996). Computation of equilibria in
//     finite games. In Handbook of Computational Economics I, 87-142.
//   - Turocy, T. L. (2008). Towards a black-box solver for finite games:
//     computing all equilibria with Gambit and PHCpack. In Software for
//     Algebraic Geometry, IMA Volumes 148, 133-147.
//   - Krawczyk, R. (1969). Newton-Algorithmen zur Bestimmung von Nullstellen
//     mit Fehlerschranken. Computing 4:187-201.
//   - Moore, R. E., Kearfott, R. B. and Cloud, M. J. (2009). Introduction to
//     Interval Analysis. SIAM.
//   - Wilson, R. (1971). Computing equilibria of n-person games. SIAM Journal
//     on Applied Mathematics 21(1):80-87 (generic games have an odd number
//     of equilibria; used in the tests).
func EnumPoly(ctx context.Context, g *NormalForm) (*EnumPolyResult, error) {
	return EnumPolyProgress(ctx, g, nil)
}

// EnumPolyProgress is EnumPoly calling progress (if not nil) before each
// support profile and once at the end, with the number of support profiles
// done and the total.
func EnumPolyProgress(ctx context.Context, g *NormalForm, progress func(done, total int)) (*EnumPolyResult, error) {
	np := len(g.Players)
	total := 1.0
	for _, s := range g.Strategies {
		if len(s) > 62 {
			return nil, errors.New("game: enumpoly: more than 62 strategies for one player")
		}
		total *= math.Exp2(float64(len(s))) - 1
	}
	if total > maxPolySupports {
		return nil, fmt.Errorf("game: enumpoly: %.3g support profiles, more than the limit of %d; use --method logit or enumpure for a game this size", total, maxPolySupports)
	}
	ps := newPolySolver(g)
	// All support profiles as one bitmask per player, smallest total size
	// first, then in mixed-radix order (player 0 fastest).
	var supports [][]uint64
	cur := make([]uint64, np)
	for i := range cur {
		cur[i] = 1
	}
	for {
		supports = append(supports, append([]uint64(nil), cur...))
		i := 0
		for ; i < np; i++ {
			cur[i]++
			if cur[i] < 1<<len(g.Strategies[i]) {
				break
			}
			cur[i] = 1
		}
		if i == np {
			break
		}
	}
	size := func(m []uint64) int {
		n := 0
		for i, b := range m {
			for k := range len(g.Strategies[i]) {
				if b>>k&1 == 1 {
					n++
				}
			}
		}
		return n
	}
	sort.SliceStable(supports, func(a, b int) bool { return size(supports[a]) < size(supports[b]) })
	res := &EnumPolyResult{}
	for n, m := range supports {
		if progress != nil {
			progress(n, len(supports))
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sup := make([][]int, np)
		for i, b := range m {
			for k := range len(g.Strategies[i]) {
				if b>>k&1 == 1 {
					sup[i] = append(sup[i], k)
				}
			}
		}
		if ps.dominated(sup) {
			continue
		}
		res.Supports++
		if np == 2 {
			eq, singular := linearSupport(g, sup)
			if singular {
				res.Singular = append(res.Singular, sup)
			}
			if eq != nil {
				res.Equilibria = append(res.Equilibria, PolyEquilibrium{Profile: ratFloats(eq), Exact: eq})
			}
			continue
		}
		roots, singular := ps.solve(sup)
		if singular {
			res.Singular = append(res.Singular, sup)
		}
		for _, prof := range roots {
			dup := false
			for _, e := range res.Equilibria {
				if maxDiff(e.Profile, prof) < 1e-7 {
					dup = true
					break
				}
			}
			if !dup {
				res.Equilibria = append(res.Equilibria, PolyEquilibrium{Profile: prof, Exact: ps.exact(prof)})
			}
		}
	}
	if progress != nil {
		progress(len(supports), len(supports))
	}
	return res, nil
}

func ratFloats(m MixedProfile) [][]float64 {
	out := make([][]float64, len(m))
	for i, v := range m {
		for _, x := range v {
			f, _ := x.Float64()
			out[i] = append(out[i], f)
		}
	}
	return out
}

// linearSupport solves a support of a two-player game exactly. Each
// player's indifference equations are linear in the other's probabilities:
// for player p with support S_p and the other's q,
//
//	Σ_{t∈S_q} a_p(s, t) y_t − v_p = 0  (s ∈ S_p),   Σ_{t∈S_q} y_t = 1,
//
// |S_p| + 1 equations in the |S_q| + 1 unknowns (y, v_p), solved by
// Gauss-Jordan elimination in rational arithmetic. A block with a unique
// solution gives the other player's strategy; an inconsistent one rules the
// support out; a consistent one of lower rank has a continuum of solutions
// (singular). The profile is an equilibrium with this support if every
// probability on it is positive and IsNash holds, both exactly.
func linearSupport(g *NormalForm, sup [][]int) (MixedProfile, bool) {
	prof := make(MixedProfile, 2)
	singular := false
	for p := range 2 {
		q := 1 - p
		rows, cols := len(sup[p])+1, len(sup[q])+1
		m := make([][]*big.Rat, rows)
		s := make([]int, 2)
		for r, sp := range sup[p] {
			m[r] = make([]*big.Rat, cols+1)
			s[p] = sp
			for c, tq := range sup[q] {
				s[q] = tq
				m[r][c] = new(big.Rat).Set(g.Payoff(s, p))
			}
			m[r][cols-1] = big.NewRat(-1, 1)
			m[r][cols] = new(big.Rat)
		}
		last := make([]*big.Rat, cols+1)
		for c := range cols - 1 {
			last[c] = big.NewRat(1, 1)
		}
		last[cols-1], last[cols] = new(big.Rat), big.NewRat(1, 1)
		m[rows-1] = last
		x, ok, unique := solveRat(m, cols)
		if !ok {
			return nil, false
		}
		if !unique {
			singular = true
			continue
		}
		prof[q] = make([]*big.Rat, len(g.Strategies[q]))
		for k := range prof[q] {
			prof[q][k] = new(big.Rat)
		}
		for c, tq := range sup[q] {
			if x[c].Sign() <= 0 {
				return nil, false
			}
			prof[q][tq] = x[c]
		}
	}
	if singular || !IsNash(g, prof) {
		return nil, singular
	}
	return prof, false
}

// solveRat solves the linear system with augmented matrix m (n unknowns,
// column n the right-hand side) by Gauss-Jordan elimination in exact
// arithmetic. It reports whether the system is consistent and whether the
// solution is unique (then x holds it).
func solveRat(m [][]*big.Rat, n int) (x []*big.Rat, consistent, unique bool) {
	row := 0
	pivots := make([]int, 0, n)
	tmp := new(big.Rat)
	for c := 0; c < n && row < len(m); c++ {
		p := -1
		for r := row; r < len(m); r++ {
			if m[r][c].Sign() != 0 {
				p = r
				break
			}
		}
		if p < 0 {
			continue
		}
		m[row], m[p] = m[p], m[row]
		inv := new(big.Rat).Inv(m[row][c])
		for k := c; k <= n; k++ {
			m[row][k].Mul(m[row][k], inv)
		}
		for r := range m {
			if r == row || m[r][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Set(m[r][c])
			for k := c; k <= n; k++ {
				m[r][k].Sub(m[r][k], tmp.Mul(f, m[row][k]))
			}
		}
		pivots = append(pivots, c)
		row++
	}
	for r := row; r < len(m); r++ {
		if m[r][n].Sign() != 0 {
			return nil, false, false
		}
	}
	if len(pivots) < n {
		return nil, true, false
	}
	x = make([]*big.Rat, n)
	for r, c := range pivots {
		x[c] = m[r][n]
	}
	return x, true, true
}

func maxDiff(a, b [][]float64) float64 {
	d := 0.0
	for i := range a {
		for k := range a[i] {
			d = max(d, math.Abs(a[i][k]-b[i][k]))
		}
	}
	return d
}

// polySolver holds a game's payoffs scaled into [0, 1] per player and the
// scratch space of one support.
type polySolver struct {
	g   *NormalForm
	pay [][]float64 // [profile][player], scaled
	np  int

	// Current support.
	sup   [][]int
	off   []int   // first unknown of each player
	d     int     // number of unknowns
	prof  []int   // profiles of the support product: their game indices
	pos   [][]int // and each player's position in its support
	coef  []float64
	sig   [][]interval // σ_j(q) over the current box
	zeroR bool         // some equation is identically zero
}

func newPolySolver(g *NormalForm) *polySolver {
	np := len(g.Players)
	ps := &polySolver{g: g, np: np, pay: make([][]float64, g.Profiles())}
	lo := make([]float64, np)
	hi := make([]float64, np)
	for i := range lo {
		lo[i], hi[i] = math.Inf(1), math.Inf(-1)
	}
	for idx := range ps.pay {
		ps.pay[idx] = make([]float64, np)
		for pl := range np {
			f, _ := g.payoffs[idx][pl].Float64()
			ps.pay[idx][pl] = f
			lo[pl], hi[pl] = min(lo[pl], f), max(hi[pl], f)
		}
	}
	for idx := range ps.pay {
		for pl := range np {
			if hi[pl] > lo[pl] {
				ps.pay[idx][pl] = (ps.pay[idx][pl] - lo[pl]) / (hi[pl] - lo[pl])
			} else {
				ps.pay[idx][pl] = 0
			}
		}
	}
	return ps
}

// dominated reports whether some strategy of a support is strictly
// dominated, against every pure profile of the others' supports, by another
// strategy of the same player (inside or outside the support). Such a
// strategy is never a best response, so no equilibrium has this support.
func (ps *polySolver) dominated(sup [][]int) bool {
	g := ps.g
	s := make([]int, ps.np)
	for i := range ps.np {
		for _, k := range sup[i] {
			for t := range len(g.Strategies[i]) {
				if t == k {
					continue
				}
				strict := true
				forEachProfile(sup, i, s, func() {
					if !strict {
						return
					}
					s[i] = k
					a := ps.pay[g.Index(s)][i]
					s[i] = t
					if ps.pay[g.Index(s)][i] <= a {
						strict = false
					}
				})
				if strict {
					return true
				}
			}
		}
	}
	return false
}

// forEachProfile calls f with s set to every pure profile of the supports
// of the players other than skip (s[skip] is left to f).
func forEachProfile(sup [][]int, skip int, s []int, f func()) {
	var rec func(j int)
	rec = func(j int) {
		if j == len(sup) {
			f()
			return
		}
		if j == skip {
			rec(j + 1)
			return
		}
		for _, k := range sup[j] {
			s[j] = k
			rec(j + 1)
		}
	}
	rec(0)
}

// setSupport prepares the unknowns and the support's pure profiles.
func (ps *polySolver) setSupport(sup [][]int) {
	ps.sup = sup
	ps.off = ps.off[:0]
	ps.d = 0
	for i := range ps.np {
		ps.off = append(ps.off, ps.d)
		ps.d += len(sup[i]) - 1
	}
	ps.prof = ps.prof[:0]
	ps.pos = ps.pos[:0]
	s := make([]int, ps.np)
	p := make([]int, ps.np)
	var rec func(j int)
	rec = func(j int) {
		if j == ps.np {
			ps.prof = append(ps.prof, ps.g.Index(s))
			ps.pos = append(ps.pos, append([]int(nil), p...))
			return
		}
		for q, k := range sup[j] {
			s[j], p[j] = k, q
			rec(j + 1)
		}
	}
	rec(0)
	// coef[r·n + i] = a_i(t) − a_i(t with i's strategy replaced by s_0):
	// the coefficient of profile r in player i's equation for t_i.
	ps.coef = ps.coef[:0]
	nonzero := make([]bool, ps.d)
	for r, idx := range ps.prof {
		for i := range ps.np {
			s0 := ps.sup[i][0]
			ti := ps.sup[i][ps.pos[r][i]]
			mul := 1
			for j := range i {
				mul *= len(ps.g.Strategies[j])
			}
			c := ps.pay[idx][i] - ps.pay[idx+(s0-ti)*mul][i]
			ps.coef = append(ps.coef, c)
			if c != 0 && ps.pos[r][i] > 0 {
				nonzero[ps.off[i]+ps.pos[r][i]-1] = true
			}
		}
	}
	ps.zeroR = false
	for _, nz := range nonzero {
		ps.zeroR = ps.zeroR || !nz
	}
	ps.sig = ps.sig[:0]
	for j := range ps.np {
		ps.sig = append(ps.sig, make([]interval, len(sup[j])))
	}
}

// interval is a closed interval [lo, hi].
type interval struct{ lo, hi float64 }

func (a interval) mul(b interval) interval {
	p1, p2, p3, p4 := a.lo*b.lo, a.lo*b.hi, a.hi*b.lo, a.hi*b.hi
	return interval{min(p1, p2, p3, p4), max(p1, p2, p3, p4)}
}

// sigma returns player j's probability of its support's q-th strategy as
// an interval over the box [lo, hi] (a point when lo = hi).
func (ps *polySolver) sigma(j, q int, lo, hi []float64) interval {
	n := len(ps.sup[j]) - 1
	o := ps.off[j]
	if q < n {
		return interval{lo[o+q], hi[o+q]}
	}
	a, b := 1.0, 1.0
	for l := range n {
		a -= hi[o+l]
		b -= lo[o+l]
	}
	return interval{a, b}
}

// setSigma fills ps.sig with every player's support probabilities over
// the box [lo, hi].
func (ps *polySolver) setSigma(lo, hi []float64) {
	for j := range ps.np {
		for q := range ps.sig[j] {
			ps.sig[j][q] = ps.sigma(j, q, lo, hi)
		}
	}
}

// evalPoint fills f (length d) with the indifference equations at x, in
// plain float64 (eval with a point box, without the interval overhead).
func (ps *polySolver) evalPoint(x []float64, f []float64) {
	for k := range f {
		f[k] = 0
	}
	ps.setSigma(x, x)
	for i := range ps.np {
		if len(ps.sup[i]) == 1 {
			continue
		}
		for r := range ps.prof {
			p := ps.pos[r]
			c := ps.coef[r*ps.np+i]
			if p[i] == 0 || c == 0 {
				continue
			}
			for j := range ps.np {
				if j != i {
					c *= ps.sig[j][p[j]].lo
				}
			}
			f[ps.off[i]+p[i]-1] += c
		}
	}
}

// eval fills f (length d) with the indifference equations over the box
// [lo, hi] and, if jac is not nil, jac (d × d, row-major) with the interval
// Jacobian. With lo = hi the intervals are points.
func (ps *polySolver) eval(lo, hi []float64, f []interval, jac []interval) {
	d := ps.d
	for k := range f {
		f[k] = interval{}
	}
	for k := range jac {
		jac[k] = interval{}
	}
	ps.setSigma(lo, hi)
	for i := range ps.np {
		if len(ps.sup[i]) == 1 {
			continue
		}
		// f_{i,k} = Σ_t (a_i(s_k, t) − a_i(s_0, t)) Π_{j≠i} σ_j(t_j), one
		// term per support profile with t_i = s_k.
		for r := range ps.prof {
			p := ps.pos[r]
			c := ps.coef[r*ps.np+i]
			if p[i] == 0 || c == 0 {
				continue
			}
			w := interval{c, c}
			for j := range ps.np {
				if j != i {
					w = w.mul(ps.sig[j][p[j]])
				}
			}
			row := ps.off[i] + p[i] - 1
			f[row].lo += w.lo
			f[row].hi += w.hi
			if jac == nil {
				continue
			}
			// ∂/∂x_{j,l}: σ_j(t_j) is x_{j,l} (derivative 1) when t_j = l,
			// or the last strategy (derivative −1), else constant.
			for j := range ps.np {
				if j == i || len(ps.sup[j]) == 1 {
					continue
				}
				nj := len(ps.sup[j]) - 1
				rest := interval{c, c}
				for m := range ps.np {
					if m != i && m != j {
						rest = rest.mul(ps.sig[m][p[m]])
					}
				}
				if p[j] < nj {
					e := &jac[row*d+ps.off[j]+p[j]]
					e.lo += rest.lo
					e.hi += rest.hi
				} else {
					for l := range nj {
						e := &jac[row*d+ps.off[j]+l]
						e.lo -= rest.hi
						e.hi -= rest.lo
					}
				}
			}
		}
	}
}

// Box of the subdivision: a little wider than [0, 1] so that roots on the
// faces of the simplex lie inside boxes, with ends that are not dyadic
// fractions of small rationals.
const (
	polyBoxLo = -0.0137
	polyBoxHi = 1.0291
)

// solve returns the equilibria with support exactly sup, and whether the
// support was singular.
func (ps *polySolver) solve(sup [][]int) (roots [][][]float64, singular bool) {
	ps.setSupport(sup)
	d := ps.d
	if d == 0 {
		x := []float64{}
		if prof, ok := ps.check(x); ok {
			roots = append(roots, prof)
		}
		return roots, false
	}
	if ps.zeroR {
		// Some player is indifferent between two of its support's
		// strategies whatever the others do: d − 1 equations at most in d
		// unknowns, so no isolated solution in general.
		return nil, true
	}
	f := make([]interval, d)
	fy := make([]interval, d)
	jac := make([]interval, d*d)
	jy := make([]interval, d*d)
	y := make([]float64, d)
	C := make([]float64, d*d)
	// A player with more indifference equations than the others have
	// unknowns (its equations do not involve its own) has an
	// overdetermined block: generically no solution, shown by excluding
	// every box of the others' unknowns.
	for i := range ps.np {
		ni := len(sup[i]) - 1
		if ni > d-ni && ps.excluded(i, f, jac) {
			return nil, false
		}
	}
	limit := maxPolyBoxes
	if !ps.regular(y, fy, jy, C) {
		// No regular root can exist; the search only has to show that
		// there is no root at all (as in an overdetermined block, quickly
		// excluded), else the support is singular.
		limit = maxPolyBoxesDeficient
	}
	stack := []box{{lo: fill(d, polyBoxLo), hi: fill(d, polyBoxHi)}}
	boxes := 0
	corner := make([]float64, d)
	fc := make([]float64, d)
	rng := make([]interval, d)
	var found [][]float64
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		boxes++
		if boxes > limit {
			return ps.collect(found), true
		}
		if !ps.feasible(b.lo, b.hi) {
			continue
		}
		ps.eval(b.lo, b.hi, f, jac)
		width := 0.0
		for k := range d {
			width = max(width, b.hi[k]-b.lo[k])
			y[k] = (b.lo[k] + b.hi[k]) / 2
		}
		wide := smear(jac, b.lo, b.hi, d, 0, d, nil)
		if rw, rl := widestRelevant(jac, b.lo, b.hi, d); b.hi[wide]-b.lo[wide] < rw/64 {
			// Smear alone can leave a side whose derivatives are small
			// but not zero unsplit forever; bisect it once it is 64
			// times wider than the chosen one.
			wide = rl
		}
		ps.eval(y, y, fy, jy)
		// A box is discarded when some equation cannot vanish on it, by the
		// natural interval extension f(X) or the mean-value form
		// f(y) + J(X)(X − y), whichever is tighter.
		excluded := meanValueExcluded(f, fy, jac, b, d)
		if !excluded && d <= polyMaxVertexDim {
			excluded = ps.vertexExcluded(b.lo, b.hi, corner, fc, rng)
		}
		if excluded {
			continue
		}
		// Sides that no equation depends on anywhere in the box are free
		// directions: a root there lies on a continuum. The box is
		// undecided once every other side is narrower than polyMinWidth.
		if rw, _ := widestRelevant(jac, b.lo, b.hi, d); rw < polyMinWidth {
			return ps.collect(found), true
		}
		ok := invert(jy, C, d)
		if ok {
			klo, khi, empty, inside := krawczyk(b, y, fy, jac, C, d)
			if empty {
				continue
			}
			if inside {
				if x, ok := ps.newton(y, b.lo, b.hi); ok {
					found = append(found, x)
				}
				continue
			}
			// Shrink to K ∩ X when that helps much, else bisect.
			shrunk := box{lo: make([]float64, d), hi: make([]float64, d)}
			nw := 0.0
			for k := range d {
				shrunk.lo[k] = max(b.lo[k], klo[k])
				shrunk.hi[k] = min(b.hi[k], khi[k])
				nw = max(nw, shrunk.hi[k]-shrunk.lo[k])
			}
			if nw < 0.7*width {
				stack = append(stack, shrunk)
				continue
			}
		}
		stack = b.bisect(stack, wide)
	}
	return ps.collect(found), false
}

// meanValueExcluded reports whether some equation cannot vanish on box b,
// by the natural interval extension f(X) or the mean-value form
// f(y) + J(X)(X − y).
func meanValueExcluded(f, fy, jac []interval, b box, d int) bool {
	for k, v := range f {
		rad := 0.0
		for l := range d {
			j := jac[k*d+l]
			rad += max(math.Abs(j.lo), math.Abs(j.hi)) * (b.hi[l] - b.lo[l]) / 2
		}
		if v.lo > 0 || v.hi < 0 || fy[k].lo-rad > 0 || fy[k].lo+rad < 0 {
			return true
		}
	}
	return false
}

// krawczyk evaluates Krawczyk's operator on box b with midpoint y and
// preconditioner C (an inverse of the Jacobian at y):
//
//	K = y − C f(y) + (I − C J(X))(X − y)
//
// empty: K misses the box (no root in it); inside: K lies in its interior
// (exactly one root, which Newton's method finds).
//
// Reference: Krawczyk, R. (1969). Newton-Algorithmen zur Bestimmung von
// Nullstellen mit Fehlerschranken. Computing 4:187-201.
func krawczyk(b box, y []float64, fy, jac []interval, C []float64, d int) (klo, khi []float64, empty, inside bool) {
	inside = true
	klo = make([]float64, d)
	khi = make([]float64, d)
	for k := range d {
		cf := 0.0
		for l := range d {
			cf += C[k*d+l] * fy[l].lo
		}
		rad := 0.0
		for l := range d {
			// (I − C J(X))_{kl}
			m := interval{}
			if k == l {
				m = interval{1, 1}
			}
			for q := range d {
				c := C[k*d+q]
				j := jac[q*d+l]
				if c >= 0 {
					m.lo -= c * j.hi
					m.hi -= c * j.lo
				} else {
					m.lo -= c * j.lo
					m.hi -= c * j.hi
				}
			}
			rad += max(math.Abs(m.lo), math.Abs(m.hi)) * (b.hi[l] - b.lo[l]) / 2
		}
		klo[k], khi[k] = y[k]-cf-rad, y[k]-cf+rad
		if khi[k] < b.lo[k] || klo[k] > b.hi[k] {
			return klo, khi, true, false
		}
		if klo[k] <= b.lo[k] || khi[k] >= b.hi[k] {
			inside = false
		}
	}
	return klo, khi, false, inside
}

// box is a box of the subdivision: lo ≤ x ≤ hi.
type box struct{ lo, hi []float64 }

// bisect pushes the two halves of b along side l onto the stack, the lower
// half on top.
func (b box) bisect(stack []box, l int) []box {
	mid := (b.lo[l] + b.hi[l]) / 2
	left := box{lo: append([]float64(nil), b.lo...), hi: append([]float64(nil), b.hi...)}
	right := box{lo: append([]float64(nil), b.lo...), hi: append([]float64(nil), b.hi...)}
	left.hi[l] = mid
	right.lo[l] = mid
	return append(stack, right, left)
}

// smear picks the side of box [lo, hi] to bisect: the unknown l (among
// those with skip[l] false) with the largest max_k |J_kl|·(hi_l − lo_l)
// over the rows k in [r0, r1), the one whose width moves the equations
// most (Kearfott's smear rule); the widest side when all are zero.
func smear(jac []interval, lo, hi []float64, d, r0, r1 int, skip []bool) int {
	best, bl, wide, wl := -1.0, -1, -1.0, 0
	for l := range d {
		if skip != nil && skip[l] {
			continue
		}
		w := hi[l] - lo[l]
		if w > wide {
			wide, wl = w, l
		}
		for k := r0; k < r1; k++ {
			j := jac[k*d+l]
			if v := max(math.Abs(j.lo), math.Abs(j.hi)) * w; v > best && v > 0 {
				best, bl = v, l
			}
		}
	}
	if bl < 0 {
		return wl
	}
	return bl
}

// polyMaxVertexDim is the largest number of unknowns for which a box's
// exact ranges are taken from its 2^d corners.
const polyMaxVertexDim = 8

// vertexExcluded reports whether some equation has no zero on the box,
// from its exact range. Each equation is multilinear in the unknowns
// (degree at most one in each: every term is a product of one affine factor
// per other player), so its extremes over a box lie at the box's corners.
func (ps *polySolver) vertexExcluded(lo, hi, corner, fv []float64, rng []interval) bool {
	d := ps.d
	for k := range rng {
		rng[k] = interval{math.Inf(1), math.Inf(-1)}
	}
	for c := range 1 << d {
		for l := range d {
			if c>>l&1 == 1 {
				corner[l] = hi[l]
			} else {
				corner[l] = lo[l]
			}
		}
		ps.evalPoint(corner, fv)
		straddle := 0
		for k := range d {
			rng[k].lo = min(rng[k].lo, fv[k])
			rng[k].hi = max(rng[k].hi, fv[k])
			if rng[k].lo <= 0 && rng[k].hi >= 0 {
				straddle++
			}
		}
		if straddle == d {
			return false // every equation changes sign on the box
		}
	}
	for k := range d {
		if rng[k].lo > 0 || rng[k].hi < 0 {
			return true
		}
	}
	return false
}

// widestRelevant returns the largest width of box [lo, hi] over the sides
// some equation depends on, and that side.
func widestRelevant(jac []interval, lo, hi []float64, d int) (float64, int) {
	w, wl := 0.0, 0
	for l := range d {
		for k := range d {
			if j := jac[k*d+l]; j.lo != 0 || j.hi != 0 {
				if hi[l]-lo[l] > w {
					w, wl = hi[l]-lo[l], l
				}
				break
			}
		}
	}
	return w, wl
}

// excluded reports whether player i's equations have no common root with
// the others' probabilities in the box: subdivision over the others'
// unknowns only (i's own do not enter its equations), at most
// maxPolyBoxesDeficient boxes.
func (ps *polySolver) excluded(i int, f, jac []interval) bool {
	d := ps.d
	r0, r1 := ps.off[i], ps.off[i]+len(ps.sup[i])-1
	own := make([]bool, d)
	for l := r0; l < r1; l++ {
		own[l] = true
	}
	stack := []box{{lo: fill(d, polyBoxLo), hi: fill(d, polyBoxHi)}}
	for boxes := 0; len(stack) > 0; boxes++ {
		if boxes > maxPolyBoxesDeficient {
			return false
		}
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !ps.feasible(b.lo, b.hi) {
			continue
		}
		ps.eval(b.lo, b.hi, f, jac)
		out := false
		for k := r0; k < r1; k++ {
			out = out || f[k].lo > 0 || f[k].hi < 0
		}
		if out {
			continue
		}
		l := smear(jac, b.lo, b.hi, d, r0, r1, own)
		if b.hi[l]-b.lo[l] < polyMinWidth {
			return false
		}
		stack = b.bisect(stack, l)
	}
	return true
}

// regular reports whether the Jacobian of the current support's system
// has full rank d at some of three pseudo-random interior points of the
// simplex (a fixed stream, so the answer is reproducible). The rank of a
// polynomial matrix is its rank at a generic point; if it is below d
// everywhere, every nonempty fibre of the map has positive dimension, so
// the system has no regular isolated root and the support is singular.
// (Real fibres can in principle still be single points where the complex
// ones are not; such supports are reported singular too.)
func (ps *polySolver) regular(x []float64, f, jac []interval, C []float64) bool {
	r := rand.New(rand.NewPCG(uint64(ps.d), 0x656e756d706f6c79))
	for range 3 {
		for j := range ps.np {
			n := len(ps.sup[j])
			w := make([]float64, n)
			sum := 0.0
			for q := range w {
				w[q] = 0.2 + r.Float64()
				sum += w[q]
			}
			for q := range n - 1 {
				x[ps.off[j]+q] = w[q] / sum
			}
		}
		ps.eval(x, x, f, jac)
		if invert(jac, C, ps.d) {
			return true
		}
	}
	return false
}

// collect turns the roots of the current support into equilibria.
func (ps *polySolver) collect(found [][]float64) [][][]float64 {
	var out [][][]float64
	for _, x := range found {
		if prof, ok := ps.check(x); ok {
			dup := false
			for _, o := range out {
				if maxDiff(o, prof) < 1e-9 {
					dup = true
				}
			}
			if !dup {
				out = append(out, prof)
			}
		}
	}
	return out
}

func fill(n int, v float64) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// feasible reports whether a box can hold probabilities: no unknown wholly
// negative and no player's last probability wholly negative.
func (ps *polySolver) feasible(lo, hi []float64) bool {
	for j := range ps.np {
		n := len(ps.sup[j]) - 1
		s := 0.0
		for l := range n {
			if hi[ps.off[j]+l] < 0 {
				return false
			}
			s += lo[ps.off[j]+l]
		}
		if s > 1 {
			return false
		}
	}
	return true
}

// newton refines a root from y (inside a box certified to hold one).
func (ps *polySolver) newton(y, lo, hi []float64) ([]float64, bool) {
	d := ps.d
	x := append([]float64(nil), y...)
	f := make([]interval, d)
	jac := make([]interval, d*d)
	C := make([]float64, d*d)
	for range 50 {
		ps.eval(x, x, f, jac)
		if !invert(jac, C, d) {
			return nil, false
		}
		step := 0.0
		for k := range d {
			dx := 0.0
			for l := range d {
				dx += C[k*d+l] * f[l].lo
			}
			x[k] -= dx
			step = max(step, math.Abs(dx))
		}
		if step < 1e-15 {
			break
		}
	}
	for k := range d {
		if x[k] < lo[k]-1e-9 || x[k] > hi[k]+1e-9 || math.IsNaN(x[k]) {
			return nil, false
		}
	}
	return x, true
}

// invert sets C to the inverse of the point matrix a (the lo ends; d × d)
// by Gauss-Jordan elimination with partial pivoting; false if singular or
// too ill-conditioned to trust.
func invert(a []interval, C []float64, d int) bool {
	m := make([]float64, d*2*d)
	for r := range d {
		for c := range d {
			m[r*2*d+c] = a[r*d+c].lo
		}
		m[r*2*d+d+r] = 1
	}
	scale := 0.0
	for r := range d {
		for c := range d {
			scale = max(scale, math.Abs(m[r*2*d+c]))
		}
	}
	if scale == 0 {
		return false
	}
	for c := range d {
		p := c
		for r := c + 1; r < d; r++ {
			if math.Abs(m[r*2*d+c]) > math.Abs(m[p*2*d+c]) {
				p = r
			}
		}
		if math.Abs(m[p*2*d+c]) < 1e-12*scale {
			return false
		}
		if p != c {
			for k := range 2 * d {
				m[p*2*d+k], m[c*2*d+k] = m[c*2*d+k], m[p*2*d+k]
			}
		}
		piv := m[c*2*d+c]
		for k := range 2 * d {
			m[c*2*d+k] /= piv
		}
		for r := range d {
			if r == c || m[r*2*d+c] == 0 {
				continue
			}
			f := m[r*2*d+c]
			for k := range 2 * d {
				m[r*2*d+k] -= f * m[c*2*d+k]
			}
		}
	}
	for r := range d {
		copy(C[r*d:r*d+d], m[r*2*d+d:r*2*d+2*d])
	}
	return true
}

// check turns a root x of the current support into a full profile and
// reports whether it is an equilibrium with exactly this support.
func (ps *polySolver) check(x []float64) ([][]float64, bool) {
	g := ps.g
	prof := make([][]float64, ps.np)
	for j := range ps.np {
		prof[j] = make([]float64, len(g.Strategies[j]))
		for q, k := range ps.sup[j] {
			v := ps.sigma(j, q, x, x).lo
			if v <= polyTol {
				return nil, false
			}
			prof[j][k] = v
		}
	}
	for i := range ps.np {
		u := make([]float64, len(g.Strategies[i]))
		for idx, pay := range ps.pay {
			s := g.Profile(idx)
			w := 1.0
			for j := range ps.np {
				if j != i {
					w *= prof[j][s[j]]
				}
			}
			u[s[i]] += w * pay[i]
		}
		best := u[ps.sup[i][0]]
		for k := range u {
			if u[k] > best+polyTol {
				return nil, false
			}
		}
	}
	return prof, true
}

// exact returns the profile rounded to fractions with small denominators
// if that rounding is an exact Nash equilibrium with the same support.
func (ps *polySolver) exact(prof [][]float64) MixedProfile {
	mp := make(MixedProfile, len(prof))
	for j, v := range prof {
		mp[j] = make([]*big.Rat, len(v))
		sum := new(big.Rat)
		for k, x := range v {
			r := nearestFraction(x, polyMaxDenominator)
			if r == nil {
				return nil
			}
			if (x > 0) != (r.Sign() > 0) {
				return nil
			}
			mp[j][k] = r
			sum.Add(sum, r)
		}
		if sum.Cmp(big.NewRat(1, 1)) != 0 {
			return nil
		}
	}
	if !IsNash(ps.g, mp) {
		return nil
	}
	return mp
}

// nearestFraction returns the best rational approximation p/q of x in
// [0, 1] with q ≤ maxDen (continued fractions), if it is within 1e-9 of x.
func nearestFraction(x float64, maxDen int64) *big.Rat {
	if x < -1e-9 || x > 1+1e-9 {
		return nil
	}
	// Convergents h/k of the continued fraction of x.
	h0, h1 := int64(0), int64(1)
	k0, k1 := int64(1), int64(0)
	r := x
	for range 64 {
		a := int64(math.Floor(r))
		h2, k2 := a*h1+h0, a*k1+k0
		if k2 > maxDen {
			break
		}
		h0, h1, k0, k1 = h1, h2, k1, k2
		frac := r - float64(a)
		if math.Abs(float64(h1)/float64(k1)-x) < 1e-15 || frac < 1e-15 {
			break
		}
		r = 1 / frac
	}
	if k1 == 0 || math.Abs(float64(h1)/float64(k1)-x) > 1e-9 {
		return nil
	}
	return big.NewRat(h1, k1)
}
