package game

import (
	"errors"
	"math/big"
)

// polytope is the integer tableau of {v ∈ Rᵈ : v ≥ 0, M v ≤ c·1} (M with
// positive integer entries, k rows) in the fraction-free form of Edmonds
// (1967) and Bareiss (1968), as used by Avis's lrs: the rational tableau
// is T/det, with T integer and det the determinant of the current basis.
//
// Columns 0..d-1 are the variables v, d..d+k-1 the slacks s = c − M v,
// and the last column the right-hand side. Row r has basic variable
// basis[r]. A pivot on (r, e) with p = T[r][e] > 0 is
//
//	T'[i][j] = (T[i][j]·p − T[i][e]·T[r][j]) / det   (i ≠ r; exact)
//	T'[r][j] = T[r][j],  det' = p
//
// so every entry stays an integer and det stays positive.
type polytope struct {
	d, k  int
	t     [][]*big.Int
	det   *big.Int
	basis []int
	inBas uint64 // bit j set when variable j is basic
	tmp   *big.Int
	tmp2  *big.Int
}

func newPolytope(m [][]*big.Int, c *big.Int) *polytope {
	k, d := len(m), len(m[0])
	p := &polytope{d: d, k: k, det: big.NewInt(1), tmp: new(big.Int), tmp2: new(big.Int)}
	p.t = make([][]*big.Int, k)
	p.basis = make([]int, k)
	for r := range k {
		p.t[r] = make([]*big.Int, d+k+1)
		for j := range p.t[r] {
			p.t[r][j] = new(big.Int)
		}
		for j := range d {
			p.t[r][j].Set(m[r][j])
		}
		p.t[r][d+r].SetInt64(1)
		p.t[r][d+k].Set(c)
		p.basis[r] = d + r
		p.inBas |= 1 << uint(d+r)
	}
	return p
}

func (p *polytope) pivot(r, e int) {
	piv := new(big.Int).Set(p.t[r][e])
	for i, row := range p.t {
		if i == r {
			continue
		}
		f := new(big.Int).Set(row[e])
		for j, x := range row {
			// x = (x·piv − f·T[r][j]) / det
			p.tmp.Mul(x, piv)
			p.tmp2.Mul(f, p.t[r][j])
			p.tmp.Sub(p.tmp, p.tmp2)
			x.Quo(p.tmp, p.det)
		}
	}
	p.det.Set(piv)
	p.inBas &^= 1 << uint(p.basis[r])
	p.inBas |= 1 << uint(e)
	p.basis[r] = e
}

// leaving returns the row that leaves when variable e enters, by the
// lexicographic minimum-ratio rule (Dantzig, Orden and Wolfe 1955): the
// ratio of (rhs, slack columns) to the entering column, compared
// lexicographically, which is the ratio test of the perturbed polytope
// {M v ≤ c·1 + (ε, ε², …)}. The perturbed polytope is simple, so every
// nonbasic variable gives exactly one adjacent basis and the graph of
// bases is that of a simple polytope: connected. It returns -1 when the
// column has no positive entry (an unbounded edge).
func (p *polytope) leaving(e int) int {
	best := -1
	for r := range p.k {
		if p.t[r][e].Sign() <= 0 {
			continue
		}
		if best < 0 || p.lexLess(r, best, e) {
			best = r
		}
	}
	return best
}

// lexLess reports whether row r's ratio vector is lexicographically
// smaller than row s's, for entering column e.
func (p *polytope) lexLess(r, s, e int) bool {
	rhs := p.d + p.k
	cols := func(yield func(int) bool) {
		if !yield(rhs) {
			return
		}
		for j := p.d; j < p.d+p.k; j++ {
			if !yield(j) {
				return
			}
		}
	}
	for j := range cols {
		p.tmp.Mul(p.t[r][j], p.t[s][e])
		p.tmp2.Mul(p.t[s][j], p.t[r][e])
		if c := p.tmp.Cmp(p.tmp2); c != 0 {
			return c < 0
		}
	}
	return false // identical rows cannot occur: the slack block is invertible
}

// pvertex is a vertex of the polytope: tight is the set of all tight
// constraints (variables at zero, by index; slacks by d + row), nonbasic
// the nonbasic variables of one basis that reaches it (d of them, whose
// equations fix the point).
type pvertex struct {
	tight, nonbasic uint64
}

