package game

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

func randomBimatrix(n int, seed uint64) *NormalForm {
	r := rand.New(rand.NewPCG(seed, 0))
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprint(i + 1)
	}
	g := NewNormalForm([]string{"1", "2"}, [][]string{names, names})
	for i := range n {
		for j := range n {
			g.SetPayoff([]int{i, j}, 0, big.NewRat(int64(r.IntN(10)), 1))
			g.SetPayoff([]int{i, j}, 1, big.NewRat(int64(r.IntN(10)), 1))
		}
	}
	return g
}

// BenchmarkExtremeEquilibria enumerates all extreme equilibria of random
// integer bimatrix games, exactly. The brute-force vertex enumeration grows
// as C(2n, n); it is practical to about 8×8 (the 12×12 target of issue 4
// needs lrs-style reverse search, not done yet).
func BenchmarkExtremeEquilibria(b *testing.B) {
	for _, n := range []int{2, 4, 6} {
		g := randomBimatrix(n, uint64(n))
		b.Run(fmt.Sprintf("%dx%d", n, n), func(b *testing.B) {
			for b.Loop() {
				if _, err := ExtremeEquilibria(g); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
