package game

import (
	"errors"
	"math"
	"sort"
)

// LogitQRE returns the logit quantal response equilibrium on the principal
// branch at each λ in lambdas (McKelvey and Palfrey 1995, "Quantal response
// equilibria for normal form games", Games and Economic Behavior 10:6-38):
// every player mixes
//
//	p_i(s) = exp(λ·u_i(s, p₋ᵢ)) / Σ_t exp(λ·u_i(t, p₋ᵢ))
//
// The branch is followed from the centroid at λ = 0 in steps of at most 0.02
// in λ, solving the fixed point at each step by damped iteration from the
// previous point (a simple path-following scheme, in float64; Gambit uses
// predictor-corrector continuation). It fails if a step does not converge.
func LogitQRE(g *NormalForm, lambdas []float64) ([][][]float64, error) {
	for _, l := range lambdas {
		if l < 0 || math.IsNaN(l) || l > 1e6 {
			return nil, errors.New("game: λ must be in [0, 1e6]")
		}
	}
	order := make([]int, len(lambdas))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return lambdas[order[a]] < lambdas[order[b]] })
	np := len(g.Players)
	p := make([][]float64, np)
	for pl := range p {
		k := len(g.Strategies[pl])
		p[pl] = make([]float64, k)
		for s := range p[pl] {
			p[pl][s] = 1 / float64(k)
		}
	}
	pay := make([][]float64, g.Profiles())
	for idx := range pay {
		pay[idx] = make([]float64, np)
		for pl := range np {
			pay[idx][pl], _ = g.payoffs[idx][pl].Float64()
		}
	}
	out := make([][][]float64, len(lambdas))
	lam := 0.0
	for _, oi := range order {
		target := lambdas[oi]
		for lam < target {
			lam = math.Min(target, lam+0.02)
			if err := qreFixedPoint(g, pay, p, lam); err != nil {
				return nil, err
			}
		}
		if target == 0 {
			if err := qreFixedPoint(g, pay, p, 0); err != nil {
				return nil, err
			}
		}
		cp := make([][]float64, np)
		for pl := range p {
			cp[pl] = append([]float64(nil), p[pl]...)
		}
		out[oi] = cp
	}
	return out, nil
}

// expected returns player pl's expected payoff from each of its strategies
// against the others' mixed strategies.
func expected(g *NormalForm, pay [][]float64, p [][]float64, pl int) []float64 {
	u := make([]float64, len(g.Strategies[pl]))
	for idx := range pay {
		s := g.Profile(idx)
		w := 1.0
		for q := range p {
			if q != pl {
				w *= p[q][s[q]]
			}
		}
		u[s[pl]] += w * pay[idx][pl]
	}
	return u
}

func qreFixedPoint(g *NormalForm, pay [][]float64, p [][]float64, lam float64) error {
	for range 100000 {
		delta := 0.0
		for pl := range p {
			u := expected(g, pay, p, pl)
			mx := math.Inf(-1)
			for _, v := range u {
				mx = math.Max(mx, lam*v)
			}
			sum := 0.0
			br := make([]float64, len(u))
			for s, v := range u {
				br[s] = math.Exp(lam*v - mx)
				sum += br[s]
			}
			for s := range br {
				nv := 0.5*p[pl][s] + 0.5*br[s]/sum
				delta = math.Max(delta, math.Abs(nv-p[pl][s]))
				p[pl][s] = nv
			}
		}
		if delta < 1e-13 {
			return nil
		}
	}
	return errors.New("game: quantal response fixed point did not converge")
}
