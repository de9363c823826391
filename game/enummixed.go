package game

import (
	"errors"
	"math/big"
	"math/bits"
)

// ExtremeEquilibria returns every extreme Nash equilibrium of a two-player
// game, exactly, by vertex enumeration of the best-response polytopes
// (Avis, Rosenberg, Savani and von Stengel 2010). With payoffs A (row
// player, m strategies) and B (column player, n) made positive,
//
//	P = {x ∈ Rᵐ : x ≥ 0, Bᵀx ≤ 1},   Q = {y ∈ Rⁿ : Ay ≤ 1, y ≥ 0}
//
// label k of x is tight when k < m and x_k = 0, or k = m+j and (Bᵀx)_j = 1;
// label k of y when k < m and (Ay)_k = 1, or k = m+j and y_j = 0. A pair of
// non-zero vertices that together carry every label is an extreme
// equilibrium once each is normalised to sum 1. Payoffs are scaled to
// integers and the vertices enumerated by fraction-free pivoting (see
// vertexSet); the time grows with the number of vertices, which for
// random games grows exponentially with the size: on one core a random
// 12×12 game with payoffs 0-9 takes about 0.3 s (3,409 vertices of P),
// a 14×14 one about 2 s (33,733) — see BenchmarkExtremeEquilibria.
// ExtremeEquilibriaFloat is the same enumeration in float64.
func ExtremeEquilibria(g *NormalForm) ([]MixedProfile, error) {
	if len(g.Players) != 2 {
		return nil, errors.New("game: vertex enumeration needs exactly two players")
	}
	m, n := len(g.Strategies[0]), len(g.Strategies[1])
	if m+n > 64 {
		return nil, errors.New("game: too large for vertex enumeration (m + n > 64)")
	}
	A, B := g.positiveBimatrix()
	// Scale to integers: L is the least common multiple of the
	// denominators (a positive scale changes no equilibrium).
	L := big.NewInt(1)
	for i := range m {
		for j := range n {
			for _, v := range []*big.Rat{A[i][j], B[i][j]} {
				g := new(big.Int).GCD(nil, nil, L, v.Denom())
				L.Mul(L, new(big.Int).Quo(v.Denom(), g))
			}
		}
	}
	integer := func(v *big.Rat) *big.Int {
		x := new(big.Int).Mul(v.Num(), L)
		return x.Quo(x, v.Denom())
	}
	// P = {x ≥ 0, Bᵀx ≤ 1}: variable i carries label i, the slack of
	// column j label m+j. Q = {y ≥ 0, Ay ≤ 1}: variable j carries label m+j,
	// the slack of row i label i.
	MP := make([][]*big.Int, n)
	for j := range n {
		MP[j] = make([]*big.Int, m)
		for i := range m {
			MP[j][i] = integer(B[i][j])
		}
	}
	MQ := make([][]*big.Int, m)
	for i := range m {
		MQ[i] = make([]*big.Int, n)
		for j := range n {
			MQ[i][j] = integer(A[i][j])
		}
	}
	vp, err := vertexSet(MP, L, maxBases)
	if err != nil {
		return nil, err
	}
	vq, err := vertexSet(MQ, L, maxBases)
	if err != nil {
		return nil, err
	}
	var out []MixedProfile
	completePairs(vp, vq, m, n, func(x, y pvertex) {
		out = append(out, MixedProfile{
			normalise(coordinates(MP, L, x.nonbasic)),
			normalise(coordinates(MQ, L, y.nonbasic)),
		})
	})
	return out, nil
}

// completePairs calls found for every completely labelled pair of
// non-zero vertices x of P (m dimensions) and y of Q (n dimensions).
func completePairs(vp, vq []pvertex, m, n int, found func(x, y pvertex)) {
	all := uint64(1)<<uint(m+n) - 1
	lowN := uint64(1)<<uint(n) - 1
	lowM := uint64(1)<<uint(m) - 1
	// Q's tight set in labels: its variable j is label m+j, its slack of
	// row i label i.
	qLabels := func(t uint64) uint64 { return (t&lowN)<<uint(m) | t>>uint(n) }
	// A non-degenerate vertex has exactly as many tight constraints as
	// dimensions, so the partner of a non-degenerate x with labels L has
	// labels exactly all \ L: look it up. Degenerate vertices (more tight
	// constraints) are paired by scanning.
	byLabels := map[uint64]int{}
	var degenQ []int
	for k, y := range vq {
		ly := qLabels(y.tight)
		if ly>>uint(m) == lowN {
			continue // the origin
		}
		if bits.OnesCount64(ly) == n {
			byLabels[ly] = k
		} else {
			degenQ = append(degenQ, k)
		}
	}
	for _, x := range vp {
		if x.tight&lowM == lowM {
			continue // the origin
		}
		need := all &^ x.tight
		if bits.OnesCount64(x.tight) == m {
			if k, ok := byLabels[need]; ok {
				found(x, vq[k])
			}
			for _, k := range degenQ {
				if qLabels(vq[k].tight)&need == need {
					found(x, vq[k])
				}
			}
			continue
		}
		for _, y := range vq {
			ly := qLabels(y.tight)
			if ly>>uint(m) != lowN && ly&need == need {
				found(x, y)
			}
		}
	}
}

// maxBases bounds the feasible bases a vertex enumeration may visit, so a
// huge game ends with an error rather than exhausting memory (about 100
// bytes a basis).
const maxBases = 4 << 20

func normalise(v []*big.Rat) []*big.Rat {
	sum := new(big.Rat)
	for _, x := range v {
		sum.Add(sum, x)
	}
	out := make([]*big.Rat, len(v))
	for i, x := range v {
		out[i] = new(big.Rat).Quo(x, sum)
	}
	return out
}

// positiveBimatrix returns the two players' payoff matrices A (row
// player) and B (column player) of a two-player game, both shifted by the
// same constant so every entry is at least 1 (a constant shift of a
// player's payoffs changes no best response).
func (g *NormalForm) positiveBimatrix() (A, B [][]*big.Rat) {
	m, n := len(g.Strategies[0]), len(g.Strategies[1])
	shift := g.shiftToOne()
	A = make([][]*big.Rat, m)
	B = make([][]*big.Rat, m)
	for i := range m {
		A[i] = make([]*big.Rat, n)
		B[i] = make([]*big.Rat, n)
		for j := range n {
			pay := g.payoffs[g.Index([]int{i, j})]
			A[i][j] = new(big.Rat).Add(pay[0], shift)
			B[i][j] = new(big.Rat).Add(pay[1], shift)
		}
	}
	return A, B
}

// shiftToOne returns 1 − (the smallest payoff of any player): added to
// every payoff, it makes all of them at least 1.
func (g *NormalForm) shiftToOne() *big.Rat {
	minv := new(big.Rat)
	first := true
	for _, pay := range g.payoffs {
		for _, v := range pay {
			if first || v.Cmp(minv) < 0 {
				minv.Set(v)
				first = false
			}
		}
	}
	return new(big.Rat).Sub(big.NewRat(1, 1), minv)
}
