package game

import (
	"errors"
	"math/big"
)

// LemkeHowson finds one Nash equilibrium of a two-player game by the
// Lemke-Howson complementary pivoting algorithm (Lemke and Howson 1964,
// "Equilibrium points of bimatrix games", SIAM Journal 12(2):413-423; as
// presented by von Stengel 2002, Handbook of Game Theory vol. 3, ch. 45),
// in exact arithmetic, starting by dropping label k (0 ≤ k < m+n: the
// row player's strategies first). With payoffs shifted positive it pivots
// on the two tableaux
//
//	r = 1 − A y,   s = 1 − Bᵀ x,   x, y, r, s ≥ 0,   x·r = 0, y·s = 0
//
// until the variable of the dropped label's pair leaves the basis. Ties in
// the ratio test are broken lexicographically, so degenerate games do not
// cycle. Different k may reach different equilibria.
func LemkeHowson(g *NormalForm, k int) (MixedProfile, error) {
	if len(g.Players) != 2 {
		return nil, errors.New("game: Lemke-Howson needs two players")
	}
	m, n := len(g.Strategies[0]), len(g.Strategies[1])
	if k < 0 || k >= m+n {
		return nil, errors.New("game: dropped label out of range")
	}
	t1, t2 := lhTableaux(g)
	// label of a column in each tableau
	label1 := func(col int) int { // T1: y_j → m+j, r_i → i
		if col < n {
			return m + col
		}
		return col - n
	}
	label2 := func(col int) int { // T2: x_i → i, s_j → m+j
		if col < m {
			return col
		}
		return m + (col - m)
	}
	// Entering variable: the structural variable with label k.
	var inT1 bool
	var enter int
	if k < m {
		inT1, enter = false, k // x_k enters T2
	} else {
		inT1, enter = true, k-m // y_{k-m} enters T1
	}
	for step := 0; step < 100000; step++ {
		var leaveCol, leaveLabel int
		var ok bool
		if inT1 {
			leaveCol, ok = t1.pivot(enter)
			leaveLabel = label1(leaveCol)
		} else {
			leaveCol, ok = t2.pivot(enter)
			leaveLabel = label2(leaveCol)
		}
		if !ok {
			return nil, errors.New("game: Lemke-Howson ray (cannot happen with positive payoffs)")
		}
		if leaveLabel == k {
			break
		}
		// The complement of the leaving variable enters the other tableau:
		// a slack r_i leaving T1 → x_i enters T2; y_j leaving T1 → s_j enters T2.
		if inT1 {
			if leaveCol >= n { // r_i left: x_i enters T2
				enter = leaveLabel
			} else { // y_j left: s_j enters T2
				enter = m + (leaveCol)
			}
		} else {
			if leaveCol >= m { // s_j left: y_j enters T1
				enter = leaveCol - m
			} else { // x_i left: r_i enters T1
				enter = n + leaveCol
			}
		}
		inT1 = !inT1
	}
	return MixedProfile{normalise(t2.solution(m, m+n)), normalise(t1.solution(n, n+m))}, nil
}

// lhTableau is one of the two Lemke-Howson tableaux. Each row is stored as
// [coefficients of all m+n "structural" labels | rhs] and expresses its
// basic variable: basic = rhs − Σ coef·nonbasic.
type lhTableau struct {
	rows  [][]*big.Rat // rows × (cols+1); last column is the rhs
	basis []int        // the column of the variable basic in each row
}

// lhTableaux builds the tableaux with payoffs shifted positive. Variables
// are numbered by label: x_i ↔ label i, y_j ↔ label m+j; slacks r_i ↔
// label i, s_j ↔ label m+j. T1 has rows r_i, with the variables y_j
// (columns 0..n-1) and r_i (columns n..n+m-1); T2 has rows s_j, with x_i
// (columns 0..m-1) and s_j (columns m..m+n-1).
func lhTableaux(g *NormalForm) (t1, t2 *lhTableau) {
	m, n := len(g.Strategies[0]), len(g.Strategies[1])
	shift := g.shiftToOne()
	build := func(rows, cols, player int, at func(r, c int) []int) *lhTableau {
		t := &lhTableau{rows: make([][]*big.Rat, rows), basis: make([]int, rows)}
		for r := range rows {
			row := make([]*big.Rat, cols+rows+1)
			for c := range row {
				row[c] = new(big.Rat)
			}
			for c := range cols {
				row[c].Add(g.payoffs[g.Index(at(r, c))][player], shift)
			}
			row[cols+r].SetInt64(1)
			row[cols+rows].SetInt64(1)
			t.rows[r] = row
			t.basis[r] = cols + r // the slack
		}
		return t
	}
	t1 = build(m, n, 0, func(i, j int) []int { return []int{i, j} })
	t2 = build(n, m, 1, func(j, i int) []int { return []int{i, j} })
	return t1, t2
}