// vertexSet enumerates every vertex of {v ≥ 0, M v ≤ c·1} by a depth-first
// walk over the feasible bases of the lexicographically perturbed
// polytope, pivoting forward to an unvisited basis and back again (so no
// tableau is stored), in the spirit of the reverse search of Avis and
// Fukuda (1992) but with a visited set in place of the reverse-pivot rule:
// memory grows with the number of bases (about 50 bytes each), time with
// the number of bases times one ratio test per nonbasic variable and two
// pivots per basis. A vertex is identified by its full set of tight
// constraints (in a polytope, that set determines the point), so
// degenerate vertices reached from several bases are kept once; its
// coordinates are not stored (see coordinates).
func vertexSet(m [][]*big.Int, c *big.Int, limit int) ([]pvertex, error) {
	p := newPolytope(m, c)
	n := p.d + p.k
	if n > 64 {
		return nil, errors.New("game: more than 64 constraints")
	}
	seenBasis := map[uint64]struct{}{p.inBas: {}}
	seenVertex := map[uint64]struct{}{}
	var out []pvertex
	record := func() {
		var tight uint64
		for j := range n {
			if p.inBas&(1<<uint(j)) == 0 {
				tight |= 1 << uint(j)
			}
		}
		for r, b := range p.basis {
			if p.t[r][n].Sign() == 0 {
				tight |= 1 << uint(b)
			}
		}
		if _, ok := seenVertex[tight]; ok {
			return
		}
		v := pvertex{tight: tight, nonbasic: (1<<uint(n) - 1) &^ p.inBas}
		seenVertex[tight] = struct{}{}
		out = append(out, v)
	}
	var err error
	var walk func()
	walk = func() {
		record()
		for e := range n {
			if p.inBas&(1<<uint(e)) != 0 {
				continue
			}
			r := p.leaving(e)
			if r < 0 {
				err = errors.New("game: the polytope is unbounded")
				return
			}
			next := p.inBas&^(1<<uint(p.basis[r])) | 1<<uint(e)
			if _, ok := seenBasis[next]; ok {
				continue
			}
			if len(seenBasis) >= limit {
				err = errors.New("game: too many vertices for vertex enumeration")
				return
			}
			seenBasis[next] = struct{}{}
			l := p.basis[r]
			p.pivot(r, e)
			walk()
			p.pivot(r, l)
			if err != nil {
				return
			}
		}
	}
	walk()
	return out, err
}

// coordinates returns the point of the vertex of {v ≥ 0, M v ≤ c·1}
// whose basis has the given nonbasic variables: v_j = 0 for nonbasic
// variables j < d, and (M v)_r = c for nonbasic slacks d + r; d equations
// in d unknowns, non-singular because they come from a basis, solved
// exactly by Gaussian elimination.
func coordinates(m [][]*big.Int, c *big.Int, nonbasic uint64) []*big.Rat {
	d := len(m[0])
	a := make([][]*big.Rat, 0, d)
	for j := range d + len(m) {
		if nonbasic&(1<<uint(j)) == 0 {
			continue
		}
		row := make([]*big.Rat, d+1)
		for i := range row {
			row[i] = new(big.Rat)
		}
		if j < d {
			row[j].SetInt64(1)
		} else {
			for i := range d {
				row[i].SetInt(m[j-d][i])
			}
			row[d].SetInt(c)
		}
		a = append(a, row)
	}
	if len(a) != d {
		panic("game: a basis must have d nonbasic variables")
	}
	tmp := new(big.Rat)
	for col := range d {
		p := col
		for p < d && a[p][col].Sign() == 0 {
			p++
		}
		if p == d {
			panic("game: singular basis")
		}
		a[col], a[p] = a[p], a[col]
		for r := range d {
			if r == col || a[r][col].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Quo(a[r][col], a[col][col])
			for k := col; k <= d; k++ {
				a[r][k].Sub(a[r][k], tmp.Mul(f, a[col][k]))
			}
		}
	}
	v := make([]*big.Rat, d)
	for i := range d {
		v[i] = new(big.Rat).Quo(a[i][d], a[i][i])
	}
	return v
}
