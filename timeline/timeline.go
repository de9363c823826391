// Package timeline models the cease-fire month by month: given the
// deterrence game's yearly probability of attack at a few dates (knots)
// of the cease-fire, as each side rebuilds, forces arrive or leave and
// promises age, it gives the hazard of a renewed attack in every month and
// P(attack by year t), letting the attacker choose when to attack: now,
// or later when the balance suits it better.
//
// It is for the question "when is the risk highest, and why". It is not
// the deterrence game (package deterrence answers "would it attack, given
// the state at a date") and it does not build the states at each date
// (the engine does, from the scenario).
//
// # The model
//
// At knot k (month m_k) the game gives the attacker's net value of its
// best attack then, in units of the spread of its resolve,
//
//	u_k = U_k / σ_A,   P_k = Φ(u_k)
//
// (the deterrence game's attacker attacks within the year when its value
// plus a normal resolve shock of spread σ_A is positive, so P_k is the
// game's yearly probability of attack). Between knots u is interpolated
// linearly in months, and held after the last.
//
// Each month the attacker has a resolve shock ε ~ N(0, 1) (in the same
// units), fresh each year as in the game. It attacks in month t if
// attacking now is worth something and more than attacking k months later
// with the same resolve, for every k up to the look-ahead K:
//
//	u(t) + ε > 0   and   u(t) + ε ≥ δ^(k/12) (u(t+k) + ε),  k = 1..K
//
// with δ the yearly discount factor. The second condition is Powell's
// (2006) comparison of fighting now with fighting later, generalised from
// one year to every month of the look-ahead: with u rising (the attacker
// rebuilding, the guarantors' resolve fading) a resolved attacker waits
// ("playing for time"); with u falling (the defender building up, a force
// arriving) it has no reason to wait and strikes before the window
// closes. Solving for ε, the attacker attacks in a year of that month's
// state with probability
//
//	q(t) = 1 − Φ(max(−u(t), max_k (δ^(k/12) u(t+k) − u(t)) / (1 − δ^(k/12))))
//
// and the monthly hazard keeps the game's yearly scale:
//
//	h(t) = 1 − (1 − q(t))^(1/12),   P(attack by month T) = 1 − Π_{t<T} (1 − h(t))
//
// With nothing changing (u constant) the waiting terms equal −u, q = P
// and P(attack by year y) = 1 − (1 − P)^y: the game's own answer, which a
// test checks.
//
// Units: months; probabilities in [0, 1]; u dimensionless.
//
// References:
//
//	Powell, R. (2006). War as a commitment problem. International
//	  Organization 60(1): 169-203.
//	Fearon, J. D. (1995). Rationalist explanations for war. International
//	  Organization 49(3): 379-414 (preventive war and shifting power).
//	Fortna, V. P. (2003). Scraps of paper? Agreements and the durability of
//	  peace. International Organization 57(2): 337-372 (hazard of renewed war
//	  over time).
package timeline

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Knot is the game's answer at one date of the cease-fire.
type Knot struct {
	Month float64 // months since the cease-fire, >= 0
	// U is the attacker's net value of its best attack with the state of
	// that month over the spread of its resolve (deterrence.Result.Utility
	// / Params.SigmaA): the game's yearly P(attack) is Φ(U).
	U float64
}

// Input is the timeline of one package.
type Input struct {
	Knots []Knot // in increasing month, the first at month 0
	// Months is the horizon (at least 12).
	Months int
	// Discount is the attacker's yearly discount factor δ in (0, 1).
	Discount float64
	// Lookahead is K, the months ahead the attacker compares (0: none,
	// the myopic attacker of the one-year game).
	Lookahead int
}

// Result is the timeline's answer.
type Result struct {
	// Hazard[t] is the probability of an attack in month t given none
	// before.
	Hazard []float64
	// Myopic[t] is the hazard of an attacker that never waits (K = 0):
	// the difference is the effect of choosing when.
	Myopic []float64
	// ByYear[y-1] is P(attack by the end of year y), y = 1..Months/12;
	// MyopicByYear the same for the attacker that never waits.
	ByYear, MyopicByYear []float64
	// Peak is the month of highest hazard (the first if tied).
	Peak int
	// Waiting[t] reports that in month t the wish to wait for a better
	// moment lowers the hazard by more than a tenth of the myopic one.
	Waiting []bool
}

// Validate checks the input.
func (in *Input) Validate() error {
	if len(in.Knots) == 0 {
		return errors.New("timeline: no knots")
	}
	if in.Knots[0].Month != 0 {
		return fmt.Errorf("timeline: the first knot is at month %g, not 0", in.Knots[0].Month)
	}
	for i, k := range in.Knots {
		if math.IsNaN(k.U) || math.IsInf(k.U, 0) {
			return fmt.Errorf("timeline: knot %d: value %g is not a finite number", i, k.U)
		}
		if i > 0 && !(k.Month > in.Knots[i-1].Month) {
			return fmt.Errorf("timeline: knot %d at month %g is not after the one before", i, k.Month)
		}
	}
	if in.Months < 12 || in.Months > 1200 {
		return fmt.Errorf("timeline: horizon of %d months outside 12-1200", in.Months)
	}
	if !(in.Discount > 0 && in.Discount < 1) {
		return fmt.Errorf("timeline: discount factor %g outside (0, 1)", in.Discount)
	}
	if in.Lookahead < 0 || in.Lookahead > 600 {
		return fmt.Errorf("timeline: look-ahead of %d months outside 0-600", in.Lookahead)
	}
	return nil
}

// Value is u at month t: linear between knots, held after the last.
func (in *Input) Value(t float64) float64 {
	ks := in.Knots
	if t <= ks[0].Month {
		return ks[0].U
	}
	for i := 1; i < len(ks); i++ {
		if t <= ks[i].Month {
			a, b := ks[i-1], ks[i]
			w := (t - a.Month) / (b.Month - a.Month)
			return (1-w)*a.U + w*b.U
		}
	}
	return ks[len(ks)-1].U
}

// Solve computes the monthly hazard and the curve.
func Solve(in *Input) (*Result, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	n := in.Months
	// u over the horizon and the look-ahead beyond it.
	us := make([]float64, n+in.Lookahead+1)
	for t := range us {
		us[t] = in.Value(float64(t))
	}
	disc := make([]float64, in.Lookahead+1)
	for k := range disc {
		disc[k] = math.Pow(in.Discount, float64(k)/12)
	}
	r := &Result{Hazard: make([]float64, n), Myopic: make([]float64, n), Waiting: make([]bool, n)}
	monthly := func(q float64) float64 { return 1 - math.Pow(1-q, 1.0/12) }
	for t := range n {
		thr := -us[t]
		myopic := thr
		for k := 1; k <= in.Lookahead; k++ {
			if w := (disc[k]*us[t+k] - us[t]) / (1 - disc[k]); w > thr {
				thr = w
			}
		}
		r.Hazard[t] = monthly(1 - distuv.UnitNormal.CDF(thr))
		r.Myopic[t] = monthly(1 - distuv.UnitNormal.CDF(myopic))
		r.Waiting[t] = r.Hazard[t] < 0.9*r.Myopic[t]
		if r.Hazard[t] > r.Hazard[r.Peak] {
			r.Peak = t
		}
	}
	survive, myopic := 1.0, 1.0
	for t := range n {
		survive *= 1 - r.Hazard[t]
		myopic *= 1 - r.Myopic[t]
		if (t+1)%12 == 0 {
			r.ByYear = append(r.ByYear, 1-survive)
			r.MyopicByYear = append(r.MyopicByYear, 1-myopic)
		}
	}
	return r, nil
}