// pivot brings column enter into the basis, choosing the leaving row by
// the lexicographic minimum ratio (rhs, then the columns in order, each
// divided by the entering coefficient), and returns the leaving column.
func (t *lhTableau) pivot(enter int) (leaveCol int, ok bool) {
	best := -1
	cols := len(t.rows[0]) - 1
	order := make([]int, 0, cols+1)
	order = append(order, cols)
	for c := range cols {
		order = append(order, c)
	}
	for r, row := range t.rows {
		if row[enter].Sign() <= 0 {
			continue
		}
		if best < 0 {
			best = r
			continue
		}
		for _, c := range order {
			a := new(big.Rat).Quo(row[c], row[enter])
			b := new(big.Rat).Quo(t.rows[best][c], t.rows[best][enter])
			if cmp := a.Cmp(b); cmp != 0 {
				if cmp < 0 {
					best = r
				}
				break
			}
		}
	}
	if best < 0 {
		return 0, false
	}
	leaveCol = t.basis[best]
	pr := t.rows[best]
	piv := new(big.Rat).Set(pr[enter])
	for c := range pr {
		pr[c].Quo(pr[c], piv)
	}
	tmp := new(big.Rat)
	for r, row := range t.rows {
		if r == best || row[enter].Sign() == 0 {
			continue
		}
		f := new(big.Rat).Set(row[enter])
		for c := range row {
			row[c].Sub(row[c], tmp.Mul(f, pr[c]))
		}
	}
	t.basis[best] = enter
	return leaveCol, true
}

// solution reads the structural variables (columns below vars) from the
// rhs column rhs.
func (t *lhTableau) solution(vars, rhs int) []*big.Rat {
	x := make([]*big.Rat, vars)
	for i := range x {
		x[i] = new(big.Rat)
	}
	for r, b := range t.basis {
		if b < vars {
			x[b].Set(t.rows[r][rhs])
		}
	}
	return x
}

// IsNash reports whether a mixed profile is a Nash equilibrium of the
// n-player game g: no pure strategy earns any player more than the
// profile does, in exact arithmetic. With u_p(k) player p's expected
// payoff from pure strategy k against the others' mixtures,
//
//	u_p(k) = Σ_{s: s_p = k} π_p(s) Π_{q≠p} σ_q(s_q),
//
// the condition is max_k u_p(k) ≤ Σ_k σ_p(k) u_p(k) for every p. It takes
// O(profiles × players²) operations. It panics if p does not fit g.
func IsNash(g *NormalForm, p MixedProfile) bool {
	if len(p) != len(g.Players) {
		panic("game: IsNash: profile and game have different numbers of players")
	}
	for pl := range p {
		if len(p[pl]) != len(g.Strategies[pl]) {
			panic("game: IsNash: profile and game have different strategy counts")
		}
	}
	w, tmp := new(big.Rat), new(big.Rat)
	for pl := range g.Players {
		dev := make([]*big.Rat, len(g.Strategies[pl]))
		for k := range dev {
			dev[k] = new(big.Rat)
		}
		for idx := range g.Profiles() {
			s := g.Profile(idx)
			w.SetInt64(1)
			for q, k := range s {
				if q != pl {
					w.Mul(w, p[q][k])
				}
			}
			if w.Sign() != 0 {
				dev[s[pl]].Add(dev[s[pl]], tmp.Mul(w, g.payoffs[idx][pl]))
			}
		}
		u := new(big.Rat)
		for k, d := range dev {
			u.Add(u, tmp.Mul(p[pl][k], d))
		}
		for _, d := range dev {
			if d.Cmp(u) > 0 {
				return false
			}
		}
	}
	return true
}
