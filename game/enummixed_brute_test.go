package game

import (
	"errors"
	"math/big"
)

// bruteExtremeEquilibria is the first, brute-force vertex enumeration
// (every choice of m tight constraints solved by Gaussian elimination),
// kept as an independent oracle for the pivoting enumeration.
func bruteExtremeEquilibria(g *NormalForm) ([]MixedProfile, error) {
	if len(g.Players) != 2 {
		return nil, errors.New("game: vertex enumeration needs exactly two players")
	}
	m, n := len(g.Strategies[0]), len(g.Strategies[1])
	if m+n > 24 {
		return nil, errors.New("game: too large for vertex enumeration (m + n > 24)")
	}
	A, B := g.positiveBimatrix()
	// P: variables x (m); constraints k<m: x_k ≥ 0 (tight: x_k = 0);
	// k = m+j: Σ_i B[i][j] x_i ≤ 1.
	rowP := func(k int) ([]*big.Rat, *big.Rat) {
		c := make([]*big.Rat, m)
		for i := range c {
			c[i] = new(big.Rat)
		}
		if k < m {
			c[k].SetInt64(1)
			return c, new(big.Rat)
		}
		for i := range m {
			c[i].Set(B[i][k-m])
		}
		return c, big.NewRat(1, 1)
	}
	// Q: variables y (n); k<m: Σ_j A[k][j] y_j ≤ 1; k = m+j: y_j ≥ 0.
	rowQ := func(k int) ([]*big.Rat, *big.Rat) {
		c := make([]*big.Rat, n)
		for j := range c {
			c[j] = new(big.Rat)
		}
		if k >= m {
			c[k-m].SetInt64(1)
			return c, new(big.Rat)
		}
		for j := range n {
			c[j].Set(A[k][j])
		}
		return c, big.NewRat(1, 1)
	}
	// In P the inequality for k<m is x_k ≥ 0 and for k≥m is row·x ≤ 1;
	// in Q the inequality for k<m is row·y ≤ 1 and for k≥m is y ≥ 0.
	vp := vertices(m, m+n, rowP, func(k int) bool { return k >= m })
	vq := vertices(n, m+n, rowQ, func(k int) bool { return k < m })
	var out []MixedProfile
	for _, x := range vp {
		if x.zero {
			continue
		}
		for _, y := range vq {
			if y.zero {
				continue
			}
			complete := true
			for k := range m + n {
				if !x.labels[k] && !y.labels[k] {
					complete = false
					break
				}
			}
			if complete {
				out = append(out, MixedProfile{normalise(x.v), normalise(y.v)})
			}
		}
	}
	return out, nil
}

type vertex struct {
	v      []*big.Rat
	labels []bool
	zero   bool
}

// vertices enumerates the vertices of a polytope in dim variables given
// by total constraints: row(k) returns its coefficients and right-hand
// side; upper(k) says whether it reads row·v ≤ rhs (else row·v ≥ rhs).
func vertices(dim, total int, row func(int) ([]*big.Rat, *big.Rat), upper func(int) bool) []vertex {
	rows := make([][]*big.Rat, total)
	rhs := make([]*big.Rat, total)
	for k := range total {
		rows[k], rhs[k] = row(k)
	}
	var out []vertex
	choose := make([]int, dim)
	var rec func(start, depth int)
	rec = func(start, depth int) {
		if depth == dim {
			sys := make([][]*big.Rat, dim)
			b := make([]*big.Rat, dim)
			for i, k := range choose {
				sys[i], b[i] = rows[k], rhs[k]
			}
			v, ok := solve(sys, b)
			if !ok {
				return
			}
			labels := make([]bool, total)
			dot := new(big.Rat)
			tmp := new(big.Rat)
			for k := range total {
				dot.SetInt64(0)
				for i := range dim {
					dot.Add(dot, tmp.Mul(rows[k][i], v[i]))
				}
				c := dot.Cmp(rhs[k])
				if upper(k) && c > 0 || !upper(k) && c < 0 {
					return // infeasible
				}
				labels[k] = c == 0
			}
			for _, o := range out {
				if equalVec(o.v, v) {
					return
				}
			}
			zero := true
			for _, x := range v {
				if x.Sign() != 0 {
					zero = false
				}
			}
			out = append(out, vertex{v: v, labels: labels, zero: zero})
			return
		}
		for k := start; k <= total-(dim-depth); k++ {
			choose[depth] = k
			rec(k+1, depth+1)
		}
	}
	rec(0, 0)
	return out
}

// solve solves the square system sys·v = b exactly by Gaussian
// elimination; ok is false when the system is singular.
func solve(sys [][]*big.Rat, b []*big.Rat) ([]*big.Rat, bool) {
	n := len(sys)
	a := make([][]*big.Rat, n)
	for i := range n {
		a[i] = make([]*big.Rat, n+1)
		for j := range n {
			a[i][j] = new(big.Rat).Set(sys[i][j])
		}
		a[i][n] = new(big.Rat).Set(b[i])
	}
	tmp := new(big.Rat)
	for c := range n {
		p := -1
		for r := c; r < n; r++ {
			if a[r][c].Sign() != 0 {
				p = r
				break
			}
		}
		if p < 0 {
			return nil, false
		}
		a[c], a[p] = a[p], a[c]
		for r := range n {
			if r == c || a[r][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Quo(a[r][c], a[c][c])
			for k := c; k <= n; k++ {
				a[r][k].Sub(a[r][k], tmp.Mul(f, a[c][k]))
			}
		}
	}
	v := make([]*big.Rat, n)
	for i := range n {
		v[i] = new(big.Rat).Quo(a[i][n], a[i][i])
	}
	return v, true
}

func equalVec(a, b []*big.Rat) bool {
	for i := range a {
		if a[i].Cmp(b[i]) != 0 {
			return false
		}
	}
	return true
}
