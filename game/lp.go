package game

import (
	"errors"
	"math/big"
)

// ZeroSumValue returns the value of a two-player zero-sum game to player 1
// (the row player) and optimal mixed strategies for both, exactly, by the
// simplex method on the linear program of the column player (von Neumann
// 1928; Dantzig 1951), with payoffs shifted to be positive:
//
//	maximise Σ_j y_j  subject to  A′ y ≤ 1, y ≥ 0,   value = 1/Σ y − shift
//
// The row player's strategy is read from the dual (the reduced costs of the
// slack variables). Bland's rule prevents cycling. Player 2's payoffs must
// be the negatives of player 1's.
func ZeroSumValue(g *NormalForm) (*big.Rat, MixedProfile, error) {
	if len(g.Players) != 2 {
		return nil, nil, errors.New("game: a zero-sum value needs two players")
	}
	m, n := len(g.Strategies[0]), len(g.Strategies[1])
	minv := new(big.Rat)
	for i := range m {
		for j := range n {
			pay := g.payoffs[g.Index([]int{i, j})]
			if new(big.Rat).Add(pay[0], pay[1]).Sign() != 0 {
				return nil, nil, errors.New("game: not a zero-sum game")
			}
			if (i == 0 && j == 0) || pay[0].Cmp(minv) < 0 {
				minv.Set(pay[0])
			}
		}
	}
	shift := new(big.Rat).Sub(big.NewRat(1, 1), minv)
	// Tableau rows 0..m-1: [A′ | I | 1]; objective row m: [−1 … −1 | 0 | 0].
	cols := n + m + 1
	t := make([][]*big.Rat, m+1)
	for i := range t {
		t[i] = make([]*big.Rat, cols)
		for k := range t[i] {
			t[i][k] = new(big.Rat)
		}
	}
	for i := range m {
		for j := range n {
			t[i][j].Add(g.payoffs[g.Index([]int{i, j})][0], shift)
		}
		t[i][n+i].SetInt64(1)
		t[i][cols-1].SetInt64(1)
	}
	for j := range n {
		t[m][j].SetInt64(-1)
	}
	basis := make([]int, m)
	for i := range basis {
		basis[i] = n + i
	}
	tmp := new(big.Rat)
	for iter := 0; ; iter++ {
		if iter > 100000 {
			return nil, nil, errors.New("game: simplex did not converge")
		}
		// Bland: the lowest-index column with a negative reduced cost.
		enter := -1
		for k := range cols - 1 {
			if t[m][k].Sign() < 0 {
				enter = k
				break
			}
		}
		if enter < 0 {
			break
		}
		leave := -1
		var best *big.Rat
		for i := range m {
			if t[i][enter].Sign() <= 0 {
				continue
			}
			ratio := new(big.Rat).Quo(t[i][cols-1], t[i][enter])
			if leave < 0 || ratio.Cmp(best) < 0 || ratio.Cmp(best) == 0 && basis[i] < basis[leave] {
				leave, best = i, ratio
			}
		}
		if leave < 0 {
			return nil, nil, errors.New("game: unbounded program (cannot happen for a shifted game)")
		}
		piv := new(big.Rat).Set(t[leave][enter])
		for k := range cols {
			t[leave][k].Quo(t[leave][k], piv)
		}
		for i := range m + 1 {
			if i == leave || t[i][enter].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Set(t[i][enter])
			for k := range cols {
				t[i][k].Sub(t[i][k], tmp.Mul(f, t[leave][k]))
			}
		}
		basis[leave] = enter
	}
	sum := new(big.Rat).Set(t[m][cols-1])
	if sum.Sign() <= 0 {
		return nil, nil, errors.New("game: degenerate program")
	}
	y := make([]*big.Rat, n)
	for j := range y {
		y[j] = new(big.Rat)
	}
	for i, b := range basis {
		if b < n {
			y[b].Set(t[i][cols-1])
		}
	}
	x := make([]*big.Rat, m)
	for i := range x {
		x[i] = new(big.Rat).Set(t[m][n+i])
	}
	value := new(big.Rat).Inv(sum)
	value.Sub(value, shift)
	return value, MixedProfile{normalise(x), normalise(y)}, nil
}
