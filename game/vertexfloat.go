package game

import (
	"errors"
	"math"
)

// floatEps is the tolerance of the float64 vertex enumeration: a ratio or
// right-hand side within floatEps (relative to the tableau's scale) of
// another is treated as equal. Payoffs are scaled to at most 1 in
// absolute value, so 1e-9 is far above rounding (about 1e-16 per
// operation times the tableau's size) and far below the gaps between
// distinct ratios of games with integer or few-digit payoffs.
const floatEps = 1e-9

// floatVertexSet is vertexSet in float64: the same walk over the bases of
// the lexicographically perturbed polytope {v ≥ 0, M v ≤ c·1}, but each
// basis's tableau is computed afresh from M by Gaussian elimination with
// partial pivoting (so rounding does not accumulate along the walk), and
// the walk keeps an explicit stack of bases.
func floatVertexSet(m [][]float64, c float64, limit int) ([]pvertex, error) {
	k, d := len(m), len(m[0])
	n := d + k
	if n > 64 {
		return nil, errors.New("game: more than 64 constraints")
	}
	cols := n + 1
	// orig is [M | I | c]; t the tableau of the current basis.
	orig := make([]float64, k*cols)
	for r := range k {
		copy(orig[r*cols:], m[r])
		orig[r*cols+d+r] = 1
		orig[r*cols+n] = c
	}
	t := make([]float64, k*cols)
	basis := make([]int, 0, k)
	build := func(mask uint64) error {
		copy(t, orig)
		basis = basis[:0]
		for j := range n {
			if mask&(1<<uint(j)) != 0 {
				basis = append(basis, j)
			}
		}
		for r, col := range basis {
			p := r
			for i := r + 1; i < k; i++ {
				if math.Abs(t[i*cols+col]) > math.Abs(t[p*cols+col]) {
					p = i
				}
			}
			if math.Abs(t[p*cols+col]) < floatEps {
				return errors.New("game: singular basis in float64 vertex enumeration")
			}
			if p != r {
				for j := range cols {
					t[r*cols+j], t[p*cols+j] = t[p*cols+j], t[r*cols+j]
				}
			}
			piv := t[r*cols+col]
			for j := range cols {
				t[r*cols+j] /= piv
			}
			for i := range k {
				if f := t[i*cols+col]; i != r && f != 0 {
					for j := range cols {
						t[i*cols+j] -= f * t[r*cols+j]
					}
				}
			}
		}
		return nil
	}
	// lexLess: row r's (rhs, slack columns) / t[r][e] before row s's.
	lexLess := func(r, s, e int) bool {
		for j := -1; j < k; j++ {
			col := n
			if j >= 0 {
				col = d + j
			}
			a, b := t[r*cols+col]/t[r*cols+e], t[s*cols+col]/t[s*cols+e]
			if math.Abs(a-b) > floatEps*(1+math.Abs(a)+math.Abs(b)) {
				return a < b
			}
		}
		return false
	}
	start := uint64(1)<<uint(n) - 1 ^ (uint64(1)<<uint(d) - 1) // the slacks
	seenBasis := map[uint64]struct{}{start: {}}
	seenVertex := map[uint64]struct{}{}
	stack := []uint64{start}
	var out []pvertex
	for len(stack) > 0 {
		mask := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if err := build(mask); err != nil {
			return nil, err
		}
		var tight uint64
		for j := range n {
			if mask&(1<<uint(j)) == 0 {
				tight |= 1 << uint(j)
			}
		}
		for r, b := range basis {
			if math.Abs(t[r*cols+n]) <= floatEps*math.Abs(c) {
				tight |= 1 << uint(b)
			}
		}
		if _, ok := seenVertex[tight]; !ok {
			seenVertex[tight] = struct{}{}
			out = append(out, pvertex{tight: tight, nonbasic: (1<<uint(n) - 1) &^ mask})
		}
		for e := range n {
			if mask&(1<<uint(e)) != 0 {
				continue
			}
			leave := -1
			for r := range k {
				if t[r*cols+e] > floatEps && (leave < 0 || lexLess(r, leave, e)) {
					leave = r
				}
			}
			if leave < 0 {
				return nil, errors.New("game: the polytope is unbounded")
			}
			next := mask&^(1<<uint(basis[leave])) | 1<<uint(e)
			if _, ok := seenBasis[next]; ok {
				continue
			}
			if len(seenBasis) >= limit {
				return nil, errors.New("game: too many vertices for vertex enumeration")
			}
			seenBasis[next] = struct{}{}
			stack = append(stack, next)
		}
	}
	return out, nil
}

