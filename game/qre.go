package game

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// LogitQRE returns the logit quantal response equilibrium on the principal
// branch at each λ in lambdas (McKelvey and Palfrey 1995, "Quantal response
// equilibria for normal form games", Games and Economic Behavior 10:6-38):
// every player mixes
//
//	p_i(s) = exp(λ·u_i(s, p₋ᵢ)) / Σ_t exp(λ·u_i(t, p₋ᵢ))
//
// The branch is followed from the centroid at λ = 0 by predictor-corrector
// continuation (Turocy 2005, "A dynamic homotopy interpretation of the
// logistic quantal response equilibrium correspondence", Games and
// Economic Behavior 51:243-263, is Gambit's version): a linear predictor
// from the last two points, then Newton's method in log-probabilities on
//
//	log p_i(s) − log p_i(0) − λ·(u_i(s) − u_i(0)) = 0  (s ≥ 1),  Σ_s p_i(s) = 1,
//
// with the Jacobian computed analytically (see jacobian); the step in λ halves when Newton
// does not converge (to 1e-12 times max(1, λ·largest |payoff|), the
// rounding level of the λ·u terms) and grows when it converges fast. Float64.
// It fails if the step falls below 1e-9.
func LogitQRE(g *NormalForm, lambdas []float64) ([][][]float64, error) {
	return LogitQREContext(context.Background(), g, lambdas)
}

// LogitQREContext is LogitQRE that stops with the context's error when the
// context is done (checked at every step along the branch): on large games
// (hundreds of strategies) a step costs a dense Newton solve of that size.
func LogitQREContext(ctx context.Context, g *NormalForm, lambdas []float64) ([][][]float64, error) {
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
	pay := make([][]float64, g.Profiles())
	for idx := range pay {
		pay[idx] = make([]float64, np)
		for pl := range np {
			pay[idx][pl], _ = g.payoffs[idx][pl].Float64()
		}
	}
	q := &qreSystem{g: g, pay: pay}
	for _, row := range pay {
		for _, v := range row {
			q.scale = math.Max(q.scale, math.Abs(v))
		}
	}
	for pl := range np {
		k := len(g.Strategies[pl])
		q.offset = append(q.offset, q.n)
		q.n += k
	}
	y := make([]float64, q.n) // log-probabilities
	for pl := range np {
		k := len(g.Strategies[pl])
		for s := range k {
			y[q.offset[pl]+s] = -math.Log(float64(k))
		}
	}
	prev := append([]float64(nil), y...)
	lam, prevLam, step := 0.0, 0.0, 0.05
	out := make([][][]float64, len(lambdas))
	for _, oi := range order {
		target := lambdas[oi]
		for lam < target {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("game: quantal response branch stopped at λ = %g: %w", lam, err)
			}
			h := math.Min(step, target-lam)
			// Predictor: along the secant through the last two points.
			pred := make([]float64, q.n)
			for i := range pred {
				pred[i] = y[i]
				if lam > prevLam {
					pred[i] += (y[i] - prev[i]) * h / (lam - prevLam)
				}
			}
			iters, ok := q.newton(pred, lam+h)
			if !ok {
				step = h / 2
				if step < 1e-9 {
					return nil, fmt.Errorf("game: the quantal response branch could not be followed past λ = %g", lam)
				}
				continue
			}
			copy(prev, y)
			prevLam = lam
			copy(y, pred)
			lam += h
			if iters <= 4 {
				step = math.Min(2*h, 1+lam/4)
			}
		}
		cp := make([][]float64, np)
		for pl := range np {
			cp[pl] = make([]float64, len(g.Strategies[pl]))
			for s := range cp[pl] {
				cp[pl][s] = math.Exp(y[q.offset[pl]+s])
			}
		}
		out[oi] = cp
	}
	return out, nil
}

// qreSystem is the logit equilibrium system in log-probabilities.
type qreSystem struct {
	g      *NormalForm
	pay    [][]float64
	offset []int
	n      int
	scale  float64 // largest absolute payoff
}

