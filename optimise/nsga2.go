// Package optimise searches a design space for the Pareto front of several
// objectives with NSGA-II (Deb, Pratap, Agarwal and Meyarivan 2002, "A fast
// and elitist multiobjective genetic algorithm: NSGA-II", IEEE Transactions
// on Evolutionary Computation 6(2):182-197): fast non-dominated sorting,
// crowding distance, binary tournament selection, simulated binary
// crossover (SBX, distribution index 20) and polynomial mutation
// (distribution index 20), as in the paper's experiments.
//
// Decision variables live in [0, 1]; callers map them to their own ranges
// and round discrete choices. Every objective is minimised. Runs are
// reproducible: all randomness comes from the PCG stream (seed, 0).
package optimise

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// Problem is a multi-objective minimisation over [0, 1]^Dim.
type Problem struct {
	Dim        int
	Objectives int
	// Evaluate returns the objectives of each point (it may run them in
	// parallel); len(out) == len(xs), len(out[i]) == Objectives.
	Evaluate func(xs [][]float64) ([][]float64, error)
}

// Options control the search.
type Options struct {
	Population  int // even, >= 4 (default 100)
	Generations int // default 250
	Seed        uint64
	// Progress is called after each generation (may be nil).
	Progress func(gen, total int)
}

// Solution is a point and its objectives.
type Solution struct {
	X    []float64 `json:"x"`
	F    []float64 `json:"f"`
	rank int
	crow float64
}

// Run returns the final population's non-dominated solutions, sorted by the
// first objective.
func Run(p Problem, opt Options) ([]Solution, error) {
	if p.Dim < 1 || p.Objectives < 1 || p.Evaluate == nil {
		return nil, errors.New("optimise: need Dim >= 1, Objectives >= 1 and Evaluate")
	}
	n := opt.Population
	if n == 0 {
		n = 100
	}
	if n < 4 || n%2 != 0 || n > 100000 {
		return nil, errors.New("optimise: population must be even and between 4 and 100000")
	}
	gens := opt.Generations
	if gens == 0 {
		gens = 250
	}
	if gens < 1 || gens > 1000000 {
		return nil, errors.New("optimise: generations must be between 1 and 1000000")
	}
	r := rand.New(rand.NewPCG(opt.Seed, 0))
	pop := make([]Solution, n)
	xs := make([][]float64, n)
	for i := range pop {
		x := make([]float64, p.Dim)
		for j := range x {
			x[j] = r.Float64()
		}
		xs[i] = x
	}
	fs, err := evaluate(p, xs)
	if err != nil {
		return nil, err
	}
	for i := range pop {
		pop[i] = Solution{X: xs[i], F: fs[i]}
	}
	rankAndCrowd(pop)
	for g := range gens {
		children := make([][]float64, 0, n)
		for len(children) < n {
			a, b := tournament(r, pop), tournament(r, pop)
			c1, c2 := sbx(r, a.X, b.X, 0.9, 20)
			mutate(r, c1, 1/float64(p.Dim), 20)
			mutate(r, c2, 1/float64(p.Dim), 20)
			children = append(children, c1, c2)
		}
		cf, err := evaluate(p, children)
		if err != nil {
			return nil, err
		}
		all := slices.Clone(pop)
		for i := range children {
			all = append(all, Solution{X: children[i], F: cf[i]})
		}
		pop = selectNext(all, n)
		if opt.Progress != nil {
			opt.Progress(g+1, gens)
		}
	}
	var front []Solution
	for _, s := range pop {
		if s.rank == 0 {
			front = append(front, s)
		}
	}
	sort.SliceStable(front, func(i, j int) bool { return front[i].F[0] < front[j].F[0] })
	return front, nil
}

func evaluate(p Problem, xs [][]float64) ([][]float64, error) {
	fs, err := p.Evaluate(xs)
	if err != nil {
		return nil, err
	}
	if len(fs) != len(xs) {
		return nil, errors.New("optimise: Evaluate returned the wrong number of results")
	}
	for _, f := range fs {
		if len(f) != p.Objectives {
			return nil, errors.New("optimise: Evaluate returned the wrong number of objectives")
		}
		for _, v := range f {
			if math.IsNaN(v) {
				return nil, errors.New("optimise: an objective is NaN")
			}
		}
	}
	return fs, nil
}

// dominates reports whether a is no worse than b in every objective and
// better in one.
func dominates(a, b []float64) bool {
	better := false
	for i := range a {
		if a[i] > b[i] {
			return false
		}
		if a[i] < b[i] {
			better = true
		}
	}
	return better
}

// rankAndCrowd assigns Pareto ranks (fast non-dominated sort, Deb et al.
// 2002 §III-A) and crowding distances (§III-B); it returns the fronts.
func rankAndCrowd(pop []Solution) [][]int {
	n := len(pop)
	dominated := make([][]int, n)
	count := make([]int, n)
	var fronts [][]int
	var first []int
	for i := range n {
		for j := range n {
			if i == j {
				continue
			}
			switch {
			case dominates(pop[i].F, pop[j].F):
				dominated[i] = append(dominated[i], j)
			case dominates(pop[j].F, pop[i].F):
				count[i]++
			}
		}
		if count[i] == 0 {
			pop[i].rank = 0
			first = append(first, i)
		}
	}
	cur := first
	for k := 0; len(cur) > 0; k++ {
		fronts = append(fronts, cur)
		var next []int
		for _, i := range cur {
			for _, j := range dominated[i] {
				count[j]--
				if count[j] == 0 {
					pop[j].rank = k + 1
					next = append(next, j)
				}
			}
		}
		cur = next
	}
	for _, f := range fronts {
		crowding(pop, f)
	}
	return fronts
}

