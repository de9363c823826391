package sweep

import (
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// Share says how much of one headline's variance over a comparison's draws
// each provenance group of inputs explains.
type Share struct {
	Package string `json:"package"`
	Output  string `json:"output"`
	// Groups[g] is the adjusted R² of the rank regression on group g of
	// Provenance (NaN-free: -1 when the group is empty, so JSON can carry
	// it), All the same for every input together.
	Groups []float64 `json:"r2_by_provenance"`
	All    float64   `json:"r2_all"`
	// Drivers are the inputs with the largest standardised rank regression
	// coefficients in the regression on every input (at most three, with
	// |SRRC| of at least 0.1), largest first: the decisive inputs.
	Drivers []Driver `json:"drivers,omitempty"`
}

// Driver is one input's standardised rank regression coefficient: the
// change of the output's rank, in standard deviations, per standard
// deviation of the input's rank, the others held (Iman and Conover 1979).
// Its sign says the direction.
type Driver struct {
	Input string  `json:"input"`
	SRRC  float64 `json:"srrc"`
}

// provenanceShares estimates, for each package and headline, the share of
// its variance over the draws that each provenance group explains: the
// adjusted coefficient of determination of an ordinary least-squares
// regression of the output's ranks on the ranks of the group's inputs
// (standardised rank regression, Iman and Conover 1979, "The use of the
// rank transform in regression", Technometrics 21: 499-509; Saltelli et
// al. 2008, Global Sensitivity Analysis: The Primer, section 1.2.5). It is
// a first-order measure that needs no runs beyond the draws themselves;
// it misses interactions and non-monotone effects (All, the R² of every
// input together, says how much the regressions capture at all); deter
// sensitivity gives Sobol indices for one output. The structural rule
// enters as indicator variables. Groups may overlap when inputs are
// correlated.
//
//	R²_adj = 1 − (1 − R²)(n − 1)/(n − k − 1)
//
// with n draws and k regressors, floored at 0.
func (p *Plan) provenanceShares(pkgs []string, rows []Row, n int) []Share {
	// cols[g] are the regressors of group g, one slice per column over the
	// draws.
	cols := make([][][]float64, len(Provenance))
	values := make([][]float64, len(p.keys))
	var rules []string
	for d := range n {
		drawn, rule := p.sample(uint64(d))
		for i, k := range p.keys {
			values[i] = append(values[i], drawn[k])
		}
		rules = append(rules, rule)
	}
	names := p.Inputs()
	var all [][]float64
	var allNames []string
	for i, k := range p.keys {
		g := provenanceOf(p.dist[k])
		r := ranks(values[i])
		cols[g] = append(cols[g], r)
		all, allNames = append(all, r), append(allNames, names[i])
	}
	if p.rule != nil {
		g := len(Provenance) - 1
		for _, r := range p.rule.rules[1:] {
			col := make([]float64, n)
			for d := range n {
				if rules[d] == r {
					col[d] = 1
				}
			}
			cols[g] = append(cols[g], col)
			all, allNames = append(all, col), append(allNames, "intervention rule is "+r)
		}
	}
	y := make([][][]float64, len(pkgs)) // y[package][output] over draws
	for a := range pkgs {
		y[a] = make([][]float64, len(Headlines))
		for h := range Headlines {
			y[a][h] = make([]float64, n)
		}
	}
	for _, r := range rows {
		for h, o := range Headlines {
			y[r.Package][h][r.Draw] = r.Values[slices.Index(Output, o)]
		}
	}
	var out []Share
	for a, pkg := range pkgs {
		for h, o := range Headlines {
			yr := ranks(y[a][h])
			r2, srrc := regress(yr, all)
			sh := Share{Package: pkg, Output: o, All: r2}
			for i, b := range srrc {
				if math.Abs(b) >= 0.1 {
					sh.Drivers = append(sh.Drivers, Driver{Input: allNames[i], SRRC: b})
				}
			}
			slices.SortStableFunc(sh.Drivers, func(a, b Driver) int {
				switch x, y := math.Abs(a.SRRC), math.Abs(b.SRRC); {
				case x > y:
					return -1
				case x < y:
					return 1
				}
				return 0
			})
			sh.Drivers = sh.Drivers[:min(3, len(sh.Drivers))]
			for _, c := range cols {
				if len(c) == 0 {
					sh.Groups = append(sh.Groups, -1)
					continue
				}
				sh.Groups = append(sh.Groups, adjR2(yr, c))
			}
			out = append(out, sh)
		}
	}
	return out
}

// ranks returns the ranks of xs (1..n, ties given their mean rank; NaN
// and ±Inf rank as numbers above every finite value).
func ranks(xs []float64) []float64 {
	n := len(xs)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	key := func(i int) float64 {
		if math.IsNaN(xs[i]) {
			return math.Inf(1)
		}
		return xs[i]
	}
	sort.SliceStable(idx, func(a, b int) bool { return key(idx[a]) < key(idx[b]) })
	r := make([]float64, n)
	for i := 0; i < n; {
		j := i
		for j+1 < n && key(idx[j+1]) == key(idx[i]) {
			j++
		}
		mean := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = mean
		}
		i = j + 1
	}
	return r
}

// adjR2 is the adjusted R² of the least-squares regression of y on the
// columns xs with an intercept, floored at 0; 0 when y does not vary or
// there are too few draws for the regressors.
func adjR2(y []float64, all [][]float64) float64 {
	r2, _ := regress(y, all)
	return r2
}

// regress is adjR2 with the standardised coefficient of each column
// (β_i·sd(x_i)/sd(y); 0 for a column that does not vary or when there is
// no estimate).
func regress(y []float64, all [][]float64) (float64, []float64) {
	srrc := make([]float64, len(all))
	// Inputs that do not vary carry no information and would make the
	// design singular.
	var xs [][]float64
	var idx []int
	for i, c := range all {
		if slices.Min(c) != slices.Max(c) {
			xs, idx = append(xs, c), append(idx, i)
		}
	}
	n, k := len(y), len(xs)
	if n-k-1 < 1 {
		return 0, srrc
	}
	var mean, tss float64
	for _, v := range y {
		mean += v
	}
	mean /= float64(n)
	for _, v := range y {
		tss += (v - mean) * (v - mean)
	}
	if tss == 0 {
		return 0, srrc
	}
	X := mat.NewDense(n, k+1, nil)
	for i := range n {
		X.Set(i, 0, 1)
		for j, c := range xs {
			X.Set(i, j+1, c[i])
		}
	}
	Y := mat.NewVecDense(n, slices.Clone(y))
	var qr mat.QR
	qr.Factorize(X)
	var beta mat.VecDense
	if err := qr.SolveVecTo(&beta, false, Y); err != nil {
		return 0, srrc // collinear regressors: no estimate
	}
	var fit mat.VecDense
	fit.MulVec(X, &beta)
	var rss float64
	for i := range n {
		d := y[i] - fit.AtVec(i)
		rss += d * d
	}
	r2 := 1 - rss/tss
	adj := 1 - (1-r2)*float64(n-1)/float64(n-k-1)
	sdY := math.Sqrt(tss / float64(n-1))
	for j, c := range xs {
		var m, ss float64
		for _, v := range c {
			m += v
		}
		m /= float64(n)
		for _, v := range c {
			ss += (v - m) * (v - m)
		}
		srrc[idx[j]] = beta.AtVec(j+1) * math.Sqrt(ss/float64(n-1)) / sdY
	}
	return math.Max(0, math.Min(1, adj)), srrc
}