// residual writes the system's residual at log-probabilities y and λ.
func (q *qreSystem) residual(y []float64, lam float64, r []float64) {
	np := len(q.offset)
	p := make([][]float64, np)
	for pl := range np {
		k := len(q.g.Strategies[pl])
		p[pl] = make([]float64, k)
		for s := range k {
			p[pl][s] = math.Exp(y[q.offset[pl]+s])
		}
	}
	for pl := range np {
		u := expected(q.g, q.pay, p, pl)
		o := q.offset[pl]
		sum := 0.0
		for s := range u {
			sum += p[pl][s]
			if s > 0 {
				r[o+s] = y[o+s] - y[o] - lam*(u[s]-u[0])
			}
		}
		r[o] = sum - 1
	}
}

// jacobian writes the residual's Jacobian with respect to the
// log-probabilities y at λ into J (n × n), analytically. With p = exp(y),
// the sum row of player i has ∂/∂y_{i,t} = p_i(t); the row of strategy
// s ≥ 1 has 1 at y_{i,s}, −1 at y_{i,0}, and at y_{q,t} (q ≠ i)
//
//	−λ (D_i(s; q, t) − D_i(0; q, t)) p_q(t),
//	D_i(s; q, t) = Σ_{profiles with s_i = s, s_q = t} a_i Π_{m≠i,q} p_m(s_m),
//
// the derivative of u_i(s) with respect to p_q(t). One pass over the
// profiles computes every D (O(profiles × players³)), where finite
// differences would take n passes.
func (q *qreSystem) jacobian(y []float64, lam float64, J *mat.Dense) {
	np := len(q.offset)
	p := make([]float64, q.n)
	for i := range p {
		p[i] = math.Exp(y[i])
	}
	// D[i] is |S_i| × n, row-major.
	D := make([][]float64, np)
	for i := range np {
		D[i] = make([]float64, len(q.g.Strategies[i])*q.n)
	}
	s := make([]int, np)
	for idx := range q.pay {
		for i := range np {
			a := q.pay[idx][i]
			if a == 0 {
				continue
			}
			for qq := range np {
				if qq == i {
					continue
				}
				w := a
				for m := range np {
					if m != i && m != qq {
						w *= p[q.offset[m]+s[m]]
					}
				}
				D[i][s[i]*q.n+q.offset[qq]+s[qq]] += w
			}
		}
		// Next profile, player 0 fastest (the order of q.pay).
		for k := range np {
			s[k]++
			if s[k] < len(q.g.Strategies[k]) {
				break
			}
			s[k] = 0
		}
	}
	J.Zero()
	for i := range np {
		o := q.offset[i]
		k := len(q.g.Strategies[i])
		for t := range k {
			J.Set(o, o+t, p[o+t])
		}
		for st := 1; st < k; st++ {
			J.Set(o+st, o+st, 1)
			J.Set(o+st, o, -1)
			for qq := range np {
				if qq == i {
					continue
				}
				for t := range len(q.g.Strategies[qq]) {
					c := q.offset[qq] + t
					J.Set(o+st, c, -lam*(D[i][st*q.n+c]-D[i][c])*p[c])
				}
			}
		}
	}
}

// newton solves the system at λ from y (changed in place) and reports the
// iterations it took and whether it converged.
func (q *qreSystem) newton(y []float64, lam float64) (int, bool) {
	r := make([]float64, q.n)
	J := mat.NewDense(q.n, q.n, nil)
	var dx mat.VecDense
	for it := 1; it <= 30; it++ {
		q.residual(y, lam, r)
		worst := 0.0
		for _, v := range r {
			worst = math.Max(worst, math.Abs(v))
		}
		if math.IsNaN(worst) || math.IsInf(worst, 0) {
			return it, false
		}
		// Converged when the residual is at rounding level of its terms
		// (λ·u reaches λ times the largest payoff).
		if worst < 1e-12*math.Max(1, lam*q.scale) {
			return it, true
		}
		q.jacobian(y, lam, J)
		if err := dx.SolveVec(J, mat.NewVecDense(q.n, r)); err != nil {
			// An ill-conditioned Jacobian (strategies whose probabilities
			// underflow at large λ) still gives a usable step; the
			// residual test decides.
			var c mat.Condition
			if !errors.As(err, &c) || math.IsInf(float64(c), 1) {
				return it, false
			}
		}
		for i := range y {
			y[i] -= dx.AtVec(i)
		}
	}
	return 30, false
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
