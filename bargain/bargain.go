// Package bargain asks whether each actor would sign a package, and whether
// any package is signed by all: the zone of agreement.
//
// It holds three pieces, each documented with its source:
//
//   - The bargaining range of Fearon (1995) on the disputed territory: with p
//     the share of the disputed area the attacker expects to take by a year
//     of war, and cA, cD each side's cost of that war as a share of the
//     area's value, the attacker prefers any settlement giving it at least
//     p − cA, the defender any giving at most p + cD; the range [p − cA,
//     p + cD] is never empty when war is costly. Shifting power (Powell
//     2006): when p rises over time, the attacker expects more tomorrow than
//     it can be promised today, which is the commitment problem that
//     third-party guarantees address (Walter 1997).
//   - Acceptance margins of each actor for a package (in the actor's own
//     unit), with hard red lines overriding.
//   - The Nash bargaining solution over a finite set of packages, symmetric
//     (Nash 1950) or weighted by clout (Kalai 1977), and the starting
//     statistics of spatial models (capability × salience weighted mean and
//     median positions; Bueno de Mesquita 1994; Scholz, Calbert and Smith
//     2011).
//
// References:
//
//   - Bueno de Mesquita, B. (1994). Political forecasting: an expected utility
//     method. In European Community Decision Making, Yale University Press.
//   - Fearon, J. D. (1995). Rationalist explanations for war. International
//     Organization 49(3):379-414.
//   - Kalai, E. (1977). Nonsymmetric Nash solutions and replications of
//     2-person bargaining. International Journal of Game Theory 6:129-133.
//   - Nash, J. F. (1950). The bargaining problem. Econometrica 18(2):155-162.
//   - Powell, R. (2006). War as a commitment problem. International
//     Organization 60(1):169-203.
//   - Scholz, J. B., Calbert, G. J. and Smith, G. A. (2011). Unravelling Bueno
//     de Mesquita's group decision model. Journal of Theoretical Politics
//     23(4):510-531.
//   - Walter, B. F. (1997). The critical barrier to civil war settlement.
//     International Organization 51(3):335-364.
package bargain

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Range is a Fearon bargaining range over the share x of the disputed area
// that goes to the attacker.
type Range struct {
	P  float64 `json:"p"` // expected share taken by war
	CA float64 `json:"c_attacker"`
	CD float64 `json:"c_defender"`
	// Low ≤ x ≤ High is acceptable to both (clipped to [0, 1]).
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
	Empty bool    `json:"empty"`
}

// Fearon computes the bargaining range. p, cA and cD are shares of the
// disputed area's value; costs must be ≥ 0.
func Fearon(p, cA, cD float64) (Range, error) {
	for _, x := range []float64{p, cA, cD} {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return Range{}, errors.New("bargain: p and costs must be finite")
		}
	}
	if cA < 0 || cD < 0 {
		return Range{}, errors.New("bargain: war costs must be >= 0")
	}
	p = math.Min(1, math.Max(0, p))
	r := Range{P: p, CA: cA, CD: cD, Low: math.Max(0, p-cA), High: math.Min(1, p+cD)}
	r.Empty = r.Low > r.High
	return r, nil
}

// Verdict is one actor's view of a package.
type Verdict struct {
	Actor  string  `json:"actor"`
	Accept bool    `json:"accept"`
	Hard   bool    `json:"hard_red_line"` // rejected on a non-negotiable red line
	Margin float64 `json:"margin"`        // how far above (+) or below (−) its reservation
	Unit   string  `json:"unit"`
	Reason string  `json:"reason"`
}

// Option is a candidate package with each actor's utility for it and the
// actor's disagreement (reservation) utility, in a common unit.
type Option struct {
	Name    string
	Utility []float64
}

// Nash returns the index of the option maximising the (weighted) Nash
// product Π (u_i − d_i)^{w_i} over options that give every actor more than
// its disagreement value d_i, or −1 if none does. Weights default to 1.
func Nash(opts []Option, d, w []float64) (int, error) {
	if len(d) == 0 {
		return -1, errors.New("bargain: no actors")
	}
	if w == nil {
		w = make([]float64, len(d))
		for i := range w {
			w[i] = 1
		}
	}
	if len(w) != len(d) {
		return -1, errors.New("bargain: one weight per actor")
	}
	best, bestV := -1, math.Inf(-1)
	for k, o := range opts {
		if len(o.Utility) != len(d) {
			return -1, fmt.Errorf("bargain: option %s has %d utilities for %d actors", o.Name, len(o.Utility), len(d))
		}
		v := 0.0
		ok := true
		for i, u := range o.Utility {
			if !(u > d[i]) {
				ok = false
				break
			}
			v += w[i] * math.Log(u-d[i]) // log of the product
		}
		if ok && v > bestV {
			best, bestV = k, v
		}
	}
	return best, nil
}

// SpatialActor is an actor in a spatial model: capability, and a position
// and salience on each dimension.
type SpatialActor struct {
	Name       string
	Capability float64
	Position   []float64
	Salience   []float64
}

// WeightedMean is Σ c·s·x / Σ c·s on dimension k.
func WeightedMean(actors []SpatialActor, k int) float64 {
	var num, den float64
	for _, a := range actors {
		w := a.Capability * a.Salience[k]
		num += w * a.Position[k]
		den += w
	}
	if den == 0 {
		return math.NaN()
	}
	return num / den
}

// WeightedMedian is the position on dimension k at which the cumulative
// capability × salience weight, positions sorted, first reaches half the
// total (the median voter position of Bueno de Mesquita's model).
func WeightedMedian(actors []SpatialActor, k int) float64 {
	type pw struct{ x, w float64 }
	var ps []pw
	total := 0.0
	for _, a := range actors {
		w := a.Capability * a.Salience[k]
		ps = append(ps, pw{a.Position[k], w})
		total += w
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].x < ps[j].x })
	acc := 0.0
	for _, p := range ps {
		acc += p.w
		if acc >= total/2 {
			return p.x
		}
	}
	return math.NaN()
}