// floatCoordinates is coordinates in float64.
func floatCoordinates(m [][]float64, c float64, nonbasic uint64) []float64 {
	d := len(m[0])
	a := make([][]float64, 0, d)
	for j := range d + len(m) {
		if nonbasic&(1<<uint(j)) == 0 {
			continue
		}
		row := make([]float64, d+1)
		if j < d {
			row[j] = 1
		} else {
			copy(row, m[j-d])
			row[d] = c
		}
		a = append(a, row)
	}
	for col := range d {
		p := col
		for r := col + 1; r < d; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[p][col]) {
				p = r
			}
		}
		a[col], a[p] = a[p], a[col]
		for r := range d {
			if f := a[r][col] / a[col][col]; r != col && f != 0 {
				for j := col; j <= d; j++ {
					a[r][j] -= f * a[col][j]
				}
			}
		}
	}
	v := make([]float64, d)
	sum := 0.0
	for i := range d {
		v[i] = a[i][d] / a[i][i]
		sum += v[i]
	}
	for i := range v {
		v[i] /= sum
		if math.Abs(v[i]) < floatEps {
			v[i] = 0 // no rounding residue, and no -0
		}
	}
	return v
}

// ExtremeEquilibriaFloat is ExtremeEquilibria in float64 arithmetic: the
// same enumeration, with a tolerance (floatEps) in place of exact
// comparisons. It returns, per equilibrium, each player's mixed strategy.
// It is faster than the exact path on larger games and agrees with it on
// games whose payoffs have few significant digits (tested); on games with
// near-ties below the tolerance it may merge or miss degenerate vertices,
// which the exact path never does.
func ExtremeEquilibriaFloat(g *NormalForm) ([][2][]float64, error) {
	if len(g.Players) != 2 {
		return nil, errors.New("game: vertex enumeration needs exactly two players")
	}
	m, n := len(g.Strategies[0]), len(g.Strategies[1])
	if m+n > 64 {
		return nil, errors.New("game: too large for vertex enumeration (m + n > 64)")
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, pay := range g.payoffs {
		for _, v := range pay[:2] {
			f, _ := v.Float64()
			lo, hi = min(lo, f), max(hi, f)
		}
	}
	// Shift and scale every payoff into [1, 2]: positive entries.
	scale := max(hi-lo, 1)
	val := func(i, j, p int) float64 {
		f, _ := g.payoffs[g.Index([]int{i, j})][p].Float64()
		return 1 + (f-lo)/scale
	}
	MP := make([][]float64, n)
	for j := range n {
		MP[j] = make([]float64, m)
		for i := range m {
			MP[j][i] = val(i, j, 1)
		}
	}
	MQ := make([][]float64, m)
	for i := range m {
		MQ[i] = make([]float64, n)
		for j := range n {
			MQ[i][j] = val(i, j, 0)
		}
	}
	vp, err := floatVertexSet(MP, 1, maxBases)
	if err != nil {
		return nil, err
	}
	vq, err := floatVertexSet(MQ, 1, maxBases)
	if err != nil {
		return nil, err
	}
	var out [][2][]float64
	completePairs(vp, vq, m, n, func(x, y pvertex) {
		out = append(out, [2][]float64{floatCoordinates(MP, 1, x.nonbasic), floatCoordinates(MQ, 1, y.nonbasic)})
	})
	return out, nil
}