func crowding(pop []Solution, front []int) {
	for _, i := range front {
		pop[i].crow = 0
	}
	if len(front) == 0 {
		return
	}
	m := len(pop[front[0]].F)
	idx := slices.Clone(front)
	for o := range m {
		sort.SliceStable(idx, func(a, b int) bool { return pop[idx[a]].F[o] < pop[idx[b]].F[o] })
		lo, hi := pop[idx[0]].F[o], pop[idx[len(idx)-1]].F[o]
		pop[idx[0]].crow, pop[idx[len(idx)-1]].crow = math.Inf(1), math.Inf(1)
		if hi == lo {
			continue
		}
		for k := 1; k < len(idx)-1; k++ {
			pop[idx[k]].crow += (pop[idx[k+1]].F[o] - pop[idx[k-1]].F[o]) / (hi - lo)
		}
	}
}

// better is the crowded-comparison operator.
func better(a, b *Solution) bool {
	return a.rank < b.rank || a.rank == b.rank && a.crow > b.crow
}

func tournament(r *rand.Rand, pop []Solution) *Solution {
	a, b := &pop[r.IntN(len(pop))], &pop[r.IntN(len(pop))]
	if better(a, b) {
		return a
	}
	return b
}

func selectNext(all []Solution, n int) []Solution {
	fronts := rankAndCrowd(all)
	next := make([]Solution, 0, n)
	for _, f := range fronts {
		if len(next)+len(f) <= n {
			for _, i := range f {
				next = append(next, all[i])
			}
			continue
		}
		rest := slices.Clone(f)
		sort.SliceStable(rest, func(a, b int) bool { return all[rest[a]].crow > all[rest[b]].crow })
		for _, i := range rest[:n-len(next)] {
			next = append(next, all[i])
		}
		break
	}
	rankAndCrowd(next)
	return next
}

// sbx is simulated binary crossover (Deb and Agrawal 1995) in the bounded
// form of Deb's reference implementation, on [0, 1].
func sbx(r *rand.Rand, a, b []float64, prob, eta float64) ([]float64, []float64) {
	c1, c2 := slices.Clone(a), slices.Clone(b)
	if r.Float64() > prob {
		return c1, c2
	}
	for i := range a {
		if r.Float64() > 0.5 || math.Abs(a[i]-b[i]) < 1e-14 {
			continue
		}
		y1, y2 := math.Min(a[i], b[i]), math.Max(a[i], b[i])
		u := r.Float64()
		child := func(beta float64) float64 {
			alpha := 2 - math.Pow(beta, -(eta+1))
			var bq float64
			if u <= 1/alpha {
				bq = math.Pow(u*alpha, 1/(eta+1))
			} else {
				bq = math.Pow(1/(2-u*alpha), 1/(eta+1))
			}
			return bq
		}
		// Spread limited by the distance to each bound.
		bq1 := child(1 + 2*y1/(y2-y1))
		x1 := 0.5 * ((y1 + y2) - bq1*(y2-y1))
		bq2 := child(1 + 2*(1-y2)/(y2-y1))
		x2 := 0.5 * ((y1 + y2) + bq2*(y2-y1))
		x1, x2 = clamp01(x1), clamp01(x2)
		if r.Float64() < 0.5 {
			x1, x2 = x2, x1
		}
		c1[i], c2[i] = x1, x2
	}
	return c1, c2
}

// mutate applies polynomial mutation (Deb and Goyal 1996) in the bounded
// form of Deb's reference implementation, on [0, 1].
func mutate(r *rand.Rand, x []float64, prob, eta float64) {
	for i := range x {
		if r.Float64() > prob {
			continue
		}
		d1, d2 := x[i], 1-x[i]
		u := r.Float64()
		var dq float64
		if u < 0.5 {
			v := 2*u + (1-2*u)*math.Pow(1-d1, eta+1)
			dq = math.Pow(v, 1/(eta+1)) - 1
		} else {
			v := 2*(1-u) + 2*(u-0.5)*math.Pow(1-d2, eta+1)
			dq = 1 - math.Pow(v, 1/(eta+1))
		}
		x[i] = clamp01(x[i] + dq)
	}
}

func clamp01(x float64) float64 { return math.Min(1, math.Max(0, x)) }

// GenerationalDistance is the mean Euclidean distance from each found
// solution to the nearest point of a reference front (Van Veldhuizen and
// Lamont 1998); Deb et al. (2002) report it as "convergence metric γ".
func GenerationalDistance(found []Solution, ref [][]float64) float64 {
	if len(found) == 0 || len(ref) == 0 {
		return math.Inf(1)
	}
	sum := 0.0
	for _, s := range found {
		best := math.Inf(1)
		for _, p := range ref {
			d := 0.0
			for i := range p {
				d += (s.F[i] - p[i]) * (s.F[i] - p[i])
			}
			best = math.Min(best, d)
		}
		sum += math.Sqrt(best)
	}
	return sum / float64(len(found))
}
