package game

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestVertexEnumerationMatchesBruteForce: the pivoting enumeration finds
// exactly the extreme equilibria that solving every choice of tight
// constraints finds, on random games of 2×2 to 6×5 — with payoffs drawn
// from {0, 1, 2} so that degenerate games (ties, continua of equilibria,
// degenerate vertices) are common — and on games with fractional payoffs.
func TestVertexEnumerationMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 0))
	for trial := range 300 {
		m, n := 2+r.IntN(5), 2+r.IntN(4)
		levels := []int{3, 10}[trial%2]
		g := NewNormalForm([]string{"1", "2"}, [][]string{make([]string, m), make([]string, n)})
		for i := range m {
			for j := range n {
				for p := range 2 {
					v := big.NewRat(int64(r.IntN(levels))-1, 1)
					if trial%3 == 0 {
						v.SetFrac64(int64(r.IntN(levels))-3, int64(1+r.IntN(4)))
					}
					g.SetPayoff([]int{i, j}, p, v)
				}
			}
		}
		got, err := ExtremeEquilibria(g)
		if err != nil {
			t.Fatal(err)
		}
		want, err := bruteExtremeEquilibria(g)
		if err != nil {
			t.Fatal(err)
		}
		if !sameSet(got, want) {
			t.Fatalf("trial %d (%d×%d): pivoting found %d equilibria %v, brute force %d %v\n%v", trial, m, n, len(got), got, len(want), want, g)
		}
		for _, e := range got {
			if !IsNash(g, e) {
				t.Fatalf("trial %d: %v is not an equilibrium", trial, e)
			}
		}
	}
}

// TestVertexEnumerationCounts checks the vertex walk on polytopes whose
// vertex count is known in closed form: the cube {0 ≤ v ≤ 1}ᵈ written as
// {v ≥ 0, I v ≤ 1} has 2ᵈ vertices; the simplex {v ≥ 0, Σv ≤ 1} has d+1.
func TestVertexEnumerationCounts(t *testing.T) {
	for d := 1; d <= 8; d++ {
		cube := identity(d)
		vs, err := vertexSet(cube, big.NewInt(1), maxBases)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 1<<d {
			t.Errorf("cube of dimension %d: %d vertices, want %d", d, len(vs), 1<<d)
		}
		simplex := [][]*big.Int{make([]*big.Int, d)}
		for j := range d {
			simplex[0][j] = big.NewInt(1)
		}
		vs, err = vertexSet(simplex, big.NewInt(1), maxBases)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != d+1 {
			t.Errorf("simplex of dimension %d: %d vertices, want %d", d, len(vs), d+1)
		}
	}
}

// TestVertexEnumerationLimit: a walk that would pass the basis limit
// ends with an error instead of running on.
func TestVertexEnumerationLimit(t *testing.T) {
	d := 10
	cube := identity(d)
	if _, err := vertexSet(cube, big.NewInt(1), 100); err == nil {
		t.Fatal("1024 vertices with a limit of 100 bases: no error")
	}
}

func TestVertexEnumerationLargeGame(t *testing.T) {
	g := randomBimatrix(12, 12)
	eqs, err := ExtremeEquilibria(g)
	if err != nil {
		t.Fatal(err)
	}
	if len(eqs) == 0 {
		t.Fatal("a finite game has an equilibrium")
	}
	for _, e := range eqs {
		if !IsNash(g, e) {
			t.Fatalf("%v is not an equilibrium", e)
		}
	}
	t.Logf("12×12: %d extreme equilibria", len(eqs))
}

// TestFloatPathMatchesExact: the float64 enumeration finds the same set of
// extreme equilibria as the exact one (each float profile within 1e-9 of
// an exact one, and as many), on random integer games from 2×2 to 10×10
// and on degenerate games with payoffs 0-2.
func TestFloatPathMatchesExact(t *testing.T) {
	for trial := range 60 {
		n := 2 + trial%9
		g := randomBimatrix(n, uint64(100+trial))
		if trial%3 == 0 {
			r := rand.New(rand.NewPCG(uint64(trial), 1))
			for i := range n {
				for j := range n {
					g.SetPayoff([]int{i, j}, 0, big.NewRat(int64(r.IntN(3)), 1))
					g.SetPayoff([]int{i, j}, 1, big.NewRat(int64(r.IntN(3)), 1))
				}
			}
		}
		exact, err := ExtremeEquilibria(g)
		if err != nil {
			t.Fatal(err)
		}
		fl, err := ExtremeEquilibriaFloat(g)
		if err != nil {
			t.Fatal(err)
		}
		if len(fl) != len(exact) {
			t.Fatalf("trial %d (%d×%d): float path %d equilibria, exact %d", trial, n, n, len(fl), len(exact))
		}
		for _, f := range fl {
			found := false
			for _, e := range exact {
				close := true
				for p := range 2 {
					for i, x := range e[p] {
						xf, _ := x.Float64()
						if math.Abs(xf-f[p][i]) > 1e-9 {
							close = false
						}
					}
				}
				if close {
					found = true
					break
				}
			}
			if !found {
				t.Fatalf("trial %d: float equilibrium %v has no exact counterpart", trial, f)
			}
		}
	}
}

// identity is the d×d identity matrix: {v ≥ 0, I v ≤ 1} is the unit cube.
func identity(d int) [][]*big.Int {
	m := make([][]*big.Int, d)
	for i := range d {
		m[i] = make([]*big.Int, d)
		for j := range d {
			m[i][j] = big.NewInt(0)
		}
		m[i][i].SetInt64(1)
	}
	return m
}
